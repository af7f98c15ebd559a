// validate() on a 1 MB, 7,000-entry config (or a 2 KB one, --small): @pullsecret/wasm and @pullsecret/node against the
// JavaScript a console writes by hand (JSON.parse plus a base64 decode per entry).
// Rounds interleave the three so machine noise hits them alike; ratios are of medians.
// Run: node bench/validate.mjs [rounds] [--against DIR] [--small] [--json]
// --small measures a 2 KB pull secret (14 entries) instead, each sample the mean of 200 calls.
// --against DIR adds DIR's built packages (another checkout, e.g. main) to the same rounds, for
// before/after ratios measured together.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as wasm from '../npm/wasm/node.js';
import { bigConfig, handWritten } from './fixture.mjs';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const small = process.argv.includes('--small');
const entries = small ? 14 : 7000;
const text = bigConfig(entries);
const repeat = small ? 200 : 1;
const rounds = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 30);
const subjects = {
  'hand-written JS': () => handWritten(text).length,
  '@pullsecret/wasm validate': () => wasm.validate(text).entries.length,
  '@pullsecret/node validate': () => napi.validate(text).entries.length,
};
const against = process.argv.indexOf('--against');
if (against > 0) {
  const dir = resolve(process.argv[against + 1]);
  const otherWasm = await import(pathToFileURL(`${dir}/npm/wasm/node.js`).href);
  const otherNapi = createRequire(import.meta.url)(`${dir}/npm/node/index.cjs`);
  subjects['wasm validate (--against)'] = () => otherWasm.validate(text).entries.length;
  subjects['node validate (--against)'] = () => otherNapi.validate(text).entries.length;
}
const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (const f of Object.values(subjects)) for (let i = 0; i < 3 * repeat; i++) f(); // warm up
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of Object.entries(subjects)) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) if (f() !== entries) throw new Error(`${name} did not see ${entries} entries`);
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6 / repeat);
  }
}
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const base = median(times['hand-written JS']);
const rows = Object.entries(times).map(([name, t]) => ({ name, ms: median(t), speedup: base / median(t) }));
console.log(`input: ${(text.length / 1024).toFixed(small ? 1 : 0)} KiB, ${entries} entries, ${rounds} interleaved rounds`);
for (const r of rows) console.log(`${r.name.padEnd(29)} ${r.ms.toFixed(small ? 4 : 2).padStart(8)} ms  ${r.speedup.toFixed(2)}x vs hand-written`);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
