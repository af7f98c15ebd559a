// `pullsecret check` on ONE manifest stream that doubles from 1,000 to 16,000 pull Secrets
// (each in its own namespace, a path key on one registry) and as many Pods (each pulling an
// image no Secret covers, so that every image looks for its nearest miss): time must grow
// linearly. Before the fix it did not: each Secret indexed the lines of the whole stream
// (51 s for 8,000 Secrets and 8,000 Pods), and each anonymous image asked every Secret of the
// registry. Rounds are interleaved so that the machine's load hits every size alike; medians
// are reported. A benchmark, not a test: it prints and fails only when a run fails.
// Run: node bench/check-stream.mjs [rounds]   (needs target/fast/pullsecret:
//   cargo build --profile fast -p pullsecret-cli)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 3);
const bin = fileURLToPath(new URL('../target/fast/pullsecret', import.meta.url));
if (!existsSync(bin)) throw new Error(`missing ${bin}: cargo build --profile fast -p pullsecret-cli`);
const dir = mkdtempSync(join(tmpdir(), 'pullsecret-stream-'));
const b64 = (s) => Buffer.from(s).toString('base64');

const sizes = [1000, 2000, 4000, 8000, 16000];
const files = sizes.map((n) => {
  const docs = [];
  for (let i = 0; i < n; i++) {
    const config = b64(JSON.stringify({ auths: { [`quay.io/team-${i}`]: { auth: b64(`robot:pw-${i}`) } } }));
    docs.push(`apiVersion: v1\nkind: Secret\nmetadata: {name: s${i}, namespace: ns${i}}\ntype: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: ${config}}\n`);
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: web}\nspec:\n  containers: [{name: c, image: quay.io/other-${i}/app:1}]\n`);
  }
  const file = join(dir, `stream-${n}.yaml`);
  writeFileSync(file, docs.join('---\n'));
  return file;
});

const times = sizes.map(() => []);
for (let r = 0; r < rounds; r++) {
  sizes.forEach((n, i) => {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(bin, ['check', files[i], '-o', 'json'], { maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (p.status !== 0 && p.status !== 1) throw new Error(`check of ${n}: exit ${p.status} ${p.stderr}`);
    times[i].push(ms);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const per = sizes.map((n, i) => median(times[i]) / (2 * n));
console.log('objects   median ms   µs per object');
sizes.forEach((n, i) => console.log(`${String(2 * n).padStart(7)}  ${median(times[i]).toFixed(0).padStart(10)}  ${(per[i] * 1000).toFixed(1).padStart(14)}`));
console.log(`per-object time, largest over smallest: ${(per[per.length - 1] / per[0]).toFixed(2)}x (linear: about 1)`);
