// validate() against the JavaScript a console writes by hand (JSON.parse plus a base64 decode per
// entry), on two inputs: the 1 MB, 7,000-entry config and a typical 2 KB pull secret (timed in
// batches of calls, since one call takes microseconds).
// Rounds interleave the subjects so machine noise hits them alike; ratios are of medians.
// Run: node bench/validate.mjs [rounds] [--against DIR] [--json]
// --against DIR adds DIR's built packages (another checkout, e.g. main) to the same rounds, for
// before/after ratios measured together.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as wasm from '../npm/wasm/node.js';
import { bigConfig, handWritten, smallConfig } from './fixture.mjs';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const rounds = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 30);
const apis = { '@pullsecret/wasm': wasm, '@pullsecret/node': napi };
const against = process.argv.indexOf('--against');
if (against > 0) {
  const dir = resolve(process.argv[against + 1]);
  apis['wasm (--against)'] = await import(pathToFileURL(`${dir}/npm/wasm/node.js`).href);
  apis['node (--against)'] = createRequire(import.meta.url)(`${dir}/npm/node/index.cjs`);
}

const inputs = [
  { name: '1 MB, 7,000 entries', text: bigConfig(), entries: 7000, batch: 1 },
  { name: '2 KB pull secret', text: smallConfig(), entries: 5, batch: 200 },
];
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const results = [];
for (const input of inputs) {
  const subjects = { 'hand-written JS': () => handWritten(input.text).length };
  for (const [name, api] of Object.entries(apis)) subjects[`${name} validate`] = () => ((r) => (r.objects?.[0] ?? r).entries.length)(api.validate(input.text));
  const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (const f of Object.values(subjects)) for (let i = 0; i < 3 * input.batch; i++) f(); // warm up
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(subjects)) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < input.batch; i++) {
        if (f() !== input.entries) throw new Error(`${name} did not see ${input.entries} entries`);
      }
      times[name].push(Number(process.hrtime.bigint() - t) / 1e6 / input.batch);
    }
  }
  const base = median(times['hand-written JS']);
  console.log(`input: ${input.name} (${(input.text.length / 1024).toFixed(1)} KiB), ${rounds} interleaved rounds`);
  for (const [name, t] of Object.entries(times)) {
    const ms = median(t);
    results.push({ input: input.name, name, ms, speedup: base / ms });
    console.log(`  ${name.padEnd(32)} ${ms.toFixed(3).padStart(9)} ms  ${(base / ms).toFixed(2)}x vs hand-written`);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
