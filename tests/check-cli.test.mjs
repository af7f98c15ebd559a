// `pullsecret check PATH...` over the GitOps fixture tree (tests/gitops) and `validate` of several
// paths: the walk (.gitignore, .pullsecretignore, hidden files, extensions), stdin, order and
// determinism under parallel checking, the headline and summary lines, --quiet, colour, every
// --format (JSON and SARIF validated against their schemas), exit statuses, and that no password
// or auth value of the fixtures ever reaches any output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

import { command, run as runCli } from './lib/cli.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const GITOPS = 'tests/gitops';
const CANARY = 'canary-S3cr3t-check-5309';
const NO_COLOR_ENV = { ...process.env };
delete NO_COLOR_ENV.NO_COLOR;
/** Tokens' expiry is checked as at this time, so that no output depends on today's date: the
 * fixture tests/gitops/tokens/ holds a JWT that expired on 2025-12-01 and one that expires on
 * 2026-01-03, within the default 7-day window. */
const NOW = '--now=2026-01-01T00:00:00Z';
/** `pullsecret ARGS` from the repository root (paths relative to it), NO_COLOR unset; `check` and
 * `validate` as at NOW. */
const run = (args, input, options = {}) =>
  runCli(['check', 'validate'].includes(args[0]) ? [...args, NOW] : args, input, { cwd: root, env: NO_COLOR_ENV, ...options });
const b64 = (s) => Buffer.from(s).toString('base64');

// Every file the walk must skip, and why.
const IGNORED = [
  'tests/gitops/rendered/pull-secret.yaml', // .gitignore: rendered/
  'tests/gitops/apps/web/override.local.yaml', // .gitignore: *.local.yaml
  'tests/gitops/vendor/chart/templates/secret.yaml', // .pullsecretignore: vendor/
  'tests/gitops/apps/legacy/legacy-broken.yaml', // .pullsecretignore: legacy-broken.yaml
  'tests/gitops/.hidden/pull-secret.yaml', // hidden directory
];

/** The fixture files a walk keeps, in its order: each directory by name, depth first. */
const expectedWalk = () => {
  const out = [];
  const visit = (dir) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (name.startsWith('.')) continue;
      if (statSync(join(root, rel)).isDirectory()) visit(rel);
      else if (/\.(ya?ml|json)$/.test(name) && !IGNORED.includes(rel)) out.push(rel);
    }
  };
  visit(GITOPS);
  return out;
};

/** Every credential-bearing string of the fixtures: the canary, each Secret's data value, each auth, the
 * password inside each auth and each identity token (the tokens' expiry is reported, never the token). */
const secretsOfFixtures = () => {
  const found = new Set([CANARY, b64(CANARY)]);
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        visit(p);
        continue;
      }
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/\.docker(?:configjson|cfg)"?:\s*"?([A-Za-z0-9+/=]{16,})/g)) {
        found.add(m[1]);
        const config = Buffer.from(m[1], 'base64').toString('utf8');
        for (const a of config.matchAll(/"auth":\s*"([^"]{8,})"/g)) found.add(a[1]);
        for (const t of config.matchAll(/"identitytoken":\s*"([^"]{8,})"/g)) found.add(t[1]);
      }
      for (const a of text.matchAll(/"auth":\s*"([^"]{8,})"/g)) found.add(a[1]);
    }
  };
  visit(join(root, GITOPS));
  // The password inside each auth (a JWT, for tests/gitops/tokens/) and, for a JWT, its payload alone.
  for (const a of [...found]) {
    const password = Buffer.from(a, 'base64').toString('utf8').split(':').slice(1).join(':');
    if (password.length >= 12 && /^[\x21-\x7e]+$/.test(password)) {
      found.add(password);
      const payload = password.split('.')[1] ?? '';
      if (payload.length >= 12) found.add(payload);
    }
  }
  return [...found];
};

const assertNoSecret = (what, ...texts) => {
  const secrets = secretsOfFixtures();
  assert.ok(secrets.length > 10, 'the fixtures hold canaries');
  for (const t of texts) {
    for (const s of secrets) assert.ok(!t.includes(s), `${what}: a secret of the fixtures was printed`);
  }
};

test('check DIR: the fixture tree has at least 30 files, and the walk keeps exactly the YAML/JSON files not ignored, in name order', () => {
  let all = 0;
  const count = (d) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? count(join(d, n)) : all++));
  count(join(root, GITOPS));
  assert.ok(all >= 30, `${all} fixture files`);
  const r = run(['check', GITOPS, '--format=json']);
  assert.equal(r.status, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(
    doc.files.map((f) => f.path),
    expectedWalk(),
  );
  for (const ignored of IGNORED) assert.doesNotMatch(r.stdout, new RegExp(ignored.replace(/[.]/g, '\\.')));
  assert.doesNotMatch(r.stdout, /README\.md|notes\.txt|\.bak/);
  // The ignored files are broken: naming one explicitly checks it (and fails).
  const explicit = run(['check', 'tests/gitops/vendor/chart/templates/secret.yaml']);
  assert.equal(explicit.status, 1);
  assert.match(explicit.stdout, /^✘ tests\/gitops\/vendor\/chart\/templates\/secret\.yaml: /m);
});

test('check: overlapping PATHs read each file once, under the name it was first reached by', () => {
  const once = JSON.parse(run(['check', GITOPS, '--format=json']).stdout);
  const twice = run(['check', GITOPS, `${GITOPS}/workloads`, `${GITOPS}/workloads/wrong-references.yaml`, '--format=json']);
  const doc = JSON.parse(twice.stdout);
  assert.deepEqual(doc.files.map((f) => f.path), once.files.map((f) => f.path));
  assert.deepEqual(doc.summary, once.summary);
  // A symlink beside its target is one file too.
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-overlap-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ auths: { 'r.example': { auth: 'bad' } } }));
  symlinkSync(join(dir, 'a.json'), join(dir, 'b.json'));
  const r = JSON.parse(run(['check', dir, join(dir, 'a.json'), '--format=json']).stdout);
  assert.deepEqual(r.files.map((f) => f.path), [join(dir, 'a.json')]);
});

test('check: a hostile tree cannot make it hang, read without end, or read outside the repository', () => {
  // A pull request may add any of these: none may stall a CI run or leak the runner's files.
  const outside = mkdtempSync(join(tmpdir(), 'pullsecret-outside-'));
  const leaked = `leaked-user-${process.pid}`;
  writeFileSync(join(outside, 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: b64(`${leaked}:${CANARY}`) } } }));
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-hostile-tree-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'inside.json'), JSON.stringify({ auths: { 'r.example': { auth: b64('u:p') } } }));
  assert.equal(spawnSync('mkfifo', [join(dir, 'fifo.yaml')]).status, 0);
  symlinkSync(join(dir, 'fifo.yaml'), join(dir, 'to-fifo.yaml')); // in the repository, to a FIFO
  symlinkSync('/dev/zero', join(dir, 'zero.yaml')); // a device, out of the repository
  symlinkSync(join(outside, 'config.json'), join(dir, 'leak.json')); // the runner's file
  symlinkSync(join('sub', 'inside.json'), join(dir, 'link.json')); // in the repository: read
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/b`), Buffer.from([0xff]), Buffer.from('.yaml')]), '{}'); // `b\xff.yaml`
  // The ignore files the walker itself reads: a device, a FIFO, and the runner's file as a list
  // of patterns (whose glob errors would quote its lines).
  for (const d of ['ign-zero', 'ign-fifo', 'ign-json']) {
    mkdirSync(join(dir, d));
    writeFileSync(join(dir, d, 'x.json'), '{}');
  }
  symlinkSync('/dev/zero', join(dir, 'ign-zero', '.gitignore'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'ign-fifo', '.pullsecretignore')]).status, 0);
  writeFileSync(join(dir, 'ign-json', '.gitignore'), readFileSync(join(outside, 'config.json')));
  const r = run(['check', dir, '-o', 'json'], undefined, { timeout: 60_000 });
  assert.equal(r.error, undefined, 'check finished');
  assert.equal(r.status, 2, r.stderr);
  const files = Object.fromEntries(JSON.parse(r.stdout).files.map((f) => [f.path.slice(dir.length + 1), [f.status, f.error]]));
  const notAFile = 'an ignore file that is not a regular file (a FIFO or a device): neither it nor the files it governs are read';
  assert.deepEqual(files, {
    'b\ufffd.yaml': ['unreadable', 'the file name is not UTF-8: rename it'],
    'ign-fifo/.pullsecretignore': ['unreadable', notAFile],
    'ign-json/x.json': ['no-pull-secret', undefined],
    'ign-zero/.gitignore': ['unreadable', 'a symlink out of the repository is not followed (Argo CD refuses one: GHSA-6gcg-hp2x-q54h)'],
    'leak.json': ['unreadable', 'a symlink out of the repository is not followed (Argo CD refuses one: GHSA-6gcg-hp2x-q54h)'],
    'link.json': ['warnings', undefined], // and sub/inside.json, the same file, once
    'zero.yaml': ['unreadable', 'a symlink out of the repository is not followed (Argo CD refuses one: GHSA-6gcg-hp2x-q54h)'],
  });
  for (const text of [r.stdout, r.stderr]) {
    assert.ok(!text.includes(leaked) && !text.includes(CANARY), 'nothing of the file outside is read');
  }
  // The walked directory's own ignore file, and a parent's, are checked before the walk.
  const fifoRoot = mkdtempSync(join(tmpdir(), 'pullsecret-fifo-root-'));
  mkdirSync(join(fifoRoot, 'apps'));
  writeFileSync(join(fifoRoot, 'apps', 'x.json'), '{}');
  assert.equal(spawnSync('mkfifo', [join(fifoRoot, '.ignore')]).status, 0);
  for (const path of [fifoRoot, join(fifoRoot, 'apps')]) {
    const f = run(['check', path, '-o', 'json'], undefined, { timeout: 60_000 });
    assert.equal(f.error, undefined, `check ${path} finished`);
    assert.equal(f.status, 2, f.stderr);
    assert.deepEqual(JSON.parse(f.stdout).files.map((x) => [x.path, x.error]), [[join(fifoRoot, '.ignore'), notAFile]]);
  }
  // Named on the command line, a device is read up to the core's limit: a coded `too-large`.
  for (const args of [['validate', '/dev/zero'], ['check', join(dir, 'zero.yaml')]]) {
    const z = run([...args, '-o', 'json'], undefined, { timeout: 60_000 });
    assert.equal(z.error, undefined, `${args.join(' ')} finished`);
    assert.equal(z.status, 1, z.stderr);
    assert.match(z.stdout, /"code": ?"too-large"/);
  }
  // pullsecret's own files are read up to the same limit.
  const b = run(['check', join(dir, 'sub'), '--baseline', '/dev/zero'], undefined, { timeout: 60_000 });
  assert.equal(b.error, undefined);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /^error: \/dev\/zero: larger than 64 MiB, not a pullsecret file/);
});

test('validate, check and fix: no control character of the input reaches the terminal (kubectl CVE-2021-25743)', () => {
  // A key and a file name that would clear the screen and forge a clean line.
  const forged = '\u001b[2J\u001b[H\u001b[32m\u2714 all pulls will work\r\n';
  const config = JSON.stringify({ auths: { [forged]: { auth: 'bad' } } });
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-escapes-'));
  writeFileSync(join(dir, `a${forged.trim()}.json`), config);
  symlinkSync(join(dir, 'nowhere'), join(dir, `b${forged.trim()}.yaml`)); // unreadable: a note
  const outputs = [
    run(['validate', '-'], config),
    run(['check', dir, '-v']),
    run(['check', dir, '--format=github']),
    run(['validate', join(dir, `a${forged.trim()}.json`), '-v']),
    run(['fix', dir, '--dry-run']),
    // Object names from a stream: the title of each object, and a workload's line.
    run(['check', '-', '-v'], `apiVersion: v1\nkind: Secret\nmetadata: {name: "a\\n\u2714 x", namespace: "n\\r\\u001b[2J"}\ntype: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: '${config}'}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: "p\\n\u2714 y", namespace: apps}\nspec: {containers: [{name: c, image: nginx}]}\n`),
  ];
  for (const r of outputs) {
    assert.ok(r.stdout.length > 0 || r.stderr.length > 0);
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text), JSON.stringify(text));
      assert.ok(!text.includes('\n\u2714'), 'no line of its own');
    }
  }
  assert.match(outputs[0].stdout, /`\\u\{1b\}\[2J\\u\{1b\}\[H\\u\{1b\}\[32m\u2714 all pulls will work\\r\\n`/);
});

test('check: .gitignore and .pullsecretignore also count outside a git checkout; hidden files skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-check-'));
  const bad = readFileSync(join(root, 'tests/gitops/rendered/pull-secret.yaml'), 'utf8');
  const good = readFileSync(join(root, 'tests/gitops/apps/web/pull-secret.yaml'), 'utf8');
  mkdirSync(join(dir, 'out'));
  mkdirSync(join(dir, 'charts'));
  mkdirSync(join(dir, '.cache'));
  writeFileSync(join(dir, '.gitignore'), 'out/\n');
  writeFileSync(join(dir, '.pullsecretignore'), 'charts/\n');
  writeFileSync(join(dir, 'out/a.yaml'), bad);
  writeFileSync(join(dir, 'charts/b.yaml'), bad);
  writeFileSync(join(dir, '.cache/c.yaml'), bad);
  writeFileSync(join(dir, 'ok.yaml'), good);
  const r = run(['check', '.'], undefined, { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(
    r.stdout,
    '⚠ ok.yaml: works with warnings (1 warning; 1 Secret)\n' +
      '  ok.yaml:1:1 warning secret-in-plain-text the Secret `web/regcred` keeps a registry credential in plain text in the repository (`data` is base64, an encoding anyone can reverse): anyone who can read the repository or its history can use them\n' +
      '  ok.yaml: 0 errors, 1 warning (dockerconfigjson, 1 entry)\n' +
      'summary: 1 file, 1 object (1 Secret), 0 errors, 1 warning: pulls will work, with warnings\n',
  );
  // No PATH is `.`.
  assert.equal(run(['check'], undefined, { cwd: dir }).stdout, r.stdout);
  // Without the ignore files, all three broken files are read.
  writeFileSync(join(dir, '.gitignore'), '');
  writeFileSync(join(dir, '.pullsecretignore'), '');
  const all = run(['check', '.', '-o', 'json'], undefined, { cwd: dir });
  assert.deepEqual(JSON.parse(all.stdout).files.map((f) => f.path), ['charts/b.yaml', 'ok.yaml', 'out/a.yaml']);
});

test('check -: stdin (kustomize build . | pullsecret check -), alone and among paths, in command-line order', () => {
  const stream = readFileSync(join(root, 'tests/gitops/kustomize/build-output.yaml'), 'utf8');
  const r = run(['check', '-'], stream);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    '⚠ <stdin>: works with warnings (1 warning; 1 Secret, 1 workload)\n' +
      '  <stdin>:1:1 warning secret-in-plain-text the Secret `shop-prod/shop-pull-7c5b9m2k4d` keeps a registry credential in plain text in the repository (`data` is base64, an encoding anyone can reverse): anyone who can read the repository or its history can use them\n' +
      '  <stdin>: 0 errors, 1 warning (dockerconfigjson, 1 entry)\n' +
      'summary: 1 file, 1 object (1 Secret), 1 workload (1 image), 0 errors, 1 warning: pulls will work, with warnings\n',
  );
  const several = run(['check', 'tests/gitops/registry/config.json', '-', 'tests/gitops/apps/batch', '-o', 'json'], stream);
  assert.equal(several.status, 1);
  assert.deepEqual(
    JSON.parse(several.stdout).files.map((f) => [f.path, f.status]),
    [
      ['tests/gitops/registry/config.json', 'warnings'],
      ['<stdin>', 'warnings'],
      // Their pods name the broken Secret of batch/pull-secret.yaml: kubelet fails every pull.
      ['tests/gitops/apps/batch/cronjob.yaml', 'fails'],
      ['tests/gitops/apps/batch/job.yaml', 'fails'],
      ['tests/gitops/apps/batch/pull-secret.yaml', 'fails'],
    ],
  );
});

test('check: the output is the same on every run, whatever order the threads finish in', () => {
  for (const format of ['text', 'json', 'sarif', 'github', 'junit']) {
    const first = run(['check', GITOPS, '-v', `--format=${format}`]);
    for (let i = 0; i < 3; i++) {
      const again = run(['check', GITOPS, '-v', `--format=${format}`]);
      assert.equal(again.stdout, first.stdout, format);
      assert.equal(again.status, first.status);
    }
  }
});

test('check: a headline per file (✔ / ⚠ / ✘ N pulls will fail), the findings under it, the summary last', () => {
  const r = run(['check', GITOPS]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  const headlines = lines.filter((l) => /^[✔⚠✘] /.test(l));
  assert.deepEqual(headlines, [
    '⚠ tests/gitops/apps/api/helm-output.yaml: works with warnings (1 warning; 1 Secret, 2 workloads)',
    '⚠ tests/gitops/apps/api/statefulset.yaml: works with warnings (1 warning; 1 workload)',
    '✘ tests/gitops/apps/batch/cronjob.yaml: 1 pull will fail (kubelet; 1 error, 0 warnings)',
    '✘ tests/gitops/apps/batch/job.yaml: 1 pull will fail (kubelet; 1 error, 0 warnings)',
    '✘ tests/gitops/apps/batch/pull-secret.yaml: 3 pulls will fail (kubelet, containers, docker; 1 error, 1 warning)',
    '⚠ tests/gitops/apps/legacy/dockercfg-secret.yaml: works with warnings (1 warning; 1 Secret)',
    '⚠ tests/gitops/apps/legacy/opaque-with-config.yaml: works with warnings (2 warnings; 1 Secret)',
    '✔ tests/gitops/apps/legacy/replicaset.yaml: pulls will work (1 workload)',
    '✔ tests/gitops/apps/monitoring/daemonset.yaml: pulls will work (1 workload)',
    '✔ tests/gitops/apps/monitoring/pod.yaml: pulls will work (1 workload)',
    '⚠ tests/gitops/apps/monitoring/secrets-list.json: works with warnings (3 warnings; 2 Secrets)',
    '✔ tests/gitops/apps/web/deployment.yaml: pulls will work (1 workload)',
    '⚠ tests/gitops/apps/web/pull-secret.yaml: works with warnings (1 warning; 1 Secret)',
    '⚠ tests/gitops/argo/workflow.yaml: works with warnings (1 warning; 1 workload)',
    // `shop-pull` comes from the base's secretGenerator, in the namespace of whatever builds the
    // base (`kubectl kustomize` makes it; an unverifiable info, not a Secret in none of the files).
    '✔ tests/gitops/kustomize/base/deployment.yaml: pulls will work (1 workload)',
    '⚠ tests/gitops/kustomize/build-output.yaml: works with warnings (1 warning; 1 Secret, 1 workload)',
    '✔ tests/gitops/openshift/deploymentconfig.yaml: pulls will work (1 workload)',
    '⚠ tests/gitops/openshift/global-pull-secret.yaml: works with warnings (1 warning; 1 Secret)',
    '⚠ tests/gitops/registry/auth.json: works with warnings (1 warning; 1 config file)',
    '⚠ tests/gitops/registry/config.json: works with warnings (1 warning; 1 config file)',
    '✔ tests/gitops/sops/pull-secret.enc.yaml: pulls will work (1 Secret, 1 workload)',
    // An expired token fails one of its two registries (an error; the other entry still serves
    // pulls) and the other token expires within the window (a warning).
    '✘ tests/gitops/tokens/pull-secret.yaml: 1 error, 2 warnings',
    '⚠ tests/gitops/workloads/argo-cron.yaml: works with warnings (1 warning; 1 workload)',
    '✔ tests/gitops/workloads/sealed-and-external.yaml: pulls will work (2 workloads)',
    '✘ tests/gitops/workloads/service-account.yaml: 1 pull will fail (kubelet; 1 error, 0 warnings)',
    '✘ tests/gitops/workloads/wrong-references.yaml: 3 errors, 2 warnings',
  ]);
  const tokens = lines.indexOf(headlines.find((h) => h.includes('tokens/pull-secret.yaml')));
  assert.match(lines[tokens + 2], /^ {2}tests\/gitops\/tokens\/pull-secret\.yaml:11:22 error token-expired the password in `auth` is a JWT that expired at 2025-12-01T00:00:00Z \(31 days ago\): the registry refuses it$/);
  assert.match(lines[tokens + 3], /^ {2}tests\/gitops\/tokens\/pull-secret\.yaml:11:22 warning token-expiring the password in `auth` is a JWT that expires at 2026-01-03T00:00:00Z \(in 2 days\): pulls fail from then on$/);
  // The failing file's findings follow its headline, as validate prints them.
  const at = lines.indexOf(headlines[4]);
  // In a repository, base64 is not encryption: one warning per pull secret in plain text.
  assert.match(lines[at + 1], /^ {2}tests\/gitops\/apps\/batch\/pull-secret\.yaml:1:1 warning secret-in-plain-text the Secret `batch\/batch-pull` keeps a registry credential in plain text in the repository \(`data` is base64, an encoding anyone can reverse\)/);
  assert.match(lines[at + 2], /^ {2}tests\/gitops\/apps\/batch\/pull-secret\.yaml:8:22 error auth-not-base64 /);
  assert.match(lines.find((l) => /monitoring\/mon-pull-old/.test(l)), /^ {2}tests\/gitops\/apps\/monitoring\/secrets-list\.json:29:5 Secret monitoring\/mon-pull-old item 3: valid, 0 errors, 2 warnings/);
  assert.equal(
    lines.at(-1),
    'summary: 43 files (17 without a pull secret), 13 objects (11 Secrets, 2 config files), 23 workloads (24 images), 8 errors, 20 warnings: 6 pulls will fail',
  );
  // A workload's line, then its findings under it.
  const wl = lines.findIndex((l) => l === '  tests/gitops/apps/batch/job.yaml:1:1 Job batch/migrate: 1 image; pull secrets batch-pull');
  assert.ok(wl > 0, r.stdout);
  assert.match(lines[wl + 1], /^ {4}tests\/gitops\/apps\/batch\/job\.yaml:16:17 error pull-secret-unreadable kubelet cannot read the Secret `batch-pull` \(an `auth` value is not base64/);
  // --verbose: the files without a pull secret or workload too, and every workload.
  const v = run(['check', GITOPS, '--verbose']);
  assert.equal(v.stdout.split('\n').filter((l) => l.startsWith('· ')).length, 17);
  assert.match(v.stdout, /^· tests\/gitops\/apps\/web\/service\.yaml: no pull secret$/m);
  assert.match(v.stdout, /^ {4}tests\/gitops\/apps\/web\/deployment\.yaml:19:18 info image-pull-credential `quay\.io\/team-a\/web:1\.4`: kubelet sends the entry `quay\.io` of the Secret `regcred` \(rule host\)$/m);
  // A JSON file of objects without one credential field (dashboards): not a pull secret here…
  assert.match(v.stdout, /^· tests\/gitops\/dashboards\/folders\.json: no pull secret$/m);
  // A Helm template that was not rendered: counted and named, not a syntax error of the repository.
  assert.match(v.stdout, /^· tests\/gitops\/charts\/web\/templates\/pull-secret\.yaml: a template, not rendered: check what it renders \(helm template … \| pullsecret check -\)$/m);
  const tpl = run(['validate', 'tests/gitops/charts/web/templates/pull-secret.yaml']);
  assert.equal(tpl.status, 1);
  assert.match(tpl.stdout, / error yaml-syntax /);
  // …while validate, given the file, reads it as the legacy .dockercfg the core sees.
  const one = run(['validate', 'tests/gitops/dashboards/folders.json']);
  assert.match(one.stdout, / legacy-format /);
});

test('check: workloads against their pull secrets, as the API server and kubelet resolve them', () => {
  const r = run(['check', GITOPS, '-o', 'json']);
  const doc = JSON.parse(r.stdout);
  const workloads = doc.files.flatMap((f) => (f.workloads ?? []).map((w) => ({ ...w, path: f.path.slice(GITOPS.length + 1) })));
  const find = (kind, name) => workloads.find((w) => w.kind === kind && w.name === name);
  const summary = (w) => ({
    from: w.pullSecretsFrom,
    secrets: w.pullSecrets.map((p) => `${p.name}:${p.status}`),
    images: w.images.map((i) => `${i.section} ${i.image} ${i.status}${i.secret ? ` ${i.secret}/${i.registry}/${i.rule}` : ''}`),
    codes: w.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`),
  });
  // Every kind, where its pod spec sits.
  assert.deepEqual(
    new Set(workloads.map((w) => w.kind)),
    new Set(['ServiceAccount', 'Deployment', 'StatefulSet', 'CronJob', 'Job', 'ReplicaSet', 'DaemonSet', 'Pod', 'Workflow', 'DeploymentConfig', 'CronWorkflow']),
  );
  // A SOPS-encrypted pull secret: neither flagged as plain text nor readable.
  assert.deepEqual(summary(find('Deployment', 'checkout')), {
    from: 'pod', secrets: ['sops-pull:unverifiable'], images: ['containers quay.io/team-a/checkout:8 unknown'],
    codes: ['38:25 info pull-secret-unverifiable'],
  });
  const sops = doc.files.find((f) => f.path.endsWith('sops/pull-secret.enc.yaml'));
  assert.deepEqual(sops.objects[0].diagnostics.map((d) => d.code), ['sops-encrypted']);
  assert.equal(sops.warnings, 0);
  // Every plain pull secret and config file: one secret-in-plain-text warning; sealed, external and SOPS: none.
  const plain = doc.files.flatMap((f) => f.objects.filter((o) => o.diagnostics.some((d) => d.code === 'secret-in-plain-text')).map((o) => `${f.path.slice(GITOPS.length + 1)} ${o.name ?? ''}`));
  assert.equal(plain.length, 12, plain.join('\n'));
  assert.ok(!plain.some((p) => /sops|sealed|external/.test(p)));
  // validate (one file the user holds) does not flag it.
  assert.doesNotMatch(run(['validate', 'tests/gitops/apps/web/pull-secret.yaml']).stdout, /plain-text/);
  assert.deepEqual(summary(find('Deployment', 'web')), {
    from: 'pod', secrets: ['regcred:found'], images: ['containers quay.io/team-a/web:1.4 credentials regcred/quay.io/host'],
    codes: ['19:18 info image-pull-credential'],
  });
  // The ServiceAccount's pull secrets reach the pod that names none: init, main and ephemeral containers.
  assert.deepEqual(summary(find('Deployment', 'worker')), {
    from: 'serviceAccount', secrets: ['regcred:found'],
    images: [
      'initContainers quay.io/team-a/migrate:3 credentials regcred/quay.io/host',
      'containers quay.io/team-a/worker:3 credentials regcred/quay.io/host',
      'ephemeralContainers quay.io/team-a/debug:1 credentials regcred/quay.io/host',
    ],
    codes: ['23:18 info image-pull-credential', '26:18 info image-pull-credential', '29:18 info image-pull-credential'],
  });
  // One unreadable Secret fails every pull of the pod.
  assert.deepEqual(summary(find('CronJob', 'nightly')), {
    from: 'pod', secrets: ['batch-pull:unreadable'], images: ['containers registry.example.com/batch/nightly:1 fails batch-pull/undefined/undefined'],
    codes: ['14:21 error pull-secret-unreadable'],
  });
  // Another namespace, an Opaque Secret, an ExternalSecret without a template type.
  // (The global pull secret of openshift/ covers quay.io: the node's credentials are sent.)
  assert.deepEqual(summary(find('Pod', 'cross-namespace')).codes, ['10:13 error pull-secret-other-namespace', '13:14 info image-pull-credential']);
  assert.deepEqual(summary(find('Deployment', 'dashboards')).codes, ['26:17 error pull-secret-wrong-type', '29:18 warning anonymous-pull']);
  const cache = find('StatefulSet', 'cache');
  assert.match(cache.diagnostics[0].message, /^the Secret `untyped-pull` \(made by the ExternalSecret `untyped-pull`\) has type `Opaque`/);
  // Sealed and external pull secrets: known type, unknown entries.
  assert.deepEqual(summary(find('Deployment', 'sealed-user')), {
    from: 'pod', secrets: ['sealed-pull:unverifiable'], images: ['containers registry.example.com/web/sealed-user:2 unknown'],
    codes: ['13:17 info pull-secret-unverifiable'],
  });
  assert.equal(find('Job', 'external-user').pullSecrets[0].status, 'unverifiable');
  // An invalid reference; a missing Secret (it may be in the cluster): a warning.
  assert.deepEqual(summary(find('Deployment', 'reports')).images.at(-1), 'containers quay.io/Team-A/Sidecar:1 invalid');
  assert.deepEqual(summary(find('Workflow', undefined)).codes, ['9:13 warning pull-secret-not-found']);
  // The OpenShift global pull secret is every node's: it covers the pod that names none.
  assert.deepEqual(summary(find('DeploymentConfig', 'legacy-app')).images, ['containers registry.redhat.io/ubi9/ubi:latest node openshift-config/pull-secret/registry.redhat.io/host']);
  // The nearest miss, in words.
  const db = find('StatefulSet', 'api-db');
  assert.equal(db.images[0].reason, 'no pull secret of the pod has an entry for `docker.io/library/postgres`: kubelet pulls it anonymously; the Secret `monitoring/mon-pull` has an entry for it, but it is in namespace `monitoring` and the StatefulSet `api-db` in `api`');
  // A pull secret's definition is named by path.
  assert.equal(find('Deployment', 'web').pullSecrets[0].file, 'tests/gitops/apps/web/pull-secret.yaml');
  // --strict: a missing Secret and an anonymous pull are errors.
  const strict = JSON.parse(run(['check', GITOPS, '-o', 'json', '--strict']).stdout);
  const codes = (d) => d.files.flatMap((f) => (f.workloads ?? []).flatMap((w) => w.diagnostics));
  assert.ok(codes(strict).filter((x) => ['anonymous-pull', 'pull-secret-not-found'].includes(x.code)).every((x) => x.severity === 'error'));
  assert.equal(strict.summary.errors, doc.summary.errors + codes(doc).filter((x) => x.severity === 'warning' && ['anonymous-pull', 'pull-secret-not-found'].includes(x.code)).length);
  // -n: objects without a namespace are in it (the Workflow's Secret is looked up there).
  const stdin = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: regcred}]\n  containers: [{name: c, image: quay.io/team-a/x}]\n';
  const inWeb = run(['check', '-', 'tests/gitops/apps/web/pull-secret.yaml', '-n', 'web', '-o', 'json'], stdin);
  assert.equal(JSON.parse(inWeb.stdout).files[0].workloads[0].images[0].status, 'credentials');
  const inDefault = run(['check', '-', 'tests/gitops/apps/web/pull-secret.yaml', '-o', 'json'], stdin);
  assert.equal(JSON.parse(inDefault.stdout).files[0].workloads[0].pullSecrets[0].status, 'other-namespace');
  assert.equal(inDefault.status, 1);
});

test('check: definitions in sibling directories (clusters/dev, clusters/prod) are alternatives; a Jinja template is counted', () => {
  // The layout of Flux's and Argo CD's guides: a directory per cluster, each with the same
  // Secret for its own registry. Each app reads its own directory's Secret; neither is a
  // duplicate of the other (they were: the last, prod's, was read for both).
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-envs-'));
  const secret = (registry) => `apiVersion: v1\nkind: Secret\nmetadata: {name: regcred, namespace: apps}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(JSON.stringify({ auths: { [registry]: { auth: b64(`u:${CANARY}`) } } }))}\n`;
  const app = (registry) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: apps}\nspec:\n  template:\n    spec:\n      imagePullSecrets: [{name: regcred}]\n      containers: [{name: app, image: ${registry}/team/app:1}]\n`;
  for (const env of ['dev', 'prod']) {
    mkdirSync(join(dir, 'clusters', env), { recursive: true });
    writeFileSync(join(dir, 'clusters', env, 'regcred.yaml'), secret(`${env}.registry.example`));
    writeFileSync(join(dir, 'clusters', env, 'app.yaml'), app(`${env}.registry.example`));
  }
  // A file of mkdocs snippets: `{% raw %}` makes it unreadable as YAML and as JSON.
  writeFileSync(join(dir, 'snippet.yaml'), '{% raw %}\napiVersion: v1\nkind: ConfigMap\n{% endraw %}\n');
  const r = runCli(['check', dir, '-o', 'json', '--strict', NOW]);
  const doc = JSON.parse(r.stdout);
  for (const env of ['dev', 'prod']) {
    const f = doc.files.find((x) => x.path === join(dir, 'clusters', env, 'app.yaml'));
    const w = f.workloads[0];
    assert.equal(w.pullSecrets[0].file, join(dir, 'clusters', env, 'regcred.yaml'), env);
    assert.deepEqual(w.images.map((i) => `${i.status} ${i.registry}`), [`credentials ${env}.registry.example`], env);
    assert.ok(!w.diagnostics.some((d) => d.code === 'duplicate-definition'), env);
  }
  assert.equal(doc.files.find((x) => x.path.endsWith('snippet.yaml')).status, 'no-pull-secret');
  assert.match(runCli(['check', join(dir, 'snippet.yaml'), '--verbose']).stdout, /snippet\.yaml: a template, not rendered/);
  assert.equal(doc.summary.errors, 0, r.stdout);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(CANARY));
});

test('check: manifests as kubectl reads them: UTF-16 saved by PowerShell, a UTF-8 byte-order mark, a JSON stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-encodings-'));
  const config = b64(JSON.stringify({ auths: { 'quay.io': { auth: b64(`u:${CANARY}`) } } }));
  const secret = `apiVersion: v1\r\nkind: Secret\r\nmetadata:\r\n  name: regcred\r\n  namespace: apps\r\ntype: kubernetes.io/dockerconfigjson\r\ndata:\r\n  .dockerconfigjson: ${config}\r\n`;
  // PowerShell 5's `kubectl get secret regcred -o yaml > regcred.yaml`: UTF-16 LE with a BOM, CRLF.
  writeFileSync(join(dir, 'regcred.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(secret, 'utf16le')]));
  // A Namespace with a UTF-8 byte-order mark, and one in UTF-16: no pull secret in either.
  writeFileSync(join(dir, 'ns.yaml'), '\ufeffapiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n');
  writeFileSync(join(dir, 'ns16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n', 'utf16le')]));
  // `kubectl get deploy app -o json | jq -c .` twice over: a stream of JSON objects.
  const app = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'apps' }, spec: { template: { spec: { imagePullSecrets: [{ name: 'regcred' }], containers: [{ name: 'app', image: 'quay.io/team/app:1' }] } } } });
  writeFileSync(join(dir, 'apps.json'), `${app}\n${app.replace('"app"', '"app2"')}\n`);
  const r = runCli(['check', dir, '-o', 'json', '--strict', NOW]);
  const doc = JSON.parse(r.stdout);
  const file = (name) => doc.files.find((x) => x.path === join(dir, name));
  assert.deepEqual(file('apps.json').workloads.map((w) => [w.name, w.images[0].status, w.pullSecrets[0].line]), [['app', 'credentials', 1], ['app2', 'credentials', 1]]);
  const report = file('regcred.yaml');
  assert.deepEqual(report.diagnostics.map((d) => [d.code, d.severity]), [['utf16', 'warning']]);
  assert.equal(report.objects[0].entries[0].line, 8, 'the line as an editor shows the decoded file');
  for (const ns of ['ns.yaml', 'ns16.yaml']) assert.equal(file(ns).status, 'no-pull-secret', ns);
  assert.equal(doc.summary.errors, 0, r.stdout);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(CANARY));
});

test('check --quiet: only the failing files, no summary', () => {
  for (const q of ['-q', '--quiet']) {
    const r = run(['check', GITOPS, q]);
    assert.equal(r.status, 1);
    const heads = r.stdout.split('\n').filter((l) => !l.startsWith('  ') && l !== '');
    assert.deepEqual(heads, [
      '✘ tests/gitops/apps/batch/cronjob.yaml: 1 pull will fail (kubelet; 1 error, 0 warnings)',
      '✘ tests/gitops/apps/batch/job.yaml: 1 pull will fail (kubelet; 1 error, 0 warnings)',
      '✘ tests/gitops/apps/batch/pull-secret.yaml: 3 pulls will fail (kubelet, containers, docker; 1 error, 1 warning)',
      '✘ tests/gitops/tokens/pull-secret.yaml: 1 error, 2 warnings',
      '✘ tests/gitops/workloads/service-account.yaml: 1 pull will fail (kubelet; 1 error, 0 warnings)',
      '✘ tests/gitops/workloads/wrong-references.yaml: 3 errors, 2 warnings',
    ]);
  }
  const clean = run(['check', 'tests/gitops/apps/web', '-q']);
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '');
});

test('check: no colour when stdout is not a terminal; on a terminal colour unless NO_COLOR is set', () => {
  const plain = run(['check', GITOPS]);
  assert.doesNotMatch(plain.stdout, /\x1b\[/);
  // `script` gives the command a terminal.
  const onTty = (env) => {
    const line = [...command, 'check', GITOPS].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', line, '/dev/null'], { cwd: root, encoding: 'utf8', env });
    assert.equal(r.error, undefined, 'script (util-linux) runs');
    return r.stdout;
  };
  const coloured = onTty(NO_COLOR_ENV);
  assert.match(coloured, /\x1b\[31m✘ tests\/gitops\/apps\/batch\/pull-secret\.yaml: 3 pulls will fail/);
  assert.match(coloured, /\x1b\[32m✔ /);
  assert.match(coloured, /\x1b\[33m⚠ /);
  assert.doesNotMatch(onTty({ ...NO_COLOR_ENV, NO_COLOR: '1' }), /\x1b\[/);
});

test('check --format=json: valid against docs/schemas/check.schema.json; the schema rejects what it must', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'docs/schemas/check.schema.json'), 'utf8')));
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-check-json-'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.yaml'));
  const outputs = [
    run(['check', GITOPS, '--format=json']),
    run(['check', GITOPS, '--format', 'json', '-v']),
    run(['check', '-', '-o', 'json'], '{"auths":{"quay.io":{"auth":"bad"}}}'),
    run(['check', dir, 'tests/gitops/apps/api', '-o', 'json']),
    run(['validate', 'tests/gitops/apps/web/deployment.yaml', 'tests/gitops/apps/monitoring/secrets-list.json', 'tests/gitops/registry', '-o', 'json']),
    // A ClusterExternalSecret providing the pod's pull secret in its namespace.
    run(['check', '-', '-o', 'json'], 'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata: {name: pulls}\nspec:\n  externalSecretName: regcred\n  externalSecretSpec: {target: {template: {type: kubernetes.io/dockerconfigjson}}}\n  namespaces: [apps]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: apps}\nspec:\n  imagePullSecrets: [{name: regcred}]\n  containers: [{name: web, image: quay.io/a/b}]\n'),
    // A kustomization's secretGenerator: an item without `type` makes an Opaque Secret.
    run(['check', '-', '-o', 'json'], 'namespace: apps\nsecretGenerator:\n- name: untyped\n  files: [.dockerconfigjson=config.json]\n- name: regcred\n  type: kubernetes.io/dockerconfigjson\n  files: [.dockerconfigjson=config.json]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: apps}\nspec:\n  imagePullSecrets: [{name: untyped}, {name: regcred}]\n  containers: [{name: web, image: quay.io/a/b}]\n'),
  ];
  for (const r of outputs) {
    const doc = JSON.parse(r.stdout);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  }
  const doc = JSON.parse(outputs[0].stdout);
  assert.equal(doc.schemaVersion, 1);
  assert.deepEqual(doc.summary, {
    valid: false, files: 43, filesWithoutPullSecrets: 17, unreadableFiles: 0, failedFiles: 6,
    objects: 13, secrets: 11, configs: 2, workloads: 23, images: 24, errors: 8, warnings: 20, failingPulls: 6, baselined: 0,
  });
  const batch = doc.files.find((f) => f.path.endsWith('batch/pull-secret.yaml'));
  assert.equal(batch.status, 'fails');
  assert.deepEqual(batch.failingClients, ['kubelet', 'containers', 'docker']);
  assert.deepEqual(batch.objects[0].diagnostics.map((d) => d.code), ['secret-in-plain-text', 'auth-not-base64']);
  assert.equal(batch.objects[0].namespace, 'batch');
  assert.ok(batch.reasons[batch.objects[0].clients.kubelet.reason]);
  // The base's Deployment says `namespace: shop`; the prod overlay's kustomization puts the
  // build, and the base's secretGenerator Secret, in `shop-prod` (as `kubectl kustomize` does).
  const shop = doc.files.find((f) => f.path.endsWith('kustomize/base/deployment.yaml')).workloads[0];
  assert.deepEqual([shop.namespace, shop.pullSecrets[0].namespace, shop.pullSecrets[0].status], ['shop-prod', 'shop-prod', 'unverifiable']);
  const ces = JSON.parse(outputs[5].stdout).files[0].workloads[0];
  assert.deepEqual([ces.pullSecrets[0].provider, ces.pullSecrets[0].status, ces.images[0].status], ['ClusterExternalSecret', 'unverifiable', 'unknown']);
  const generated = JSON.parse(outputs[6].stdout).files[0].workloads[0];
  assert.deepEqual(generated.pullSecrets.map((p) => [p.name, p.provider, p.type, p.status]), [
    ['untyped', 'SecretGenerator', 'Opaque', 'wrong-type'],
    ['regcred', 'SecretGenerator', 'kubernetes.io/dockerconfigjson', 'unverifiable'],
  ]);
  const unreadable = JSON.parse(outputs[3].stdout).files[0];
  assert.equal(unreadable.status, 'unreadable');
  assert.equal(unreadable.error, 'No such file or directory');
  // The schema can fail: a wrong status, a missing field, an unknown field.
  const bad = structuredClone(doc);
  bad.files[0].status = 'fine';
  assert.equal(validate(bad), false);
  const missing = structuredClone(doc);
  delete missing.summary.errors;
  assert.equal(validate(missing), false);
  const extra = structuredClone(doc);
  extra.files[1].objects[0].password = 'x';
  assert.equal(validate(extra), false);
});

test('check: kustomize builds put their objects in their namespace and rewrite their images; a base under two overlays is checked in each', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-check-kustomize-'));
  const write = (path, text) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const config = Buffer.from('{"auths":{"quay.io":{"auth":"dTpw"}}}').toString('base64');
  write('base/kustomization.yaml', 'resources:\n- deploy.yaml\n');
  write('base/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      imagePullSecrets:\n      - name: regcred\n      containers:\n      - name: web\n        image: quay.io/org/web:1\n');
  write('overlays/dev/kustomization.yaml', 'namespace: dev\nresources:\n- ../../base\n');
  write('overlays/prod/kustomization.yaml', 'namespace: prod\nresources:\n- ../../base\n- secret.yaml\nimages:\n- name: quay.io/org/web\n  newName: quay.io/org/web-fips\n  newTag: "2"\n');
  // Its own namespace is not the one the build puts it in.
  write('overlays/prod/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: elsewhere\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${config}\n`);
  const r = run(['check', dir, '-o', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const deploy = JSON.parse(r.stdout).files.find((f) => f.path.endsWith('base/deploy.yaml'));
  assert.deepEqual(
    deploy.workloads.map((w) => [w.namespace, w.pullSecrets[0].status, w.images[0].status, w.images[0].image, w.images[0].written]),
    [
      ['dev', 'other-namespace', 'anonymous', 'quay.io/org/web:1', undefined],
      // The overlay's `images` rewrite what prod pulls (`kubectl kustomize overlays/prod`).
      ['prod', 'found', 'credentials', 'quay.io/org/web-fips:2', 'quay.io/org/web:1'],
    ],
  );
  const text = run(['check', dir]).stdout;
  assert.match(text, /Deployment dev\/web: 1 image; pull secrets regcred\n.*error pull-secret-other-namespace the Secret `regcred` is in namespace `prod`, not in `dev`/);
});

test('check --format=sarif: valid SARIF 2.1.0 (the published schema); rules from the catalogue; one result per finding', () => {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'tests/schemas/sarif-schema-2.1.0.json'), 'utf8')));
  const r = run(['check', GITOPS, '--format=sarif']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.ok(validate(log), JSON.stringify(validate.errors));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  const driver = sarifRun.tool.driver;
  assert.equal(driver.name, 'pullsecret');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.match(driver.informationUri, /^https:\/\//);
  // Every code of docs/diagnostics.md is a rule, with its help.
  const codes = [...readFileSync(join(root, 'docs/diagnostics.md'), 'utf8').matchAll(/^#+ `([a-z0-9-]+)`/gm)].map((m) => m[1]);
  assert.ok(codes.length > 30, `${codes.length} codes in docs/diagnostics.md`);
  assert.deepEqual(new Set(driver.rules.map((x) => x.id)), new Set(codes));
  for (const rule of driver.rules) assert.ok(rule.help.text && rule.shortDescription.text, rule.id);
  // One result per finding the JSON report shows (routine infos hidden, as in text).
  const json = JSON.parse(run(['check', GITOPS, '--format=json']).stdout);
  const findings = json.files.flatMap((f) => [...f.diagnostics, ...f.objects.flatMap((o) => o.diagnostics), ...f.workloads.flatMap((w) => w.diagnostics)].map((d) => ({ ...d, path: f.path })))
    .filter((d) => d.code !== 'email-deprecated' && d.code !== 'image-pull-credential');
  assert.equal(sarifRun.results.length, findings.length);
  const result = sarifRun.results.find((x) => x.ruleId === 'auth-not-base64');
  assert.equal(result.level, 'error');
  assert.equal(driver.rules[result.ruleIndex].id, 'auth-not-base64');
  assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'tests/gitops/apps/batch/pull-secret.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 8, startColumn: 22, endLine: 8, endColumn: 102 });
  assert.equal(sarifRun.invocations[0].executionSuccessful, true);
  // The schema can fail.
  const bad = structuredClone(log);
  bad.runs[0].results[0].level = 'fatal';
  assert.equal(validate(bad), false);
  // An unreadable file: a notification, not a success.
  const missing = run(['check', 'tests/gitops/no-such-dir', GITOPS, '--format=sarif']);
  assert.equal(missing.status, 2);
  const m = JSON.parse(missing.stdout);
  assert.ok(validate(m), JSON.stringify(validate.errors));
  assert.equal(m.runs[0].invocations[0].executionSuccessful, false);
  assert.match(m.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^cannot read tests\/gitops\/no-such-dir: No such file or directory$/);
});

test('check --format=github: one workflow command per finding, escaped as the Actions toolkit escapes', () => {
  const r = run(['check', GITOPS, '--format=github']);
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  const commands = lines.filter((l) => l.startsWith('::')).map((l) => {
    const m = l.match(/^::(error|warning|notice) ([^:]*)::(.*)$/);
    assert.ok(m, l);
    const props = Object.fromEntries(m[2].split(',').map((p) => p.split('=')));
    return { level: m[1], ...props, message: decodeURIComponent(m[3]) };
  });
  const error = commands.find((c) => c.level === 'error' && c.title === 'auth-not-base64');
  assert.deepEqual(
    { ...error, message: undefined },
    { level: 'error', file: 'tests/gitops/apps/batch/pull-secret.yaml', line: '8', col: '22', endLine: '8', endColumn: '102', title: 'auth-not-base64', message: undefined },
  );
  assert.match(error.message, /^`auth` is not valid base64/);
  assert.equal(commands.filter((c) => c.level === 'error').length, 8);
  assert.equal(commands.filter((c) => c.level === 'warning').length, 20);
  assert.deepEqual(
    commands.filter((c) => c.title?.startsWith('token-')).map((c) => [c.level, c.file, c.line, c.title]),
    [['error', 'tests/gitops/tokens/pull-secret.yaml', '11', 'token-expired'], ['warning', 'tests/gitops/tokens/pull-secret.yaml', '11', 'token-expiring']],
  );
  assert.ok(commands.some((c) => c.level === 'notice'));
  assert.match(lines.at(-1), /^summary: 43 files/);
  // --quiet: errors only. An unreadable path: an error naming it.
  const q = run(['check', GITOPS, '--format=github', '-q']);
  assert.deepEqual(new Set(q.stdout.trimEnd().split('\n').map((l) => l.slice(0, 8))), new Set(['::error ']));
  const missing = run(['check', 'no,such:dir', '--format=github']);
  assert.equal(missing.status, 2);
  assert.match(missing.stdout, /^::error file=no%2Csuch%3Adir,title=unreadable::cannot read no,such:dir: No such file or directory$/m);
});

test('check --format=junit: well-formed XML, a testsuite per file, a testcase per object, a failure for errors', () => {
  const r = run(['check', GITOPS, '--format=junit']);
  assert.equal(r.status, 1);
  const xml = r.stdout;
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  // Well-formed: every element closed in order, attributes quoted, no raw `<` or `&` in text.
  const stack = [];
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-z-]+)((?:\s+[a-z]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g)) {
    if (m[5] !== undefined) {
      assert.doesNotMatch(m[5], /&(?!(amp|lt|gt|quot|apos);)|>/, 'escaped text');
      continue;
    }
    if (m[1]) assert.equal(stack.pop(), m[2]);
    else if (!m[4]) stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
  assert.equal(xml.replace(/<[^>]*>|[^<]+/g, ''), '', 'nothing unparsed');
  const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"/g)];
  assert.equal(suites.length, 43);
  assert.deepEqual(suites.filter((s) => s[3] !== '0').map((s) => s[1]), [
    'tests/gitops/apps/batch/cronjob.yaml',
    'tests/gitops/apps/batch/job.yaml',
    'tests/gitops/apps/batch/pull-secret.yaml',
    'tests/gitops/tokens/pull-secret.yaml',
    'tests/gitops/workloads/service-account.yaml',
    'tests/gitops/workloads/wrong-references.yaml',
  ]);
  // 13 objects, 23 workloads, 17 skipped files; failures: one per object or workload with errors.
  assert.match(xml, /<testsuites name="pullsecret check" tests="53" failures="8" errors="0" skipped="17">/);
  assert.match(xml, /<testcase classname="tests\/gitops\/workloads\/wrong-references\.yaml" name="Pod web-staging\/cross-namespace" file="tests\/gitops\/workloads\/wrong-references\.yaml" line="3">/);
  assert.match(xml, /<testcase classname="tests\/gitops\/apps\/api\/helm-output\.yaml" name="Secret api\/api-pull \(document 3\)" file="tests\/gitops\/apps\/api\/helm-output\.yaml" line="22">\n {6}<system-out>tests\/gitops\/apps\/api\/helm-output\.yaml:22:1 warning secret-in-plain-text /);
  assert.match(xml, /<testcase classname="tests\/gitops\/apps\/api\/helm-output\.yaml" name="ServiceAccount api\/api" file="tests\/gitops\/apps\/api\/helm-output\.yaml" line="3"\/>/);
  assert.match(xml, /<failure type="auth-not-base64" message="1 error">tests\/gitops\/apps\/batch\/pull-secret\.yaml:8:22 error auth-not-base64 `auth` is not valid base64/);
  // Markup in a path is escaped.
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-check-xml-'));
  const p = join(dir, 'a&<b>".json');
  writeFileSync(p, '{"auths":{"quay.io":{"auth":"bad"}}}');
  const esc = run(['check', p, '--format=junit']);
  assert.ok(esc.stdout.includes('a&amp;&lt;b&gt;&quot;.json'), esc.stdout);
});

test('check: exit 0 clean (warnings allowed), 1 errors, 2 usage or unreadable (the other files still checked)', () => {
  assert.equal(run(['check', 'tests/gitops/apps/web']).status, 0);
  assert.equal(run(['check', 'tests/gitops/apps/legacy']).status, 0, 'warnings only');
  assert.equal(run(['check', GITOPS]).status, 1);
  const missing = run(['check', 'tests/gitops/nope.yaml', 'tests/gitops/apps/web']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'error: cannot read tests/gitops/nope.yaml: No such file or directory\n');
  assert.match(missing.stdout, /^⚠ tests\/gitops\/apps\/web\/pull-secret\.yaml: works with warnings/m);
  assert.match(missing.stdout, /^summary: 5 files \(2 without a pull secret, 1 unreadable\), /m);
  // A dangling link in a walked directory: named, status 2.
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-check-exit-'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'gone.yaml'));
  const gone = run(['check', dir]);
  assert.equal(gone.status, 2);
  assert.equal(gone.stderr, `error: cannot read ${join(dir, 'gone.yaml')}: No such file or directory\n`);
  const usage = run(['check', GITOPS, '--format=xml']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /invalid value for --format/);
  assert.equal(usage.stdout, '');
});

test('validate PATH...: several files or a directory, every file read as a credential file; one FILE unchanged', () => {
  const good = 'tests/gitops/registry/config.json';
  const bad = 'tests/gitops/apps/batch/pull-secret.yaml';
  const one = run(['validate', good]);
  assert.equal(one.status, 0);
  assert.equal(one.stdout, `${good}: 0 errors, 0 warnings (dockerconfigjson, 2 entries)\n`);
  const two = run(['validate', good, bad]);
  assert.equal(two.status, 1);
  assert.equal(
    two.stdout,
    one.stdout + run(['validate', bad]).stdout + 'summary: 2 files, 2 objects (1 Secret, 1 config file), 1 error, 0 warnings: 3 pulls will fail\n',
  );
  // A Deployment is not a credential file for validate.
  const web = ['deployment.yaml', 'ingress.yml', 'pull-secret.yaml', 'service.yaml'].map((f) => `tests/gitops/apps/web/${f}`);
  const files = run(['validate', ...web]);
  assert.equal(files.status, 1);
  assert.match(files.stdout, /^tests\/gitops\/apps\/web\/deployment\.yaml:1:1 error not-an-object /m);
  assert.match(files.stdout, /^summary: 4 files, 1 object \(1 Secret\), 3 errors, 0 warnings: errors, though no client fails$/m);
  const missing = run(['validate', good, 'nope.json']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'error: cannot read nope.json: No such file or directory\n');
  assert.match(missing.stdout, /^summary: 2 files \(1 unreadable\), /m);
  // validate walks no directory (that is check), and reads stdin only alone.
  const dir = run(['validate', good, 'tests/gitops/apps/web']);
  assert.equal(dir.status, 2);
  assert.equal(dir.stderr, 'error: cannot read tests/gitops/apps/web: Is a directory\n');
  const mixed = run(['validate', '-', good], '{}');
  assert.equal(mixed.status, 2);
  assert.match(mixed.stderr, /^error: validate reads stdin \(-\) alone; to check stdin with files, use pullsecret check\n/);
});

test('check and validate: no password, token or auth value of the fixtures in any output', () => {
  const outputs = [];
  for (const format of ['text', 'json', 'github', 'sarif', 'junit']) {
    for (const extra of [[], ['-v'], ['-q']]) {
      const r = run(['check', GITOPS, 'tests/gitops/rendered', 'tests/gitops/vendor', `--format=${format}`, ...extra]);
      assert.ok(r.stdout.length > 0 || extra[0] === '-q', `${format} ${extra}`);
      outputs.push(r.stdout, r.stderr);
    }
  }
  const stdin = readFileSync(join(root, 'tests/gitops/openshift/global-pull-secret.yaml'), 'utf8');
  const all = JSON.parse(run(['check', GITOPS, '-o', 'json']).stdout).files.map((f) => f.path);
  for (const args of [['check', '-', '-v'], ['validate', '-'], ['validate', ...all, '-o', 'json'], ['validate', ...all, '-v']]) {
    const r = run(args, stdin);
    outputs.push(r.stdout, r.stderr);
  }
  assertNoSecret('check/validate', ...outputs);
  // The check above can fail: the fixtures' canary is in the files read.
  assert.ok(readFileSync(join(root, 'tests/gitops/registry/config.json'), 'utf8').includes(b64(`ci:${CANARY}`)));
});

test('the pre-commit hook and the GitHub Action run `pullsecret check`', () => {
  const hooks = YAML.parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  const hook = hooks.find((h) => h.id === 'pullsecret-check');
  assert.ok(hook);
  assert.match(hook.entry, /^pullsecret check\b/);
  assert.ok(['node', 'system'].includes(hook.language));
  assert.ok(new RegExp(hook.files).test('apps/web/pull-secret.yaml') && !new RegExp(hook.files).test('README.md'));
  const action = YAML.parse(readFileSync(join(root, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  const steps = action.runs.steps.map((s) => s.run ?? '').join('\n');
  assert.match(steps, /npm install --global "pullsecret@\$\{?PULLSECRET_VERSION\}?"/);
  assert.match(steps, /pullsecret check --format="\$FORMAT"/);
  assert.equal(action.inputs.format.default, 'github');
  // The README documents both.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.match(readme, /pullsecret-check/);
  assert.match(readme, /uses: .*pullsecret@/);
});
