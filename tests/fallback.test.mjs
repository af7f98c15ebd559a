// @pullsecret/node without a native binary: the loader napi generates (npm/node/napi.js) falls
// back to the same crate built for wasm32-wasip1-threads, and index.cjs says so once on stderr.
// PULLSECRET_FORCE_WASM=1 (or napi's NAPI_RS_FORCE_WASI=true) forces it; here the shared vectors
// run through it (tests/vectors.test.mjs, in a child process), the CLI gives the same output, and
// packages copied without any binary show the stderr line and, without the WebAssembly build too,
// every load error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const node = (args, env = {}, cwd = root) => {
  // NODE_TEST_CONTEXT (set by node --test for this file) would make a nested `node --test` report
  // to this process instead of printing TAP.
  const { NODE_TEST_CONTEXT, ...base } = process.env;
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...base, NAPI_RS_FORCE_WASI: '', PULLSECRET_FORCE_WASM: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const NOTICE = /^@pullsecret\/node: using the WebAssembly build \(slower\): (.+); (.+)\.$/;
const lines = (s) => s.split('\n').filter((l) => l !== '');

test('the shared vectors through the WebAssembly fallback (PULLSECRET_FORCE_WASM=1)', () => {
  const r = node(['--test', '--test-reporter=tap', 'tests/vectors.test.mjs'], { PULLSECRET_FORCE_WASM: '1' });
  assert.equal(r.status, 0, `${r.stdout.slice(-3000)}\n${r.stderr}`);
  assert.match(r.stdout, /vectors via @pullsecret\/node \(WebAssembly fallback\)/);
  const pass = Number(r.stdout.match(/^# pass (\d+)$/m)[1]);
  assert.ok(pass > 300, `only ${pass} vectors passed`);
  assert.match(r.stdout, /^# fail 0$/m);
});

const load = `
  const cjs = require('./npm/node/index.cjs');
  import('./npm/node/index.mjs').then((esm) => {
    let error;
    try { cjs.parse('['); } catch (e) { error = e; }
    console.log(JSON.stringify({ valid: esm.validate('{"auths":{}}').valid, error: error instanceof cjs.PullSecretError && error instanceof Error, code: error.code, line: error.line, column: error.column }));
  });`;

for (const [env, reason] of [
  [{ PULLSECRET_FORCE_WASM: '1' }, 'PULLSECRET_FORCE_WASM=1 is set'],
  [{ NAPI_RS_FORCE_WASI: 'true' }, 'NAPI_RS_FORCE_WASI=true is set'],
]) {
  test(`${Object.keys(env)[0]}: the same API and errors, one line on stderr`, () => {
    const r = node(['-e', load], env);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { valid: true, error: true, code: 'json-syntax', line: 1, column: 2 });
    // Exactly one line, for the CommonJS and the ES entry together; no ExperimentalWarning of node:wasi.
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    const [, why, how] = lines(r.stderr)[0].match(NOTICE);
    assert.equal(why, reason);
    assert.equal(how, 'unset it for the native addon');
  });
}

test('verify on the WebAssembly fallback: no sockets, so a coded rejection naming what to use instead', () => {
  const script = `
    require('./npm/node/index.cjs')
      .verify('{"auths":{"r.example":{"auth":"dTpw"}}}', { images: ['r.example/a:1'] })
      .then(() => console.log('resolved'), (e) => console.log(JSON.stringify({ proto: e instanceof require('./npm/node/index.cjs').PullSecretError, code: e.code, message: e.message })));`;
  const r = node(['-e', script], { PULLSECRET_FORCE_WASM: '1' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual([out.proto, out.code], [true, 'unsupported']);
  assert.match(out.message, /pullsecret verify/);
});

test('without the fallback forced: the native addon, nothing on stderr', () => {
  const r = node(['-e', load]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('the CLI on the fallback prints what it prints on the native addon', () => {
  const args = ['npm/node/cli.cjs', 'validate', '-o', 'json', 'tests/fixtures/openshift-default-sa.yaml'];
  const native = node(args);
  const wasm = node(args, { PULLSECRET_FORCE_WASM: '1' });
  assert.equal(wasm.status, native.status);
  assert.equal(wasm.stdout, native.stdout);
  assert.equal(native.stderr, '');
  assert.match(wasm.stderr.trimEnd(), NOTICE);
});

/** A copy of @pullsecret/node's own files under tests/.cache (so the workspace's node_modules resolve), with `extra` of the built ones. */
function copy(name, extra) {
  const dir = `${root}tests/.cache/${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['index.cjs', 'binding.cjs', 'index.mjs', 'napi.js', 'package.json', ...extra]) copyFileSync(`${root}npm/node/${f}`, dir + f);
  return dir;
}

test('no native binary installed: the WebAssembly build, and the line names the missing package', { skip: process.platform !== 'linux' && 'linux only' }, () => {
  const dir = copy('no-native', ['pullsecret.wasi.cjs', 'pullsecret.wasm32-wasi.wasm', 'wasi-worker.mjs']);
  const r = node(['-e', `console.log(require(${JSON.stringify(dir)}).validate('{"auths":{}}').valid)`]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'true\n');
  assert.equal(lines(r.stderr).length, 1, r.stderr);
  const [, why, how] = lines(r.stderr)[0].match(NOTICE);
  const glibc = process.report.getReport().header.glibcVersionRuntime;
  const pkg = `@pullsecret/node-linux-${process.arch}-${glibc ? 'gnu' : 'musl'}`;
  assert.equal(why, `${pkg} is not installed`);
  assert.match(how, new RegExp(`install ${pkg}@0\\.2\\.0`));
});

test('nothing loads: the error lists every load error', () => {
  const dir = copy('nothing', []);
  const r = node(['-e', `try { require(${JSON.stringify(dir)}) } catch (e) { const seen = []; for (let c = e; c; c = c.cause) seen.push(c.message); console.log(JSON.stringify(seen)) }`]);
  assert.equal(r.status, 0, r.stderr);
  const messages = JSON.parse(r.stdout);
  assert.match(messages[0], /^Cannot find native binding/);
  const all = messages.join('\n');
  if (process.platform === 'linux' && process.arch === 'x64') {
    const abi = process.report.getReport().header.glibcVersionRuntime ? 'gnu' : 'musl';
    assert.match(all, new RegExp(`pullsecret\\.linux-x64-${abi}\\.node`));
    assert.match(all, new RegExp(`@pullsecret/node-linux-x64-${abi}`));
  }
  assert.match(all, /pullsecret\.wasi\.cjs/);
  assert.match(all, /@pullsecret\/node-wasm32-wasi/);
});
