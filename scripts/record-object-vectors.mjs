// Regenerate with: node scripts/record-object-vectors.mjs (needs kubectl on PATH; no cluster).
// Writes tests/vectors/objects.json. Expected objects come from kubectl, never from pullsecret:
// - link: the change `oc secrets link` makes (openshift/oc pkg/cli/secrets/link.go: names not yet
//   listed are appended in sorted order; --for defaults to mount) is written here by hand as a
//   patch, and `kubectl patch --local -f SA -p PATCH -o yaml|json` prints the resulting object;
// - grantPull: `kubectl create rolebinding ... --dry-run=client` builds the same rbacv1.RoleBinding
//   as `oc policy add-role-to-user|group` (name = role, roleRef ClusterRole, BuildRBACSubjects);
// - podSnippet/workflowSnippet: the docs' example manifests, printed by `kubectl patch --local`;
// - delegatedAuth: two `kubectl create secret docker-registry --dry-run=client` outputs;
// - globalPullSecret: see below.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, KUBECONFIG: '/dev/null' };
const kubectl = (args, input) => execFileSync('kubectl', args, { encoding: 'utf8', env, input });
const dir = mkdtempSync(join(tmpdir(), 'objvec-'));
const patchLocal = (manifest, patch, output) => {
  const f = join(dir, 'obj.yaml');
  writeFileSync(f, manifest);
  return kubectl(['patch', '--local', '-f', f, '--type=merge', '-p', JSON.stringify(patch), '-o', output]);
};
const refs = (names) => names.map((name) => ({ name }));
const V = [];

// The seed's `oc get serviceaccount default -o yaml` after an OpenShift install.
const ocpSA = readFileSync('tests/fixtures/openshift-default-sa.yaml', 'utf8');
const ocpSAJson = kubectl(['patch', '--local', '-f', '-', '--type=merge', '-p', '{}', '-o', 'json'], ocpSA);
const freshSA = kubectl(['create', 'serviceaccount', 'builder', '-n', 'ci', '--dry-run=client', '-o', 'yaml']);
const withAutomount = ocpSA.replace('kind: ServiceAccount', 'automountServiceAccountToken: false\nkind: ServiceAccount');

const linkCases = [
  { name: 'oc secrets link default pull --for=pull on the seed SA', input: ocpSA, options: { secrets: ['my-pull'], for: 'pull' },
    patch: { imagePullSecrets: refs(['default-dockercfg-123456', 'my-pull']) }, added: ['my-pull'] },
  { name: 'link with the SA as JSON, two secrets appended sorted, --for=pull,mount', input: ocpSAJson, options: { secrets: ['zeta', 'alpha'], for: 'pull,mount' },
    patch: { imagePullSecrets: refs(['default-dockercfg-123456', 'alpha', 'zeta']), secrets: refs(['default-dockercfg-123456', 'alpha', 'zeta']) }, added: ['alpha', 'zeta'] },
  { name: 'already linked: no duplicate, nothing added', input: ocpSA, options: { secrets: ['default-dockercfg-123456'], for: ['pull'] },
    patch: { imagePullSecrets: refs(['default-dockercfg-123456']) }, added: [] },
  { name: 'oc secrets link builder NAME (mount is the default) on a fresh SA', input: freshSA, options: { secrets: ['builder-image-secret'] },
    patch: { secrets: refs(['builder-image-secret']) }, added: ['builder-image-secret'] },
  { name: 'unknown fields and booleans survive', input: withAutomount, options: { secrets: ['p'], for: 'pull' },
    patch: { imagePullSecrets: refs(['default-dockercfg-123456', 'p']) }, added: ['p'] },
];
for (const c of linkCases) {
  for (const output of ['yaml', 'json']) {
    const object = patchLocal(c.input, c.patch, output);
    const meta = /name: (\S+)\n\s*namespace: (\S+)/.exec(c.input) ?? /"name": "([^"]+)",\s*"namespace": "([^"]+)"/.exec(c.input);
    const patch = JSON.stringify(c.patch);
    V.push({ name: `link: ${c.name} -o ${output}`, fn: 'link', input: c.input, options: { ...c.options, output },
      expect: { name: meta[1], namespace: meta[2], object, patch, added: c.added, changed: c.added.length > 0,
        command: `kubectl patch serviceaccount ${meta[1]} -n ${meta[2]} -p '${patch}'` } });
  }
}
// No object given: a new ServiceAccount, as `kubectl create serviceaccount` then the patch.
{
  const created = kubectl(['create', 'serviceaccount', 'default', '-n', 'apps', '--dry-run=client', '-o', 'yaml']);
  const patch = { imagePullSecrets: refs(['my-pull']) };
  V.push({ name: 'link: no object, a new SA (kubectl 1.32 creationTimestamp: null)', fn: 'link', input: '',
    options: { serviceAccount: 'default', namespace: 'apps', secrets: 'my-pull', for: 'pull', creationTimestamp: true },
    expect: { object: patchLocal(created, patch, 'yaml'), patch: JSON.stringify(patch), ocCommand: 'oc secrets link default my-pull -n apps --for=pull' } });
}
V.push({ name: 'link: error: not a ServiceAccount (position of kind)', fn: 'link', input: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n',
  options: { secrets: ['s'] }, error: { code: 'not-an-object', line: 2, column: 7 } });
V.push({ name: 'link: error: YAML syntax with position', fn: 'link', input: 'kind: ServiceAccount\nmetadata: [\n', options: { secrets: ['s'] }, error: { code: 'yaml-syntax', line: 3 } });
V.push({ name: 'link: error: unknown --for', fn: 'link', input: '', options: { serviceAccount: 'd', secrets: ['s'], for: 'push' }, error: { code: 'invalid-option' } });
V.push({ name: 'link: error: secret name not DNS-1123', fn: 'link', input: '', options: { serviceAccount: 'd', secrets: ['My_Secret'] }, error: { code: 'invalid-option' } });
V.push({ name: 'link: error: SA name differs from the object', fn: 'link', input: ocpSA, options: { serviceAccount: 'builder', secrets: ['s'] }, error: { code: 'invalid-option' } });
V.push({ name: 'link: error: no SA at all', fn: 'link', input: '', options: { secrets: ['s'] }, error: { code: 'missing-option' } });

// oc policy add-role-to-user / add-role-to-group system:image-puller.
for (const output of ['yaml', 'json']) {
  V.push({ name: `grantPull: add-role-to-user system:serviceaccount:project-a:default --namespace=project-b -o ${output}`, fn: 'grantPull',
    options: { fromNamespace: 'project-a', namespace: 'project-b', output, creationTimestamp: true },
    expect: { name: 'system:image-puller',
      object: kubectl(['create', 'rolebinding', 'system:image-puller', '--clusterrole=system:image-puller', '--serviceaccount=project-a:default', '-n', 'project-b', '--dry-run=client', '-o', output]),
      command: 'oc policy add-role-to-user system:image-puller system:serviceaccount:project-a:default --namespace=project-b' } });
  V.push({ name: `grantPull: add-role-to-group system:serviceaccounts:project-a --namespace=project-b -o ${output}`, fn: 'grantPull',
    options: { fromNamespace: 'project-a', namespace: 'project-b', group: true, output, creationTimestamp: true },
    expect: { object: kubectl(['create', 'rolebinding', 'system:image-puller', '--clusterrole=system:image-puller', '--group=system:serviceaccounts:project-a', '-n', 'project-b', '--dry-run=client', '-o', output]),
      command: 'oc policy add-role-to-group system:image-puller system:serviceaccounts:project-a --namespace=project-b' } });
}
V.push({ name: 'grantPull: another SA and --rolebinding-name', fn: 'grantPull',
  options: { fromNamespace: 'ci', namespace: 'images', serviceAccount: 'builder', roleBindingName: 'ci-pulls', creationTimestamp: true },
  expect: { name: 'ci-pulls',
    object: kubectl(['create', 'rolebinding', 'ci-pulls', '--clusterrole=system:image-puller', '--serviceaccount=ci:builder', '-n', 'images', '--dry-run=client', '-o', 'yaml']),
    command: 'oc policy add-role-to-user system:image-puller system:serviceaccount:ci:builder --namespace=images --rolebinding-name=ci-pulls' } });
V.push({ name: 'grantPull: kubectl 1.34+ style has no creationTimestamp', fn: 'grantPull', options: { fromNamespace: 'a', namespace: 'b' },
  expect: { object: kubectl(['create', 'rolebinding', 'system:image-puller', '--clusterrole=system:image-puller', '--serviceaccount=a:default', '-n', 'b', '--dry-run=client', '-o', 'yaml']).replace('  creationTimestamp: null\n', '') } });
V.push({ name: 'grantPull: error: missing namespace', fn: 'grantPull', options: { fromNamespace: 'a' }, error: { code: 'missing-option' } });
V.push({ name: 'grantPull: error: namespace not a DNS-1123 label', fn: 'grantPull', options: { fromNamespace: 'a.b', namespace: 'c' }, error: { code: 'invalid-option' } });

// The docs' example Pod and Workflow, printed by kubectl.
const pod = `apiVersion: v1
kind: Pod
metadata:
  name: secure-pod
spec:
  containers:
  - name: app
    image: quay.io/my-private-image
  imagePullSecrets:
  - name: my-pull
`;
V.push({ name: 'podSnippet: the docs example pod', fn: 'podSnippet', options: { name: 'secure-pod', container: 'app', image: 'quay.io/my-private-image', secrets: ['my-pull'] },
  expect: patchLocal(pod, {}, 'yaml') });
V.push({ name: 'podSnippet: container named after the pod, two secrets, namespace', fn: 'podSnippet',
  options: { name: 'web', namespace: 'apps', image: 'registry.example.io/v0/giffee_lover_93/somerepo', secrets: ['a', 'b'] },
  expect: patchLocal(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  containers:\n  - name: web\n    image: registry.example.io/v0/giffee_lover_93/somerepo\n  imagePullSecrets:\n  - name: a\n  - name: b\n`, {}, 'yaml') });
V.push({ name: 'podSnippet: error: no image', fn: 'podSnippet', options: { name: 'p', secrets: ['s'] }, error: { code: 'missing-option' } });
const wf = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: example-workflow-
spec:
  entrypoint: main
  imagePullSecrets:
  - name: my-pull
`;
V.push({ name: 'workflowSnippet: the docs example workflow', fn: 'workflowSnippet', options: { generateName: 'example-workflow-', secrets: ['my-pull'] },
  expect: patchLocal(wf, {}, 'yaml') });
V.push({ name: 'workflowSnippet: with an image, a main template', fn: 'workflowSnippet', options: { generateName: 'wf-', namespace: 'argo', image: 'quay.io/org/tool:1', secrets: ['my-pull'] },
  expect: patchLocal(`apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: wf-\n  namespace: argo\nspec:\n  entrypoint: main\n  imagePullSecrets:\n  - name: my-pull\n  templates:\n  - name: main\n    container:\n      image: quay.io/org/tool:1\n`, {}, 'yaml') });

// Delegated authentication: the seed's two `oc create secret docker-registry` commands.
{
  const o = { authServer: 'sso.redhat.com', registry: 'privateregistry.example.com', username: 'developer@example.com', password: 'pa:ss word', email: 'unused',
    authSecretName: 'redhat-connect-sso', registrySecretName: 'private-registry', creationTimestamp: true };
  const one = (name, server, output) => kubectl(['create', 'secret', 'docker-registry', name, `--docker-server=${server}`, `--docker-username=${o.username}`,
    `--docker-password=${o.password}`, `--docker-email=${o.email}`, '--dry-run=client', '-o', output]);
  for (const output of ['yaml', 'json']) {
    const a = one(o.authSecretName, o.authServer, output);
    const b = one(o.registrySecretName, o.registry, output);
    V.push({ name: `delegatedAuth: the seed's two secrets -o ${output}`, fn: 'delegatedAuth', options: { ...o, output },
      expect: { manifest: output === 'yaml' ? `${a}---\n${b}` : a + b,
        secrets: [{ name: 'redhat-connect-sso', server: 'sso.redhat.com', manifest: a }, { name: 'private-registry', server: 'privateregistry.example.com', manifest: b }] } });
  }
  V.push({ name: 'delegatedAuth: error: same name twice', fn: 'delegatedAuth', options: { ...o, registrySecretName: o.authSecretName }, error: { code: 'invalid-option' } });
  V.push({ name: 'delegatedAuth: error: no password', fn: 'delegatedAuth', options: { ...o, password: '' }, error: { code: 'missing-option' } });
}

// Global pull secret. Expected config bytes are written by hand from the reference: podman style is
// what `oc registry login --to=FILE` writes (auth-semantics.md §8.1: containers/image modifyJSON,
// tab-indented, keys sorted, other entries keep only auth, no trailing newline); preserve style
// replaces only the auth value. The Secret is what kubectl prints for
// `create secret generic pull-secret -n openshift-config --from-file=.dockerconfigjson=FILE`.
{
  const b = (s) => Buffer.from(s).toString('base64');
  const current = `{"auths":{"cloud.openshift.com":{"auth":"${b('ocm:tok1')}","email":"you@example.com"},"quay.io":{"auth":"${b('ocm:tok2')}","email":"you@example.com"},"registry.redhat.io":{"auth":"${b('rh:tok3')}","email":"you@example.com"}}}`;
  const pasted = `apiVersion: v1
data:
  .dockerconfigjson: ${b(current)}
kind: Secret
metadata:
  creationTimestamp: "2021-09-09T19:10:11Z"
  name: pull-secret
  namespace: openshift-config
  resourceVersion: "37676"
  uid: e2851531-01bc-48ba-878c-de96cfe31020
type: kubernetes.io/dockerconfigjson
`;
  const secretFor = (config, name, ns) => {
    const f = join(dir, 'ps.json');
    writeFileSync(f, config);
    return kubectl(['create', 'secret', 'generic', name, '-n', ns, `--from-file=.dockerconfigjson=${f}`, '--type=kubernetes.io/dockerconfigjson', '--dry-run=client', '-o', 'yaml']);
  };
  const podman = (entries) => `{\n\t"auths": {\n${entries.map(([k, a]) => `\t\t"${k}": {\n\t\t\t"auth": "${a}"\n\t\t}`).join(',\n')}\n\t}\n}`;
  const appended = podman([['cloud.openshift.com', b('ocm:tok1')], ['quay.io', b('ocm:tok2')], ['registry.example.com', b('u:p:w')], ['registry.redhat.io', b('rh:tok3')]]);
  V.push({ name: 'globalPullSecret: the docs append (oc registry login --to=FILE bytes) on the pasted oc get -o yaml', fn: 'globalPullSecret', input: pasted,
    options: { registry: 'registry.example.com', authBasic: 'u:p:w', style: 'podman', creationTimestamp: true },
    expect: { name: 'pull-secret', namespace: 'openshift-config', config: appended, secret: secretFor(appended, 'pull-secret', 'openshift-config'), added: ['registry.example.com'], replaced: [],
      command: 'oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=pull-secret.json',
      fetchCommand: `oc get secret/pull-secret -n openshift-config --template='{{index .data ".dockerconfigjson" | base64decode}}' > pull-secret.json` } });
  const replaced = current.replace(b('ocm:tok2'), b('robot+ci:n3w')).replace(b('rh:tok3'), b('rh:tok4'));
  V.push({ name: 'globalPullSecret: replace two logins in the file, keeping every other byte (preserve)', fn: 'globalPullSecret', input: current,
    options: { logins: [{ registry: 'quay.io', username: 'robot+ci', password: 'n3w' }, { registry: 'registry.redhat.io', authBasic: 'rh:tok4' }], file: 'ps.json' },
    expect: { config: replaced, secret: secretFor(replaced, 'pull-secret', 'openshift-config').replace('  creationTimestamp: null\n', ''), added: [], replaced: ['quay.io', 'registry.redhat.io'],
      command: 'oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=ps.json' } });
  const fresh = podman([['quay.io/my-org', b('robot:tok')]]);
  V.push({ name: 'globalPullSecret: HyperShift additional-pull-secret, new', fn: 'globalPullSecret', input: '',
    options: { variant: 'hypershift', registry: 'quay.io/my-org', authBasic: 'robot:tok', creationTimestamp: true },
    expect: { name: 'additional-pull-secret', namespace: 'kube-system', config: fresh, secret: secretFor(fresh, 'additional-pull-secret', 'kube-system'), added: ['quay.io/my-org'],
      command: 'oc create secret generic additional-pull-secret -n kube-system --from-file=.dockerconfigjson=additional-pull-secret.json --type=kubernetes.io/dockerconfigjson' } });
  V.push({ name: 'globalPullSecret: error: --auth-basic without a colon', fn: 'globalPullSecret', input: current, options: { registry: 'r.io', authBasic: 'token' }, error: { code: 'invalid-option' } });
  V.push({ name: 'globalPullSecret: error: a legacy .dockercfg is not a global pull secret', fn: 'globalPullSecret', input: `{"quay.io":{"auth":"${b('a:b')}"}}`,
    options: { registry: 'r.io', authBasic: 'u:p' }, error: { code: 'invalid-option' } });
  V.push({ name: 'globalPullSecret: error: no login', fn: 'globalPullSecret', input: current, options: {}, error: { code: 'missing-option' } });
  V.push({ name: 'globalPullSecret: error: broken pull secret file, with position', fn: 'globalPullSecret', input: '{"auths":{\n"quay.io":{"auth":"x",}}}',
    options: { registry: 'r.io', authBasic: 'u:p' }, error: { code: 'json-syntax', line: 2, column: 23 } });
  V.push({ name: 'globalPullSecret: error: podman style refuses a key with a scheme (as oc registry login)', fn: 'globalPullSecret', input: current,
    options: { registry: 'https://r.io', authBasic: 'u:p', style: 'podman' }, error: { code: 'key-refused' } });
}

rmSync(dir, { recursive: true });
writeFileSync('tests/vectors/objects.json', JSON.stringify({
  description: 'Cluster objects: oc secrets link, oc policy add-role-to-user/group system:image-puller, Pod/Workflow snippets, delegated-auth secrets. Objects recorded from kubectl v1.32 (scripts/record-object-vectors.mjs).',
  cases: V,
}, null, 2) + '\n');
console.log(V.length, 'cases');
