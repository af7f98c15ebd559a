// Writes tests/vectors/{validate,parse,to-secret}.json. The expectations here are written by hand
// from the reference behaviour (auth-semantics.md), never computed by pullsecret.
import { writeFileSync } from 'node:fs';
const b = (s) => Buffer.from(s, 'utf8').toString('base64');
const J = (o) => JSON.stringify(o);
const secretYaml = (cfg, extra = '') => `apiVersion: v1\ndata:\n  .dockerconfigjson: ${b(cfg)}\nkind: Secret\nmetadata:\n  name: pull\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\n${extra}`;
const V = [];
// The report (schemaVersion 1) has a section per object; a case written for one object is that
// object, with the counts repeated at the top. `vTop` is for findings that belong to no object,
// `vAll` for a whole report (streams and Lists).
const PICK = ['valid', 'errors', 'warnings'];
const top = (e) => Object.fromEntries(Object.entries(e).filter(([k]) => PICK.includes(k)));
const vAll = (name, input, expect) => V.push({ name, fn: 'validate', input, expect });
const v = (name, input, expect) => vAll(name, input, { schemaVersion: 1, ...top(expect), objects: [expect] });
const vTop = (name, input, expect) => vAll(name, input, { schemaVersion: 1, ...expect, objects: [] });
v('issue example: auth not base64 at line 1 with its column', '{"auths":{"quay.io":{"auth":"bad"}}}',
  { format: 'dockerconfigjson', valid: false, errors: 1, diagnostics: [{ code: 'auth-not-base64', severity: 'error', pointer: '/auths/quay.io/auth', line: 1, column: 29, endLine: 1, endColumn: 34 }],
    entries: [{ registry: 'quay.io', hasAuth: true, hasPassword: false, clients: { kubelet: { status: 'fails-all' }, containers: { status: 'fails-registry' }, docker: { status: 'fails-all' } } }],
    clients: { kubelet: { status: 'fails' }, containers: { status: 'ok' }, docker: { status: 'fails' } } });
v('clean kubectl config', `{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p:q","auth":"${b('u:p:q')}"}}}`,
  { format: 'dockerconfigjson', source: { kind: 'file' }, valid: true, errors: 0, warnings: 0, diagnostics: [],
    entries: [{ registry: 'https://index.docker.io/v1/', username: 'u', hasPassword: true, hasAuth: true, pointer: '/auths/https:~1~1index.docker.io~1v1~1', line: 1, column: 11,
      clients: { kubelet: { status: 'used' }, containers: { status: 'used' }, docker: { status: 'used' } } }],
    clients: { kubelet: { status: 'ok', usedEntries: 1 } } });
v('empty input', '  \n', { format: null, valid: false, diagnostics: [{ code: 'empty-input', line: 1, column: 1 }], entries: [] });
v('byte-order mark', '\ufeff{"auths":{"a.io":{"auth":"' + b('u:p') + '"}}}', { valid: false, diagnostics: [{ code: 'bom', severity: 'error', line: 1, column: 1 }], entries: [{ registry: 'a.io' }] });
v('JSON syntax error with position', '{\n  "auths": {\n    "quay.io": {"auth": "dTpw",}\n  }\n}',
  { format: null, valid: false, diagnostics: [{ code: 'json-syntax', line: 3, column: 32 }] });
v('trailing garbage', '{"auths":{}} x', { diagnostics: [{ code: 'json-syntax', line: 1, column: 14 }] });
v('top level array', '[{"auths":{}}]', { diagnostics: [{ code: 'not-an-object', line: 1, column: 1 }] });
v('duplicate registry key', '{"auths":{\n"quay.io":{"auth":"' + b('a:b') + '"},\n"quay.io":{"auth":"' + b('c:d') + '"}}}',
  { valid: true, diagnostics: [{ code: 'duplicate-key', severity: 'warning', pointer: '/auths/quay.io', line: 3, column: 1 }], entries: [{ registry: 'quay.io', username: 'c' }] });
v('auths matched case-insensitively twice', '{"auths":{},"Auths":{}}', { diagnostics: [{ code: 'empty-auths' }, { code: 'duplicate-key', line: 1, column: 13 }] });
v('unpadded auth: kubelet only', `{"auths":{"r.io":{"auth":"${b('u:pq').replace(/=+$/, '')}"}}}`,
  { valid: false, diagnostics: [{ code: 'auth-unpadded', line: 1, column: 26 }], entries: [{ username: 'u', clients: { kubelet: { status: 'used' }, containers: { status: 'fails-registry' }, docker: { status: 'fails-all' } } }] });
v('URL-safe auth', `{"auths":{"r.io":{"auth":"${b('u:p??>').replace(/\+/g, '-').replace(/\//g, '_')}"}}}`, { diagnostics: [{ code: 'auth-url-safe' }] });
v('auth without colon', `{"auths":{"r.io":{"auth":"${b('justtoken')}"}}}`,
  { diagnostics: [{ code: 'auth-no-colon', severity: 'error' }], entries: [{ clients: { kubelet: { status: 'fails-all' }, containers: { status: 'ignored' }, docker: { status: 'fails-all' } } }] });
v('auth disagrees with username/password', `{"auths":{"r.io":{"username":"alice","password":"x","auth":"${b('bob:x')}"}}}`,
  { valid: true, diagnostics: [{ code: 'auth-mismatch', severity: 'warning', pointer: '/auths/r.io/auth' }], entries: [{ username: 'bob' }] });
v('credsStore placeholder entry', '{"auths":{"r.io":{}},"credsStore":"desktop"}',
  { valid: true, diagnostics: [{ code: 'cred-helpers', severity: 'info', pointer: '/credsStore' }, { code: 'no-credentials', severity: 'warning', line: 1, column: 11 }], entries: [{ registry: 'r.io', hasAuth: false, clients: { kubelet: { status: 'anonymous' }, containers: { status: 'ignored' }, docker: { status: 'anonymous' } } }] });
v('username/password without auth', '{"auths":{"r.io":{"username":"u","password":"p"}}}',
  { valid: true, diagnostics: [{ code: 'missing-auth', severity: 'warning' }], entries: [{ username: 'u', hasPassword: true, hasAuth: false, clients: { kubelet: { status: 'used' }, containers: { status: 'ignored' }, docker: { status: 'used' } } }] });
v('wrong type fails the file', '{"auths":{"r.io":{"auth":5}}}', { valid: false, diagnostics: [{ code: 'wrong-type', pointer: '/auths/r.io/auth', line: 1, column: 26 }], entries: [{ clients: { kubelet: { status: 'fails-all' }, containers: { status: 'fails-all' }, docker: { status: 'fails-all' } } }] });
v('legacy .dockercfg file', `{"quay.io":{"auth":"${b('u:p')}","email":"e@x"}}`,
  { format: 'dockercfg', valid: true, diagnostics: [{ code: 'legacy-format', severity: 'info' }, { code: 'email-deprecated', severity: 'info', pointer: '/quay.io/email' }], entries: [{ registry: 'quay.io', email: 'e@x', clients: { kubelet: { status: 'used' }, containers: { status: 'ignored' }, docker: { status: 'ignored' } } }] });
v('registry named __proto__ stays data', `{"auths":{"__proto__":{"auth":"${b('u:p')}"},"constructor":{"auth":"${b('c:p')}"}}}`,
  { valid: false, diagnostics: [{ code: 'key-invalid', pointer: '/auths/__proto__' }],
    entries: [{ registry: '__proto__', username: 'u', clients: { kubelet: { status: 'ignored' } } }, { registry: 'constructor', username: 'c', clients: { kubelet: { status: 'used' } } }] });
v('Secret YAML with data', secretYaml(`{"auths":{"quay.io":{"auth":"${b('u:p')}"}}}`),
  { format: 'dockerconfigjson', valid: true, source: { kind: 'secret', secret: { name: 'pull', namespace: 'apps', type: 'kubernetes.io/dockerconfigjson', key: '.dockerconfigjson', field: 'data', syntax: 'yaml' } },
    entries: [{ registry: 'quay.io', username: 'u', line: 3, column: 22 }], diagnostics: [] });
v('Secret YAML: problem inside data points at the value and into the config', secretYaml('{"auths":{\n"quay.io":{"auth":"bad"}}}'),
  { valid: false, diagnostics: [{ code: 'auth-not-base64', line: 3, column: 22, inner: { line: 2, column: 19 } }] });
v('Secret YAML with stringData literal: exact line in the manifest', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {"auths": {\n      "quay.io": {"auth": "bad"}\n    }}\n',
  { source: { kind: 'secret', secret: { field: 'stringData' } }, diagnostics: [{ code: 'auth-not-base64', line: 9, column: 27, inner: { line: 2, column: 23 } }] });
v('Secret with data that is not base64', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: "not base64!"\n',
  { format: null, valid: false, diagnostics: [{ code: 'secret-data-not-base64', line: 7, column: 22 }] });
v('Secret without type is Opaque', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  .dockerconfigjson: ${b('{"auths":{}}')}\n`,
  { diagnostics: [{ code: 'secret-type-mismatch', severity: 'error' }, { code: 'empty-auths', severity: 'error' }] });
v('legacy content under .dockerconfigjson: kubelet sees nothing', secretYaml(`{"quay.io":{"auth":"${b('u:p')}"}}`),
  { format: 'dockercfg', valid: false, diagnostics: [{ code: 'legacy-format', severity: 'error' }], entries: [{ clients: { kubelet: { status: 'ignored' } } }] });
v('Secret as JSON (kubectl -o json)', J({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 'j' }, data: { '.dockerconfigjson': b(`{"auths":{"r.io":{"auth":"${b('u:p')}"}}}`) }, type: 'kubernetes.io/dockerconfigjson' }),
  { valid: true, source: { kind: 'secret', secret: { name: 'j', syntax: 'json' } }, entries: [{ registry: 'r.io', username: 'u' }] });
v('bare base64 of a config (copied from data:)', b(`{"auths":{"r.io":{"auth":"${b('u:p')}"}}}`) + '\n',
  { valid: true, source: { kind: 'base64' }, diagnostics: [{ code: 'base64-input', severity: 'info' }], entries: [{ registry: 'r.io', username: 'u' }] });
vTop('YAML that is not a Secret', 'foo: bar\n', { valid: false, diagnostics: [{ code: 'not-an-object' }] });
vTop('YAML syntax error', 'apiVersion: v1\nkind: Secret\ndata:\n  a: "unterminated\n', { diagnostics: [{ code: 'yaml-syntax', line: 4, column: 6 }] });

// Credentials that every client accepts but that are rarely what the user meant.
const e1 = (key, entry) => J({ auths: { [key]: entry } });
const all = (k, c, d) => ({ kubelet: { status: k }, containers: { status: c }, docker: { status: d } });
v('empty username in auth: docker cannot load the config', e1('r.io', { auth: b(':pw') }),
  { valid: false, diagnostics: [{ code: 'auth-empty-username', severity: 'error', pointer: '/auths/r.io/auth' }], entries: [{ username: '', clients: all('used', 'used', 'fails-all') }], clients: { docker: { status: 'fails' } } });
v('username with a colon: the tail becomes password', e1('r.io', { username: 'a:b', password: 'c', auth: b('a:b:c') }),
  { valid: true, diagnostics: [{ code: 'username-colon', severity: 'warning', pointer: '/auths/r.io/username', column: 30 }], entries: [{ username: 'a' }] });
v('password with a trailing newline (echo without -n)', e1('r.io', { auth: b('u:secret\n') }),
  { valid: true, diagnostics: [{ code: 'credentials-whitespace', severity: 'warning', pointer: '/auths/r.io/auth' }], entries: [{ clients: all('used', 'used', 'used') }] });
v('leading space in a username without auth', e1('r.io', { username: ' u', password: 'p' }),
  { diagnostics: [{ code: 'missing-auth' }, { code: 'credentials-whitespace', pointer: '/auths/r.io/password' }] });
v('NUL byte in the password', e1('r.io', { auth: b('u:p\0') }), { diagnostics: [{ code: 'credentials-nul', severity: 'warning' }] });
v('identity token beside auth', e1('https://index.docker.io/v1/', { auth: b('u:'), identitytoken: 'tok' }),
  { diagnostics: [{ code: 'identity-token', severity: 'info', pointer: '/auths/https:~1~1index.docker.io~1v1~1/identitytoken' }], entries: [{ hasIdentityToken: true }] });
v('email is deprecated', e1('r.io', { auth: b('u:p'), email: 'a@b.c' }), { valid: true, diagnostics: [{ code: 'email-deprecated', severity: 'info', pointer: '/auths/r.io/email' }] });
v('credHelpers: kubelet ignores them', J({ auths: { 'r.io': { auth: b('u:p') } }, credHelpers: { 'gcr.io': 'gcloud' } }),
  { valid: true, diagnostics: [{ code: 'cred-helpers', severity: 'info', pointer: '/credHelpers' }] });
// Keys, per the interop matrix (auth-semantics.md section 7).
const ok = { auth: b('u:p') };
v('key with scheme and /v2/ path: every client, podman login refuses to write it', e1('https://quay.io/v2/', ok),
  { valid: true, diagnostics: [{ code: 'key-scheme', severity: 'info' }], entries: [{ clients: all('used', 'used', 'used') }] });
v('key with scheme and a namespace path: clients disagree', e1('https://quay.io/org', ok), { diagnostics: [{ code: 'key-scheme', severity: 'warning' }] });
v('namespace key', e1('quay.io/org', ok), { valid: true, diagnostics: [{ code: 'key-path', severity: 'info' }], entries: [{ clients: all('used', 'used', 'used') }] });
v('namespace key with a trailing slash: podman never matches it', e1('quay.io/org/', ok), { diagnostics: [{ code: 'key-path', severity: 'warning' }], entries: [{ clients: all('used', 'ignored', 'used') }] });
v('Docker Hub without the trailing slash: podman only', e1('https://index.docker.io/v1', ok),
  { diagnostics: [{ code: 'key-hub-no-slash', severity: 'warning' }], entries: [{ clients: all('ignored', 'used', 'ignored') }] });
v('Docker Hub as docker.io: docker never uses it', e1('docker.io', ok), { diagnostics: [{ code: 'key-hub-alias', severity: 'warning' }], entries: [{ clients: all('used', 'used', 'ignored') }] });
v('Docker Hub as index.docker.io/v1/: kubelet only', e1('index.docker.io/v1/', ok), { diagnostics: [{ code: 'key-hub-alias' }], entries: [{ clients: all('used', 'ignored', 'ignored') }] });
v('Docker Hub as registry-1.docker.io: podman only', e1('registry-1.docker.io', ok), { diagnostics: [{ code: 'key-hub-alias' }], entries: [{ clients: all('ignored', 'used', 'ignored') }] });
v('glob key: kubelet only', e1('*.example.com', ok), { valid: true, diagnostics: [{ code: 'key-glob', severity: 'info' }], entries: [{ clients: all('used', 'ignored', 'ignored') }] });
v('key no client can parse', e1('not a host', ok), { valid: false, diagnostics: [{ code: 'key-invalid', severity: 'error' }], entries: [{ clients: all('ignored', 'ignored', 'ignored') }] });
v('upper-case host', e1('Quay.IO', ok), { diagnostics: [{ code: 'key-uppercase', severity: 'warning' }] });
v('two keys for one registry', J({ auths: { 'quay.io': ok, 'https://quay.io': { auth: b('v:q') } } }),
  { diagnostics: [{ code: 'key-scheme' }, { code: 'key-duplicate-registry', severity: 'warning', pointer: '/auths/https:~1~1quay.io' }] });
// Secrets.
const sec = (meta, type, data) => `apiVersion: v1\nkind: Secret\nmetadata:\n${meta}type: ${type}\ndata:\n${data}`;
const goodData = `  .dockerconfigjson: ${b(e1('r.io', ok))}\n`;
v('Secret name not a DNS-1123 subdomain', sec('  name: My_Secret\n', 'kubernetes.io/dockerconfigjson', goodData),
  { valid: false, diagnostics: [{ code: 'secret-name-invalid', pointer: '/metadata/name', line: 4, column: 9 }] });
v('Secret namespace not a DNS-1123 label', sec('  name: s\n  namespace: a.b\n', 'kubernetes.io/dockerconfigjson', goodData),
  { valid: false, diagnostics: [{ code: 'secret-namespace-invalid', pointer: '/metadata/namespace', line: 5, column: 14 }] });
v('Secret type kubelet does not read', sec('  name: s\n', 'kubernetes.io/podmanconfigjson', goodData),
  { valid: false, diagnostics: [{ code: 'secret-type-unsupported', severity: 'error' }], entries: [{ clients: all('ignored', 'used', 'used') }], clients: { kubelet: { status: 'ok', usedEntries: 0 } } });
v('Secret over 256 KiB: client-side apply cannot store it', sec('  name: s\n', 'kubernetes.io/dockerconfigjson', `  .dockerconfigjson: ${b(J({ auths: { 'r.io': ok }, pad: 'x'.repeat(200 * 1024) }))}\n`),
  { valid: true, diagnostics: [{ code: 'secret-too-large-for-apply', severity: 'warning' }] });
v('Secret over 1 MiB: the API server rejects it', sec('  name: s\n', 'kubernetes.io/dockerconfigjson', `  .dockerconfigjson: ${b(J({ auths: { 'r.io': ok }, pad: 'x'.repeat(1100 * 1024) }))}\n`),
  { valid: false, diagnostics: [{ code: 'secret-too-large', severity: 'error' }] });
v('auths content under .dockercfg', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: ${b(e1('r.io', ok))}\n`,
  { valid: false, diagnostics: [{ code: 'secret-type-mismatch', severity: 'error' }], entries: [{ clients: { kubelet: { status: 'ignored' } } }] });


// Several objects in one input: every pull Secret of a stream, a List or a JSON array is checked;
// other objects are skipped. Inputs built in the generator, expectations written out.
vAll("stream: Helm chart with an Opaque Secret, then the pull Secret", "---\n# Source: app/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-config\n  namespace: apps\ntype: Opaque\ndata:\n  token: dDBrZW4=\n---\n# Source: app/templates/pull.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n",
  {"schemaVersion": 1, "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "diagnostics": [], "objects": [{"index": 1, "kind": "Secret", "namespace": "apps", "name": "pull", "line": 13, "column": 1, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 20, "column": 22, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}]});
vAll("stream: three pull Secrets, the third broken", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: c\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJiYWQifX19\n",
  {"schemaVersion": 1, "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 2}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "diagnostics": [], "objects": [{"index": 0, "kind": "Secret", "namespace": "apps", "name": "a", "line": 1, "column": 1, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 8, "column": 22, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}, {"index": 1, "kind": "Secret", "namespace": "apps", "name": "b", "line": 10, "column": 1, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 17, "column": 22, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}, {"index": 2, "kind": "Secret", "namespace": "apps", "name": "c", "line": 19, "column": 1, "format": "dockerconfigjson", "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 0}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "entries": [{"registry": "r.io", "line": 26, "column": 22, "clients": {"containers": {"status": "fails-registry"}, "docker": {"status": "fails-all"}, "kubelet": {"status": "fails-all"}}}], "diagnostics": [{"code": "auth-not-base64", "severity": "error", "pointer": "/auths/r.io/auth", "line": 26, "column": 22}]}]});
vAll("kubectl get secrets -o json: a List", "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"List\",\n    \"items\": [\n        {\n            \"apiVersion\": \"v1\",\n            \"kind\": \"Secret\",\n            \"metadata\": {\n                \"name\": \"default-token\",\n                \"namespace\": \"apps\"\n            },\n            \"type\": \"kubernetes.io/service-account-token\",\n            \"data\": {\n                \"token\": \"eA==\"\n            }\n        },\n        {\n            \"apiVersion\": \"v1\",\n            \"kind\": \"Secret\",\n            \"metadata\": {\n                \"name\": \"pull\",\n                \"namespace\": \"apps\"\n            },\n            \"type\": \"kubernetes.io/dockerconfigjson\",\n            \"data\": {\n                \".dockerconfigjson\": \"eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\"\n            }\n        }\n    ],\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n",
  {"schemaVersion": 1, "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "diagnostics": [], "objects": [{"index": 0, "item": 1, "kind": "Secret", "namespace": "apps", "name": "pull", "line": 17, "column": 9, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 26, "column": 38, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}]});
vAll("kubectl get secrets -o json: a SecretList, the second item broken", "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"SecretList\",\n    \"items\": [\n        {\n            \"apiVersion\": \"v1\",\n            \"kind\": \"Secret\",\n            \"metadata\": {\n                \"name\": \"pull\",\n                \"namespace\": \"apps\"\n            },\n            \"type\": \"kubernetes.io/dockerconfigjson\",\n            \"data\": {\n                \".dockerconfigjson\": \"eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\"\n            }\n        },\n        {\n            \"apiVersion\": \"v1\",\n            \"kind\": \"Secret\",\n            \"metadata\": {\n                \"name\": \"broken\",\n                \"namespace\": \"apps\"\n            },\n            \"type\": \"kubernetes.io/dockerconfigjson\",\n            \"data\": {\n                \".dockerconfigjson\": \"eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJiYWQifX19\"\n            }\n        }\n    ],\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n",
  {"schemaVersion": 1, "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "diagnostics": [], "objects": [{"index": 0, "item": 0, "kind": "Secret", "namespace": "apps", "name": "pull", "line": 5, "column": 9, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 14, "column": 38, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}, {"index": 0, "item": 1, "kind": "Secret", "namespace": "apps", "name": "broken", "line": 17, "column": 9, "format": "dockerconfigjson", "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 0}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "entries": [{"registry": "r.io", "line": 26, "column": 38, "clients": {"containers": {"status": "fails-registry"}, "docker": {"status": "fails-all"}, "kubelet": {"status": "fails-all"}}}], "diagnostics": [{"code": "auth-not-base64", "severity": "error", "pointer": "/auths/r.io/auth", "line": 26, "column": 38}]}]});
vAll("YAML List: a ConfigMap and two pull Secrets", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n  data:\n    a: b\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: one\n  type: kubernetes.io/dockerconfigjson\n  data:\n    .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: two\n  type: kubernetes.io/dockerconfigjson\n  data:\n    .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJiYWQifX19\n",
  {"schemaVersion": 1, "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "diagnostics": [], "objects": [{"index": 0, "item": 1, "kind": "Secret", "name": "one", "line": 10, "column": 3, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 16, "column": 24, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}, {"index": 0, "item": 2, "kind": "Secret", "name": "two", "line": 17, "column": 3, "format": "dockerconfigjson", "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 0}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "entries": [{"registry": "r.io", "line": 23, "column": 24, "clients": {"containers": {"status": "fails-registry"}, "docker": {"status": "fails-all"}, "kubelet": {"status": "fails-all"}}}], "diagnostics": [{"code": "auth-not-base64", "severity": "error", "pointer": "/auths/r.io/auth", "line": 23, "column": 24}]}]});
vAll("JSON array of objects: a config and a Secret", "[{\"auths\": {\"quay.io\": {\"auth\": \"dTpw\"}}}, {\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"pull\", \"namespace\": \"apps\"}, \"type\": \"kubernetes.io/dockerconfigjson\", \"data\": {\".dockerconfigjson\": \"eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJiYWQifX19\"}}]",
  {"schemaVersion": 1, "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "diagnostics": [], "objects": [{"index": 0, "item": 0, "line": 1, "column": 2, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 1}}, "entries": [{"registry": "quay.io", "line": 1, "column": 13, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "used"}}}], "diagnostics": []}, {"index": 0, "item": 1, "kind": "Secret", "namespace": "apps", "name": "pull", "line": 1, "column": 44, "format": "dockerconfigjson", "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 0}, "docker": {"status": "fails", "usedEntries": 0}, "kubelet": {"status": "fails", "usedEntries": 0}}, "entries": [{"registry": "r.io", "line": 1, "column": 206, "clients": {"containers": {"status": "fails-registry"}, "docker": {"status": "fails-all"}, "kubelet": {"status": "fails-all"}}}], "diagnostics": [{"code": "auth-not-base64", "severity": "error", "pointer": "/auths/r.io/auth", "line": 1, "column": 206}]}]});
vAll("Opaque Secret holding .dockerconfigjson: a warning, kubelet ignores it", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: copy\n  namespace: apps\ntype: Opaque\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJxdWF5LmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n",
  {"schemaVersion": 1, "valid": true, "errors": 0, "warnings": 1, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 0}}, "diagnostics": [], "objects": [{"index": 0, "kind": "Secret", "namespace": "apps", "name": "copy", "line": 1, "column": 1, "format": "dockerconfigjson", "valid": true, "errors": 0, "warnings": 1, "clients": {"containers": {"status": "ok", "usedEntries": 1}, "docker": {"status": "ok", "usedEntries": 1}, "kubelet": {"status": "ok", "usedEntries": 0}}, "entries": [{"registry": "quay.io", "line": 8, "column": 22, "clients": {"containers": {"status": "used"}, "docker": {"status": "used"}, "kubelet": {"status": "ignored"}}}], "diagnostics": [{"code": "secret-type-unsupported", "severity": "warning", "pointer": "/type", "line": 6, "column": 7}]}]});
vAll("stream of Opaque Secrets only: no pull secret, at the top", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n  namespace: apps\ntype: Opaque\ndata:\n  token: eA==\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n  namespace: apps\ntype: Opaque\ndata:\n  token: eQ==\n",
  {"schemaVersion": 1, "valid": false, "errors": 1, "warnings": 0, "clients": {"containers": {"status": "ok", "usedEntries": 0}, "docker": {"status": "ok", "usedEntries": 0}, "kubelet": {"status": "ok", "usedEntries": 0}}, "diagnostics": [{"code": "secret-no-data", "severity": "error", "line": 1, "column": 1}], "objects": []});

const P = [];
const p = (name, input, expect) => P.push({ name, fn: 'parse', input, expect });
const pe = (name, input, error) => P.push({ name, fn: 'parse', input, error });
p('reads credentials, password keeps every colon', `{"auths":{"quay.io":{"auth":"${b('u:p:a:ss')}","email":"e@x"}},"credsStore":"desktop","credHelpers":{"gcr.io":"gcloud"},"psFormat":"x"}`,
  { format: 'dockerconfigjson', entries: [{ registry: 'quay.io', username: 'u', password: 'p:a:ss', auth: b('u:p:a:ss'), email: 'e@x' }], credHelpers: [{ registry: 'gcr.io', helper: 'gcloud' }], credsStore: 'desktop', otherKeys: ['psFormat'] });
p('non-ASCII credentials decode as UTF-8', `{"auths":{"r.io":{"auth":"${b('jürgen:pässwörd😀')}"}}}`, { entries: [{ username: 'jürgen', password: 'pässwörd😀' }] });
p('username/password fields when there is no auth', '{"auths":{"r.io":{"username":"u","password":"p"}}}', { entries: [{ registry: 'r.io', username: 'u', password: 'p' }] });
p('last duplicate wins, as in Go', `{"auths":{"r.io":{"auth":"${b('a:1')}"},"r.io":{"auth":"${b('b:2')}"}}}`, { entries: [{ registry: 'r.io', username: 'b', password: '2' }] });
p('Secret YAML', secretYaml(`{"auths":{"quay.io":{"auth":"${b('u:p')}"}}}`), { source: { kind: 'secret', secret: { name: 'pull' } }, entries: [{ registry: 'quay.io', username: 'u', password: 'p' }] });
pe('syntax error carries code, line and column', '{\n  "auths": tru\n}', { code: 'json-syntax', line: 2, column: 12 });
pe('empty input', '', { code: 'empty-input', line: 1, column: 1 });
pe('Secret without pull-secret data', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  token: YQ==\n', { code: 'secret-no-data' });

const T = [];
T.push({ name: 'toSecret: config file copied verbatim (kubectl --from-file)', fn: 'toSecret', input: '{ "auths": {} }\n', options: { name: 'x' },
  expect: `apiVersion: v1\ndata:\n  .dockerconfigjson: ${b('{ "auths": {} }\n')}\nkind: Secret\nmetadata:\n  name: x\ntype: kubernetes.io/dockerconfigjson\n` });
T.push({ name: 'toSecret: an existing Secret is re-wrapped with its decoded config', fn: 'toSecret', input: secretYaml('{"auths":{}}'), options: { name: 'copy', namespace: 'other', output: 'json' },
  expect: `{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "copy",\n        "namespace": "other"\n    },\n    "data": {\n        ".dockerconfigjson": "${b('{"auths":{}}')}"\n    },\n    "type": "kubernetes.io/dockerconfigjson"\n}\n` });
T.push({ name: 'toSecret: legacy content defaults to the dockercfg type', fn: 'toSecret', input: '{"r.io":{"auth":"dTpw"}}', options: { name: 'old' },
  expect: `apiVersion: v1\ndata:\n  .dockercfg: ${b('{"r.io":{"auth":"dTpw"}}')}\nkind: Secret\nmetadata:\n  name: old\ntype: kubernetes.io/dockercfg\n` });
T.push({ name: 'toSecret: dockercfg type from auths content keeps the entries bytes', fn: 'toSecret', input: '{"auths": {"r.io": {"auth": "dTpw"}}, "credsStore": "x"}', options: { name: 'old', type: 'kubernetes.io/dockercfg' },
  expect: `apiVersion: v1\ndata:\n  .dockercfg: ${b('{"r.io": {"auth": "dTpw"}}')}\nkind: Secret\nmetadata:\n  name: old\ntype: kubernetes.io/dockercfg\n` });
T.push({ name: 'toSecret: refuses a BOM (the API server would)', fn: 'toSecret', input: '\ufeff{"auths":{}}', options: { name: 'x' }, error: { code: 'bom', line: 1, column: 1 } });
T.push({ name: 'toSecret: refuses broken JSON with its position', fn: 'toSecret', input: '{"auths":', options: { name: 'x' }, error: { code: 'json-syntax', line: 1, column: 10 } });
T.push({ name: 'toSecret: name is required', fn: 'toSecret', input: '{"auths":{}}', options: { name: '' }, error: { code: 'missing-option' } });
T.push({ name: 'toSecret: unknown option is refused', fn: 'toSecret', input: '{"auths":{}}', options: { name: 'x', nmespace: 'y' }, error: { code: 'invalid-option' } });
T.push({ name: 'create: password is required', fn: 'create', options: { username: 'u', password: '' }, error: { code: 'missing-option' } });

writeFileSync('tests/vectors/validate.json', JSON.stringify({ description: 'validate(): the report (schemaVersion 1): one section per object (`objects[]`: format, source, valid, clients, entries, diagnostics with positions, per-client verdicts) and the summary over all objects. `expect` is matched as a subset (arrays must have the same length).', cases: V }, null, 2) + '\n');
writeFileSync('tests/vectors/parse.json', JSON.stringify({ description: 'parse(): credentials as data; errors with code and position.', cases: P }, null, 2) + '\n');
writeFileSync('tests/vectors/to-secret.json', JSON.stringify({ description: 'toSecret() on existing configs and Secrets, and option errors.', cases: T }, null, 2) + '\n');
console.log(V.length, P.length, T.length);
