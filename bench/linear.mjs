// Linear growth: validate() on the bigConfig fixture (bench/fixture.mjs) doubled from 1,000 to
// 64,000 entries, in three forms: plain JSON (indented, many lines), a Secret (YAML, the config
// as one base64 line in `.dockerconfigjson`, as kubectl writes it) and the raw base64 (one
// line). Prints the median time per size and form, the ratio to the previous size (about 2.0
// when linear; 4.0 would be quadratic) and the Secret/plain ratio (target at most 1.5).
// A benchmark, not a test: nothing here fails on time.
// Run: node bench/linear.mjs [rounds] [--node] [--max ENTRIES]   (default: 5 rounds, @pullsecret/wasm)
import { createRequire } from 'node:module';
import * as wasm from '../npm/wasm/node.js';
import { bigConfig } from './fixture.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const maxAt = args.indexOf('--max');
const max = maxAt >= 0 ? Number(args[maxAt + 1]) : 64000;
const api = args.includes('--node') ? createRequire(import.meta.url)('../npm/node/index.cjs') : wasm;
const surface = args.includes('--node') ? '@pullsecret/node' : '@pullsecret/wasm';

const forms = {
  'plain JSON': (config) => config,
  Secret: (config) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${Buffer.from(config).toString('base64')}\n`,
  'raw base64': (config) => Buffer.from(config).toString('base64'),
};
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const ms = (t) => (t >= 100 ? t.toFixed(0) : t >= 10 ? t.toFixed(1) : t.toFixed(2));

console.log(`validate through ${surface}, median of ${rounds} rounds (ms); ×: ratio to the size before\n`);
console.log(`| entries | MB (JSON) | ${Object.keys(forms).map((f) => `${f} | ×`).join(' | ')} | Secret / plain |`);
console.log(`|--:|--:|${Object.keys(forms).map(() => '--:|--:').join('|')}|--:|`);
const before = {};
for (let n = 1000; n <= max; n *= 2) {
  const config = bigConfig(n);
  const times = {};
  for (const [form, make] of Object.entries(forms)) {
    const text = make(config);
    api.validate(text); // warm up
    const t = [];
    for (let r = 0; r < rounds; r++) {
      const start = process.hrtime.bigint();
      const report = api.validate(text);
      t.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (report.objects[0].entries.length !== n) throw new Error(`${form}: ${report.objects[0].entries.length} entries, not ${n}`);
    }
    times[form] = median(t);
  }
  const cells = Object.keys(forms).map((f) => `${ms(times[f])} | ${before[f] ? (times[f] / before[f]).toFixed(2) : ''}`);
  console.log(`| ${n.toLocaleString('en')} | ${(config.length / 1e6).toFixed(1)} | ${cells.join(' | ')} | ${(times.Secret / times['plain JSON']).toFixed(2)} |`);
  Object.assign(before, times);
}
