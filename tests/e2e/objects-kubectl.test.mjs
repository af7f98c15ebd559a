// Differential test of the cluster objects against the machine's kubectl (no cluster needed):
// - link: applying pullsecret's patch with `kubectl patch --local -f SA -p PATCH -o yaml|json`
//   gives byte for byte the object pullsecret prints, for ServiceAccounts with unknown fields,
//   numbers, booleans, quoting-sensitive strings and long annotations;
// - grantPull: the RoleBinding equals `kubectl create rolebinding ... --dry-run=client` output
//   (the same rbacv1.RoleBinding `oc policy add-role-to-user|group` builds);
// - duplicate definitions: kustomize (`kubectl kustomize`) refuses a Secret defined twice, as the
//   `duplicate-definition` finding of `pullsecret check` says.
// - secretGenerators: the namespace and type `pullsecret check` gives the Secret a kustomize
//   `secretGenerator` item makes are those of the Secret `kubectl kustomize` builds (and the
//   resources it moves into the kustomization's namespace, a pod among them).
// Skipped when kubectl is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as pullsecret } from '../lib/cli.mjs';

const api = createRequire(import.meta.url)('../../npm/node/index.cjs');
const env = { ...process.env, KUBECONFIG: '/dev/null' };
const kubectl = (args, input) => {
  const r = spawnSync('kubectl', args, { input, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const haveKubectl = spawnSync('kubectl', ['version', '--client'], { env }).status === 0;
// kubectl up to 1.33 prints `creationTimestamp: null` in new objects.
const minor = haveKubectl ? Number(/"minor":\s*"(\d+)/.exec(kubectl(['version', '--client', '-o', 'json']))[1]) : 0;

const SAS = [
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: apps\n',
  `apiVersion: v1
kind: ServiceAccount
automountServiceAccountToken: false
metadata:
  name: builder
  namespace: "123"
  labels: {app: "true", tier: "y", version: "1.10"}
  annotations:
    note: 'a: b # not a comment'
    long: "${'word '.repeat(30).trim()}"
    date: "2024-01-02"
  generation: 7
  ownerReferences: [{apiVersion: v1, kind: Pod, name: p, uid: "0123", controller: true}]
secrets:
- name: existing
  namespace: other
imagePullSecrets: []
`,
  '{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"ci","namespace":"x","uid":"u-1"},"imagePullSecrets":[{"name":"b"},{"name":"a"}]}',
];

// What `oc secrets link SA a zz-new m.new` leaves in each list, per ServiceAccount above (oc
// appends the names not yet linked, sorted), written by hand from link.go's rules.
const NEW = ['a', 'm.new', 'zz-new'];
const WANT = [
  { imagePullSecrets: NEW, secrets: NEW, before: { imagePullSecrets: [], secrets: [] } },
  { imagePullSecrets: NEW, secrets: ['existing', ...NEW], before: { imagePullSecrets: [], secrets: ['existing'] } },
  // SA 3 already links `a` for pull: it keeps its place, the new ones follow.
  { imagePullSecrets: ['b', 'a', 'm.new', 'zz-new'], secrets: NEW, before: { imagePullSecrets: ['b', 'a'], secrets: [] } },
];

test('link: the printed object is kubectl patch --local of the printed patch', { skip: !haveKubectl && 'kubectl not installed' }, () => {
  let n = 0;
  for (const [i, sa] of SAS.entries()) {
    for (const kinds of ['pull', 'mount', 'pull,mount']) {
      for (const output of ['yaml', 'json']) {
        const r = api.link(sa, { secrets: ['a', 'zz-new', 'm.new'], for: kinds, output });
        if (output === 'json') {
          const obj = JSON.parse(r.object);
          const names = (field) => (obj[field] ?? []).map((x) => x.name);
          const linked = (field) => kinds.includes(field === 'imagePullSecrets' ? 'pull' : 'mount');
          for (const field of ['imagePullSecrets', 'secrets']) {
            const want = linked(field) ? WANT[i][field] : WANT[i].before[field];
            assert.deepEqual(names(field), want, `${field} after --for=${kinds} on SA ${i}`);
          }
        }
        assert.equal(r.object, kubectl(['patch', '--local', '-f', '-', '-p', r.patch, '-o', output], sa), `${kinds} -o ${output} on ${sa}`);
        // idempotent: linking again changes nothing
        const again = api.link(r.object, { secrets: ['a', 'zz-new', 'm.new'], for: kinds, output });
        assert.equal(again.changed, false);
        assert.equal(again.object, r.object);
        n++;
      }
    }
  }
  assert.equal(n, 18);
});

test('grantPull: byte-identical to kubectl create rolebinding', { skip: !haveKubectl && 'kubectl not installed' }, () => {
  // oc names the RoleBinding after the role (`roleBindingName` overrides it).
  const cases = [
    [{ fromNamespace: 'project-a', namespace: 'project-b' }, 'system:image-puller', ['--serviceaccount=project-a:default']],
    [{ fromNamespace: 'a', namespace: 'b', serviceAccount: 'builder.x' }, 'system:image-puller', ['--serviceaccount=a:builder.x']],
    [{ fromNamespace: '123', namespace: 'true', group: true }, 'system:image-puller', ['--group=system:serviceaccounts:123']],
    [{ fromNamespace: 'a', namespace: 'b', roleBindingName: 'pulls-0', group: true }, 'pulls-0', ['--group=system:serviceaccounts:a']],
  ];
  for (const [options, name, flags] of cases) {
    for (const output of ['yaml', 'json']) {
      const r = api.grantPull({ ...options, output, creationTimestamp: minor <= 33 });
      assert.equal(r.name, name);
      const want = kubectl(['create', 'rolebinding', name, '--clusterrole=system:image-puller', ...flags, '-n', options.namespace, '--dry-run=client', '-o', output]);
      assert.equal(r.object, want, JSON.stringify(options));
    }
  }
});

test('duplicate-definition: kustomize refuses a Secret defined twice; check reads the last, as kubectl apply leaves it', { skip: !haveKubectl && 'kubectl not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-dup-'));
  try {
    const secret = (registry) =>
      `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"regcred","namespace":"apps"},"type":"kubernetes.io/dockerconfigjson","stringData":{".dockerconfigjson":"{\\"auths\\":{\\"${registry}\\":{\\"auth\\":\\"dTpw\\"}}}"}}\n`;
    writeFileSync(join(dir, 'a-secret.json'), secret('quay.io'));
    writeFileSync(join(dir, 'b-secret.json'), secret('ghcr.io'));
    writeFileSync(join(dir, 'c-pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: web\n    image: ghcr.io/team/web:1\n');
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- a-secret.json\n- b-secret.json\n- c-pod.yaml\n');
    const k = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', env });
    assert.notEqual(k.status, 0, k.stdout);
    assert.match(k.stderr, /may not add resource with an already registered id: Secret\.v1\.\[noGrp\]\/regcred\.apps/);
    // Without the second definition kustomize builds.
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- a-secret.json\n- c-pod.yaml\n');
    assert.equal(spawnSync('kubectl', ['kustomize', dir], { env }).status, 0);

    const r = pullsecret(['check', dir, '--format=json']);
    const pod = JSON.parse(r.stdout).files.find((f) => f.path.endsWith('c-pod.yaml')).workloads[0];
    assert.deepEqual(pod.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`), ['8:11 warning duplicate-definition', '11:12 info image-pull-credential']);
    assert.match(pod.diagnostics[0].message, /defined 2 times in namespace `apps`.*kustomize and Flux refuse to build/);
    // The last definition (b-secret.json, in the walk's name order) is the one read.
    assert.equal(pod.pullSecrets[0].file, join(dir, 'b-secret.json'));
    assert.equal(pod.images[0].status, 'credentials');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('secretGenerator: check gives the generated Secret the namespace and type kubectl kustomize builds it with', { skip: !haveKubectl && 'kubectl not installed' }, () => {
  const cases = [];
  for (const top of ['', 'namespace: apps\n']) {
    for (const item of ['', '  namespace: other\n']) {
      for (const type of ['', '  type: kubernetes.io/dockerconfigjson\n']) cases.push(`${top}secretGenerator:\n- name: regcred\n${item}${type}  files: [.dockerconfigjson=config.json]\n`);
    }
  }
  // Why a pod in another namespace only *may* get it: kustomize moves the kustomization's own
  // resources into its namespace, whatever their files say.
  const moved = mkdtempSync(join(tmpdir(), 'pullsecret-gen-'));
  try {
    writeFileSync(join(moved, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: elsewhere}\nspec:\n  containers: [{name: web, image: quay.io/t/a:1}]\n');
    writeFileSync(join(moved, 'kustomization.yaml'), 'namespace: apps\nresources: [pod.yaml]\n');
    assert.match(kubectl(['kustomize', moved]), /^ {2}namespace: apps$/m);
  } finally {
    rmSync(moved, { recursive: true, force: true });
  }
  for (const kustomization of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'pullsecret-gen-'));
    try {
      writeFileSync(join(dir, 'config.json'), '{"auths":{"quay.io":{"auth":"dTpw"}}}');
      writeFileSync(join(dir, 'kustomization.yaml'), kustomization);
      const yaml = kubectl(['kustomize', dir]);
      const namespace = /^  namespace: (\S+)$/m.exec(yaml)?.[1];
      const type = /^type: (\S+)$/m.exec(yaml)[1];
      // A pod (not in the kustomization) in `apps` naming the generator's Secret.
      writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: apps}\nspec:\n  imagePullSecrets: [{name: regcred}]\n  containers: [{name: web, image: quay.io/t/a:1}]\n');
      const r = pullsecret(['check', dir, '--format=json']);
      const ref = JSON.parse(r.stdout).files.find((f) => f.path.endsWith('pod.yaml')).workloads[0].pullSecrets[0];
      const pulls = type === 'kubernetes.io/dockerconfigjson';
      // Made in the pod's namespace: its type decides. Elsewhere, or where the build decides:
      // the pod may be one of the kustomization's resources (which kustomize moves to the
      // Secret's namespace), so the Secret may be there, and one kubelet skips leads nowhere.
      let want;
      if (namespace === 'apps') want = [pulls ? 'unverifiable' : 'wrong-type', 'apps', type];
      else want = pulls ? ['unverifiable', 'apps', type] : ['not-found', undefined, undefined];
      assert.deepEqual([ref.status, ref.namespace, ref.type], want, `${kustomization}\nkubectl kustomize:\n${yaml.replace(/dockerconfigjson: \S+/, 'dockerconfigjson: …')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
