// The demo page in headless Chromium: diagnostics next to their lines, the Secret the library
// builds, no secret in the visible text, and no request leaving the page's own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { create, toSecret } from '../../npm/wasm/node.js';

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
  // DEMO_SCREENSHOT=/tmp/demo.png keeps a picture of the page for a look.
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
  assert.ok(bytes.length > 1024);
  // Changing the input withdraws the converted files.
  await page.fill('#input', '{}');
  assert.equal(await page.locator('#out-panel .out-file').count(), 0);
});

test('no request leaves the page, no console error', async () => {
  assert.ok(requests.length >= 5, `requests recorded: ${requests.join(', ')}`);
  const own = requests.filter((u) => u.startsWith(origin));
  assert.ok(own.some((u) => u.endsWith('.wasm')), 'the wasm module came from the page origin');
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
});
