// Differential test against real podman: `pullsecret login/logout --style=podman` must write the
// same bytes as `podman login/logout --authfile`, and podman must read what the default
// (preserve) style writes. A CNCF distribution registry with an htpasswd user runs on 127.0.0.1
// so that `podman login` can check the credentials. scripts/test.sh installs podman,
// docker-registry and apache2-utils when missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { run as pullsecret } from '../lib/cli.mjs';
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = ['podman', 'docker-registry', 'htpasswd'].filter((c) => !have(c));
const skip = missing.length ? `missing ${missing.join(', ')} (scripts/test.sh installs them)` : false;

const USER = 'alice';
const PASS = 'p:a<ss>&é "x"';
let dir;
let registry;
let host;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const status = (url) =>
  new Promise((resolve) => {
    const req = request(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.end();
  });

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'pullsecret-podman-'));
  const port = await freePort();
  host = `127.0.0.1:${port}`;
  const htpasswd = spawnSync('htpasswd', ['-Bbn', USER, PASS], { encoding: 'utf8' });
  assert.equal(htpasswd.status, 0, htpasswd.stderr);
  writeFileSync(join(dir, 'htpasswd'), htpasswd.stdout);
  writeFileSync(
    join(dir, 'registry.yml'),
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: ${host}\nauth:\n  htpasswd:\n    realm: http://${host}/auth\n    path: ${join(dir, 'htpasswd')}\n`,
  );
  registry = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], { stdio: 'ignore' });
  for (let i = 0; i < 100 && (await status(`http://${host}/v2/`)) !== 401; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await status(`http://${host}/v2/`), 401, 'registry did not come up');
});

after(() => {
  if (registry) registry.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function podman(args, input) {
  const env = { ...process.env, HOME: join(dir, 'home'), XDG_RUNTIME_DIR: '', REGISTRY_AUTH_FILE: '' };
  const base = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--tmpdir', join(dir, 'tmp')];
  return spawnSync('podman', [...base, ...args], { input, encoding: 'utf8', env });
}

/** Starting files: none, a rich Docker config, a compact one, one with a re-login target. */
const starts = () => ({
  'no file': null,
  'rich config': `{\n  "auths": {\n    "quay.io": {"auth": "dTpw", "email": "a@b.c", "username": "u", "password": "p"},\n    "docker.io": {"auth": "eDp5", "identitytoken": "tok"},\n    "x.io": null,\n    "Z.io": {"AUTH": "QUFBOkJCQg=="}\n  },\n  "credHelpers": {"gcr.io": "gcloud", "n.io": null},\n  "credsStore": "desktop",\n  "HttpHeaders": {"X": "y"}\n}\n`,
  'compact with unknown keys': '{"auths":{},"psFormat":"table","Auths":{"b.io":{"auth":"eDp5"}}}',
  're-login over an entry with email': `{"auths":{"${host}":{"auth":"b2xkOm9sZA==","email":"e","x":1}}}`,
});

test('login --style=podman writes the bytes podman login writes', { skip }, () => {
  for (const [name, text] of Object.entries(starts())) {
    const a = join(dir, `podman-${name}.json`);
    const b = join(dir, `pullsecret-${name}.json`);
    if (text !== null) {
      writeFileSync(a, text);
      writeFileSync(b, text);
    }
    const p = podman(['login', '--authfile', a, '--tls-verify=false', '-u', USER, '--password-stdin', host], PASS);
    assert.equal(p.status, 0, `${name}: podman: ${p.stderr}`);
    const r = pullsecret(['login', '--registry', host, '-u', USER, '--password-stdin', '--to', b, '--style=podman'], PASS);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.equal(readFileSync(b, 'utf8'), readFileSync(a, 'utf8'), name);
    assert.equal(statSync(b).mode & 0o777, statSync(a).mode & 0o777, `${name}: mode`);
  }
});

test('both refuse to log in over an identity token and leave the file alone', { skip }, () => {
  const text = `{"auths":{"${host}":{"auth":"b2xkOm9sZA==","identitytoken":"tok"}}}`;
  const a = join(dir, 'token-podman.json');
  const b = join(dir, 'token-pullsecret.json');
  writeFileSync(a, text);
  writeFileSync(b, text);
  const p = podman(['login', '--authfile', a, '--tls-verify=false', '-u', USER, '--password-stdin', host], PASS);
  assert.notEqual(p.status, 0);
  assert.match(p.stderr, /Identity token/);
  const r = pullsecret(['login', '--registry', host, '-u', USER, '--password-stdin', '--to', b, '--style=podman'], PASS);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /identity token/);
  assert.equal(readFileSync(a, 'utf8'), text);
  assert.equal(readFileSync(b, 'utf8'), text);
});

test('logout --style=podman writes the bytes podman logout writes; both refuse a missing key', { skip }, () => {
  const text = starts()['rich config'];
  for (const key of ['quay.io', 'x.io', 'Z.io']) {
    const a = join(dir, 'logout-podman.json');
    const b = join(dir, 'logout-pullsecret.json');
    writeFileSync(a, text);
    writeFileSync(b, text);
    const p = podman(['logout', '--authfile', a, key]);
    assert.equal(p.status, 0, p.stderr);
    const r = pullsecret(['logout', '--registry', key, b, '--style=podman']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(b, 'utf8'), readFileSync(a, 'utf8'), key);
  }
  const a = join(dir, 'logout-missing.json');
  writeFileSync(a, text);
  assert.notEqual(podman(['logout', '--authfile', a, 'nothere.io']).status, 0);
  assert.equal(pullsecret(['logout', '--registry', 'nothere.io', a]).status, 1);
});

test('podman reads the credentials the preserve style writes, other entries intact', { skip }, () => {
  const f = join(dir, 'preserve.json');
  const text = starts()['rich config'];
  writeFileSync(f, text);
  const r = pullsecret(['login', '--registry', host, '-u', USER, '--password-stdin', '--to', f], PASS);
  assert.equal(r.status, 0, r.stderr);
  const got = podman(['login', '--get-login', '--authfile', f, host]);
  assert.equal(got.status, 0, got.stderr);
  assert.equal(got.stdout.trim(), USER);
  // and the credentials are the right ones: podman login with the file's credentials succeeds
  const copy = join(dir, 'preserve-check.json');
  copyFileSync(f, copy);
  const check = podman(['login', '--authfile', copy, '--tls-verify=false', host]);
  assert.equal(check.status, 0, check.stderr);
  // nothing else changed: removing the entry gives the original back
  assert.equal(pullsecret(['logout', '--registry', host, f]).status, 0);
  assert.equal(readFileSync(f, 'utf8'), text);
  assert.ok(existsSync(f));
});
