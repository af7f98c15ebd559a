// Regenerate with: node scripts/record-kubectl-options-vectors.mjs (fetches kubectl itself).
// One-off: records what real kubectl prints for --append-hash, --from-file, generic pull secrets
// and labels/annotations, as toSecret vectors that the core, wasm and napi all run. Expected values
// come from kubectl (1.33: creationTimestamp: null style; newest: without), never from pullsecret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlPrints, kubectls } from '../tests/e2e/kubectl.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pullsecret-record-'));
const cfg = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const UP = '{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}}';
const UNI = '{"auths":{"quay.io":{"username":"jürgen","password":"a<b>&c:ü","auth":"anVyZ2VuOmE8Yj4mYzrDvA=="}}}\n';
const LEGACY = '{"quay.io":{"auth":"dTpw","email":"x@y.z"}}';
const cases = [
  { name: 'append-hash', input: UP, options: { name: 'foo', appendHash: true }, argv: ['docker-registry', 'foo', '--docker-username=u', '--docker-password=p', '--append-hash'] },
  { name: 'append-hash, file with newline, namespace', input: UNI, options: { name: 'hashed', namespace: 'ns', appendHash: true }, argv: ['docker-registry', 'hashed', `--from-file=${cfg('uni.json', UNI)}`, '-n', 'ns', '--append-hash'] },
  { name: 'generic dockercfg, append-hash', input: LEGACY, options: { name: 'legacy', type: 'kubernetes.io/dockercfg', appendHash: true }, argv: ['generic', 'legacy', '--type=kubernetes.io/dockercfg', `--from-file=.dockercfg=${cfg('legacy.json', LEGACY)}`, '--append-hash'] },
  { name: 'labels', input: UP, options: { name: 'labelled', labels: { app: 'web', tier: '1', 'example.com/team': 'true' } }, argv: ['docker-registry', 'labelled', '--docker-username=u', '--docker-password=p'], labels: [['app', 'web'], ['tier', '1'], ['example.com/team', 'true']] },
  {
    name: 'annotations, labels, namespace, append-hash',
    input: UP,
    options: { name: 'all', namespace: 'apps', appendHash: true, labels: { app: 'web' }, annotations: { note: 'line one\nline <two> & ü', long: 'Pull secret for the team registry; rotated monthly by the platform team, ask before changing.' } },
    argv: ['docker-registry', 'all', '--docker-username=u', '--docker-password=p', '-n', 'apps', '--append-hash'],
    labels: [['app', 'web']],
    annotations: [['note', 'line one\nline <two> & ü'], ['long', 'Pull secret for the team registry; rotated monthly by the platform team, ask before changing.']],
  },
  {
    name: 'annotations go-yaml quotes oddly: U+2028 raw in single quotes, leading U+FEFF escapes all',
    input: UP,
    options: { name: 'odd', annotations: { ls: 'a\u2028b', bom: '\ufeffbom x', tab: 'tab\there', yes: 'yes' } },
    argv: ['docker-registry', 'odd', '--docker-username=u', '--docker-password=p'],
    annotations: [['ls', 'a\u2028b'], ['bom', '\ufeffbom x'], ['tab', 'tab\there'], ['yes', 'yes']],
  },
];
const all = kubectls();
const picks = [all.filter((k) => k.minor <= 33).pop(), all[all.length - 1]];
const out = [];
for (const k of picks) {
  for (const c of cases) {
    for (const output of ['yaml', 'json']) {
      const expect = kubectlPrints(k, c, ['create', 'secret', ...c.argv], output);
      out.push({ name: `${c.name} -o ${output} (kubectl ${k.version})`, fn: 'toSecret', input: c.input, options: { ...c.options, output, creationTimestamp: k.minor <= 33 }, expect });
    }
  }
}
rmSync(dir, { recursive: true, force: true });
writeFileSync('tests/vectors/kubectl-secret-options.json', JSON.stringify({
  description: 'toSecret with appendHash, type, labels and annotations: what kubectl create secret (docker-registry/generic, --from-file, --append-hash) | kubectl label/annotate --local prints, recorded from real kubectl.',
  cases: out,
}, null, 2) + '\n');
console.log(out.length, 'cases from', picks.map((k) => k.version).join(', '));
