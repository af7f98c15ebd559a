// @pullsecret/wasm in plain Node ESM, as installed from its tarball: the `node` condition loads
// the .wasm from disk (a fetch would throw here), init() is free, the API works, ./node still works.
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

globalThis.fetch = () => {
  throw new Error('@pullsecret/wasm fetched in Node');
};
const resolved = realpathSync(fileURLToPath(import.meta.resolve('@pullsecret/wasm')));
assert.ok(resolved.endsWith('/consumer/node_modules/@pullsecret/wasm/node.js'), `resolved to ${resolved}`);
const { init, validate, create, toSecret, PullSecretError } = await import('@pullsecret/wasm');
await init();
const report = validate('{"auths":{"quay.io":{"auth":"bad"}}}');
assert.equal(report.schemaVersion, 1);
assert.equal(report.valid, false);
assert.deepEqual(report.objects[0].diagnostics.map((d) => d.code), ['auth-not-base64']);
assert.match(toSecret(create({ username: 'u', password: 'p' }), { name: 'pull' }), /^apiVersion: v1\n/);
assert.throws(() => create({ username: 1 }), PullSecretError);
const viaNode = await import('@pullsecret/wasm/node');
assert.equal(viaNode.validate, (await import('@pullsecret/wasm')).validate);
const wasmPath = fileURLToPath(import.meta.resolve('@pullsecret/wasm/pullsecret_wasm_bg.wasm'));
assert.ok(wasmPath.endsWith('/pkg/pullsecret_wasm_bg.wasm'), wasmPath);
console.log('ok');
