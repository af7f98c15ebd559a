// `verify` and `verifyCommand` on both package surfaces, offline (the real registries:
// tests/e2e/verify.test.mjs). @pullsecret/node's `verify` returns a Promise and rejects (never
// throws) with a coded PullSecretError for a bad argument; @pullsecret/wasm's checks the same
// arguments, then rejects with `unsupported` naming the command to run (a browser cannot ask
// registries); `verifyCommand` is the same string on both; no secret in any of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import * as wasm from '../npm/wasm/node.js';
import { run } from './lib/cli.mjs';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const CANARY = 'canary-V3rify-S3cr3t-7781';
const config = JSON.stringify({ auths: { '127.0.0.1:1': { auth: Buffer.from(`robot:${CANARY}`).toString('base64') } } });

async function rejection(p) {
  assert.ok(p instanceof Promise, 'returns a Promise');
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('resolved');
}

test('bad arguments reject with a coded PullSecretError on both surfaces, naming the argument only', async () => {
  for (const api of [napi, wasm]) {
    for (const [args, code, words] of [
      [[42], 'invalid-argument', 'input'],
      [[config, { images: 'x' }], 'invalid-option', 'images'],
      [[config, { timeoutMs: 0 }], 'invalid-option', 'timeoutMs'],
      [[config, { client: 'podman' }], 'invalid-option', 'client'],
      [[config, { password: CANARY }], 'invalid-option', 'password'],
    ]) {
      const e = await rejection(api.verify(...args));
      assert.ok(e instanceof api.PullSecretError, `${code}: ${e}`);
      assert.equal(e.code, code, e.message);
      assert.match(e.message, new RegExp(words));
      assert.ok(!`${e.message}${e.stack}`.includes(CANARY));
    }
  }
});

test('@pullsecret/wasm refuses to verify and names the command instead', async () => {
  const e = await rejection(wasm.verify(config, { images: ['127.0.0.1:1/a/b:1'], client: 'docker' }));
  assert.equal(e.code, 'unsupported');
  assert.match(e.message, /pullsecret verify FILE --image 127\.0\.0\.1:1\/a\/b:1 --client docker/);
  assert.ok(!e.message.includes(CANARY));
});

test('verifyCommand is one string on both surfaces, shell-quoted', () => {
  for (const [file, opts, want] of [
    ['pull-secret.json', undefined, 'pullsecret verify pull-secret.json'],
    ["my file's.json", { images: ['quay.io/org/app:1.2', 'a b'], client: 'containers' }, `pullsecret verify 'my file'\\''s.json' --image quay.io/org/app:1.2 --image 'a b' --client containers`],
  ]) {
    assert.equal(napi.verifyCommand(file, opts), want);
    assert.equal(wasm.verifyCommand(file, opts), want);
  }
  assert.throws(() => napi.verifyCommand(1), { code: 'invalid-argument' });
  assert.throws(() => wasm.verifyCommand(1), { code: 'invalid-argument' });
});

test('@pullsecret/node verifies off the main thread: a closed port is unreachable, the loop keeps running', async () => {
  // A port that was free a moment ago: connection refused.
  const port = await new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const text = config.replace('127.0.0.1:1', `127.0.0.1:${port}`);
  const report = await napi.verify(text, { timeoutMs: 2000, images: [`127.0.0.1:${port}/a/b:1`] });
  assert.equal(report.ok, false);
  assert.equal(report.results.length, 1);
  const r = report.results[0];
  assert.equal(r.outcome, 'unreachable');
  assert.equal(r.registry, `127.0.0.1:${port}`);
  assert.equal(r.username, 'robot');
  assert.match(r.reason, /no connection/);
  assert.deepEqual(r.requests.map((x) => [x.method, x.url, x.sent]), [['GET', `https://127.0.0.1:${port}/v2/`, 'none']]);
  assert.ok(!JSON.stringify(report).includes(CANARY));
});

test('@pullsecret/node: a registry that never answers times out while the event loop runs', async () => {
  const sockets = new Set();
  const server = createServer((s) => sockets.add(s));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const text = config.replace('127.0.0.1:1', `127.0.0.1:${server.address().port}`);
  const order = [];
  const timer = new Promise((r) => setTimeout(() => (order.push('timer'), r()), 50));
  const report = await napi.verify(text, { timeoutMs: 400 }).then((r) => (order.push('verify'), r));
  await timer;
  for (const s of sockets) s.destroy();
  server.close();
  assert.deepEqual(order, ['timer', 'verify'], 'the main thread ran while verify waited');
  assert.equal(report.results[0].outcome, 'unreachable');
  assert.match(report.results[0].reason, /no answer within the timeout/);
});

test('pullsecret verify: usage is exit 2 with a coded line; a file no client reads is exit 1 with its code; stdin works', () => {
  for (const [args, words] of [
    [['verify'], /FILE/],
    [['verify', '-', '--client', 'podman'], /client/],
    [['verify', '-', '--timeout', '0s'], /timeout/],
    [['verify', '-', '--image', 'Bad Image'], /\[invalid-option\]/],
    [['verify', '-', '--ca-file', '/nonexistent/ca.pem'], /^error: --ca-file: cannot read \/nonexistent\/ca.pem: No such file or directory \[invalid-option\]/],
    // A device is not read without end.
    [['verify', '-', '--ca-file', '/dev/zero'], /^error: --ca-file: \/dev\/zero is larger than 64 MiB: not a PEM file \[invalid-option\]/],
    [['verify', '-', '-'], /stdin \(-\) can be read once/],
  ]) {
    const r = run(args, config);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, words);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(CANARY));
  }
  const bad = run(['verify', '-', '-o', 'json'], 'not a config');
  assert.equal(bad.status, 1, bad.stderr);
  const doc = JSON.parse(bad.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.files[0].path, '<stdin>');
  assert.match(doc.files[0].error.code, /-/);
  // An entry kubelet cannot use is settled without the network: unusable, exit 1.
  const broken = JSON.stringify({ auths: { 'r.example': { auth: 'not base64!' } } });
  const r = run(['verify', '-', '-o', 'json'], broken);
  assert.equal(r.status, 1, r.stderr);
  const v = JSON.parse(r.stdout).files[0].results[0];
  assert.deepEqual([v.outcome, v.requests], ['unusable', []]);
  assert.match(v.fix, /pullsecret validate/);
});
