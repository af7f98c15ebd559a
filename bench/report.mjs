// Regenerates the tables of docs/dev/benchmarks.md in one command: criterion (the core alone,
// native, with its anchor), bench/validate.mjs (both packages against the hand-written
// JavaScript) and bench/crossing.mjs (what the report's JSON.parse costs), each a single run so
// the ratios compare subjects measured together.
// Run: node bench/report.mjs [rounds] [--against DIR] [--no-criterion]
// (build first: `bash scripts/build.sh`; --against DIR adds another built checkout's packages,
// e.g. a copy of the packages before a change, as bench/validate.mjs does.)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rounds = /^\d+$/.test(args[0] ?? '') ? args[0] : '30';
const against = args.indexOf('--against');
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });

if (!args.includes('--no-criterion')) {
  const out = run('cargo', ['bench', '-p', 'pullsecret', '--bench', 'core']);
  const rows = [];
  let name = null;
  for (const line of out.split('\n')) {
    const n = line.match(/^(7000 entries\/.*?)\s*(time:.*)?$/);
    if (n && !line.startsWith(' ')) name = n[1].replace('7000 entries/', '');
    const t = line.match(/time:\s+\[\S+ \S+ (\S+) (\S+)/);
    if (t && name) {
      const ms = Number(t[1]) * { ns: 1e-6, 'µs': 1e-3, us: 1e-3, ms: 1, s: 1e3 }[t[2]];
      rows.push({ name, ms });
      name = null;
    }
  }
  const anchors = rows.filter((r) => r.name.startsWith('anchor'));
  console.log('Criterion, the core alone (`cargo bench -p pullsecret --bench core`), one run; ratios: speed relative to each anchor (higher is faster):\n');
  console.log(`| benchmark (7,000 entries, 1 MB) | ms (median) | ${anchors.map((a, i) => `of anchor ${i + 1}`).join(' | ')} |`);
  console.log(`|---|---:|${anchors.map(() => '---:').join('|')}|`);
  for (const r of rows) {
    const i = anchors.indexOf(r);
    const name = i >= 0 ? `${r.name} (anchor ${i + 1})` : r.name;
    console.log(`| ${name} | ${r.ms.toFixed(2)} | ${anchors.map((a) => `${(a.ms / r.ms).toFixed(2)}x`).join(' | ')} |`);
  }
  console.log();
}

const vArgs = ['bench/validate.mjs', rounds, '--json'];
if (against > 0) vArgs.push('--against', args[against + 1]);
const lines = run('node', vArgs).trim().split('\n');
const results = JSON.parse(lines[lines.length - 1]);
console.log(`\`node bench/validate.mjs ${rounds}${against > 0 ? ' --against <before>' : ''}\`, one run, interleaved rounds; ratio: speed relative to the hand-written JavaScript (higher is faster):\n`);
console.log('| input | subject | ms (median) | ratio |');
console.log('|---|---|---:|---:|');
let last = null;
for (const r of results) {
  console.log(`| ${r.input === last ? '' : r.input} | ${r.name} | ${r.ms < 0.1 ? r.ms.toFixed(4) : r.ms.toFixed(2)} | ${r.speedup.toFixed(2)}x |`);
  last = r.input;
}

// Repeated lookups on the 1 MB file: `lookup(config, …)` reads the file on every call, the
// handle of `readPullSecret(config)` once.
const { bigConfig } = await import('./fixture.mjs');
const wasm = await import('../npm/wasm/node.js');
const napi = (await import('node:module')).createRequire(import.meta.url)('../npm/node/index.cjs');
const text = bigConfig();
const images = ['registry-7.example.com:5000/app:1', 'quay.io/org-9/app', 'r10.example.net/x/y', 'nginx'];
console.log('\nLookups on the 1 MB file (kubelet, 4 images in turn), per lookup:\n');
console.log('| package | `lookup(config, image)` ms | `readPullSecret(config)` ms (once) | `.lookup(image)` ms | speed-up per lookup |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, api] of [['@pullsecret/wasm', wasm], ['@pullsecret/node', napi]]) {
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const time = (f, n) => { const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) f(i); return Number(process.hrtime.bigint() - t) / 1e6 / n; };
  const o = { client: 'kubelet' };
  const direct = [], open = [], handle = [];
  for (let r = 0; r < 15; r++) {
    direct.push(time((i) => api.lookup(text, images[i % 4], o), 4));
    let h;
    open.push(time(() => { h = api.readPullSecret(text); }, 1));
    handle.push(time((i) => h.lookup(images[i % 4], o), 40));
  }
  console.log(`| ${name} | ${median(direct).toFixed(2)} | ${median(open).toFixed(2)} | ${median(handle).toFixed(3)} | ${(median(direct) / median(handle)).toFixed(0)}x |`);
}

// What bounds the crossing: JSON.parse of the report (and of two sketched shapes) against the
// hand-written JavaScript, side by side (bench/crossing.mjs).
const crossing = run('node', ['bench/crossing.mjs', rounds, '--json']).trim().split('\n');
console.log(`\n\`node bench/crossing.mjs ${rounds}\`, one run, interleaved rounds; time relative to the hand-written JavaScript (lower is faster):\n`);
console.log('| input | subject | objects | ms (median) | of the hand-written time |');
console.log('|---|---|---:|---:|---:|');
let shown = null;
for (const r of JSON.parse(crossing[crossing.length - 1])) {
  console.log(`| ${r.input === shown ? '' : r.input} | ${r.name} | ${r.objects ?? ''} | ${r.ms < 0.1 ? r.ms.toFixed(4) : r.ms.toFixed(2)} | ${r.ofHandWritten.toFixed(2)}x |`);
  shown = r.input;
}
