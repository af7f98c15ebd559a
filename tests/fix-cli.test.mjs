// `pullsecret fix`: the core's safe repairs written back to files. The repairs themselves are
// the core's (tests/vectors/fix.json runs them through the core and both packages); this suite
// covers the command: walking PATHs, writing atomically with the file's mode, --dry-run's diff
// and exit status, --code, stdin, -o json, files it must not touch, and the canary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from './lib/cli.mjs';

const api = createRequire(import.meta.url)('../npm/node/index.cjs');
const CANARY = 'canary-F1x-77310';
const vectors = JSON.parse(readFileSync(new URL('./vectors/fix.json', import.meta.url), 'utf8')).cases;
const b64 = (s) => Buffer.from(s).toString('base64');

/** A fresh directory holding `files` (name → text or bytes). */
function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-fix-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Every file under `dir`, relative path → bytes. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

const secretWith = (config) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(config)}\n`;

const files = {
  'config.json': `{\n  "auths": {\n    "quay.io": {"auth": "${b64(`robot:${CANARY}`).replace(/=+$/, '')}"},\n    "r.example.com": {}\n  }\n}\n`,
  'apps/secret.yaml': secretWith(JSON.stringify({ auths: { 'quay.io': { username: 'robot', password: `${CANARY}\n` } } })),
  'apps/clean.yaml': secretWith(JSON.stringify({ auths: { 'quay.io': { auth: b64('u:p') } } })),
  'apps/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx}]\n',
  'build/ignored.json': '{"auths":{"q.io":{"auth":"dTpwcQ"}}}',
  '.gitignore': 'build/\n',
  'notes.txt': '{"auths":{"q.io":{"auth":"dTpwcQ"}}}',
};

test('fix DIR: each file repaired as the core repairs it, the rest and the ignored files untouched, mode kept', () => {
  const dir = tree(files);
  chmodSync(join(dir, 'config.json'), 0o640);
  const before = snapshot(dir);
  const r = run(['fix', dir]);
  assert.equal(r.status, 0, r.stderr);
  const after = snapshot(dir);
  for (const [name, bytes] of Object.entries(before)) {
    const text = bytes.toString('utf8');
    const want = ['config.json', 'apps/secret.yaml'].includes(name) ? api.fix(text).text : text;
    assert.ok(name === 'config.json' || name === 'apps/secret.yaml' ? want !== text : true, `${name} has something to repair`);
    assert.equal(after[name].toString('utf8'), want, name);
  }
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), 'no temporary file is left');
  assert.equal(statSync(join(dir, 'config.json')).mode & 0o777, 0o640);
  // The list of repairs: FILE:LINE:COLUMN fixed CODE what, then the totals; no secret.
  assert.match(r.stdout, /config\.json:3:25 fixed auth-unpadded `quay\.io`: added the `=` padding to `auth`\n/);
  assert.match(r.stdout, /config\.json:4:5 fixed no-credentials dropped the empty entry `r\.example\.com`\n/);
  assert.match(r.stdout, /apps\/secret\.yaml:7:22 fixed missing-auth /);
  assert.match(r.stdout, /apps\/secret\.yaml:7:22 fixed credentials-whitespace /);
  assert.match(r.stdout, /^repaired 4 findings in 2 files of 4 checked$/m);
  assert.ok(!(r.stdout + r.stderr).includes(CANARY));
  // What fix leaves, fix leaves alone; validate finds none of the repaired findings.
  const again = run(['fix', dir]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^repaired 0 findings in 0 files of 4 checked$/m);
  const v = run(['validate', join(dir, 'config.json'), join(dir, 'apps/secret.yaml'), '-o', 'json']);
  for (const code of ['auth-unpadded', 'no-credentials', 'missing-auth', 'credentials-whitespace']) {
    assert.ok(!v.stdout.includes(`"${code}"`), code);
  }
});

test('fix --dry-run: a unified diff, nothing written, exit 1 when a file would change, 0 when none would', () => {
  const dir = tree(files);
  const before = snapshot(dir);
  const r = run(['fix', '--dry-run', dir]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(snapshot(dir), before);
  const cfg = join(dir, 'config.json');
  assert.ok(r.stdout.includes(`--- ${cfg}\n+++ ${cfg}\n@@ -1,6 +1,5 @@\n {\n   "auths": {\n-    "quay.io"`), r.stdout);
  assert.ok(r.stdout.startsWith(`--- ${join(dir, 'apps/secret.yaml')}\n`), 'files in name order');
  assert.match(r.stdout, /^-    "r\.example\.com": \{\}$/m);
  // The list goes to stderr (stdout is the diff).
  assert.match(r.stderr, /^would repair 4 findings in 2 files of 4 checked$/m);
  const clean = run(['fix', '--dry-run', join(dir, 'apps/clean.yaml')]);
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, '');
});

test('fix --code: only those repairs; a code fix does not repair is a usage error', () => {
  const dir = tree({ 'config.json': files['config.json'] });
  const cfg = join(dir, 'config.json');
  const r = run(['fix', '--code=no-credentials', cfg]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(cfg, 'utf8'), api.fix(files['config.json'], { codes: ['no-credentials'] }).text);
  assert.match(readFileSync(cfg, 'utf8'), /"auth": "[^"=]+"/, 'the padding is not added');
  const bad = run(['fix', '--code=auth-mismatch', cfg]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^error: --code must name codes that fix repairs: bom, auth-unpadded, /);
});

test('fix -: the repaired text on stdout, the list on stderr; -o json', () => {
  const input = files['config.json'];
  const r = run(['fix', '-'], input);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, api.fix(input).text);
  assert.match(r.stderr, /<stdin>:3:25 fixed auth-unpadded /);
  const dir = tree({ 'a.json': '{"auths":{"q.io":{"auth":"dTpwcQ"},"r.io":{}}}', 'b.json': '{"auths":{}}' });
  const j = run(['fix', '--dry-run', '-o', 'json', dir]);
  assert.equal(j.status, 1, j.stderr);
  const out = JSON.parse(j.stdout);
  assert.match(out[0].diff, /^-\{"auths":\{"q\.io":\{"auth":"dTpwcQ"\},"r\.io":\{\}\}\}$/m);
  assert.equal(out[1].diff, undefined);
  assert.deepEqual(out.map((f) => [relative(dir, f.file), f.changed, f.written, f.fixes.map((x) => x.code)]), [
    ['a.json', true, false, ['auth-unpadded', 'no-credentials']],
    ['b.json', false, false, []],
  ]);
  assert.ok(!j.stdout.includes(CANARY));
});

test('fix leaves what it cannot read as text alone, and refuses a missing path', () => {
  const utf16 = Buffer.from('\ufeff{"auths":{"q.io":{"auth":"dTpwcQ"}}}', 'utf16le');
  const latin1 = Buffer.concat([Buffer.from('{"auths":{"q.io":{"auth":"dTpwcQ","email":"'), Buffer.from([0xe9]), Buffer.from('"}}}')]);
  const dir = tree({ 'utf16.json': utf16, 'latin1.json': latin1 });
  const r = run(['fix', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readFileSync(join(dir, 'utf16.json')), utf16);
  assert.deepEqual(readFileSync(join(dir, 'latin1.json')), latin1);
  assert.match(r.stderr, /latin1\.json: not UTF-8, left as it is/);
  // Stdin's bytes go through as they came.
  const s = run(['fix', '-'], latin1, { encoding: 'buffer' });
  assert.equal(s.status, 0);
  assert.deepEqual(s.stdout, latin1);
  const missing = run(['fix', join(dir, 'nope.json')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.json/);
});

test('fix leaves a text larger than the core reads (64 MiB) alone, every byte of it, as a file and on stdin', () => {
  // A repairable config (`auth` without padding) behind 64 MiB of spaces: reading only the part
  // the core takes and writing that back would cut the file.
  const big = Buffer.concat([Buffer.from('{"auths":{"q.io":{"auth":"dTpwcQ"}}'), Buffer.alloc(64 * 1024 * 1024 + 16, 0x20), Buffer.from('}\n')]);
  const dir = tree({ 'big.json': big });
  const r = run(['fix', dir], undefined, { maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /big\.json: larger than 64 MiB, left as it is \(too-large\)/);
  assert.ok(readFileSync(join(dir, 'big.json')).equals(big), 'the file is unchanged');
  const s = run(['fix', '-'], big, { encoding: 'buffer', maxBuffer: 1 << 30 });
  assert.equal(s.status, 0, String(s.stderr));
  assert.ok(s.stdout.equals(big), 'stdin goes through whole');
  assert.match(String(s.stderr), /<stdin>: larger than 64 MiB, left as it is/);
});

test('fix DIR: a symlink out of the repository is named and never written through; the other files are repaired', () => {
  const outside = tree({ 'config.json': '{"auths":{"q.io":{"auth":"dTpwcQ"}}}' });
  const dir = tree({ 'a.json': '{"auths":{"q.io":{"auth":"dTpwcQ"}}}' });
  symlinkSync(join(outside, 'config.json'), join(dir, 'b.json'));
  const r = run(['fix', dir, '-o', 'json']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^error: cannot read .*b\.json: a symlink out of the repository is not followed/m);
  const results = Object.fromEntries(JSON.parse(r.stdout).map((f) => [relative(dir, f.file), [f.written, f.error]]));
  assert.deepEqual(results, {
    'a.json': [true, undefined],
    'b.json': [false, 'a symlink out of the repository is not followed (Argo CD refuses one: GHSA-6gcg-hp2x-q54h)'],
  });
  assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), '{"auths":{"q.io":{"auth":"dTpwcQ=="}}}');
  assert.equal(readFileSync(join(outside, 'config.json'), 'utf8'), '{"auths":{"q.io":{"auth":"dTpwcQ"}}}');
});

test('fix over the GitOps fixture tree: only the repairable file changes, and check no longer reports it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-fix-gitops-'));
  cpSync(new URL('./gitops', import.meta.url), dir, { recursive: true });
  const before = snapshot(dir);
  const checkBefore = JSON.parse(run(['check', dir, '-o', 'json', '--now=2026-01-01T00:00:00Z']).stdout);
  const r = run(['fix', dir]);
  assert.equal(r.status, 0, r.stderr);
  const after = snapshot(dir);
  const changed = Object.keys(before).filter((k) => !before[k].equals(after[k]));
  assert.deepEqual(changed, ['apps/monitoring/secrets-list.json']);
  const name = changed[0];
  assert.equal(after[name].toString('utf8'), api.fix(before[name].toString('utf8')).text);
  const count = (report, code) => JSON.stringify(report).split(`"code":"${code}"`).length - 1;
  const checkAfter = JSON.parse(run(['check', dir, '-o', 'json', '--now=2026-01-01T00:00:00Z']).stdout);
  assert.equal(count(checkAfter, 'missing-auth'), count(checkBefore, 'missing-auth') - 1);
  assert.equal(checkAfter.summary.errors, checkBefore.summary.errors);
});

test('every fix.json vector through the command: the file becomes the vector\'s text', () => {
  let ran = 0;
  for (const c of vectors) {
    if (c.error || c.options) continue;
    const dir = tree({ 'in.yaml': c.input });
    const r = run(['fix', join(dir, 'in.yaml')]);
    assert.equal(r.status, 0, `${c.name}: ${r.stderr}`);
    assert.equal(readFileSync(join(dir, 'in.yaml'), 'utf8'), c.expect.text, c.name);
    ran++;
  }
  assert.ok(ran >= 20, `only ${ran}`);
});
