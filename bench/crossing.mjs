// What the report's crossing into JavaScript costs, against the hand-written JavaScript: how
// much of `@pullsecret/node`'s `validate` is the `JSON.parse` that builds the report's objects,
// and how that cost moves with the report's shape. The shapes other than the report as it is
// are sketches measured for a decision (docs/dev/benchmarks.md, "What bounds the crossing"),
// not outputs of pullsecret: the report with each per-client verdict a string instead of an
// object, and one minimal row per entry (what the hand-written JavaScript builds).
// Rounds interleave the subjects so machine noise hits them alike; ratios are of medians.
// Run: node bench/crossing.mjs [rounds] [--json]   (build first: `bash scripts/build.sh`)
import { createRequire } from 'node:module';
import { bigConfig, handWritten, smallConfig } from './fixture.mjs';

const napi = createRequire(import.meta.url)('../npm/node/index.cjs');
const rounds = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 20);

/** The report with every per-client verdict `{status, reason?}` turned into its status string. */
function verdictsAsStrings(report) {
  const r = structuredClone(report);
  for (const o of r.objects) {
    for (const e of o.entries) {
      for (const [client, v] of Object.entries(e.clients)) e.clients[client] = v.reason ? `${v.status}:${v.reason}` : v.status;
    }
  }
  return r;
}

/** How many objects and arrays `JSON.parse` builds for a value. */
function objects(v) {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Object.values(v).reduce((n, x) => n + objects(x), 0);
}

const inputs = [
  { name: '1 MB, 7,000 entries', text: bigConfig(), batch: 1 },
  { name: '2 KB pull secret', text: smallConfig(), batch: 500 },
];
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const results = [];
for (const input of inputs) {
  const report = napi.validate(input.text);
  const rows = report.objects[0].entries.map(({ registry, username, hasPassword }) => ({ registry, username, hasPassword }));
  const texts = {
    'the report as it is': JSON.stringify(report),
    'the report, verdicts as strings (sketch)': JSON.stringify(verdictsAsStrings(report)),
    'one minimal row per entry (sketch)': JSON.stringify(rows),
  };
  const subjects = {
    'hand-written JS (JSON.parse + base64 per entry)': { run: () => handWritten(input.text) },
    'JSON.parse of the input alone': { run: () => JSON.parse(input.text), objects: objects(JSON.parse(input.text)), bytes: input.text.length },
    '@pullsecret/node validate, end to end': { run: () => napi.validate(input.text) },
  };
  for (const [name, text] of Object.entries(texts)) {
    subjects[`JSON.parse of ${name}`] = { run: () => JSON.parse(text), objects: objects(JSON.parse(text)), bytes: text.length };
  }
  const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (const s of Object.values(subjects)) for (let i = 0; i < 3 * input.batch; i++) s.run(); // warm up
  for (let r = 0; r < rounds; r++) {
    for (const [name, s] of Object.entries(subjects)) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < input.batch; i++) s.run();
      times[name].push(Number(process.hrtime.bigint() - t) / 1e6 / input.batch);
    }
  }
  const base = median(times['hand-written JS (JSON.parse + base64 per entry)']);
  console.log(`input: ${input.name}, ${rounds} interleaved rounds`);
  for (const [name, t] of Object.entries(times)) {
    const ms = median(t);
    const { objects: n, bytes } = subjects[name];
    results.push({ input: input.name, name, ms, ofHandWritten: ms / base, objects: n ?? null, bytes: bytes ?? null });
    console.log(`  ${name.padEnd(56)} ${ms.toFixed(4).padStart(10)} ms  ${(ms / base).toFixed(2)}x the hand-written time${n === undefined ? '' : `  (${n} objects, ${bytes} bytes)`}`);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
