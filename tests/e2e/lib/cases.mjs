// The end-to-end cases: auth files made by pullsecret (`create`, `toSecret`) or written by hand
// for the known traps, each pulled by real clients from the lab's registries.
//
// A case is { id, what, reg: 'http' | 'tls', repo?, file(ctx) → text }. ctx.H is the registry's
// host:port; ctx.auth(user) is the padded std base64 of `user:password` for a real user;
// ctx.api is @pullsecret/node. Which credentials the registry accepts is the fixture (USERS);
// which entry each client uses, and whether it can read the file at all, is pullsecret's call.

/** htpasswd users. Passwords: `:`, spaces, non-ASCII, and one whose `auth` has `+`, `/` and `==`. */
export const USERS = {
  'e2e-basic': 'basic-Passw0rd',
  'e2e-colon': 'pa:ss:wo:rd',
  'e2e-space': 'pass word  with spaces ',
  'e2e-utf8': 'pässwörd-密码-🔑',
  'e2e-b64': '?>?>??>>',
};

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const json = (v) => JSON.stringify(v);
const pretty = (v) => JSON.stringify(v, null, 2);

function ctxFor(lab, reg, api) {
  const H = lab[reg].host;
  const tmp = lab.dir;
  const auth = (user, pass = USERS[user]) => b64(`${user}:${pass}`);
  const bad = auth('e2e-basic', 'wrong-password');
  const good = auth('e2e-basic');
  return { H, auth, good, bad, api, tmp, other: 'registry.invalid:5000' };
}

/** One case per `create` user, on a registry. */
function created(reg, user, extra = {}) {
  return {
    id: `create-${reg}-${user.slice(4)}`,
    what: `create({server: H, username: ${user}${extra.email ? ', email' : ''}}) on ${reg.toUpperCase()}`,
    reg,
    file: ({ H, api }) => api.create({ server: H, username: user, password: USERS[user], ...extra }),
  };
}

/** A single-entry file for the HTTP registry under key `key(H)` with `entry(ctx)`. */
function keyed(id, what, key, entry = (c) => ({ auth: c.good }), reg = 'http') {
  return { id, what, reg, file: (c) => json({ auths: { [key(c.H)]: entry(c) } }) };
}

/** The right entry among entries for other registries whose `auth` is `bad`. */
function elsewhere(id, what, bad) {
  return {
    id,
    what: `right entry among three entries for other registries with ${what}`,
    reg: 'http',
    file: (c) => json({ auths: { 'r1.invalid': { auth: bad }, 'r2.invalid': { auth: bad }, [c.H]: { auth: c.good }, 'r3.invalid': { auth: bad } } }),
  };
}

/** `convert(input(ctx), {to})`, the one file it writes. */
function converted(id, what, to, input, reg = 'http') {
  return {
    id,
    what: `convert(${what}, ${to})`,
    reg,
    file: (c) => {
      const out = c.api.convert(input(c), { to });
      assert.equal(out.files.length, 1);
      return out.files[0].content;
    },
  };
}

/** `convert(..., mesos)`: the `.docker/config.json` inside the archive, extracted by tar. */
function fromMesos(c, input) {
  const [f] = c.api.convert(input, { to: 'mesos' }).files;
  const d = mkdtempSync(join(c.tmp, 'mesos-'));
  writeFileSync(join(d, f.path), f.content);
  execFileSync('tar', ['-xzf', f.path], { cwd: d });
  return readFileSync(join(d, '.docker', 'config.json'), 'utf8');
}

/** The `.dockerconfigjson` of a Secret printed by pullsecret, decoded as a node would. */
function fromSecret(text, output) {
  const data = output === 'json' ? JSON.parse(text).data['.dockerconfigjson'] : /^ {2}\.dockerconfigjson: (\S+)$/m.exec(text)[1];
  return Buffer.from(data, 'base64').toString('utf8');
}

export const CASES = [
  // pullsecret's own output, every password shape, both transports.
  ...Object.keys(USERS).map((u) => created('http', u)),
  ...['e2e-basic', 'e2e-colon', 'e2e-utf8', 'e2e-b64'].map((u) => created('tls', u)),
  created('http', 'e2e-basic', { email: 'e2e@example.com' }),
  { id: 'create-wrong-password', what: 'create() with a wrong password', reg: 'http', file: ({ H, api }) => api.create({ server: H, username: 'e2e-basic', password: 'wrong-password' }) },
  keyed('auth-empty-username', '`auth` = base64(":password") (empty username; create() refuses it)', (H) => H, () => ({ auth: b64(`:${USERS['e2e-basic']}`) })),
  { id: 'secret-yaml', what: 'toSecret(create(), yaml): decoded .dockerconfigjson', reg: 'http', file: ({ H, api }) => fromSecret(api.toSecret(api.create({ server: H, username: 'e2e-utf8', password: USERS['e2e-utf8'] }), { name: 'pull', namespace: 'apps' }), 'yaml') },
  { id: 'secret-dockercfg', what: 'toSecret(legacy config): decoded .dockercfg via --authfile / --config', reg: 'http', file: (c) => Buffer.from(/^ {2}\.dockercfg: (\S+)$/m.exec(c.api.toSecret(json({ [c.H]: { auth: c.good } }), { name: 'pull' }))[1], 'base64').toString('utf8') },
  { id: 'secret-json', what: 'toSecret(create(), json): decoded .dockerconfigjson', reg: 'tls', file: ({ H, api }) => fromSecret(api.toSecret(api.create({ server: `https://${H}`, username: 'e2e-colon', password: USERS['e2e-colon'] }), { name: 'pull', output: 'json' }), 'json') },

  // Docker Hub: `docker.io/e2e/tiny:v1`, reached through a proxy that sends Hub's hosts to the TLS registry.
  { id: 'hub-create-default', what: 'Docker Hub image, create() with the default server', reg: 'hub', file: ({ api }) => api.create({ username: 'e2e-utf8', password: USERS['e2e-utf8'] }) },
  ...['https://index.docker.io/v1/', 'index.docker.io/v1/', 'https://index.docker.io/v1', 'http://index.docker.io/v1/', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://registry-1.docker.io', 'docker.io/e2e', 'docker.io/library'].map((key) =>
    keyed(`hub-key-${key.replace(/[^a-z0-9.]+/g, '-').replace(/-$/, '-slash')}`, `Docker Hub image, key ${key}`, () => key, undefined, 'hub'),
  ),
  { id: 'hub-docker-io-wrong', what: 'Docker Hub image, https://index.docker.io/v1/ right + docker.io wrong', reg: 'hub', file: (c) => json({ auths: { 'https://index.docker.io/v1/': { auth: c.good }, 'docker.io': { auth: c.bad } } }) },

  // convert: pullsecret rewriting a file for one client.
  converted('convert-fields-only-authjson', '`username`/`password` only', 'auth.json', (c) => json({ auths: { [c.H]: { username: 'e2e-colon', password: USERS['e2e-colon'] } } })),
  converted('convert-unpadded-configjson', 'unpadded `auth` under https://H/v2/', 'config.json', (c) => json({ auths: { [`https://${c.H}/v2/`]: { auth: c.auth('e2e-b64').replace(/=+$/, '') } } })),
  converted('convert-secret-authjson', 'a Secret (YAML) with a namespaced key', 'auth.json', (c) => c.api.toSecret(c.api.create({ server: `${c.H}/test`, username: 'e2e-utf8', password: USERS['e2e-utf8'] }), { name: 'pull' }), 'tls'),
  converted('convert-legacy-configjson', 'a legacy .dockercfg', 'config.json', (c) => json({ [c.H]: { auth: c.good } })),
  converted('convert-to-dockercfg', 'a config.json', 'dockercfg', (c) => json({ auths: { [c.H]: { auth: c.good } } })),
  { id: 'convert-mesos', what: "convert(config, mesos): `.docker/config.json` from the archive, extracted with tar", reg: 'http', file: (c) => fromMesos(c, json({ auths: { [`https://${c.H}`]: { username: 'e2e-space', password: USERS['e2e-space'] } } })) },

  // add / remove / merge: pullsecret editing a file, then a client pulling with it.
  { id: 'add-new-file', what: 'add() to an empty file', reg: 'http', file: (c) => c.api.add('', { registry: c.H, username: 'e2e-colon', password: USERS['e2e-colon'] }) },
  { id: 'add-podman-style', what: 'add(style: podman) to a file with other entries', reg: 'tls', file: (c) => c.api.add(json({ auths: { [c.other]: { auth: c.bad } } }), { registry: c.H, username: 'e2e-utf8', password: USERS['e2e-utf8'], style: 'podman' }) },
  { id: 'add-replaces-wrong', what: 'add() over a wrong password keeps the layout, replaces the login', reg: 'http', file: (c) => c.api.add(pretty({ auths: { [c.H]: { auth: c.bad, email: 'x@example.com' }, [c.other]: { auth: c.bad } }, psFormat: 'x' }), { registry: c.H, username: 'e2e-b64', password: USERS['e2e-b64'] }) },
  { id: 'add-namespace-key', what: 'add() under H/test to a file whose H entry is wrong', reg: 'http', file: (c) => c.api.add(json({ auths: { [c.H]: { auth: c.bad } } }), { registry: `${c.H}/test`, username: 'e2e-basic', password: USERS['e2e-basic'] }) },
  { id: 'remove-exact', what: 'remove(H) of the right entry: H/other stays', reg: 'http', file: (c) => c.api.remove(json({ auths: { [c.H]: { auth: c.good }, [`${c.H}/other`]: { auth: c.good } } }), c.H).config },
  { id: 'remove-aliases', what: 'remove(H, aliases) of the wrong entries under every spelling', reg: 'http', file: (c) => c.api.remove(json({ auths: { [`https://${c.H}`]: { auth: c.bad }, [`${c.H}/test`]: { auth: c.good }, [c.H]: { auth: c.bad } } }), c.H, { aliases: true }).config },
  { id: 'merge-last', what: 'merge([wrong under https://H, right under H]) onConflict last', reg: 'http', file: (c) => c.api.merge([json({ auths: { [`https://${c.H}`]: { auth: c.bad } } }), json({ auths: { [c.H]: { auth: c.good } } })], { onConflict: 'last' }).config },
  { id: 'merge-first', what: 'merge([right, wrong]) onConflict first', reg: 'tls', file: (c) => c.api.merge([json({ auths: { [c.H]: { auth: c.good } } }), pretty({ auths: { [c.H]: { auth: c.bad } } })], { onConflict: 'first' }).config },
  { id: 'merge-global-append', what: 'merge(pull secret, extra registry) as the global pull secret append', reg: 'http', file: (c) => c.api.merge([json({ auths: { 'cloud.openshift.com': { auth: c.bad, email: 'x@example.com' }, 'quay.io': { auth: c.bad } } }), c.api.create({ server: c.H, username: 'e2e-space', password: USERS['e2e-space'] })]).config },
  { id: 'global-pull-secret', what: 'globalPullSecret(pasted Secret, + H): decoded new .dockerconfigjson', reg: 'http', file: (c) => fromSecret(c.api.globalPullSecret(c.api.toSecret(json({ auths: { 'quay.io': { auth: c.bad } } }), { name: 'pull-secret', namespace: 'openshift-config' }), { logins: [{ registry: c.H, username: 'e2e-utf8', password: USERS['e2e-utf8'] }] }).secret, 'yaml') },

  // Key spellings.
  { ...created('http', 'e2e-basic'), id: 'key-https', what: 'create() with server https://H', file: ({ H, api }) => api.create({ server: `https://${H}`, username: 'e2e-basic', password: USERS['e2e-basic'] }) },
  keyed('key-http', 'key http://H', (H) => `http://${H}`),
  keyed('key-https-v1', 'key https://H/v1/', (H) => `https://${H}/v1/`),
  keyed('key-https-v2', 'key https://H/v2/', (H) => `https://${H}/v2/`),
  keyed('key-trailing-slash', 'key H/ (no scheme, trailing slash)', (H) => `${H}/`),
  keyed('key-https-trailing-slash', 'key https://H/', (H) => `https://${H}/`),
  keyed('key-namespace', 'key H/test (namespace of the image)', (H) => `${H}/test`),
  keyed('key-repository', 'key H/test/tiny (the repository)', (H) => `${H}/test/tiny`),
  keyed('key-other-namespace', 'key H/other (another namespace)', (H) => `${H}/other`),
  keyed('key-https-other-path', 'key https://H/other (scheme: path dropped)', (H) => `https://${H}/other`),
  keyed('key-no-port', 'key 127.0.0.1 (no port)', (H) => H.split(':')[0]),
  keyed('key-localhost', 'key localhost:PORT for an image on 127.0.0.1:PORT', (H) => `localhost:${H.split(':')[1]}`),
  keyed('key-tls-http-scheme', 'TLS registry, key http://H', (H) => `http://${H}`, undefined, 'tls'),
  keyed('key-upper-scheme', 'key HTTPS://H (upper-case scheme)', (H) => `HTTPS://${H}`),
  keyed('key-trailing-space', 'key "H " (trailing space)', (H) => `${H} `),
  keyed('key-tls-https-v2', 'TLS registry, key https://H/v2/', (H) => `https://${H}/v2/`, undefined, 'tls'),
  keyed('tls-wrong-password', 'TLS registry, wrong password', (H) => H, (c) => ({ auth: c.bad }), 'tls'),
  { id: 'key-two-spellings', what: 'H/test right + https://H wrong (no plain H key)', reg: 'http', file: (c) => json({ auths: { [`${c.H}/test`]: { auth: c.good }, [`https://${c.H}`]: { auth: c.bad } } }) },
  { id: 'key-specific-wins', what: 'H wrong + H/test right', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.bad }, [`${c.H}/test`]: { auth: c.good } } }) },
  { id: 'key-host-wins-over-namespace', what: 'H right + H/test wrong', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good }, [`${c.H}/test`]: { auth: c.bad } } }) },
  { id: 'key-exact-over-scheme', what: 'https://H wrong + H right', reg: 'http', file: (c) => json({ auths: { [`https://${c.H}`]: { auth: c.bad }, [c.H]: { auth: c.good } } }) },
  { id: 'key-exact-over-scheme-rev', what: 'https://H right + H wrong', reg: 'http', file: (c) => json({ auths: { [`https://${c.H}`]: { auth: c.good }, [c.H]: { auth: c.bad } } }) },

  // `auth` encodings.
  keyed('auth-unpadded', '`auth` without `=` padding', (H) => H, (c) => ({ auth: c.auth('e2e-b64').replace(/=+$/, '') })),
  keyed('auth-url-safe', 'URL-safe base64 `auth` (`-`, `_`)', (H) => H, (c) => ({ auth: c.auth('e2e-b64').replace(/\+/g, '-').replace(/\//g, '_') })),
  keyed('auth-newlines', '`auth` wrapped with `\\n` inside', (H) => H, (c) => ({ auth: c.auth('e2e-utf8').replace(/(.{16})/g, '$1\n') })),
  keyed('auth-trailing-space', '`auth` with a trailing space', (H) => H, (c) => ({ auth: `${c.good} ` })),
  keyed('auth-trailing-newline-password', 'password with a trailing newline (`echo p | base64`)', (H) => H, (c) => ({ auth: c.auth('e2e-basic', `${USERS['e2e-basic']}\n`) })),
  keyed('auth-no-colon', '`auth` decodes without `:`', (H) => H, () => ({ auth: b64('e2e-basic') })),
  keyed('fields-only', '`username`/`password`, no `auth`', (H) => H, () => ({ username: 'e2e-colon', password: USERS['e2e-colon'] })),
  keyed('auth-overrides-fields', 'right `auth` + wrong `username`/`password`', (H) => H, (c) => ({ username: 'e2e-basic', password: 'wrong-password', auth: c.good })),
  keyed('fields-under-wrong-auth', 'wrong `auth` + right `username`/`password`', (H) => H, (c) => ({ username: 'e2e-basic', password: USERS['e2e-basic'], auth: c.bad })),
  elsewhere('empty-username-elsewhere', 'base64(":p")', b64(':p')),
  elsewhere('no-colon-elsewhere', 'an `auth` without `:`', b64('nocolon')),
  elsewhere('bad-base64-elsewhere', 'an unpadded `auth`', 'dTpwdw'),
  keyed('identitytoken-with-auth', 'right `auth` + `identitytoken`', (H) => H, (c) => ({ auth: c.good, identitytoken: 'e2e-token' })),
  keyed('identitytoken-user-only', '`auth` = base64("user:") + `identitytoken`', (H) => H, () => ({ auth: b64('e2e-basic:'), identitytoken: USERS['e2e-basic'] })),
  keyed('identitytoken-only', 'only `identitytoken`', (H) => H, () => ({ identitytoken: USERS['e2e-basic'] })),
  keyed('field-case', '`Auth` (capitalised field name)', (H) => H, (c) => ({ Auth: c.good })),
  { id: 'auths-case', what: '`Auths` (capitalised top-level key)', reg: 'http', file: (c) => json({ Auths: { [c.H]: { auth: c.good } } }) },

  // File-level traps.
  { id: 'bom', what: 'UTF-8 BOM before the JSON', reg: 'http', file: (c) => `\ufeff${json({ auths: { [c.H]: { auth: c.good } } })}` },
  { id: 'crlf', what: 'CRLF line endings, pretty-printed', reg: 'http', file: (c) => pretty({ auths: { [c.H]: { auth: c.auth('e2e-space') } } }).replace(/\n/g, '\r\n') + '\r\n' },
  { id: 'trailing-data', what: 'trailing data after the JSON value', reg: 'http', file: (c) => `${json({ auths: { [c.H]: { auth: c.good } } })}\n{}` },
  { id: 'empty-file', what: 'empty file', reg: 'http', file: () => '' },
  { id: 'legacy-dockercfg', what: 'legacy .dockercfg (no `auths`) via --authfile / --config', reg: 'http', file: (c) => json({ [c.H]: { auth: c.good, email: 'e2e@example.com' } }) },
  { id: 'duplicate-key-last-right', what: 'same key twice: wrong, then right', reg: 'http', file: (c) => `{"auths":{"${c.H}":{"auth":"${c.bad}"},"${c.H}":{"auth":"${c.good}"}}}` },
  { id: 'duplicate-key-last-wrong', what: 'same key twice: right, then wrong', reg: 'http', file: (c) => `{"auths":{"${c.H}":{"auth":"${c.good}"},"${c.H}":{"auth":"${c.bad}"}}}` },
  { id: 'duplicate-auths', what: '`auths` twice: {H: right}, then {}', reg: 'http', file: (c) => `{"auths":{"${c.H}":{"auth":"${c.good}"}},"auths":{}}` },
  { id: 'duplicate-auth-field', what: '`auth` twice in one entry: wrong, then right', reg: 'http', file: (c) => `{"auths":{"${c.H}":{"auth":"${c.bad}","auth":"${c.good}"}}}` },
  { id: 'null-entry', what: 'right entry, then the same key as `null`', reg: 'http', file: (c) => `{"auths":{"${c.H}":{"auth":"${c.good}"},"${c.H}":null}}` },
  { id: 'credsstore-placeholder', what: '`credsStore` + empty `{}` entry (docker native store marker)', reg: 'http', file: (c) => json({ auths: { [c.H]: {} }, credsStore: 'e2e-missing' }) },
  { id: 'credsstore-with-auth', what: '`credsStore` + right `auth` entry', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good } }, credsStore: 'e2e-missing' }) },
  { id: 'credhelpers-with-auth', what: '`credHelpers` for H + right `auth` entry', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good } }, credHelpers: { [c.H]: 'e2e-missing' } }) },
  { id: 'empty-credsstore', what: '`credsStore: ""` + right `auth`', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good } }, credsStore: '' }) },

  // Issue 14: what real clients do with fields some of them do not read, helpers, a repeated `auths`.
  { id: 'wrong-type-email', what: '`email: false` beside a good `auth` (only kubelet and docker read `email`)', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good, email: false } } }) },
  { id: 'wrong-type-username', what: '`username: 5` beside a good `auth`', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good, username: 5 } } }) },
  { id: 'wrong-type-identitytoken', what: '`identitytoken: 1` beside a good `auth` (containers/image reads it)', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good, identitytoken: 1 } } }) },
  { id: 'wrong-type-credsstore', what: '`credsStore: 5` (containers/image has no credsStore)', reg: 'http', file: (c) => json({ auths: { [c.H]: { auth: c.good } }, credsStore: 5 }) },
  { id: 'wrong-type-auths', what: '`auths` a string', reg: 'http', file: () => json({ auths: 'x' }) },
  { id: 'auths-repeated-first', what: 'two `auths` objects, H in the first', reg: 'http', file: (c) => `{"auths":{"${c.H}":{"auth":"${c.good}"}},"auths":{"${c.other}":{"auth":"${c.bad}"}}}` },
  { id: 'auths-repeated-second', what: 'two `auths` objects, H in the second', reg: 'http', file: (c) => `{"auths":{"${c.other}":{"auth":"${c.bad}"}},"auths":{"${c.H}":{"auth":"${c.good}"}}}` },
  // Real-world shapes (tests/vectors/real-world.json): files as the tools write them, with an entry for H among the others.
  { id: 'realworld-podman-authjson', what: '`podman login` auth.json: tab indented, keys sorted, no trailing newline, docker.io and quay.io beside H', reg: 'http', file: (c) => JSON.stringify({ auths: { [c.H]: { auth: c.auth('e2e-utf8') }, 'docker.io': { auth: c.bad }, 'quay.io': { auth: c.bad } } }, null, '\t') },
  { id: 'realworld-openshift-compact', what: 'OpenShift pull secret (compact, `auth` + `email` per registry) with H appended as the global pull secret docs do', reg: 'http', file: (c) => json({ auths: { 'cloud.openshift.com': { auth: c.bad, email: 'user@example.com' }, 'quay.io': { auth: c.bad, email: 'user@example.com' }, 'registry.connect.redhat.com': { auth: c.bad, email: 'user@example.com' }, 'registry.redhat.io': { auth: c.bad, email: 'user@example.com' }, [c.H]: { auth: c.auth('e2e-colon'), email: 'user@example.com' } } }) },
  { id: 'realworld-desktop-config', what: 'Docker Desktop config.json: `credsStore: desktop`, empty placeholders, `currentContext`, `plugins`, a plain `auth` for H', reg: 'http', file: (c) => JSON.stringify({ auths: { 'https://index.docker.io/v1/': {}, 'ghcr.io': {}, [c.H]: { auth: c.good } }, credsStore: 'desktop', currentContext: 'desktop-linux', plugins: { '-x-cli-hints': { enabled: 'true' } } }, null, '\t') },
  { id: 'realworld-ecr-credhelpers', what: '`credHelpers` for ECR registries (`ecr-login`) beside a plain `auth` for H', reg: 'http', file: (c) => pretty({ auths: { [c.H]: { auth: c.auth('e2e-b64') } }, credHelpers: { '123456789012.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login', 'public.ecr.aws': 'ecr-login' } }) },
  { id: 'realworld-kubectl-fields', what: 'kubectl create secret docker-registry shape: `username`, `password`, `email`, `auth` for H (decoded .dockerconfigjson)', reg: 'tls', file: (c) => json({ auths: { [c.H]: { username: 'e2e-space', password: USERS['e2e-space'], email: 'ci@example.com', auth: c.auth('e2e-space') } } }) },
  { id: 'realworld-legacy-dockercfg-secret', what: 'the decoded `.dockercfg` of a kubernetes.io/dockercfg Secret, with `email`', reg: 'http', file: (c) => json({ [c.H]: { auth: c.good, email: 'olduser@example.com' } }) },
];

export { ctxFor };
