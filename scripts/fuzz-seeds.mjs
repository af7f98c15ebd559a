// Writes the seed corpus of each fuzz target (fuzz/corpus/<target>/seed-<hash>) from the inputs
// of tests/vectors/*.json, in the byte layout each target reads (fuzz/src/lib.rs):
//   validate, parse, convert, to_secret, link, global_pull_secret: the input text;
//   lookup: `IMAGE\nCONFIG`; add, remove: `REGISTRY\nCONFIG`; merge: `CONFIG\0CONFIG`;
//   options: one byte naming the options type, then the options as JSON.
// Files are named by a hash of their bytes (so the same seed is written once), inputs above
// 4 KB are left out, and at most MAX seeds per target are kept (the shortest first).
// `scripts/fuzz.sh cmin` then minimises each corpus with afl-cmin (keeping `canary-*` files:
// inputs with a planted password, see below). Usage: `node scripts/fuzz-seeds.mjs [--canaries]`
// (`--canaries`: write only those).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const MAX = 60;
const LIMIT = 4096;
// The options types of the `options` target (its first byte, modulo 12).
const OPTION_TYPE = {
  create: 0, createSecret: 0, toSecret: 1, lookup: 2, convert: 3, add: 4, merge: 5, link: 6,
  remove: 7, grantPull: 8, podSnippet: 9, delegatedAuth: 10, globalPullSecret: 11,
};
const CONFIG_FNS = new Set(['validate', 'parse', 'lookup', 'convert', 'toSecret', 'add', 'remove',
  'globalPullSecret']);

const seeds = new Map(); // target -> Set of strings
const put = (t, s, into = seeds) => {
  if (typeof s !== 'string' || Buffer.byteLength(s) > LIMIT) return;
  if (!into.has(t)) into.set(t, new Set());
  into.get(t).add(s);
};
// Written as `canary-*`: kept by scripts/fuzz.sh's corpus minimisation whatever their coverage.
const canarySeeds = new Map();

const dir = join(root, 'tests/vectors');
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  for (const c of JSON.parse(readFileSync(join(dir, f), 'utf8')).cases) {
    const { fn, input, options } = c;
    if (typeof input === 'string' && CONFIG_FNS.has(fn)) {
      put('validate', input);
      put('parse', input);
    }
    if (fn === 'validate' || fn === 'parse') put('convert', input);
    if (fn === 'lookup') put('lookup', `${c.image}\n${input}`);
    if (fn === 'convert') put('convert', input);
    if (fn === 'toSecret') put('to_secret', input);
    if (fn === 'link') {
      put('link', input);
      put('validate', input);
    }
    if (fn === 'globalPullSecret') put('global_pull_secret', input);
    if (fn === 'add') put('add', `${options?.registry ?? ''}\n${input}`);
    if (fn === 'remove') put('remove', `${c.registry ?? ''}\n${input}`);
    if (fn === 'merge' && Array.isArray(c.inputs)) {
      for (let i = 0; i + 1 < c.inputs.length; i++) put('merge', `${c.inputs[i]}\0${c.inputs[i + 1]}`);
      for (const i of c.inputs) put('validate', i);
    }
    if (options && fn in OPTION_TYPE) {
      put('options', String.fromCharCode(OPTION_TYPE[fn]) + JSON.stringify(options));
    }
  }
}
// Canaries: passwords the targets check never reach a report, an error or Debug output.
const CANARY = 'canary-Pa55w0rd-9931';
const b64 = (s) => Buffer.from(s).toString('base64');
const canaries = [
  `{"auths":{"r.io":{"auth":"${b64(`u:${CANARY}`)}"}}}`,
  `{"auths":{"r.io":{"username":"u","password":"${CANARY}"}}}`,
  `{"auths":{"r.io":{"auth":"${b64(`u:${CANARY}`)}","identitytoken":"${CANARY}x"},"q.io":{"auth":"bad"}}}`,
  `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(`{"auths":{"r.io":{"auth":"${b64(`u:${CANARY}`)}"}}}`)}\n`,
];
for (const c of canaries) {
  for (const t of ['validate', 'parse', 'convert', 'to_secret', 'global_pull_secret']) put(t, c, canarySeeds);
  put('lookup', `r.io/app:1\n${c}`, canarySeeds);
  put('add', `r.io\n${c}`, canarySeeds);
  put('remove', `q.io\n${c}`, canarySeeds);
  put('merge', `${c}\0${c}`, canarySeeds);
}

// link and the global pull secret get a few configs and Secrets too.
for (const s of [...(seeds.get('to_secret') ?? [])].slice(0, 10)) put('global_pull_secret', s);
put('global_pull_secret', '');

let total = 0;
for (const [t, set] of [...seeds].sort()) {
  const out = join(root, 'fuzz/corpus', t);
  mkdirSync(out, { recursive: true });
  const list = process.argv.includes('--canaries') ? [] : [...set].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, MAX);
  for (const s of list) {
    const bytes = Buffer.from(s, 'utf8');
    writeFileSync(join(out, `seed-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`), bytes);
  }
  total += list.length;
  for (const s of canarySeeds.get(t) ?? []) {
    const bytes = Buffer.from(s, 'utf8');
    writeFileSync(join(out, `canary-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`), bytes);
  }
  console.log(`${t}: ${list.length} seeds, ${canarySeeds.get(t)?.size ?? 0} canaries`);
}
console.log(`${total} seeds`);
