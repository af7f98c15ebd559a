// Runs every vector in tests/vectors/ through @pullsecret/wasm (in Node) and @pullsecret/node,
// so the surfaces cannot drift (and, run by tests/fallback.test.mjs, through @pullsecret/node's
// WebAssembly fallback). The Rust core runs the same files (crates/pullsecret/tests/vectors.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as wasm from '../npm/wasm/node.js';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const dir = new URL('./vectors/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** `expected` must be contained in `actual`: same primitives, same array lengths, object keys a subset. */
export function assertSubset(actual, expected, path = '$') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: length (actual ${JSON.stringify(actual)})`);
    expected.forEach((e, i) => assertSubset(actual[i], e, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(Object.hasOwn(actual, k), `${path}.${k}: missing in ${JSON.stringify(actual)}`);
      assertSubset(actual[k], v, `${path}.${k}`);
    }
  } else {
    assert.equal(actual, expected, `${path}`);
  }
}

function run(api, c) {
  switch (c.fn) {
    case 'validate':
      return 'options' in c ? api.validate(c.input, c.options) : api.validate(c.input);
    case 'parse':
      return api.parse(c.input);
    case 'create':
      return api.create(c.options);
    case 'toSecret':
      return api.toSecret(c.input, c.options);
    case 'createSecret':
      return api.toSecret(api.create(c.create), c.options);
    case 'lookup': {
      // readPullSecret's handle answers exactly as lookup: the same result or the same error.
      const outcome = (f) => {
        try {
          return { ok: f() };
        } catch (e) {
          return { error: { name: e.name, code: e.code, message: e.message, line: e.line, column: e.column, proto: e instanceof api.PullSecretError } };
        }
      };
      const direct = outcome(() => api.lookup(c.input, c.image, c.options));
      const handle = api.readPullSecret(c.input);
      for (let i = 0; i < 2; i++) assert.deepStrictEqual(outcome(() => handle.lookup(c.image, c.options)), direct, 'readPullSecret(...).lookup');
      return api.lookup(c.input, c.image, c.options);
    }
    case 'convert': {
      // Back to the core's JSON shape: text files as `text`, binary ones as `base64`.
      const r = api.convert(c.input, c.options);
      const files = r.files.map(({ content, ...f }) => (typeof content === 'string' ? { ...f, text: content } : { ...f, base64: Buffer.from(content).toString('base64') }));
      return { ...r, files };
    }
    case 'add':
      return api.add(c.input, c.options);
    case 'remove':
      return api.remove(c.input, c.registry, c.options);
    case 'merge':
      return api.merge(c.inputs, c.options);
    // cluster objects (objects.json)
    case 'link':
      return api.link(c.input, c.options);
    case 'grantPull':
      return api.grantPull(c.options);
    case 'podSnippet':
      return api.podSnippet(c.options);
    case 'workflowSnippet':
      return api.workflowSnippet(c.options);
    case 'delegatedAuth':
      return api.delegatedAuth(c.options);
    case 'globalPullSecret':
      return api.globalPullSecret(c.input, c.options);
    // why a pod cannot pull (explain.json)
    case 'explain':
      return api.explain(c.input, c.options);
    // safe repairs (fix.json)
    case 'fix':
      return api.fix(c.input, c.options);
    default:
      throw new Error(`unknown fn ${c.fn}`);
  }
}

// PULLSECRET_FORCE_WASM=1 (tests/fallback.test.mjs runs this file so) puts @pullsecret/node on its
// WebAssembly fallback: the vectors then run through that surface only.
const surfaces = process.env.PULLSECRET_FORCE_WASM === '1' ? [['node (WebAssembly fallback)', napi]] : [['wasm', wasm], ['napi', napi]];

for (const [surface, api] of surfaces) {
  test(`vectors via @pullsecret/${surface}`, async (t) => {
    for (const file of files) {
      const { cases } = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      for (const c of cases) {
        await t.test(`${file}: ${c.name}`, () => {
          if (c.error) {
            assert.throws(() => run(api, c), (e) => {
              assert.ok(e instanceof api.PullSecretError, `not a PullSecretError: ${e}`);
              assert.ok(e instanceof Error);
              assertSubset({ code: e.code, line: e.line, column: e.column }, c.error);
              return true;
            });
          } else {
            assertSubset(run(api, c), c.expect);
          }
        });
      }
    }
  });
}
