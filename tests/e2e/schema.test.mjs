// Every YAML/JSON object pullsecret prints parses with a real YAML parser (PyYAML) into the object
// expected here (written from the oc/kubectl sources and the OpenShift docs, not from pullsecret),
// and passes the offline Kubernetes schema check (kubernetes-validate --strict, Kubernetes 1.37).
// The Argo Workflow is a CRD with no schema there: it is parse-checked only.
// Installs kubernetes-validate under tests/.cache/pylib itself (scripts/install-schema-check.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('../../', import.meta.url));
const api = createRequire(import.meta.url)('../../npm/node/index.cjs');
const b64 = (s) => Buffer.from(s).toString('base64');
const K8S = '1.37.0';

// Reads each file's YAML stream with PyYAML and validates every document with kubernetes-validate.
const CHECKER = `
import json, sys, yaml, kubernetes_validate as kv
out = []
for f in sys.argv[1:]:
    docs = [d for d in yaml.safe_load_all(open(f, encoding='utf-8')) if d is not None]
    results = []
    for d in docs:
        try:
            kv.validate(d, '${K8S}', strict=True)
            results.append('ok')
        except kv.SchemaNotFoundError:
            results.append('no-schema')
        except kv.ValidationError as e:
            results.append('invalid: ' + e.message)
    out.append({'docs': docs, 'results': results})
print(json.dumps(out))
`;

function check(outputs) {
  const install = spawnSync('bash', [join(root, 'scripts/install-schema-check.sh')], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-schema-'));
  try {
    const files = outputs.map((o, i) => {
      const f = join(dir, `${i}.yaml`);
      writeFileSync(f, o.text);
      return f;
    });
    const r = spawnSync('python3', ['-c', CHECKER, ...files], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: join(root, 'tests/.cache/pylib') },
      maxBuffer: 64 << 20,
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true });
  }
}

// The seed's `oc get serviceaccount default -o yaml` after an OpenShift install.
const OCP_SA = readFileSync(join(root, 'tests/fixtures/openshift-default-sa.yaml'), 'utf8');
const ocpMeta = {
  annotations: { 'openshift.io/internal-registry-pull-secret-ref': 'default-dockercfg-123456' },
  creationTimestamp: '2025-03-03T20:07:52Z', name: 'default', namespace: 'default', resourceVersion: '13914', uid: '9f62dd88-110d-4879-9e27-1ffe269poe3',
};
const config = `{"auths":{"quay.io":{"auth":"${b64('u:p:w')}","email":"me@example.com"}}}`;
const secret = (name, namespace, cfg, extra = {}) => ({
  apiVersion: 'v1', kind: 'Secret', metadata: { name, ...(namespace ? { namespace } : {}), ...extra },
  type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(cfg) },
});
const rb = (subject, extra = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'system:image-puller', namespace: 'project-b', ...extra },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:image-puller' }, subjects: [subject],
});
const saSubject = { kind: 'ServiceAccount', name: 'default', namespace: 'project-a' };
const groupSubject = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts:project-a' };

/** Every output kind, in both formats where there are two: [what, text, expected docs, schema?]. */
function outputs() {
  const o = [];
  const add = (what, text, docs, schema = true) => o.push({ what, text, docs, schema });
  for (const output of ['yaml', 'json']) {
    add(`toSecret -o ${output}`, api.toSecret(config, { name: 'pull', namespace: 'apps', output }), [secret('pull', 'apps', config)]);
    add(`toSecret dockercfg -o ${output}`, api.toSecret('{"r.io":{"auth":"dTpw"}}', { name: 'old', output }),
      [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'old' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64('{"r.io":{"auth":"dTpw"}}') } }]);
    add(`toSecret kubectl 1.33 -o ${output}`, api.toSecret(config, { name: 'pull', output, creationTimestamp: true }), [secret('pull', undefined, config, { creationTimestamp: null })]);
    const created = api.create({ username: 'u', password: 'p', server: 'quay.io' });
    add(`create + toSecret -o ${output}`, api.toSecret(created, { name: 'c', output }), [secret('c', undefined, created)]);
    add(`link --for=pull on the OpenShift SA -o ${output}`, api.link(OCP_SA, { secrets: ['my-pull'], for: 'pull', output }).object, [{
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: ocpMeta,
      imagePullSecrets: [{ name: 'default-dockercfg-123456' }, { name: 'my-pull' }], secrets: [{ name: 'default-dockercfg-123456' }],
    }]);
    add(`link builder (mount), new SA -o ${output}`, api.link(null, { serviceAccount: 'builder', namespace: 'ci', secrets: 'b', output, creationTimestamp: true }).object,
      [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'ci', creationTimestamp: null }, secrets: [{ name: 'b' }] }]);
    add(`grantPull user -o ${output}`, api.grantPull({ fromNamespace: 'project-a', namespace: 'project-b', output }).object, [rb(saSubject)]);
    add(`grantPull group -o ${output}`, api.grantPull({ fromNamespace: 'project-a', namespace: 'project-b', group: true, output, creationTimestamp: true }).object,
      [rb(groupSubject, { creationTimestamp: null })]);
    add(`podSnippet -o ${output}`, api.podSnippet({ name: 'secure-pod', container: 'app', image: 'quay.io/my-private-image', secrets: ['my-pull'], output }), [{
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'secure-pod' },
      spec: { containers: [{ name: 'app', image: 'quay.io/my-private-image' }], imagePullSecrets: [{ name: 'my-pull' }] },
    }]);
    add(`workflowSnippet -o ${output}`, api.workflowSnippet({ generateName: 'example-workflow-', image: 'quay.io/org/tool:1', secrets: ['my-pull'], output }), [{
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'example-workflow-' },
      spec: { entrypoint: 'main', imagePullSecrets: [{ name: 'my-pull' }], templates: [{ name: 'main', container: { image: 'quay.io/org/tool:1' } }] },
    }], false);
    const d = api.delegatedAuth({ authServer: 'sso.redhat.com', registry: 'privateregistry.example.com', username: 'developer@example.com', password: 'pw',
      email: 'unused', authSecretName: 'redhat-connect-sso', registrySecretName: 'private-registry', output });
    const cfg = (server) => `{"auths":{"${server}":{"username":"developer@example.com","password":"pw","email":"unused","auth":"${b64('developer@example.com:pw')}"}}}`;
    const docs = [secret('redhat-connect-sso', undefined, cfg('sso.redhat.com')), secret('private-registry', undefined, cfg('privateregistry.example.com'))];
    if (output === 'yaml') add('delegatedAuth manifest (two documents)', d.manifest, docs);
    d.secrets.forEach((s, i) => add(`delegatedAuth ${s.name} -o ${output}`, s.manifest, [docs[i]]));
    const pasted = api.toSecret(config, { name: 'pull-secret', namespace: 'openshift-config' });
    const g = api.globalPullSecret(pasted, { registry: 'registry.example.com', authBasic: 'u:p', output });
    add(`globalPullSecret -o ${output}`, g.secret, [secret('pull-secret', 'openshift-config', g.config)]);
    const h = api.globalPullSecret('', { variant: 'hypershift', registry: 'quay.io/org', authBasic: 'u:p', output });
    add(`globalPullSecret hypershift -o ${output}`, h.secret, [secret('additional-pull-secret', 'kube-system', h.config)]);
  }
  return o;
}

test('every output parses into the expected object and passes kubernetes-validate --strict', () => {
  const o = outputs();
  const results = check(o);
  let validated = 0;
  o.forEach((out, i) => {
    assert.deepEqual(results[i].docs, out.docs, `${out.what}: parsed object`);
    for (const r of results[i].results) {
      if (out.schema) {
        assert.equal(r, 'ok', `${out.what}: kubernetes-validate`);
        validated++;
      } else {
        assert.equal(r, 'no-schema', `${out.what}: a CRD has no schema here`);
      }
    }
  });
  assert.ok(validated >= 28, `only ${validated} documents validated`);
});

test('the checker is real: it rejects a broken object', () => {
  const [r] = check([{ text: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\nimagePullSecrets:\n- nam: y\n' }]);
  assert.match(r.results[0], /^invalid: .*'nam' was unexpected/);
});

test('the link patch is JSON and its result is the object printed', () => {
  const r = api.link(OCP_SA, { secrets: ['my-pull'], for: 'pull,mount' });
  assert.deepEqual(JSON.parse(r.patch), {
    imagePullSecrets: [{ name: 'default-dockercfg-123456' }, { name: 'my-pull' }],
    secrets: [{ name: 'default-dockercfg-123456' }, { name: 'my-pull' }],
  });
});
