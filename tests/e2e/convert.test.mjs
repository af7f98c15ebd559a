// `convert` outputs read by the real programs: GNU tar and gzip unpack the Mesos archive, a YAML
// parser reads the Butane config (as go-yaml v3, Butane's parser, does: YAML 1.1 octal modes),
// node:crypto agrees with the sha512 in it, and the Docker CLI and skopeo (containers/image)
// rewrite the same input into the same bytes that pullsecret writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import * as wasm from '../../npm/wasm/node.js';

const napi = createRequire(import.meta.url)('../../npm/node/index.cjs');
const dir = mkdtempSync(join(tmpdir(), 'pullsecret-convert-'));
const b64 = (s) => Buffer.from(s).toString('base64');
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

const CONFIG = {
  auths: {
    'quay.io': { auth: b64('robot+ci:pa:ss wörd'), identitytoken: 'it' },
    'https://index.docker.io/v1/': { auth: b64('hub:pw<&>') },
    'localhost:5000': {},
    'r.example:443': { auth: b64('a:') },
  },
  credHelpers: { 'gcr.io': 'gcloud', 'ecr.example': 'ecr-login' },
};

for (const [surface, api] of [['wasm', wasm], ['napi', napi]]) {
  test(`${surface}: the Mesos archive extracts with tar to .docker/ (0700) and .docker/config.json (0600)`, () => {
    const { files } = api.convert(CONFIG, { to: 'mesos' });
    assert.ok(files[0].content instanceof Uint8Array);
    const archive = join(dir, `${surface}-docker.tar.gz`);
    writeFileSync(archive, files[0].content);
    assert.equal(spawnSync('gzip', ['-t', archive]).status, 0);
    const out = mkdtempSync(join(dir, 'x-'));
    const tar = spawnSync('tar', ['-xzvf', archive, '-C', out], { encoding: 'utf8' });
    assert.equal(tar.status, 0, tar.stderr);
    assert.deepEqual(tar.stdout.trim().split('\n'), ['.docker/', '.docker/config.json']);
    assert.equal(statSync(join(out, '.docker')).mode & 0o7777, 0o700);
    assert.equal(statSync(join(out, '.docker', 'config.json')).mode & 0o7777, 0o600);
    const dockerJson = api.convert(CONFIG, { to: 'config.json' }).files[0].content;
    assert.equal(readFileSync(join(out, '.docker', 'config.json'), 'utf8'), dockerJson);
  });
}

test('Butane (inline) parses into the Flatcar config object, modes read as octal like go-yaml v3', () => {
  const config = { auths: { 'quay.io': { auth: b64('u:p') } } };
  const { files } = napi.convert(config, { to: 'butane' });
  const doc = YAML.parse(files[0].content, { version: '1.1' });
  const core = { user: { name: 'core' }, group: { name: 'core' } };
  assert.deepEqual(doc, {
    variant: 'flatcar',
    version: '1.0.0',
    storage: {
      directories: [{ path: '/home/core/.docker', mode: 0o700, ...core }],
      files: [{
        path: '/home/core/.docker/config.json',
        mode: 0o600,
        ...core,
        contents: { inline: '{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t}\n}' },
      }],
    },
  });
});

test('Butane (remote): verification.hash is the sha512 node:crypto computes for the file to upload', () => {
  const url = 'https://internal.example/cluster-docker-config.json';
  for (const api of [wasm, napi]) {
    const { files } = api.convert(CONFIG, { to: 'butane', source: url });
    const doc = YAML.parse(files[0].content, { version: '1.1' });
    const upload = files.find((f) => f.path === 'config.json');
    assert.equal(upload.target, url);
    assert.deepEqual(doc.storage.files[0].contents, {
      source: url,
      verification: { hash: `sha512-${createHash('sha512').update(upload.content).digest('hex')}` },
    });
  }
});

test('rkt: the files parse into the objects of rkt\'s configuration docs', () => {
  const { files } = wasm.convert({ auths: { 'quay.io': { auth: b64('foo:bar') } } }, { to: 'rkt' });
  assert.deepEqual(files.map((f) => JSON.parse(f.content)), [
    { rktKind: 'auth', rktVersion: 'v1', domains: ['quay.io'], type: 'basic', credentials: { user: 'foo', password: 'bar' } },
    { rktKind: 'dockerAuth', rktVersion: 'v1', registries: ['quay.io'], credentials: { user: 'foo', password: 'bar' } },
  ]);
});

/** Input plus a throw-away entry that the real tool's logout removes, making it rewrite the file. */
const withDummy = { ...CONFIG, auths: { ...CONFIG.auths, 'zz.invalid': { auth: b64('x:y') } } };

test('Docker CLI: rewriting the same config (docker logout) gives pullsecret\'s config.json bytes', (t) => {
  if (!has('docker')) return t.skip('docker CLI not installed');
  const cfgDir = mkdtempSync(join(dir, 'docker-'));
  writeFileSync(join(cfgDir, 'config.json'), JSON.stringify(withDummy));
  const r = spawnSync('docker', ['--config', cfgDir, 'logout', 'zz.invalid'], { encoding: 'utf8', env: { ...process.env, HOME: cfgDir } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(napi.convert(CONFIG, { to: 'config.json' }).files[0].content, readFileSync(join(cfgDir, 'config.json'), 'utf8'));
});

test('skopeo (containers/image): rewriting the same auth file (skopeo logout) gives pullsecret\'s auth.json bytes', (t) => {
  if (!has('skopeo')) return t.skip('skopeo not installed (scripts/test.sh installs it)');
  // podman/skopeo spell Docker Hub `docker.io`; start from that spelling so the two files compare.
  const podmanInput = { ...withDummy, auths: { ...withDummy.auths } };
  podmanInput.auths['docker.io'] = podmanInput.auths['https://index.docker.io/v1/'];
  delete podmanInput.auths['https://index.docker.io/v1/'];
  const file = join(mkdtempSync(join(dir, 'skopeo-')), 'auth.json');
  writeFileSync(file, JSON.stringify(podmanInput));
  const r = spawnSync('skopeo', ['logout', '--authfile', file, 'zz.invalid'], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
  assert.equal(r.status, 0, r.stderr);
  delete podmanInput.auths['zz.invalid'];
  assert.equal(wasm.convert(podmanInput, { to: 'auth.json' }).files[0].content, readFileSync(file, 'utf8'));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  // and from the Docker spelling, pullsecret writes the key podman login would
  assert.equal(wasm.convert(CONFIG, { to: 'auth.json' }).files[0].content, readFileSync(file, 'utf8'));
});

test('skopeo reads the credentials back from pullsecret\'s auth.json and legacy ~/.dockercfg', (t) => {
  if (!has('skopeo')) return t.skip('skopeo not installed (scripts/test.sh installs it)');
  const home = mkdtempSync(join(dir, 'home-'));
  const run = join(home, 'run');
  spawnSync('mkdir', ['-p', run]);
  const config = { auths: { 'quay.io': { auth: b64('robot+ci:pw') }, 'https://r.example:5000/v2/': { username: 'alice', password: 'x' } } };
  writeFileSync(join(home, 'auth.json'), napi.convert(config, { to: 'auth.json' }).files[0].content);
  writeFileSync(join(home, '.dockercfg'), napi.convert(config, { to: 'dockercfg' }).files[0].content);
  const login = (...args) => {
    const r = spawnSync('skopeo', ['login', '--get-login', ...args], { encoding: 'utf8', env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: run } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  for (const [host, user] of [['quay.io', 'robot+ci'], ['r.example:5000', 'alice']]) {
    assert.equal(login('--authfile', join(home, 'auth.json'), host), user);
    assert.equal(login(host), user); // only ~/.dockercfg exists: the legacy file is what answers
  }
});
