// `pullsecret check` on a big GitOps repository, side by side in one run, against the floor
// (reading and parsing every file with a well-kept YAML library in Rust, one thread:
// crates/pullsecret/examples/yaml_floor.rs) and against kubernetes-validate over the same tree
// (what a pipeline already runs; PyYAML and the Kubernetes JSON schemas, installed by
// scripts/install-schema-check.sh). Issue 17's target: check within 2x of the floor.
//
// The tree: FILES files of five objects each (a Deployment naming its pull secret, a Service, a
// ConfigMap, a ServiceAccount, the pull Secret), in 50 namespaces; about 10,000 objects for
// the default 2,000 files. Rounds are interleaved so that the machine's load hits every
// subject alike; medians are reported. A benchmark, not a test: it prints ratios and fails only
// when a subject fails to run.
// Run: node bench/check-repo.mjs [rounds] [files]   (PULLSECRET_BENCH_NO_KV=1: without
//   kubernetes-validate, which takes minutes on 2,000 files)
//   (needs target/fast/pullsecret and target/fast/examples/yaml_floor:
//    cargo build --profile fast -p pullsecret-cli -p pullsecret --example yaml_floor)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 5);
const files = Number(process.argv[3] ?? 2000);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'target/fast/pullsecret');
const floor = join(root, 'target/fast/examples/yaml_floor');
const pylib = join(root, 'tests/.cache/pylib');
for (const p of [bin, floor]) if (!existsSync(p)) throw new Error(`missing ${p}: cargo build --profile fast -p pullsecret-cli -p pullsecret --example yaml_floor`);

// The repository.
const dir = mkdtempSync(join(tmpdir(), 'pullsecret-repo-'));
const config = Buffer.from(JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('robot:pw-0000').toString('base64') } } })).toString('base64');
for (let i = 0; i < files; i++) {
  const ns = `team-${i % 50}`;
  const app = `app-${i}`;
  const sub = join(dir, 'apps', ns);
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, `${app}.yaml`), `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: {app: ${app}, team: ${ns}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      serviceAccountName: ${app}
      imagePullSecrets:
      - name: ${app}-pull
      containers:
      - name: ${app}
        image: quay.io/${ns}/${app}:1.${i}
        ports: [{containerPort: 8080}]
        env: [{name: MODE, value: production}, {name: LEVEL, value: info}]
        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: ${ns}}
spec:
  selector: {app: ${app}}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${app}, namespace: ${ns}}
data:
  settings.json: '{"feature": true, "retries": 3}'
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${app}, namespace: ${ns}}
---
apiVersion: v1
kind: Secret
metadata: {name: ${app}-pull, namespace: ${ns}}
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${config}
`);
}

const subjects = [
  ['floor: read + parse every file (saphyr-parser, 1 thread)', floor, [dir]],
  [`pullsecret check (${availableParallelism()} threads, text)`, bin, ['check', dir, '--now=2026-01-01T00:00:00Z']],
  [`pullsecret check (${availableParallelism()} threads, --format=json)`, bin, ['check', dir, '--format=json', '--now=2026-01-01T00:00:00Z']],
];
const kv = existsSync(join(pylib, 'kubernetes_validate')) && process.env.PULLSECRET_BENCH_NO_KV !== '1';
if (kv) {
  const list = spawnSync('find', [dir, '-name', '*.yaml'], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
  subjects.push(['kubernetes-validate (PyYAML + schemas)', 'python3', ['-m', 'kubernetes_validate', '--quiet', ...list]]);
}

const times = subjects.map(() => []);
let objects = 0;
for (let r = 0; r < rounds; r++) {
  subjects.forEach(([name, cmd, args], i) => {
    const t = process.hrtime.bigint();
    const out = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, PYTHONPATH: pylib } });
    times[i].push(Number(process.hrtime.bigint() - t) / 1e6);
    if (out.error || out.signal || (out.status !== 0 && !(name.startsWith('pullsecret') && out.status === 1) && !name.startsWith('kubernetes'))) {
      throw new Error(`${name}: ${out.error ?? out.signal ?? out.status} ${out.stderr.slice(0, 500)}`);
    }
    if (name.includes('json')) {
      const s = JSON.parse(out.stdout).summary;
      objects = s.objects + s.workloads;
      if (s.files !== files) throw new Error(`check read ${s.files} files`);
    }
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
console.log(`${files} files, ${files * 5} objects (check: ${objects} pull secrets and workloads reported on); ${rounds} rounds, medians`);
console.log('| subject | ms (median) | of the floor |');
console.log('|---|---:|---:|');
subjects.forEach(([name], i) => {
  const m = median(times[i]);
  console.log(`| ${name} | ${m.toFixed(1)} | ${(m / base).toFixed(2)}x |`);
});
if (!kv) console.log('(without kubernetes-validate: PULLSECRET_BENCH_NO_KV=1, or not installed: bash scripts/install-schema-check.sh)');
