// The demo page in headless Chromium: diagnostics next to their lines, the Secret the library
// builds, no secret in the visible text, and no request leaving the page's own origin.
import { gunzipSync } from 'node:zlib';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { create, toSecret, link, globalPullSecret, fix } from '../../npm/wasm/node.js';

const root = fileURLToPath(new URL('../../web-demo/dist/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const CANARY = 'canary-S3cr3t-4242';

let server;
let origin;
let profileDir;
let context;
let page;
const requests = [];
const problems = [];

before(async () => {
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${server.address().port}/`;

  profileDir = mkdtempSync(join(tmpdir(), 'pullsecret-demo-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`pageerror: ${e.error().message}`));
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  await page.goto(origin);
  await page.waitForSelector('body.ready');
});

after(async () => {
  try {
    await context?.close();
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
});

/** The data-line of the nearest line row at or before a diagnostic element (itself or a previous sibling). */
const rowLineOf = (locator) =>
  locator.evaluate((el) => {
    for (let n = el; n; n = n.previousElementSibling) {
      if (n.classList.contains('line')) return Number(n.dataset.line);
    }
    const row = el.closest('.line');
    return row ? Number(row.dataset.line) : null;
  });

test('a broken auth is reported on its line, right below the line', async () => {
  await page.fill('#input', '{\n  "auths": {\n    "quay.io": {"auth": "bad"}\n  }\n}');
  const diag = page.locator('#diagnostics [data-code="auth-not-base64"]');
  await diag.waitFor();
  assert.equal(await diag.count(), 1);
  assert.equal(await diag.getAttribute('data-line'), '3');
  assert.equal(await rowLineOf(diag), 3, 'diagnostic follows the row of line 3');
  assert.equal(await page.locator('#diagnostics .line[data-line="3"] + .diag').getAttribute('data-code'), 'auth-not-base64');
  assert.equal(await page.locator('#diagnostics .line[data-line="3"]').count(), 1);
  assert.match(await page.locator('#diagnostics .line[data-line="3"]').innerText(), /"quay\.io": \{"auth": "bad"\}/);
  assert.match(await diag.innerText(), /auth-not-base64/);
  assert.match(await page.locator('#summary').innerText(), /1 error/);
  assert.match(await page.locator('#summary').innerText(), /dockerconfigjson/);
  const row = page.locator('#entries tbody tr[data-registry="quay.io"]');
  assert.equal(await row.count(), 1);
  assert.equal(await row.locator('[data-client="kubelet"]').getAttribute('data-status'), 'fails-all');
  assert.match(await row.locator('[data-client="kubelet"]').getAttribute('title'), /base64/);
});

test('a pasted stream shows every pull Secret with its own headline and entries; the Opaque one is skipped', async () => {
  const b64 = (t) => Buffer.from(t).toString('base64');
  const secret = (name, type, data) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: apps\ntype: ${type}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`;
  const stream = [
    secret('app-config', 'Opaque', { token: b64('t0ken') }),
    secret('good', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': b64('{"auths":{"quay.io":{"auth":"dTpw"}}}') }),
    secret('broken', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': b64('{"auths":{"r.io":{"auth":"bad"}}}') }),
  ].join('---\n');
  await page.fill('#input', stream);
  await page.waitForFunction(() => document.getElementById('summary').innerText.includes('pull secrets'));
  const diag = page.locator('#diagnostics [data-code="auth-not-base64"]');
  assert.equal(await diag.count(), 1);
  assert.equal(await diag.getAttribute('data-line'), '26', 'the finding is on the line of the third document');
  const summary = await page.locator('#summary').innerText();
  assert.match(summary, /2 pull secrets/);
  assert.match(summary, /1 error/);
  assert.match(summary, /Secret “good” in apps \(document 2, line 10\)/);
  assert.match(summary, /Secret “broken” in apps \(document 3, line 19\)/);
  assert.doesNotMatch(summary, /app-config/);
  // The chips speak of the stream: one of the two pull secrets fails for every client.
  assert.equal(await page.locator('.client[data-client="kubelet"]').first().textContent(), 'kubelet: fails for 1 of 2 pull secrets');
  const heads = page.locator('#entries tbody tr.object-row');
  assert.equal(await heads.count(), 2);
  assert.match(await heads.nth(0).textContent(), /✓ Valid Secret “good”/);
  assert.match(await heads.nth(1).textContent(), /✗ 1 error Secret “broken”/);
  // Each object's rows follow its headline.
  assert.equal(await page.locator('#entries tbody tr.object-row + tr[data-registry="quay.io"]').count(), 1);
  assert.equal(await page.locator('#entries tbody tr.object-row + tr[data-registry="r.io"]').count(), 1);
  assert.equal(await page.locator('#entries tr[data-registry="r.io"] [data-client="kubelet"]').getAttribute('data-status'), 'fails-all');
});

test('checks run in a Web Worker: a 1 MB paste leaves the page responsive, and its report arrives', async () => {
  const auths = Object.fromEntries(Array.from({ length: 7000 }, (_, i) => [`r${i}.example.com`, { auth: Buffer.from(`user${i}:pw${i}`).toString('base64') }]));
  const big = JSON.stringify({ auths }, null, 2);
  await page.evaluate((text) => {
    const el = document.getElementById('input');
    el.value = text;
    el.dispatchEvent(new Event('input'));
  }, big);
  // The check is in the worker (the paste's own input event returns at once); the page answers.
  assert.ok(page.workers().some((w) => w.url().endsWith('/checker.js')), `workers: ${page.workers().map((w) => w.url())}`);
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await page.waitForFunction(() => document.getElementById('summary').innerText.includes('7000 entries'), null, { timeout: 60000 });
  await page.fill('#input', '');
});

test('a JSON syntax error is reported on the line of the error', async () => {
  await page.fill('#input', '{\n  "auths": {\n    "r.io": {"auth": "dTpw"},\n  }\n}');
  const diag = page.locator('#diagnostics [data-code="json-syntax"]');
  await diag.waitFor();
  assert.equal(await diag.getAttribute('data-line'), '4');
  assert.equal(await rowLineOf(diag), 4);
  assert.equal(await page.locator('#diagnostics [data-code="auth-not-base64"]').count(), 0, 'old findings are gone');
  assert.equal(await page.locator('#entries tbody tr[data-registry]').count(), 0);
});

test('user data is shown as text, never parsed as markup', async () => {
  const evil = '<img src="https://evil.example/x.png" onerror="window.__pwned=1">';
  const config = JSON.stringify({ auths: { [evil]: { username: evil, password: 'p', auth: 'bad' } } }, null, 2);
  await page.fill('#input', config);
  await page.locator('#entries tbody tr[data-registry]').waitFor();
  assert.equal(await page.locator('#entries .reg-name').textContent(), evil);
  assert.equal(await page.locator('#entries td.username').textContent(), evil);
  assert.equal(await page.locator('body img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('a dropped file is read as bytes: its BOM is kept and reported', async () => {
  await page.fill('#input', '');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"auths":{"quay.io":{"auth":"dTpw"}}}')]);
    dt.items.add(new File([bytes], 'config.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.locator('#diagnostics [data-code="bom"][data-line="1"]').waitFor();
  assert.ok((await page.inputValue('#input')).startsWith('\ufeff{"auths"'));
  assert.equal(await page.locator('#entries tbody tr[data-registry="quay.io"]').count(), 1);
});

test('the form builds exactly the Secret the library builds', async () => {
  const password = 'pä$$wörd<&>:"x\'ü';
  await page.fill('#f-username', 'u');
  await page.fill('#f-password', password);
  await page.fill('#f-name', 'foo');
  await page.fill('#f-namespace', 'ns');
  await page.selectOption('#f-output', 'yaml');
  await page.click('#build');
  const expected = toSecret(create({ username: 'u', password }), { name: 'foo', namespace: 'ns' });
  await page.waitForFunction((text) => document.getElementById('secret-output').textContent === text, expected);
  const shown = await page.locator('#secret-output').textContent();
  assert.equal(shown, expected);
  assert.ok(shown.startsWith('apiVersion: v1\n'));
  assert.match(shown, /^ {2}name: foo$/m);
  assert.match(shown, /^ {2}namespace: ns$/m);
  assert.ok(await page.locator('#form-error').isHidden());

  // JSON output, then the download of it.
  await page.selectOption('#f-output', 'json');
  const expectedJson = toSecret(create({ username: 'u', password }), { name: 'foo', namespace: 'ns', output: 'json' });
  await page.waitForFunction((text) => document.getElementById('secret-output').textContent === text, expectedJson);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'foo.json');
  assert.equal(await readFile(await download.path(), 'utf8'), expectedJson);
  await page.selectOption('#f-output', 'yaml');
  await page.waitForFunction((text) => document.getElementById('secret-output').textContent === text, expected);

  // Copy: the clipboard API or the selection fallback, never an error.
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
});

test('library errors appear in the form, with their code', async () => {
  await page.fill('#f-username', '');
  await page.click('#build');
  const error = page.locator('#form-error');
  await error.waitFor();
  assert.match(await error.innerText(), /missing-option/);
  assert.match(await page.locator('#secret-output').textContent(), /Fill in/);
  await page.fill('#f-username', 'u');
  await error.waitFor({ state: 'hidden' });
  await page.fill('#f-name', '');
  await error.waitFor();
  assert.match(await error.innerText(), /missing-option.*name/);
  await page.fill('#f-name', 'foo');
  await error.waitFor({ state: 'hidden' });
});

test('a canary password never reaches the visible text', async () => {
  await page.fill('#f-username', 'alice');
  await page.fill('#f-password', CANARY);
  await page.click('#build');
  await page.waitForFunction(() => document.getElementById('secret-output').textContent.startsWith('apiVersion: v1'));
  const config = JSON.stringify(
    { auths: { 'quay.io': { username: 'bob', password: CANARY, auth: Buffer.from(`bob:${CANARY}`).toString('base64') }, 'r.io': { username: 'carol', password: CANARY } } },
    null,
    2,
  );
  await page.fill('#input', config);
  await page.locator('#diagnostics [data-code="missing-auth"]').waitFor();
  assert.equal(await page.locator('#entries tbody tr[data-registry]').count(), 2);
  // The same config as a Secret, whose diagnostics point into the encoded data.
  await page.fill('#input', toSecret(config, { name: 'leak-check' }));
  await page.waitForFunction(() => document.getElementById('summary').innerText.includes('leak-check'));
  assert.equal(await page.locator('#diagnostics [data-code="missing-auth"]').count(), 1);

  const visible = await page.evaluate(() => document.body.innerText);
  assert.ok(!visible.includes(CANARY), 'the canary is not in the visible text');
  assert.ok(!visible.includes('password'.concat('": "', CANARY)));
  // And nowhere in the DOM outside the two inputs that hold it.
  const elsewhere = await page.evaluate((canary) => {
    const hits = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.id === 'input' || el.id === 'f-password') continue;
      for (const a of el.attributes) if (a.value.includes(canary)) hits.push(`${el.tagName}[${a.name}]`);
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.data.includes(canary)) hits.push(el.tagName);
    }
    return hits;
  }, CANARY);
  assert.deepEqual(elsewhere, []);
});

test('the examples load, and the page renders them with the form filled', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.click('[data-example="broken"]');
  await page.locator('#diagnostics [data-code="auth-unpadded"]').waitFor();
  await page.fill('#f-server', 'ghcr.io');
  await page.fill('#f-username', 'octocat');
  await page.fill('#f-password', 'example-password');
  await page.fill('#f-email', 'octocat@example.com');
  await page.fill('#f-name', 'ghcr-pull');
  await page.fill('#f-namespace', 'apps');
  await page.click('#build');
  await page.waitForFunction(() => document.getElementById('secret-output').textContent.includes('name: ghcr-pull'));
  assert.ok((await page.locator('#entries tbody tr[data-registry]').count()) >= 4);
  // DEMO_SCREENSHOT=demo.png keeps a picture of the page for a look.
  if (process.env.DEMO_SCREENSHOT) await page.screenshot({ path: process.env.DEMO_SCREENSHOT, fullPage: true });
});

test('Outputs: a tab shows the converted file, the Mesos archive downloads as gzip bytes', async () => {
  await page.fill('#input', JSON.stringify({ auths: { 'quay.io': { auth: 'dTpw', email: 'e@x' } } }));
  await page.click('.out-tab[data-to="auth.json"]');
  const pre = page.locator('#out-panel .out-file pre');
  await pre.waitFor();
  assert.equal(await pre.textContent(), '{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t}\n}');
  assert.match(await page.locator('#out-panel .out-dropped').innerText(), /email of quay\.io/);
  await page.click('.out-tab[data-to="mesos"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#out-panel .out-download')]);
  assert.equal(download.suggestedFilename(), 'docker.tar.gz');
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0x1f, 0x8b, 8]);
  // A gzip of a tar: the second entry is .docker/config.json with the config the page converted.
  const tar = gunzipSync(bytes);
  assert.equal(tar.subarray(512, 512 + 19).toString(), '.docker/config.json');
  assert.match(tar.subarray(1024, 2048).toString(), /"quay\.io"/);
  // Changing the input withdraws the converted files.
  await page.fill('#input', '{}');
  assert.equal(await page.locator('#out-panel .out-file').count(), 0);
});

/** Clicks a block's Download and returns the suggested name and the bytes as text. */
async function downloadOf(block) {
  const [download] = await Promise.all([page.waitForEvent('download'), block.locator('.out-download').click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** Fills the Secret form (every other field emptied). */
async function fillForm(values) {
  const fields = { server: '', username: '', password: '', email: '', name: 'regcred', namespace: '', labels: '', annotations: '', ...values };
  for (const [k, v] of Object.entries(fields)) await page.fill(`#f-${k}`, v);
}

test('Secret form: --append-hash, labels, annotations, JSON and the older-kubectl line', async () => {
  await page.selectOption('#f-output', 'yaml');
  await fillForm({ server: 'quay.io', username: 'u', password: 'p', name: 'pull', namespace: 'apps', labels: 'app=web, tier=db', annotations: 'note=a=b\nowner=team-a' });
  await page.check('#f-append-hash');
  await page.check('#f-timestamp');
  const options = { name: 'pull', namespace: 'apps', appendHash: true, creationTimestamp: true, labels: { app: 'web', tier: 'db' }, annotations: { note: 'a=b', owner: 'team-a' } };
  const expected = toSecret(create({ server: 'quay.io', username: 'u', password: 'p' }), options);
  await page.waitForFunction((text) => document.getElementById('secret-output').textContent === text, expected);
  assert.match(expected, /^ {2}name: pull-[a-z0-9]{10}$/m);
  assert.match(expected, /^ {2}creationTimestamp: null$/m);
  assert.match(expected, /^ {4}tier: db$/m);
  await page.selectOption('#f-output', 'json');
  const expectedJson = toSecret(create({ server: 'quay.io', username: 'u', password: 'p' }), { ...options, output: 'json' });
  await page.waitForFunction((text) => document.getElementById('secret-output').textContent === text, expectedJson);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(await readFile(await download.path(), 'utf8'), expectedJson);
  // A bad label: the library's error next to the form, no output.
  await page.fill('#f-labels', 'bad key!=v');
  await page.locator('#form-error').waitFor();
  assert.match(await page.locator('#form-error').innerText(), /^invalid-option invalid label key/);
  await page.fill('#f-labels', 'novalue');
  assert.match(await page.locator('#form-error').innerText(), /^invalid-option toSecret: labels: item 1 must be KEY=VALUE/);
  await page.fill('#f-labels', '');
  await page.uncheck('#f-append-hash');
  await page.uncheck('#f-timestamp');
  await page.selectOption('#f-output', 'yaml');
  await page.locator('#form-error').waitFor({ state: 'hidden' });
});

test('Cluster objects: ServiceAccount link, RoleBinding, Pod and Workflow from the form', async () => {
  await fillForm({ server: 'quay.io', username: 'u', password: 'p', name: 'regcred', namespace: 'apps' });
  const panel = page.locator('#obj-panel');
  await page.click('#cluster-panel .out-tab[data-tab="link"]');
  await page.selectOption('#sa-for', 'pull');
  const object = panel.locator('[data-kind="object"] pre');
  await object.waitFor();
  // What `oc secrets link default regcred --for=pull -n apps` leaves (kubectl's key order).
  assert.equal(await object.textContent(), 'apiVersion: v1\nimagePullSecrets:\n- name: regcred\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: apps\n');
  assert.equal(await panel.locator('[data-kind="patch"] pre').textContent(), '{"imagePullSecrets":[{"name":"regcred"}]}');
  assert.equal(await panel.locator('[data-kind="oc-command"] pre').textContent(), 'oc secrets link default regcred -n apps --for=pull');
  // A pasted ServiceAccount keeps its pull secrets; the download is the shown text.
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: apps\nimagePullSecrets:\n- name: builder-dockercfg-x7k2p\n';
  await page.fill('#sa-current', sa);
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="object"] pre')?.textContent.includes('builder-dockercfg'));
  const expected = link(sa, { secrets: ['regcred'], for: 'pull', namespace: 'apps', output: 'yaml' });
  assert.equal(await object.textContent(), expected.object);
  assert.equal(await panel.locator('[data-kind="patch"] pre').textContent(), '{"imagePullSecrets":[{"name":"builder-dockercfg-x7k2p"},{"name":"regcred"}]}');
  const saved = await downloadOf(panel.locator('[data-kind="object"]'));
  assert.deepEqual(saved, { name: 'serviceaccount-builder.yaml', text: expected.object });
  // A broken paste: the error with its position next to the fields, no output.
  await page.fill('#sa-current', 'kind: Foo\n');
  await page.locator('#obj-error').waitFor();
  assert.match(await page.locator('#obj-error').innerText(), /^not-an-object .*\(line 1, column 7\)/);
  assert.equal(await panel.locator('.out-file').count(), 0);
  await page.fill('#sa-current', '');

  await page.click('#cluster-panel .out-tab[data-tab="grant"]');
  await page.fill('#rb-from', 'project-a');
  await page.fill('#rb-to', 'project-b');
  await page.check('#rb-group');
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="object"] pre')?.textContent.includes('kind: Group'));
  assert.equal(
    await object.textContent(),
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: system:image-puller\n  namespace: project-b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: system:image-puller\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: system:serviceaccounts:project-a\n',
  );
  assert.equal(await panel.locator('[data-kind="command"] pre').textContent(), 'oc policy add-role-to-group system:image-puller system:serviceaccounts:project-a --namespace=project-b');
  const rb = await downloadOf(panel.locator('[data-kind="object"]'));
  assert.equal(rb.name, 'rolebinding-system_image-puller.yaml');
  assert.equal(rb.text, await object.textContent());

  await page.click('#cluster-panel .out-tab[data-tab="pod"]');
  await page.fill('#wl-image', 'quay.io/org/app:1.2');
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="object"] pre')?.textContent.includes('kind: Pod'));
  assert.match(await object.textContent(), /^ {2}imagePullSecrets:\n {2}- name: regcred\n/m);
  assert.match(await object.textContent(), /^ {2}- image: quay\.io\/org\/app:1\.2$/m);
  await page.click('#cluster-panel .out-tab[data-tab="workflow"]');
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="object"] pre')?.textContent.includes('kind: Workflow'));
  assert.match(await object.textContent(), /^ {2}generateName: pull-$/m);
  assert.match(await object.textContent(), /^ {2}imagePullSecrets:\n {2}- name: regcred\n/m);
  // The objects follow the form: a new secret name shows up at once.
  await page.fill('#f-name', 'other');
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="object"] pre')?.textContent.includes('- name: other'));
  await page.fill('#f-name', 'regcred');
});

test('Cluster objects: delegated auth pair and the global pull secret (OpenShift and HyperShift)', async () => {
  await fillForm({ server: 'registry.redhat.io', username: 'u', password: 'p', name: 'regcred', namespace: 'apps' });
  const panel = page.locator('#obj-panel');
  await page.click('#cluster-panel .out-tab[data-tab="delegated"]');
  await page.fill('#da-server', 'sso.redhat.com');
  await page.locator('#obj-panel [data-kind="secret"]').nth(1).waitFor();
  assert.deepEqual(await panel.locator('[data-kind="secret"] .output-title').allTextContents(), ['Secret regcred-auth (for sso.redhat.com)', 'Secret regcred (for registry.redhat.io)']);
  assert.equal((await panel.locator('[data-kind="object"] pre').textContent()).split('\n---\n').length, 2);

  await page.click('#cluster-panel .out-tab[data-tab="global"]');
  const current = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull-secret\n  namespace: openshift-config\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJjbG91ZC5vcGVuc2hpZnQuY29tIjp7ImF1dGgiOiJkVHB3In19fQ==\n';
  await page.fill('#gps-current', current);
  const config = panel.locator('[data-kind="config"] pre');
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="config"] pre')?.textContent.includes('registry.redhat.io'));
  const expected = globalPullSecret(current, { registry: 'registry.redhat.io', username: 'u', password: 'p', output: 'yaml' });
  assert.equal(await config.textContent(), expected.config);
  assert.match(expected.config, /"cloud\.openshift\.com":\{"auth":"dTpw"\}/);
  assert.equal(await panel.locator('[data-kind="object"] pre').textContent(), expected.secret);
  assert.equal(await panel.locator('[data-kind="command"] pre').textContent(), 'oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=pull-secret.json');
  assert.deepEqual(await panel.locator('.out-added li').allTextContents(), ['registry.redhat.io']);
  assert.deepEqual(await downloadOf(panel.locator('[data-kind="config"]')), { name: 'pull-secret.json', text: expected.config });

  await page.fill('#gps-current', '');
  await page.check('#gps-hypershift');
  await page.waitForFunction(() => document.querySelector('#obj-panel [data-kind="object"] pre')?.textContent.includes('additional-pull-secret'));
  assert.match(await panel.locator('[data-kind="object"] pre').textContent(), /^ {2}namespace: kube-system$/m);
  assert.match(await panel.locator('[data-kind="command"] pre').textContent(), /^oc create secret generic additional-pull-secret -n kube-system /);
  await page.uncheck('#gps-hypershift');
  // No registry in the form: the library's error next to the fields.
  await page.fill('#f-server', '');
  await page.locator('#obj-error').waitFor();
  assert.match(await page.locator('#obj-error').innerText(), /^missing-option /);
  await page.fill('#f-server', 'registry.redhat.io');
  await page.locator('#obj-error').waitFor({ state: 'hidden' });
});

test('Which credential? shows the entry and rule each client uses', async () => {
  await page.fill('#input', JSON.stringify({ auths: { 'quay.io': { auth: 'dTpw' }, 'quay.io/org': { auth: 'eDp5' } } }, null, 2));
  await page.fill('#lookup-image', 'quay.io/org/app:1.2');
  const row = (client) => page.locator(`#lookup-table tr[data-client="${client}"]`);
  await row('docker').waitFor();
  const tried = (client) => row(client).locator('li').evaluateAll((lis) => lis.map((li) => `${li.dataset.registry} ${li.dataset.rule}`));
  // kubelet: every matching key, most specific first; containers/image: the most specific
  // namespace; docker: the hostname only (upstream keyring.go, auth.go, docker/cli registry.go).
  assert.deepEqual(await tried('kubelet'), ['quay.io/org path-prefix', 'quay.io host']);
  assert.deepEqual(await tried('containers'), ['quay.io/org namespace']);
  assert.deepEqual(await tried('docker'), ['quay.io exact']);
  assert.equal(await row('docker').locator('[data-status]').getAttribute('data-status'), 'credentials');
  await page.fill('#lookup-image', 'ghcr.io/x/y');
  await page.waitForFunction(() => document.querySelector('#lookup-table tr[data-client="containers"] [data-status]')?.dataset.status === 'none');
  await page.fill('#lookup-image', 'Bad Image');
  await page.locator('#lookup-error').waitFor();
  assert.match(await page.locator('#lookup-error').innerText(), /^invalid-option /);
  await page.fill('#lookup-image', '');
  await page.locator('#lookup-error').waitFor({ state: 'hidden' });
});

/** Drops a file of `text` named `name` on the page, as a user would. */
const dropFile = (name, text) =>
  page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text]);

/** The text and attributes of an element and its descendants that hold one of `needles`. */
const holding = (selector, needles) =>
  page.evaluate(([sel, list]) => {
    const found = [];
    const root = document.querySelector(sel);
    for (const el of [root, ...root.querySelectorAll('*')]) {
      for (const a of el.attributes) if (list.some((x) => a.value.includes(x))) found.push(`${el.tagName}[${a.name}]`);
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && list.some((x) => n.data.includes(x))) found.push(`${el.tagName}.${el.className} text`);
    }
    return found;
  }, [selector, needles]);

test('Verify against the registries: why not from the page, and the exact pullsecret verify command, without the secret', async () => {
  const before = requests.length;
  const auth = Buffer.from(`bob:${CANARY}`).toString('base64');
  const config = JSON.stringify({ auths: { 'quay.io': { username: 'bob', password: CANARY, auth } } }, null, 2);
  const command = page.locator('#verify-out [data-kind="command"] pre');
  const commandIs = (text) => page.waitForFunction((t) => document.querySelector('#verify-out [data-kind="command"] pre')?.textContent === t, text);
  const panelClean = async (after) => assert.deepEqual(await holding('#verify-panel', [CANARY, auth]), [], `canary in the verify panel after ${after}`);

  await page.fill('#lookup-image', '');
  await page.fill('#input', '');
  await page.locator('#verify-out .note').waitFor();
  assert.equal(await page.locator('#verify-out').innerText(), 'Paste or load a config in “Check a file” first.');

  // Pasted: the default file name, no image, no client (the command's default, kubelet).
  await page.fill('#input', config);
  await commandIs('pullsecret verify pull-secret.json');
  const why = await page.locator('#verify-why').innerText();
  assert.match(why, /^This page cannot ask them\. Registries send no CORS headers, so the browser blocks a page’s requests to them; and a web page must not send your credentials anywhere: this demo is offline\./);
  const panel = await page.locator('#verify-panel').innerText();
  assert.match(panel, /^Verify against the registries\n/);
  assert.match(panel, /verify\(\) of @pullsecret\/node/);
  assert.equal(await page.locator('#verify-out [data-kind="command"] .output-title').innerText(), 'With the file saved as pull-secret.json');
  await panelClean('the paste');

  // The image of "Which credential?" becomes --image; the command follows it as it is typed.
  await page.fill('#lookup-image', 'quay.io/org/app:1.2');
  await commandIs('pullsecret verify pull-secret.json --image quay.io/org/app:1.2');
  await page.fill('#lookup-image', 'registry.local:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  await commandIs('pullsecret verify pull-secret.json --image registry.local:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  await page.fill('#lookup-image', 'quay.io/org/app:1.2');
  await commandIs('pullsecret verify pull-secret.json --image quay.io/org/app:1.2');
  await panelClean('the image');

  // An opened file: its name, quoted for the shell by the library; a Safe fix keeps it, an edit
  // drops it (the text is no longer that file).
  await dropFile("my pull secret's.json", config.replace(`"${auth}"`, `"${auth.replace(/=+$/, '')}"`));
  await commandIs(`pullsecret verify 'my pull secret'\\''s.json' --image quay.io/org/app:1.2`);
  assert.equal(await page.locator('#verify-out [data-kind="command"] .output-title').innerText(), "For the opened file, my pull secret's.json");
  await page.locator('#fix-list button.fix-all').click();
  await page.waitForFunction(() => document.querySelector('#fixes').hidden);
  await page.locator('#diagnostics .line').first().waitFor();
  assert.equal(await command.textContent(), `pullsecret verify 'my pull secret'\\''s.json' --image quay.io/org/app:1.2`);
  await panelClean('the opened file');
  await page.fill('#input', config);
  await commandIs('pullsecret verify pull-secret.json --image quay.io/org/app:1.2');
  await page.fill('#lookup-image', '');
  await commandIs('pullsecret verify pull-secret.json');

  // Copy, as every other command block.
  await page.click('#verify-out .out-copy');
  await page.waitForFunction(() => document.querySelector('#verify-out .copy-status').textContent !== '');
  await panelClean('the copy');

  // The library's own verify() refuses in a browser, naming the command, and sends nothing.
  const refusal = await page.evaluate(async (text) => {
    const { verify } = await import('./pullsecret.js');
    try {
      await verify(text, { images: ['quay.io/org/app:1.2'] });
      return null;
    } catch (e) {
      return { name: e.name, code: e.code, message: e.message };
    }
  }, config);
  assert.equal(refusal?.name, 'PullSecretError');
  assert.equal(refusal.code, 'unsupported');
  assert.match(refusal.message, /pullsecret verify /);
  assert.ok(!refusal.message.includes(CANARY) && !refusal.message.includes(auth));

  const foreign = requests.slice(before).filter((u) => !u.startsWith(origin));
  assert.deepEqual(foreign, [], 'no request left the page');
  await page.fill('#input', '');
  await page.locator('#verify-out .note').waitFor();
});

test('Why can\'t my pod pull? answers per image from the pasted Pod, Secret and events, with the fix', async () => {
  const secret = toSecret(JSON.stringify({ auths: { 'quay.io/team-a': { username: 'bob', password: CANARY, auth: Buffer.from(`bob:${CANARY}`).toString('base64') } } }), { name: 'regcred', namespace: 'web' });
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: web\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: quay.io/team-b/app:1\n  - name: ok\n    image: quay.io/team-a/ok:2\n';
  await page.fill('#explain-input', `${pod}---\n${secret}`);
  await page.fill('#explain-events', '  Warning  Failed  1m  kubelet  Failed to pull image "quay.io/team-b/app:1": rpc error: 401 UNAUTHORIZED\n');
  const item = (image) => page.locator(`#explain-out li[data-image="${image}"]`);
  await item('quay.io/team-a/ok:2').waitFor();
  assert.equal(await item('quay.io/team-b/app:1').getAttribute('data-status'), 'anonymous');
  assert.equal(await item('quay.io/team-b/app:1').getAttribute('data-failure'), 'unauthorized');
  assert.match(await item('quay.io/team-b/app:1').locator('.explain-answer').innerText(), /the key `?quay\.io\/team-a`? of the Secret `?regcred`? is for the same registry but does not cover/);
  assert.match(await item('quay.io/team-b/app:1').locator('.explain-fix').innerText(), /^Fix: The image is private: add an entry for `?quay\.io\/team-b`? /);
  assert.equal(await item('quay.io/team-a/ok:2').getAttribute('data-status'), 'credentials');
  await noCanary('the explanation');
  // Not a workload: the library's coded error, next to the fields.
  await page.fill('#explain-input', secret);
  await page.locator('#explain-error').waitFor();
  assert.match(await page.locator('#explain-error').innerText(), /^not-an-object /);
  await noCanary('the explain error');
  await page.fill('#explain-input', '');
  await page.locator('#explain-error').waitFor({ state: 'hidden' });
});

test('Safe fixes: one button per repairable code, each click applies exactly fix(text, {codes}), then Apply all', async () => {
  // Two unpadded auths (one of them holding the canary password) and an empty placeholder entry;
  // the canary is also a plain password field, which nothing needs to repair.
  const unpadded = (t) => Buffer.from(t).toString('base64').replace(/=+$/, '');
  const input = `{\n  "auths": {\n    "quay.io": {"auth": "${unpadded(`bob:${CANARY}`)}"},\n    "r.io": {},\n    "registry.example.com": {\n      "auth": "${unpadded('u:pw1')}"\n    },\n    "ghcr.io": {"username": "carol", "password": "${CANARY}", "auth": "${Buffer.from(`carol:${CANARY}`).toString('base64')}"}\n  }\n}\n`;
  assert.deepEqual([...new Set(fix(input).fixes.map((f) => f.code))].sort(), ['auth-unpadded', 'no-credentials'], 'the input has the two findings');
  const fixButton = (code) => page.locator(`#fix-list button[data-code="${code}"]`);
  /** No text or attribute of the fixes area or its announcement holds the canary. */
  const fixesAreaClean = async (after) => {
    const hits = await page.evaluate((canary) => {
      const found = [];
      for (const root of [document.getElementById('fixes'), document.getElementById('fix-status')]) {
        if (root.textContent.includes(canary)) found.push(`#${root.id} text`);
        for (const el of [root, ...root.querySelectorAll('*')]) for (const a of el.attributes) if (a.value.includes(canary)) found.push(`${el.tagName}[${a.name}]`);
      }
      return found;
    }, CANARY);
    assert.deepEqual(hits, [], `canary in the fixes area after ${after}`);
  };

  await page.fill('#input', input);
  await fixButton('no-credentials').waitFor();
  assert.ok(await page.locator('#fixes').isVisible());
  assert.equal(await page.locator('#fix-list button.fix-one').count(), 2);
  assert.equal(await fixButton('auth-unpadded').innerText(), 'Add the missing = padding (2)');
  assert.equal(await fixButton('no-credentials').innerText(), 'Drop the empty entries (1)');
  assert.equal(await page.locator('#fix-list button.fix-all').innerText(), 'Apply all');
  assert.equal(await page.locator('#fix-status').getAttribute('aria-live'), 'polite');
  await fixesAreaClean('the check');

  // One code: the textarea holds exactly what the library gives for it, and the report re-runs.
  const padded = fix(input, { codes: ['auth-unpadded'] });
  assert.equal(padded.changed, true);
  await fixButton('auth-unpadded').click();
  await page.waitForFunction((text) => document.getElementById('input').value === text, padded.text);
  assert.equal(await page.inputValue('#input'), padded.text);
  await fixButton('auth-unpadded').waitFor({ state: 'detached' });
  await page.locator('#diagnostics .line').first().waitFor();
  assert.equal(await page.locator('#diagnostics [data-code="auth-unpadded"]').count(), 0, 'the repaired findings are gone from the report');
  assert.equal(await fixButton('no-credentials').count(), 1, 'the other fix is still offered');
  assert.equal(await page.locator('#fix-list button.fix-one').count(), 1);
  assert.ok(await fixButton('no-credentials').isEnabled());
  assert.match(await page.locator('#fix-status').innerText(), /^Applied 2 fixes: quay\.io: added the = padding to auth; registry\.example\.com: /);
  await fixesAreaClean('the first fix');

  // Apply all: every remaining repair, then no button is left.
  const all = fix(padded.text);
  assert.deepEqual(all.fixes.map((f) => f.code), ['no-credentials']);
  await page.click('#fix-list button.fix-all');
  await page.waitForFunction((text) => document.getElementById('input').value === text, all.text);
  await page.locator('#fixes').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#fix-list button').count(), 0);
  assert.match(await page.locator('#fix-status').innerText(), /^Applied 1 fix: dropped the empty entry r\.io\.$/);
  assert.deepEqual(fix(all.text).fixes, [], 'nothing is left to repair');
  assert.equal(await page.locator('#entries tbody tr[data-registry="r.io"]').count(), 0);
  await fixesAreaClean('Apply all');

  // A new text withdraws the announcement.
  await page.fill('#input', '{"auths":{"quay.io":{"auth":"dTpw"}}}');
  await page.waitForFunction(() => document.getElementById('fix-status').textContent === '');
  assert.ok(await page.locator('#fixes').isHidden());
});

test('Safe fixes: Apply all turns each input of tests/vectors/fix.json into the text fix() gives', async () => {
  const { cases } = JSON.parse(await readFile(new URL('../vectors/fix.json', import.meta.url), 'utf8'));
  // A textarea's value has LF line ends only, so the CRLF cases cannot be pasted as they are.
  const pasteable = cases.filter((c) => !c.options && !c.error && c.expect.changed && !c.input.includes('\r'));
  assert.ok(pasteable.length >= 10, `${pasteable.length} cases`);
  for (const c of pasteable) {
    const expected = fix(c.input);
    assert.equal(expected.text, c.expect.text, c.name);
    await page.fill('#input', c.input);
    const codes = [...new Set(expected.fixes.map((f) => f.code))];
    await page.waitForFunction((n) => document.querySelectorAll('#fix-list button.fix-one').length === n && !document.getElementById('fixes').hidden, codes.length);
    assert.deepEqual((await page.locator('#fix-list button.fix-one').evaluateAll((bs) => bs.map((b) => b.dataset.code))).sort(), codes.sort(), c.name);
    await page.click('#fix-list button.fix-all');
    await page.waitForFunction((text) => document.getElementById('input').value === text, expected.text);
    await page.locator('#fixes').waitFor({ state: 'hidden' });
  }
});

test('Edit: add the form login, remove with aliases, merge with conflicts', async () => {
  const text = '{\n  "auths": {\n    "https://quay.io": {"auth": "dTpw"},\n    "quay.io": {"auth": "dTpw"}\n  }\n}\n';
  await page.fill('#input', text);
  await fillForm({ server: 'ghcr.io', username: 'octo', password: 'pw' });
  const out = page.locator('#edit-out [data-kind="config"] pre');
  await page.click('#edit-panel .out-tab[data-tab="add"]');
  await out.waitFor();
  // The new entry at its sorted place, the other lines byte for byte.
  const added = '{\n  "auths": {\n    "ghcr.io": {\n      "auth": "b2N0bzpwdw=="\n    },\n    "https://quay.io": {"auth": "dTpw"},\n    "quay.io": {"auth": "dTpw"}\n  }\n}\n';
  assert.equal(await out.textContent(), added);
  assert.deepEqual(await downloadOf(page.locator('#edit-out [data-kind="config"]')), { name: 'config.json', text: added });

  await page.click('#edit-panel .out-tab[data-tab="remove"]');
  await page.fill('#edit-registry', 'quay.io');
  await page.check('#edit-aliases');
  await page.waitForFunction(() => document.querySelectorAll('#edit-out .out-removed li').length === 2);
  assert.deepEqual(await page.locator('#edit-out .out-removed li').allTextContents(), ['https://quay.io', 'quay.io']);
  assert.equal(await out.textContent(), '{\n  "auths": {}\n}\n');
  await page.fill('#edit-registry', 'ghcr.io');
  await page.locator('#edit-error').waitFor();
  assert.match(await page.locator('#edit-error').innerText(), /^not-logged-in /);

  await page.click('#edit-panel .out-tab[data-tab="merge"]');
  await page.fill('#edit-second', '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  await page.selectOption('#edit-conflict', 'first');
  await page.locator('#edit-out .out-conflicts li').waitFor();
  assert.match(await page.locator('#edit-out .out-conflicts li').innerText(), /^auths quay\.io: kept file 1's entry, dropped quay\.io$/);
  assert.equal(await out.textContent(), text);
  await page.selectOption('#edit-conflict', 'error');
  await page.locator('#edit-error').waitFor();
  assert.match(await page.locator('#edit-error').innerText(), /^merge-conflict /);
  // "Check this file" puts the result into the checker.
  await page.selectOption('#edit-conflict', 'last');
  const merged = await out.textContent();
  // The second file's quay.io wins over both spellings in the first (one registry, normalised).
  assert.equal(merged, '{\n  "auths": {\n    "quay.io": {\n      "auth": "eDp5"\n    }\n  }\n}\n');
  await page.click('#edit-out .btn-check');
  assert.equal(await page.inputValue('#input'), merged);
  await page.locator('#entries tbody tr[data-registry="quay.io"]').waitFor();
  // Changing the file withdraws the result.
  await page.fill('#input', '{}');
  assert.equal(await page.locator('#edit-out .out-file').count(), 0);
  if (process.env.DEMO_SCREENSHOT) await page.screenshot({ path: process.env.DEMO_SCREENSHOT.replace(/(\.png)?$/, '-tools.png'), fullPage: true });
});

/** No text or attribute on the page holds the canary (input and textarea values excepted). */
async function noCanary(after) {
  const hits = await page.evaluate((canary) => {
    const found = [];
    for (const el of document.querySelectorAll('body *')) {
      for (const a of el.attributes) if (a.value.includes(canary)) found.push(`${el.tagName}#${el.id}[${a.name}]`);
      if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') continue;
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.data.includes(canary)) found.push(`${el.tagName}#${el.id}.${el.className}`);
    }
    return found;
  }, CANARY);
  assert.deepEqual(hits, [], `canary on the page after ${after}`);
}

test('a canary password reaches no error, lookup or list of the new areas', async () => {
  const secretConfig = JSON.stringify({ auths: { 'quay.io': { username: 'bob', password: CANARY, auth: Buffer.from(`bob:${CANARY}`).toString('base64') } } }, null, 2);
  const broken = `{"auths":{"quay.io":{"password":"${CANARY}"`;
  await fillForm({ server: 'quay.io', username: 'alice', password: CANARY });
  // As a Secret, so that the annotated copy of the input (the user's own text) holds only base64.
  await page.fill('#input', toSecret(secretConfig, { name: 'leak-check' }));
  await page.fill('#lookup-image', 'quay.io/app');
  await page.locator('#lookup-table tr[data-client="docker"] li').waitFor();
  // Errors about text holding the canary, in every new area.
  await page.fill('#f-annotations', `note:${CANARY}`);
  await page.locator('#form-error').waitFor();
  assert.match(await page.locator('#form-error').innerText(), /^invalid-option toSecret: annotations: item 1 must be KEY=VALUE /);
  await noCanary('the annotation error');
  await page.fill('#f-annotations', '');
  await page.click('#cluster-panel .out-tab[data-tab="global"]');
  await page.fill('#gps-current', broken);
  await page.locator('#obj-error').waitFor();
  assert.match(await page.locator('#obj-error').innerText(), /json-syntax/);
  await noCanary('the global pull secret error');
  await page.click('#cluster-panel .out-tab[data-tab="link"]');
  await page.fill('#sa-current', `kind: Secret\nstringData:\n  password: ${CANARY}\n`);
  await page.waitForFunction(() => !document.getElementById('obj-error').innerText.includes('json-syntax'));
  assert.match(await page.locator('#obj-error').innerText(), /not-an-object/);
  await noCanary('the link error');
  await page.click('#edit-panel .out-tab[data-tab="merge"]');
  await page.fill('#edit-second', broken);
  await page.locator('#edit-error').waitFor();
  await noCanary('the merge error');
  await page.fill('#f-server', '');
  await page.click('#edit-panel .out-tab[data-tab="add"]');
  await page.locator('#edit-error').waitFor();
  assert.match(await page.locator('#edit-error').innerText(), /^missing-option /);
  await page.click('#edit-panel .out-tab[data-tab="remove"]');
  await page.fill('#edit-registry', 'quay.io/nope');
  await page.waitForFunction(() => document.getElementById('edit-error').innerText.startsWith('not-logged-in'));

  await noCanary('the end');
});

test('no request leaves the page, no console error', async () => {
  assert.ok(requests.length >= 5, `requests recorded: ${requests.join(', ')}`);
  const own = requests.filter((u) => u.startsWith(origin));
  assert.ok(own.some((u) => u.endsWith('.wasm')), 'the wasm module came from the page origin');
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
});
