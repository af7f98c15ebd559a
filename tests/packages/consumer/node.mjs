// @pullsecret/node as installed from its tarball (its platform package from its own tarball):
// ESM import and CommonJS require give the same API, the native addon of this machine loads
// (not the WebAssembly fallback: nothing on stderr), errors are PullSecretErrors, and
// @pullsecret/node/cli runs the command in this process.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esm from '@pullsecret/node';

const require = createRequire(import.meta.url);
const cjs = require('@pullsecret/node');
assert.equal(esm.validate, cjs.validate);
const report = esm.validate('{"auths":{"quay.io":{"auth":"bad"}}}');
assert.equal(report.schemaVersion, 1);
assert.deepEqual(report.objects[0].diagnostics.map((d) => d.code), ['auth-not-base64']);
assert.match(esm.toSecret(esm.create({ username: 'u', password: 'p' }), { name: 'pull', labels: ['app=web'] }), /\n {4}app: web\n/);
assert.throws(() => esm.create({ username: 1 }), esm.PullSecretError);
const addon = Object.keys(require.cache).find((f) => f.endsWith('.node'));
assert.ok(addon && realpathSync(addon).includes('/node_modules/@pullsecret/node-'), `the addon loaded from ${addon}`);
assert.equal(typeof require('@pullsecret/node/cli').runCli, 'function');
assert.ok(fileURLToPath(import.meta.resolve('@pullsecret/node')).endsWith('/index.mjs'));
console.log('ok');
