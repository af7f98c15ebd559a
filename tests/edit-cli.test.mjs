// `pullsecret login / logout / merge`: offline edits written atomically with mode 0600, the target
// untouched on any error, conflicts and removals on stderr, no secret in any message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { run } from './lib/cli.mjs';
const newDir = () => mkdtempSync(join(tmpdir(), 'pullsecret-edit-'));
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const mode = (p) => statSync(p).mode & 0o777;
const CANARY = 'canary-L0gin-pw-5531';

/** Asserts `p` still has exactly `text` and `perm`, and no temp file was left beside it. */
function untouched(dir, p, text, perm) {
  assert.equal(readFileSync(p, 'utf8'), text);
  assert.equal(mode(p), perm);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
}

test('login creates the file, mode 0600, podman layout, password split at the first colon only', () => {
  const dir = newDir();
  const p = join(dir, 'auth.json');
  const r = run(['login', '--registry', 'quay.io', '--auth-basic', 'u:p:w:é', '--to', p]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(p, 'utf8'), `{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "${b64('u:p:w:é')}"\n\t\t}\n\t}\n}`);
  assert.equal(mode(p), 0o600);
  assert.match(r.stderr, /^Saved credentials for quay.io into /);
  assert.equal(r.stdout, '');
});

test('login into an existing file keeps every other byte; an existing 0644 file becomes 0600', () => {
  const dir = newDir();
  const p = join(dir, 'config.json');
  const before = '{\n    "auths": {\n        "a.io": {"auth": "eDp5", "email": "me@x"}\n    },\n    "psFormat": "table"\n}\n';
  writeFileSync(p, before);
  chmodSync(p, 0o644);
  const r = run(['login', '--registry=b.io', `--auth-basic=u:p`, `--to=${p}`]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    readFileSync(p, 'utf8'),
    '{\n    "auths": {\n        "a.io": {"auth": "eDp5", "email": "me@x"},\n        "b.io": {\n            "auth": "dTpw"\n        }\n    },\n    "psFormat": "table"\n}\n',
  );
  assert.equal(mode(p), 0o600);
  // logout gives the original bytes back
  const out = run(['logout', '--registry', 'b.io', p]);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(readFileSync(p, 'utf8'), before);
  assert.match(out.stderr, /^Removed b\.io from /);
});

test('login --style=podman writes what podman writes (email and unknown keys dropped)', () => {
  const dir = newDir();
  const p = join(dir, 'auth.json');
  writeFileSync(p, '{"auths":{"a.io":{"auth":"eDp5","email":"e"}},"credsStore":"desktop"}');
  const r = run(['login', '--registry', 'b.io', '--auth-basic', 'u:p', '--to', p, '--style', 'podman']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(p, 'utf8'), '{\n\t"auths": {\n\t\t"a.io": {\n\t\t\t"auth": "eDp5"\n\t\t},\n\t\t"b.io": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t}\n}');
});

test('--password-stdin joins the lines of stdin as podman does', () => {
  const dir = newDir();
  const p = join(dir, 'auth.json');
  const r = run(['login', '--registry', 'quay.io', '-u', 'u', '--password-stdin', '--to', p], 'pa:\r\nss\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(p, 'utf8'), new RegExp(`"auth": "${b64('u:pa:ss')}"`));
});

test('target untouched on any error', () => {
  const dir = newDir();
  const p = join(dir, 'config.json');
  const cases = [
    ['{"auths":{"a.io":{"auth":"eDp5"}}', ['login', '--registry', 'b.io', '--auth-basic', `u:${CANARY}`, '--to', p], 1], // bad JSON
    ['{"auths":{}}', ['login', '--registry', 'https://b.io', '--auth-basic', `u:${CANARY}`, '--to', p, '--style=podman'], 1], // key-refused
    ['{"auths":{}}', ['login', '--registry', 'b.io', '--auth-basic', `u:x:${CANARY}`, '--to', p, '--email', 'e', '--style=podman'], 1], // unsupported
    ['{"auths":{}}', ['login', '--registry', 'b.io', '--auth-basic', `${CANARY}`, '--to', p], 2], // no colon
    ['{"auths":{}}', ['login', '--registry', 'b.io', '--auth-basic', `u:${CANARY}`, '-u', 'x', '--to', p], 2], // two inputs
    ['{"auths":{"a.io":{}}}', ['logout', '--registry', 'b.io', p], 1], // not logged in
    ['{"auths":{"a.io":{}}}', ['logout', '--registry', 'b.io', '--bogus', p], 2],
    // a Secret would be replaced by the bare config: refused
    ["apiVersion: v1\nkind: Secret\nstringData:\n  .dockerconfigjson: '{\"auths\":{}}'\n", ['login', '--registry', 'b.io', '--auth-basic', `u:${CANARY}`, '--to', p], 2],
    ['eyJhdXRocyI6eyJhLmlvIjp7fX19', ['logout', '--registry', 'a.io', p], 2],
  ];
  for (const [text, args, status] of cases) {
    writeFileSync(p, text);
    chmodSync(p, 0o640);
    const r = run(args);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /);
    assert.ok(!r.stderr.includes(CANARY) && !r.stdout.includes(CANARY), r.stderr);
    untouched(dir, p, text, 0o640);
  }
  // merge -o: a conflict with --on-conflict=error leaves the output file alone
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  writeFileSync(b, '{"auths":{"https://quay.io":{"auth":"dTpw"}}}');
  writeFileSync(p, 'old');
  chmodSync(p, 0o640);
  const r = run(['merge', a, b, '-o', p, '--on-conflict=error']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /merge-conflict/);
  untouched(dir, p, 'old', 0o640);
  // an unwritable place: error, exit 1, no crash
  const w = run(['login', '--registry', 'b.io', '--auth-basic', 'u:p', '--to', join(dir, 'missing-dir', 'x.json')]);
  assert.equal(w.status, 1);
  assert.match(w.stderr, /^error: cannot write .*x\.json: No such file or directory\n$/);
});

test('logout --aliases removes every spelling and names them', () => {
  const dir = newDir();
  const p = join(dir, 'config.json');
  writeFileSync(p, '{"auths":{"docker.io":{},"https://index.docker.io/v1/":{},"quay.io":{}}}');
  const r = run(['logout', '--registry', 'docker.io', '--aliases', p]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(p, 'utf8'), '{"auths":{"quay.io":{}}}');
  assert.equal(r.stderr, `Removed docker.io, https://index.docker.io/v1/ from ${p}\n`);
  assert.equal(mode(p), 0o600);
});

test('merge: stdout by default, conflicts on stderr naming files, -o writes 0600', () => {
  const dir = newDir();
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, '{"auths":{"quay.io":{"auth":"eDp5"},"a.io":{}},"credsStore":"desktop"}');
  writeFileSync(b, '{"auths":{"https://quay.io":{"auth":"dTpw"},"b.io":{}}}');
  const r = run(['merge', a, b]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '{"auths":{"a.io":{},"b.io":{},"https://quay.io":{"auth":"dTpw"}},"credsStore":"desktop"}\n');
  assert.equal(r.stderr, `conflict: auths "quay.io": "quay.io" in ${a}, "https://quay.io" in ${b}; kept ${b}\n`);
  const first = run(['merge', a, b, '--on-conflict', 'first', '-o', join(dir, 'out.json')]);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout, '');
  assert.equal(readFileSync(join(dir, 'out.json'), 'utf8'), '{"auths":{"quay.io":{"auth":"eDp5"},"a.io":{},"b.io":{}},"credsStore":"desktop"}');
  assert.equal(mode(join(dir, 'out.json')), 0o600);
  // a bad file is named in the error
  writeFileSync(b, '{');
  const bad = run(['merge', a, b]);
  assert.equal(bad.status, 1);
  assert.ok(bad.stderr.includes(b), bad.stderr);
});
