// Errors and options on both surfaces (@pullsecret/wasm in Node, @pullsecret/node): errors are
// real PullSecretErrors with the core's code and position, option errors name the option and
// never its value (a canary planted in wrong-typed options appears in no message, stack or
// property), and results are plain data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as wasm from '../npm/wasm/node.js';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const CANARY = 'canary-0pt10n-S3cr3t-6120';
const b64 = (s) => Buffer.from(s).toString('base64');
const config = JSON.stringify({ auths: { 'quay.io': { auth: b64('u:p') } } });

/** Every string reachable from an error: message, stack, own properties (enumerable or not). */
function everything(e) {
  const out = [String(e), e.stack ?? ''];
  for (const k of Object.getOwnPropertyNames(e)) out.push(`${k}=${typeof e[k] === 'object' ? JSON.stringify(e[k]) : String(e[k])}`);
  return out.join('\n');
}

/** Calls that take options, each with its required parts filled in. */
const calls = (api) => [
  ['create', (o) => api.create({ username: 'u', password: 'p', ...o })],
  ['toSecret', (o) => api.toSecret(config, { name: 'x', ...o })],
  ['lookup', (o) => api.lookup(config, 'quay.io/a/b', { client: 'docker', ...o })],
  ['convert', (o) => api.convert(config, { to: 'auth.json', ...o })],
  ['add', (o) => api.add(config, { registry: 'r.io', username: 'u', password: 'p', ...o })],
  ['remove', (o) => api.remove(config, 'quay.io', o)],
  ['merge', (o) => api.merge([config, config], o)],
  ['link', (o) => api.link(null, { serviceAccount: 'default', secrets: ['s'], ...o })],
  ['grantPull', (o) => api.grantPull({ fromNamespace: 'a', namespace: 'b', ...o })],
  ['podSnippet', (o) => api.podSnippet({ name: 'p', image: 'i', secrets: ['s'], ...o })],
  ['workflowSnippet', (o) => api.workflowSnippet({ generateName: 'w-', secrets: ['s'], ...o })],
  ['delegatedAuth', (o) => api.delegatedAuth({ authServer: 'a.io', registry: 'r.io', username: 'u', password: 'p', authSecretName: 'a', registrySecretName: 'r', ...o })],
  ['globalPullSecret', (o) => api.globalPullSecret(config, { registry: 'r.io', authBasic: 'u:p', ...o })],
  ['explain', (o) => api.explain('kind: Pod\nspec: {containers: [{image: nginx}]}\n', o)],
];

const NAMES = ['server', 'username', 'password', 'email', 'name', 'namespace', 'type', 'output', 'creationTimestamp', 'appendHash',
  'labels', 'annotations', 'client', 'to', 'source', 'uri', 'registry', 'authBasic', 'style', 'aliases', 'onConflict', 'serviceAccount',
  'secrets', 'for', 'fromNamespace', 'group', 'role', 'roleBindingName', 'generateName', 'image', 'container', 'authServer',
  'authSecretName', 'registrySecretName', 'logins', 'variant', 'file', 'events', CANARY];
const VALUES = [CANARY, [CANARY], { [CANARY]: CANARY }, { a: [CANARY] }, [{ authBasic: CANARY }], 7, true];
/** Options whose string values are names the rules check and quote when refused (a namespace
 * that is not a DNS-1123 label, as before): for them only wrong-typed values are planted. */
const NAMED = new Set(['server', 'username', 'email', 'name', 'namespace', 'registry', 'serviceAccount', 'secrets', 'fromNamespace', 'role',
  'roleBindingName', 'generateName', 'image', 'container', 'authServer', 'authSecretName', 'registrySecretName', 'file', 'source', 'uri']);
const rightTyped = (name, value) => NAMED.has(name) && (typeof value === 'string' || (name === 'secrets' && Array.isArray(value) && typeof value[0] === 'string'));

for (const [surface, api] of [['wasm', wasm], ['napi', napi]]) {
  test(`${surface}: wrong-typed options holding a canary never show it`, () => {
    let refused = 0;
    for (const [fn, call] of calls(api)) {
      for (const name of NAMES) {
        for (const value of VALUES) {
          if (rightTyped(name, value)) continue;
          try {
            call({ [name]: value });
          } catch (e) {
            refused++;
            assert.ok(e instanceof api.PullSecretError && e instanceof Error, `${fn} ${name}: not a PullSecretError: ${e}`);
            assert.equal(typeof e.code, 'string');
            const all = everything(e);
            assert.ok(!all.includes(CANARY) || name === CANARY, `${fn}({${name}: ${JSON.stringify(value)}}) leaked: ${all}`);
            assert.ok(!all.includes('Secr3t'), `${fn}: ${all}`);
          }
        }
      }
    }
    assert.ok(refused > 1000, `only ${refused} refusals`);
  });

  test(`${surface}: option errors name the option and the function`, () => {
    const codeAndMessage = (f) => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof api.PullSecretError, String(e));
        assert.equal(e.name, 'PullSecretError');
        assert.equal(e.line, undefined);
        return [e.code, e.message];
      }
      assert.fail('no error');
    };
    assert.deepEqual(codeAndMessage(() => api.create({ username: 'u', password: 'p:w', email: true })), ['invalid-option', 'create: email must be a string']);
    assert.deepEqual(codeAndMessage(() => api.toSecret(config, { name: 'x', foo: 1 }))[0], 'invalid-option');
    assert.match(codeAndMessage(() => api.toSecret(config, { name: 'x', foo: 1 }))[1], /^toSecret: unknown option `foo`/);
    assert.deepEqual(codeAndMessage(() => api.convert(config, { to: 'yaml' })), ['invalid-option', 'convert: to must be one of auth.json, config.json, dockercfg, rkt, butane, mesos']);
    assert.deepEqual(codeAndMessage(() => api.convert(config, {})), ['missing-option', 'convert: missing option to']);
    assert.deepEqual(codeAndMessage(() => api.create('x')), ['invalid-option', 'create: options must be an object']);
    // `undefined` and `null` members are "not given", as JSON.stringify made them before.
    assert.equal(typeof api.create({ username: 'u', password: 'p', server: undefined, email: null }), 'string');
  });

  test(`${surface}: input errors carry the position; results are plain data`, () => {
    try {
      api.parse('{\n  "auths": {,}\n}');
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof api.PullSecretError && e instanceof Error);
      assert.equal(e.code, 'json-syntax');
      assert.equal(e.line, 2);
      assert.equal(e.column, 13);
      assert.deepEqual({ ...e.span }, { start: 14, end: 14 });
      assert.match(e.stack, /PullSecretError/);
    }
    // Columns count characters from 1, the span UTF-8 bytes from 0: `5` is the 26th character
    // and, after the two bytes of "é", starts at byte 26.
    try {
      api.parse('{"auths":{"é.io":{"auth":5}}}');
      assert.fail('no error');
    } catch (e) {
      assert.equal(e.code, 'wrong-type');
      assert.equal(e.column, 26);
      assert.deepEqual({ ...e.span }, { start: 26, end: 27 });
    }
    // Option errors are not in the input: no position, no span.
    try {
      api.create({ username: 'u', password: 5 });
      assert.fail('no error');
    } catch (e) {
      assert.equal(e.span, undefined);
    }
    const report = api.validate(JSON.stringify({ auths: { __proto__: null, ['__proto__']: { auth: b64('a:b') } } }).replace('"auths":{}', '"auths":{"__proto__":{"auth":"YTpi"}}'));
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    const [{ entries }] = report.objects;
    assert.ok(Array.isArray(entries));
    assert.equal(entries[0].registry, '__proto__');
    assert.equal(Object.hasOwn(entries[0], 'email'), false);
    const c = api.convert(config, { to: 'mesos' });
    assert.ok(c.files[0].content instanceof Uint8Array);
  });
}
