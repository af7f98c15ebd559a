// The hostile-input suite through @pullsecret/wasm (in Node), @pullsecret/node and the CLI: one
// list of cases, tests/hostile/cases.json (the Rust core runs the same list,
// crates/pullsecret/tests/hostile.rs). Each case must give its expected code (a diagnostic in
// validate's report, or the thrown PullSecretError's code), never show the canary password, and
// leave the surface usable: after each case a normal call must still work (a wasm instance that
// aborted or overflowed its stack fails every later call), and the Node process must survive.
// The CLI gets the deep and large texts on stdin and must exit 1 or 2 with a coded message,
// never on a signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as wasm from '../npm/wasm/node.js';
import { run } from './lib/cli.mjs';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const { canary, cases } = JSON.parse(readFileSync(new URL('./hostile/cases.json', import.meta.url), 'utf8'));
const normal = JSON.stringify({ auths: { 'r.example': { auth: Buffer.from('u:p').toString('base64') } } });

const memo = new Map();
/** The JavaScript value an argument spec stands for (see crates/pullsecret/tests/hostile.rs). */
function value(spec) {
  if (Array.isArray(spec)) return spec.map(value);
  if (spec === null || typeof spec !== 'object') return spec;
  const key = JSON.stringify(spec);
  if (key.length < 200 && memo.has(key)) return memo.get(key);
  const v = build(spec);
  if (key.length < 200 && typeof v === 'string') memo.set(key, v);
  return v;
}
function build(spec) {
  const s = (k) => spec[k] ?? '';
  if ('$repeat' in spec) return s('prefix') + spec.$repeat.repeat(spec.times) + s('suffix');
  if ('$concat' in spec) return spec.$concat.map(value).join('');
  if ('$indent' in spec) return Array.from({ length: spec.times }, (_, i) => ' '.repeat(i) + spec.$indent + '\n').join('');
  if ('$base64' in spec) return Buffer.from(value(spec.$base64)).toString('base64');
  if ('$base64url' in spec) return Buffer.from(value(spec.$base64url)).toString('base64url');
  if ('$keys' in spec || '$dupkeys' in spec) {
    const dup = '$dupkeys' in spec;
    const n = dup ? spec.$dupkeys : spec.$keys;
    const entries = Array.from({ length: n }, (_, i) => `"r${dup ? 0 : i}.example":{"auth":"${spec.auth}"}`);
    return `{"auths":{${entries.join(',')}}}`;
  }
  if ('$join' in spec) return Array.from({ length: spec.$join.times }, (_, i) => spec.$join.item.replace('%d', i)).join(spec.$join.sep);
  if ('$deepObject' in spec) {
    let o = 1;
    for (let i = 0; i < spec.$deepObject; i++) o = { a: o };
    return o;
  }
  if ('$json' in spec) return JSON.parse(spec.$json);
  if ('$manyLabels' in spec) return Object.fromEntries(Array.from({ length: spec.$manyLabels }, (_, i) => [`l${i}`, 'v']));
  if ('$undefined' in spec) return undefined;
  if ('$bytes' in spec) return new Uint8Array(spec.$bytes);
  if ('$function' in spec) return () => canary;
  if ('$utf16' in spec) return String.fromCharCode(...spec.$utf16);
  if ('$cycle' in spec) {
    const o = { password: canary };
    o.self = o;
    return o;
  }
  if ('$bigintObject' in spec) return { auths: { r: { auth: canary, n: 1n } } };
  if ('$utf16Option' in spec) return { [spec.$utf16Option]: `${canary}\uD800`, username: 'u', registry: 'r', name: 'n' };
  if ('$latin1' in spec) return Buffer.from(spec.$latin1, 'latin1');
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, value(v)]));
}

/** Every diagnostic code of a report. */
const codes = (r) => [...(r.diagnostics ?? []), ...r.objects.flatMap((o) => o.diagnostics)].map((d) => d.code);

/** Every string reachable from an error: message, stack, own properties. */
const everything = (e) =>
  [String(e), e?.stack ?? '', ...Object.getOwnPropertyNames(e ?? {}).map((k) => `${k}=${JSON.stringify(e[k]) ?? String(e[k])}`)].join('\n');

for (const [surface, api] of [['wasm', wasm], ['napi', napi]]) {
  test(`hostile inputs through @pullsecret/${surface === 'wasm' ? 'wasm' : 'node'}`, () => {
    let ran = 0;
    const failures = [];
    for (const c of cases) {
      if (c.only && !c.only.includes('js')) continue;
      ran++;
      try {
        one(api, c);
      } catch (e) {
        failures.push(e.message.split('\n')[0]);
      }
      // Not poisoned: a normal call works after every hostile one.
      assert.equal(api.parse(normal).entries.length, 1, `${c.name}: the next call failed`);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${ran} cases failed`);
    assert.ok(ran >= 60, `only ${ran} cases`);
  });
}

/** Runs one case through `api`; throws on a mismatch. */
function one(api, c) {
  {
      const args = c.args.map(value);
      let result;
      let error;
      try {
        result = api[c.call](...args);
      } catch (e) {
        error = e;
      }
      const e = c.expect;
      if (c.call === 'validate' && !e.error) {
        assert.equal(error, undefined, `${c.name}: threw ${error}`);
        if (e.diagnostic) assert.ok(codes(result).includes(e.diagnostic), `${c.name}: no ${e.diagnostic} in ${codes(result)}`);
        if ('valid' in e) assert.equal(result.valid, e.valid, `${c.name}: valid`);
        assert.ok(!JSON.stringify(result).includes(canary), `${c.name}: the canary is in the report`);
      } else if (e.ok) {
        assert.equal(error, undefined, `${c.name}: threw ${error}`);
        // fix's text is the user's own; what it says it did must not show the canary.
        if (c.call === 'fix') assert.ok(!JSON.stringify(result.fixes).includes(canary), `${c.name}: the canary is in the fixes`);
      } else if (e.any) {
        if (error !== undefined) assert.ok(error instanceof api.PullSecretError && !everything(error).includes(canary), `${c.name}: ${error}`);
      } else {
        assert.ok(error instanceof api.PullSecretError, `${c.name}: expected a PullSecretError, got ${error?.stack ?? typeof result}`);
        assert.ok(error instanceof Error);
        if (e.error) assert.equal(error.code, e.error, `${c.name}: ${error.message}`);
        if (e.message) assert.equal(error.message, e.message, c.name);
        assert.ok(!everything(error).includes(canary), `${c.name}: the canary is in the error`);
        if (error.code === 'too-deep' && !/options/.test(error.message)) assert.ok(error.line >= 1 && error.column >= 1, `${c.name}: too-deep without a position`);
      }
  }
}

test('the CLI exits 1 or 2 with a coded message on the deep and large texts, never on a signal', () => {
  let ran = 0;
  for (const c of cases) {
    if (!['validate', 'parse'].includes(c.call) || (c.only && !c.only.includes('cli'))) continue;
    if (!/deep|65 MiB|invalid UTF-8|laughs|NUL|UTF-16/.test(c.name)) continue;
    const input = value(c.args[0]);
    const r = run([c.call, '-'], input, { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}`);
    assert.ok([0, 1, 2].includes(r.status), `${c.name}: exit ${r.status}`);
    const code = c.expect.diagnostic ?? c.expect.error;
    if (code) assert.match(r.stdout + r.stderr, new RegExp(code), `${c.name}: no ${code} in ${r.stderr.slice(0, 300)}`);
    // A finding that makes the text unreadable fails the run; `valid` says so where the code alone does not (utf16 is a warning on a manifest kubectl decodes).
    if (c.expect.valid === true) assert.equal(r.status, 0, `${c.name}: exit ${r.status}`);
    else if (c.expect.error || c.expect.valid === false || c.expect.diagnostic?.match(/too-|syntax|utf16|empty/)) assert.notEqual(r.status, 0, c.name);
    // parse prints the credentials when it succeeds; nothing else may show the password.
    if (c.call === 'validate' || r.status !== 0) assert.ok(!(r.stdout + r.stderr).includes(canary), `${c.name}: the canary is in the output`);
    ran++;
  }
  assert.ok(ran >= 20, `only ${ran} CLI cases`);
});

test('check - (the workload check reads every object too) survives every hostile validate text', () => {
  let ran = 0;
  for (const c of cases) {
    if (c.call !== 'validate' || (c.only && !c.only.includes('cli'))) continue;
    if (!/deep|65 MiB|invalid UTF-8|laughs|NUL|UTF-16|keys|lines/.test(c.name)) continue;
    const r = run(['check', '-', '-o', 'json'], value(c.args[0]), { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}`);
    assert.ok([0, 1, 2].includes(r.status), `${c.name}: exit ${r.status} ${r.stderr.slice(0, 300)}`);
    assert.ok(!(r.stdout + r.stderr).includes(canary), `${c.name}: the canary is in the output`);
    if (r.status !== 2) JSON.parse(r.stdout);
    ran++;
  }
  assert.ok(ran >= 15, `only ${ran} cases`);
});

test('fix - survives every hostile validate and fix text: the repaired text on stdout, no canary on stderr', () => {
  let ran = 0;
  for (const c of cases) {
    if (!['validate', 'fix'].includes(c.call) || (c.only && !c.only.includes('cli'))) continue;
    if (!/deep|65 MiB|invalid UTF-8|laughs|NUL|UTF-16|keys|lines|canary|placeholder/.test(c.name)) continue;
    const input = value(c.args[0]);
    if (typeof input !== 'string') continue;
    const r = run(['fix', '-'], input, { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}`);
    assert.equal(r.status, 0, `${c.name}: exit ${r.status} ${r.stderr.slice(0, 300)}`);
    assert.ok(!r.stderr.includes(canary), `${c.name}: the canary is in the list of repairs`);
    ran++;
  }
  assert.ok(ran >= 15, `only ${ran} cases`);
});
