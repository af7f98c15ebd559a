// `pullsecret create secret docker-registry` against `kubectl create secret docker-registry
// --dry-run=client`, wall time per run including process start, interleaved rounds.
// Run: node bench/cli.mjs [rounds] [kubectl]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 20);
const kubectl = process.argv[3] ?? 'kubectl';
const cli = fileURLToPath(new URL('../npm/node/cli.cjs', import.meta.url));
const args = ['create', 'secret', 'docker-registry', 'foo', '--docker-username=u', '--docker-password=p:w', '--docker-server=quay.io', '-n', 'apps', '--dry-run=client', '-o', 'yaml'];
const env = { ...process.env, KUBECONFIG: '/dev/null' };
const subjects = {
  kubectl: () => execFileSync(kubectl, args, { env }),
  // The machine's kubectl is 1.32, which still prints `creationTimestamp: null`.
  'pullsecret (node CLI)': () => execFileSync(process.execPath, [cli, ...args, '--kubectl-version=1.32'], { env }),
};
const outs = Object.values(subjects).map((f) => f().toString());
if (outs[0] !== outs[1]) throw new Error('outputs differ:\n' + outs.join('\n---\n'));
const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of Object.entries(subjects)) {
    const t = process.hrtime.bigint();
    f();
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const k = median(times.kubectl);
console.log(`${rounds} interleaved rounds, identical output`);
for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(24)} ${median(t).toFixed(1).padStart(7)} ms  ${(median(t) / k).toFixed(2)}x of kubectl`);
