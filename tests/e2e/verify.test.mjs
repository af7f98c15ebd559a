// Proof that `pullsecret verify` (and `verify()` of @pullsecret/node) tells working credentials
// from broken ones against real registries: CNCF distribution 2.8 with htpasswd (plain HTTP and
// TLS with a throw-away CA), and distribution 2.8 with bearer-token auth backed by the token
// service in ./lib/token-server.mjs (checked first with real skopeo: a push, pulls that work and
// pulls that are refused). Then the network edges with small Node servers: a closed port, a
// server that never answers, registries that redirect to another origin (credentials must not
// follow). Every secret used is a canary that must not appear in any output.
//
// The CLI is run asynchronously (the token service and the fake servers live in this process):
// the binary tests/lib/cli.mjs names, or PULLSECRET_BIN when set (e.g. a fresh target/fast build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import { startLab, stopLab, writeAuthFile, clients, childPids, run, labPki, startRegistry } from './lib/registry.mjs';
import { USERS } from './lib/cases.mjs';
import { startTokenServer, makeSigner } from './lib/token-server.mjs';
import { startRecorder, startSilentServer, closedPort } from './lib/http-fakes.mjs';
import { command as cliCommand } from '../lib/cli.mjs';

const command = process.env.PULLSECRET_BIN ? [process.env.PULLSECRET_BIN] : cliCommand;
const api = createRequire(import.meta.url)('../../npm/node/index.cjs');
/** docs/schemas/verify.schema.json: every `-o json` output of this file is checked against it. */
const schema = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/schemas/verify.schema.json', import.meta.url)), 'utf8')));
})();
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');

// The token service's users (passwords with `:`, spaces and non-ASCII, like USERS).
const SERVICE = 'pullsecret-e2e-registry';
const ISSUER = 'pullsecret-e2e-token-issuer';
const TOKEN_USERS = {
  'tok-pusher': { password: 'tok-pusher:Pw-canary-1', grants: [{ repo: '*', actions: ['pull', 'push'] }] },
  'tok-reader': { password: 'tök-reader pässwörd:canary-2 🔑', grants: [{ repo: 'test/tiny', actions: ['pull'] }] },
  'tok-nopull': { password: 'tok-nopull-canary-3', grants: [] },
};
/** The identity token the token service knows (an OAuth2 refresh token of tok-reader), and one it does not. */
const REFRESH = 'e2e-refresh-token-canary-4f9a0c';
const BAD_REFRESH = 'e2e-revoked-refresh-canary-77d1';
const WRONG = 'wrong-Passw0rd:canary-5';
const REDIRECT_USER = 'e2e-redirect';
const REDIRECT_PASS = 'redirect-Pw:canary-6 ✓';

let lab;
let tok;
let bearer;
let bearerHttpRealm;
let ca;
/** Every output of pullsecret in this file: { what, text }. */
const outputs = [];
/** Every Node server this file started (closed in `after`, also when a test failed). */
const servers = [];

before(async () => {
  lab = await startLab({ users: USERS, pushAs: 'e2e-basic' });
  ca = join(lab.certDir, 'ca.crt');
  const pki = labPki(lab);
  const dir = join(lab.dir, 'token');
  mkdirSync(dir);
  const signer = await makeSigner(dir);
  tok = await startTokenServer({ users: TOKEN_USERS, refreshTokens: { [REFRESH]: 'tok-reader' }, tls: pki, signer, service: SERVICE, issuer: ISSUER });
  servers.push(tok);
  const tokenAuth = (realm) => `  token:\n    realm: ${realm}\n    service: ${SERVICE}\n    issuer: ${ISSUER}\n    rootcertbundle: ${signer.cert}\n`;
  // Two registries on one storage: one names the HTTPS token service, the other its plain-HTTP listener.
  const storage = join(lab.dir, 'bearer-data');
  bearer = await startRegistry(lab, { name: 'bearer', auth: tokenAuth(tok.realm), storage });
  bearerHttpRealm = await startRegistry(lab, { name: 'bearer-http-realm', auth: tokenAuth(tok.httpRealm), storage });
  // The real flow, part 1: skopeo pushes with a token the token service issued for tok-pusher.
  const creds = `tok-pusher:${TOKEN_USERS['tok-pusher'].password}`;
  for (const repo of ['test/tiny:v1', 'other/tiny:v1']) {
    const r = await run('skopeo', ['copy', '--quiet', '--dest-cert-dir', lab.certDir, '--dest-creds', creds, `oci:${join(lab.dir, 'oci')}:tiny`, `docker://${bearer.host}/${repo}`], { env: lab.env });
    assert.equal(r.code, 0, `skopeo push of ${repo} to the bearer registry: ${r.stderr.trim()}`);
  }
});

after(async () => {
  for (const s of servers) await s.stop();
  await stopLab(lab);
  assert.deepEqual(childPids(), [], 'no process left behind');
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** `pullsecret verify ARGS`, asynchronously; `json` is stdout parsed when `-o json` was given. */
async function cli(args) {
  const t0 = Date.now();
  const r = await run(command[0], [...command.slice(1), 'verify', ...args], { env: lab.env, timeout: 30_000 });
  const elapsed = Date.now() - t0;
  outputs.push({ what: `pullsecret verify ${args.join(' ')}`, text: `${r.stdout}\n${r.stderr}` });
  let json;
  if (args.includes('-o')) {
    try {
      json = JSON.parse(r.stdout);
    } catch {
      assert.fail(`-o json printed no JSON (exit ${r.code}): ${r.stdout}${r.stderr}`);
    }
    assert.ok(schema(json), `-o json output against verify.schema.json: ${JSON.stringify(schema.errors)}`);
  }
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, json, elapsed };
}

/** `verify()` of @pullsecret/node; checks it is a Promise, records the result as an output. */
async function nodeVerify(text, opts) {
  const p = api.verify(text, opts);
  assert.ok(p instanceof Promise, 'verify() returns a Promise');
  try {
    const report = await p;
    outputs.push({ what: `verify() ${JSON.stringify(opts)}`, text: JSON.stringify(report) });
    return report;
  } catch (e) {
    outputs.push({ what: `verify() ${JSON.stringify(opts)} threw`, text: `${e?.message}\n${e?.stack}\n${JSON.stringify(e)}` });
    throw e;
  }
}

/** An auth file with one entry; its path. */
const file = (entries) => writeAuthFile(lab, JSON.stringify({ auths: entries }, null, 2)).file;
const basic = (user, pass) => ({ auth: b64(`${user}:${pass}`) });

/** The requests of a result, one per line, for messages. */
const trace = (r) => (r?.requests ?? []).map((x) => `${x.method} ${x.url} sent=${x.sent} status=${x.status ?? '-'}`).join('\n    ');
const show = (r) => `${r?.outcome}: ${r?.reason}\n    ${trace(r)}`;

/** The only result of a one-file run. */
function only(out) {
  assert.equal(out.json.files.length, 1, JSON.stringify(out.json));
  const [f] = out.json.files;
  assert.equal(f.results.length, 1, f.results.map(show).join('\n'));
  return f.results[0];
}

/**
 * The requests that count against the limit of 3: all but an HTTPS ping that got no answer and
 * was retried over plain HTTP (--insecure's fallback is the same request again).
 */
const counted = (r) => r.requests.filter((x, i) => !(i === 0 && x.status === undefined && r.requests[1]?.url === x.url.replace(/^https:/, 'http:'))).length;

/** The requests as [method, url, sent, status]. */
const reqs = (r) => r.requests.map((x) => [x.method, x.url, x.sent, x.status]);

const HTTP_FLAGS = ['--insecure'];
const tlsFlags = () => ['--ca-file', ca];

// ---------------------------------------------------------------------------------------------
// The lab's bearer-token registry, with real skopeo.

test('lab: the token service issues tokens distribution 2.8 accepts (skopeo push above, inspect here)', async (t) => {
  const reg = { tls: true };
  const image = `${bearer.host}/test/tiny:v1`;
  const reader = writeAuthFile(lab, JSON.stringify({ auths: { [bearer.host]: basic('tok-reader', TOKEN_USERS['tok-reader'].password) } })).file;
  const nopull = writeAuthFile(lab, JSON.stringify({ auths: { [bearer.host]: basic('tok-nopull', TOKEN_USERS['tok-nopull'].password) } })).file;
  tok.clear();
  const ok = await clients.skopeo(lab, reg, reader, image);
  assert.ok(ok.ok, `skopeo inspect with tok-reader: ${ok.said}`);
  const got = tok.requests.filter((r) => r.method === 'GET' && r.status === 200);
  assert.ok(
    got.some((r) => /^Basic /.test(r.authorization ?? '') && new URL(r.url, 'http://x').searchParams.getAll('scope').includes('repository:test/tiny:pull')),
    `skopeo got a token for repository:test/tiny:pull with Basic credentials: ${tok.requests.map((r) => `${r.method} ${r.url} ${r.status}`)}`,
  );
  const refused = await clients.skopeo(lab, reg, nopull, image);
  assert.equal(refused.ok, false, 'skopeo inspect with tok-nopull (no pull access) fails');
  t.diagnostic(`skopeo, tok-nopull: ${refused.said}`);
  const other = await clients.skopeo(lab, reg, reader, `${bearer.host}/other/tiny:v1`);
  assert.equal(other.ok, false, 'skopeo inspect of other/tiny with tok-reader (pull on test/tiny only) fails');
  t.diagnostic(`skopeo, tok-reader on other/tiny: ${other.said}`);
  const pusher = writeAuthFile(lab, JSON.stringify({ auths: { [bearer.host]: basic('tok-pusher', TOKEN_USERS['tok-pusher'].password) } })).file;
  const both = await clients.skopeo(lab, reg, pusher, `${bearer.host}/other/tiny:v1`);
  assert.ok(both.ok, `skopeo inspect of other/tiny with tok-pusher: ${both.said}`);
  // The refresh-token grant, as containers/image sends it for an `identitytoken`.
  tok.clear();
  const idFile = writeAuthFile(lab, JSON.stringify({ auths: { [bearer.host]: { auth: b64('tok-reader:'), identitytoken: REFRESH } } })).file;
  const id = await clients.skopeo(lab, reg, idFile, image);
  assert.ok(id.ok, `skopeo inspect with the identity token: ${id.said}`);
  const post = tok.requests.find((r) => r.method === 'POST');
  assert.ok(post, `skopeo POSTed the refresh-token grant: ${tok.requests.map((r) => `${r.method} ${r.url} ${r.status}`)}`);
  const form = new URLSearchParams(post.body);
  assert.equal(form.get('grant_type'), 'refresh_token');
  assert.equal(post.status, 200);
  t.diagnostic(`skopeo's grant: POST ${post.url} ${post.status} (${[...form.keys()].join(', ')}; client_id ${form.get('client_id')})`);
  // The registry that names the plain-HTTP listener works for skopeo too (it sends credentials there).
  const viaHttp = await clients.skopeo(lab, reg, writeAuthFile(lab, JSON.stringify({ auths: { [bearerHttpRealm.host]: basic('tok-reader', TOKEN_USERS['tok-reader'].password) } })).file, `${bearerHttpRealm.host}/test/tiny:v1`);
  assert.ok(viaHttp.ok, `skopeo inspect via the plain-HTTP token service: ${viaHttp.said}`);
});

// ---------------------------------------------------------------------------------------------
// htpasswd registries: plain HTTP (needs --insecure) and TLS (the lab's CA via --ca-file).

for (const name of ['http', 'tls']) {
  const flags = () => (name === 'http' ? HTTP_FLAGS : tlsFlags());

  test(`htpasswd ${name}: right password → ok, wrong password → unauthorized (JSON and text)`, async () => {
    const H = lab[name].host;
    const right = file({ [H]: basic('e2e-basic', USERS['e2e-basic']) });
    const wrong = file({ [H]: basic('e2e-basic', WRONG) });

    const a = await cli([right, ...flags(), '-o', 'json']);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    const ra = only(a);
    assert.equal(ra.outcome, 'ok', show(ra));
    assert.equal(a.json.ok, true);
    assert.equal(a.json.files[0].path, right);
    assert.equal(a.json.files[0].client, 'kubelet');
    assert.equal(a.json.files[0].ok, true);
    assert.equal(ra.registry, H);
    assert.equal(ra.host, H);
    assert.equal(ra.username, 'e2e-basic');
    assert.equal(ra.image, undefined);
    for (const k of ['pointer', 'line', 'column']) assert.ok(ra[k] !== undefined, `${k} in ${JSON.stringify(ra)}`);
    const scheme = name === 'http' ? 'http' : 'https';
    // Login: the ping without credentials (401 Basic), then /v2/ with them (200). No HEAD.
    const answered = ra.requests.filter((x) => x.status !== undefined);
    assert.deepEqual(
      answered.map((x) => [x.method, x.url, x.sent, x.status]),
      [
        ['GET', `${scheme}://${H}/v2/`, 'none', 401],
        ['GET', `${scheme}://${H}/v2/`, 'basic', 200],
      ],
      trace(ra),
    );
    assert.ok(counted(ra) <= 3, trace(ra));

    const b = await cli([wrong, ...flags(), '-o', 'json']);
    assert.equal(b.code, 1, b.stdout + b.stderr);
    const rb = only(b);
    assert.equal(rb.outcome, 'unauthorized', show(rb));
    assert.equal(b.json.ok, false);
    assert.equal(b.json.files[0].ok, false);
    assert.ok(rb.fix.length > 0, 'a fix for unauthorized');
    assert.deepEqual(rb.requests.at(-1).status, 401, trace(rb));
    assert.equal(rb.requests.at(-1).sent, 'basic', trace(rb));

    // Text: one line per result, ✔ or ✘ first, then the host and the reason.
    for (const [f, mark, code] of [
      [right, '✔', 0],
      [wrong, '✘', 1],
    ]) {
      const t = await cli([f, ...flags()]);
      assert.equal(t.code, code, t.stdout + t.stderr);
      const lines = t.stdout.split('\n').filter((l) => /^\s*[✔✘]/.test(l));
      assert.equal(lines.length, 1, t.stdout);
      assert.ok(lines[0].trimStart().startsWith(mark), t.stdout);
      assert.ok(lines[0].includes(H), `the host in: ${lines[0]}`);
    }
  });

  test(`htpasswd ${name}: tricky passwords (':', spaces, non-ASCII, '+/=' in auth) → ok, four files in one run`, async () => {
    const H = lab[name].host;
    const users = ['e2e-colon', 'e2e-space', 'e2e-utf8', 'e2e-b64'];
    const files = users.map((u) => file({ [H]: basic(u, USERS[u]) }));
    const out = await cli([...files, ...flags(), '-o', 'json']);
    assert.equal(out.json.files.length, 4, out.stdout);
    for (const [i, f] of out.json.files.entries()) {
      assert.equal(f.path, files[i]);
      assert.equal(f.results.length, 1);
      assert.equal(f.results[0].username, users[i]);
      assert.equal(f.results[0].outcome, 'ok', `${users[i]}: ${show(f.results[0])}`);
    }
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.json.ok, true);
  });

  test(`htpasswd ${name}: --image H/test/tiny:v1 → ok (HEAD 200), --image H/test/nope:v1 → not-found (HEAD 404)`, async () => {
    const H = lab[name].host;
    const f = file({ [H]: basic('e2e-utf8', USERS['e2e-utf8']) });
    const scheme = name === 'http' ? 'http' : 'https';
    const one = await cli([f, '--image', `${H}/test/tiny:v1`, ...flags(), '-o', 'json']);
    assert.equal(one.code, 0, one.stdout + one.stderr);
    const r = only(one);
    assert.equal(r.outcome, 'ok', show(r));
    assert.equal(r.image, `${H}/test/tiny:v1`);
    assert.deepEqual(
      r.requests.filter((x) => x.status !== undefined).map((x) => [x.method, x.url, x.sent, x.status]),
      [
        ['GET', `${scheme}://${H}/v2/`, 'none', 401],
        ['HEAD', `${scheme}://${H}/v2/test/tiny/manifests/v1`, 'basic', 200],
      ],
      trace(r),
    );

    const two = await cli([f, '--image', `${H}/test/tiny:v1`, '--image', `${H}/test/nope:v1`, ...flags(), '-o', 'json']);
    assert.equal(two.code, 1, two.stdout + two.stderr);
    const results = two.json.files[0].results;
    assert.equal(results.length, 2, results.map(show).join('\n'));
    const nope = results.find((x) => x.image === `${H}/test/nope:v1`);
    assert.equal(results.find((x) => x.image === `${H}/test/tiny:v1`)?.outcome, 'ok', results.map(show).join('\n'));
    assert.equal(nope?.outcome, 'not-found', show(nope));
    assert.deepEqual(reqs(nope).at(-1), ['HEAD', `${scheme}://${H}/v2/test/nope/manifests/v1`, 'basic', 404], trace(nope));
    assert.equal(two.json.ok, false);
  });
}

test('htpasswd http without --insecure → unreachable (HTTPS only by default)', async () => {
  const H = lab.http.host;
  const out = await cli([file({ [H]: basic('e2e-basic', USERS['e2e-basic']) }), '-o', 'json']);
  assert.equal(out.code, 1, out.stdout + out.stderr);
  const r = only(out);
  assert.equal(r.outcome, 'unreachable', show(r));
  assert.ok(r.requests.every((x) => x.url.startsWith('https://') && x.sent === 'none'), `nothing but an HTTPS ping: ${trace(r)}`);
});

test('TLS without --ca-file and without --insecure → unreachable (untrusted certificate); --insecure → ok', async () => {
  const H = lab.tls.host;
  const f = file({ [H]: basic('e2e-basic', USERS['e2e-basic']) });
  const out = await cli([f, '-o', 'json']);
  assert.equal(out.code, 1, out.stdout + out.stderr);
  const r = only(out);
  assert.equal(r.outcome, 'unreachable', show(r));
  assert.match(r.reason, /TLS/, show(r));
  assert.deepEqual(reqs(r), [['GET', `https://${H}/v2/`, 'none', undefined]], trace(r));
  assert.ok(r.fix.length > 0);

  const text = await cli([f]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^\s*✘.*TLS/m, text.stdout);

  const insecure = await cli([f, '--insecure', '-o', 'json']);
  const ri = only(insecure);
  assert.equal(ri.outcome, 'ok', show(ri));
  assert.equal(insecure.code, 0);
});

// ---------------------------------------------------------------------------------------------
// The bearer-token registry (distribution 2.8 `auth.token`, the token service of ./lib).

test('bearer: login (no image) → token for the user, no HEAD; wrong password → unauthorized', async () => {
  const H = bearer.host;
  tok.clear();
  const out = await cli([file({ [H]: basic('tok-reader', TOKEN_USERS['tok-reader'].password) }), ...tlsFlags(), '-o', 'json']);
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const r = only(out);
  assert.equal(r.outcome, 'ok', show(r));
  assert.equal(r.requests.length, 2, trace(r));
  assert.deepEqual(reqs(r)[0], ['GET', `https://${H}/v2/`, 'none', 401]);
  const [m, u, sent, status] = reqs(r)[1];
  assert.deepEqual([m, sent, status], ['GET', 'basic', 200], trace(r));
  const q = new URL(u);
  assert.equal(`${q.origin}${q.pathname}`, tok.realm);
  assert.equal(q.searchParams.get('service'), SERVICE);
  assert.equal(q.searchParams.get('account'), 'tok-reader');
  assert.equal(q.searchParams.get('scope'), null, 'a login asks for no scope');
  // What reached the token service: one GET with the user's Basic credentials.
  assert.equal(tok.requests.length, 1, tok.requests.map((x) => `${x.method} ${x.url}`).join(', '));
  assert.equal(tok.requests[0].authorization, `Basic ${b64(`tok-reader:${TOKEN_USERS['tok-reader'].password}`)}`, 'the right Basic credentials reached the token service');

  tok.clear();
  const bad = await cli([file({ [H]: basic('tok-reader', WRONG) }), ...tlsFlags(), '-o', 'json']);
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
  const rb = only(bad);
  assert.equal(rb.outcome, 'unauthorized', show(rb));
  assert.deepEqual([rb.requests.at(-1).sent, rb.requests.at(-1).status], ['basic', 401], trace(rb));
  assert.deepEqual(tok.requests.map((x) => x.status), [401]);
});

test('bearer: --image test/tiny:v1 → ok (scoped token, HEAD 200); --image other/tiny:v1 → denied (insufficient_scope)', async () => {
  const H = bearer.host;
  const f = file({ [H]: basic('tok-reader', TOKEN_USERS['tok-reader'].password) });
  tok.clear();
  const out = await cli([f, '--image', `${H}/test/tiny:v1`, '--image', `${H}/other/tiny:v1`, ...tlsFlags(), '-o', 'json']);
  assert.equal(out.code, 1, out.stdout + out.stderr);
  const results = out.json.files[0].results;
  assert.equal(results.length, 2, results.map(show).join('\n'));
  const ok = results.find((x) => x.image === `${H}/test/tiny:v1`);
  const denied = results.find((x) => x.image === `${H}/other/tiny:v1`);
  assert.equal(ok?.outcome, 'ok', show(ok));
  assert.equal(denied?.outcome, 'denied', show(denied));
  for (const [r, repo, last] of [
    [ok, 'test/tiny', 200],
    [denied, 'other/tiny', 401],
  ]) {
    assert.equal(r.requests.length, 3, trace(r));
    assert.deepEqual(reqs(r)[0], ['GET', `https://${H}/v2/`, 'none', 401], trace(r));
    const t = new URL(r.requests[1].url);
    assert.deepEqual([r.requests[1].method, r.requests[1].sent, r.requests[1].status], ['GET', 'basic', 200], trace(r));
    assert.equal(t.searchParams.get('scope'), `repository:${repo}:pull`);
    assert.equal(t.searchParams.get('account'), 'tok-reader');
    assert.deepEqual(reqs(r)[2], ['HEAD', `https://${H}/v2/${repo}/manifests/v1`, 'bearer', last], trace(r));
    assert.equal(r.username, 'tok-reader');
  }
  assert.ok(denied.fix.length > 0);
  // The token service issued a token with no access for other/tiny (the registry said insufficient_scope).
  assert.equal(tok.requests.length, 2);
});

for (const client of ['containers', 'docker']) {
  test(`bearer: identitytoken (--client ${client}) → POST refresh_token grant → ok; an unknown one → unauthorized (400)`, async () => {
    const H = bearer.host;
    const image = `${H}/test/tiny:v1`;
    tok.clear();
    const out = await cli([file({ [H]: { auth: b64('tok-reader:'), identitytoken: REFRESH } }), '--client', client, '--image', image, ...tlsFlags(), '-o', 'json']);
    const r = only(out);
    assert.equal(r.outcome, 'ok', show(r));
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.json.files[0].client, client);
    assert.deepEqual(
      reqs(r),
      [
        ['GET', `https://${H}/v2/`, 'none', 401],
        ['POST', tok.realm, 'refresh-token', 200],
        ['HEAD', `https://${H}/v2/test/tiny/manifests/v1`, 'bearer', 200],
      ],
      trace(r),
    );
    assert.equal(tok.requests.length, 1);
    const post = tok.requests[0];
    assert.equal(post.method, 'POST');
    assert.equal(post.authorization, undefined, 'no Basic credentials with the grant');
    assert.match(post.contentType ?? '', /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(post.body);
    assert.deepEqual(
      Object.fromEntries(form),
      { grant_type: 'refresh_token', service: SERVICE, scope: 'repository:test/tiny:pull', client_id: 'pullsecret', refresh_token: REFRESH },
      'the form of the grant',
    );

    tok.clear();
    const bad = await cli([file({ [H]: { auth: b64('tok-reader:'), identitytoken: BAD_REFRESH } }), '--client', client, '--image', image, ...tlsFlags(), '-o', 'json']);
    const rb = only(bad);
    assert.equal(rb.outcome, 'unauthorized', show(rb));
    assert.equal(bad.code, 1);
    assert.deepEqual(reqs(rb).at(-1), ['POST', tok.realm, 'refresh-token', 400], trace(rb));
    assert.deepEqual(tok.requests.map((x) => [x.method, x.status]), [['POST', 400]]);
  });
}

test('bearer: kubelet does not read `identitytoken` (it sends the `auth` user with an empty password) → unauthorized', async () => {
  const H = bearer.host;
  tok.clear();
  const out = await cli([file({ [H]: { auth: b64('tok-reader:'), identitytoken: REFRESH } }), '--image', `${H}/test/tiny:v1`, ...tlsFlags(), '-o', 'json']);
  const r = only(out);
  assert.equal(r.outcome, 'unauthorized', show(r));
  assert.ok(tok.requests.every((x) => !x.body.includes(REFRESH)), 'the identity token never reached the token service');
});

test('bearer: a plain-HTTP token service gets credentials only with --insecure', async () => {
  const H = bearerHttpRealm.host;
  const image = `${H}/test/tiny:v1`;
  const pw = file({ [H]: basic('tok-reader', TOKEN_USERS['tok-reader'].password) });
  const id = file({ [H]: { auth: b64('tok-reader:'), identitytoken: REFRESH } });
  tok.clear();
  for (const [f, extra] of [
    [pw, []],
    [pw, ['--image', image]],
    [id, ['--client', 'containers', '--image', image]],
  ]) {
    const out = await cli([f, ...extra, ...tlsFlags(), '-o', 'json']);
    const r = only(out);
    assert.equal(r.outcome, 'unreachable', show(r));
    assert.match(r.reason, /plain HTTP|plain-HTTP|http:\/\//i, show(r));
    assert.equal(out.code, 1);
    assert.ok(r.requests.every((x) => x.sent === 'none'), `no credentials sent: ${trace(r)}`);
  }
  const credentialed = tok.requests.filter((x) => x.authorization !== undefined || /refresh_token/.test(x.body));
  assert.deepEqual(credentialed.map((x) => `${x.listener} ${x.method} ${x.url}`), [], 'the token service received no request with credentials');

  tok.clear();
  const ok = await cli([pw, '--image', image, '--insecure', ...tlsFlags(), '-o', 'json']);
  const r = only(ok);
  assert.equal(r.outcome, 'ok', show(r));
  assert.equal(ok.code, 0);
  assert.deepEqual(r.requests.map((x) => [x.method, x.sent, x.status]), [['GET', 'none', 401], ['GET', 'basic', 200], ['HEAD', 'bearer', 200]], trace(r));
  assert.ok(r.requests[1].url.startsWith(tok.httpRealm), trace(r));
  assert.deepEqual(tok.requests.map((x) => [x.listener, x.method, x.status]), [['http', 'GET', 200]]);
});

// ---------------------------------------------------------------------------------------------
// Network edges.

test('unreachable: a closed port on 127.0.0.1', async () => {
  const port = await closedPort();
  const out = await cli([file({ [`127.0.0.1:${port}`]: basic('e2e-basic', USERS['e2e-basic']) }), '-o', 'json']);
  const r = only(out);
  assert.equal(r.outcome, 'unreachable', show(r));
  assert.equal(out.code, 1);
  assert.ok(r.requests.length >= 1 && r.requests.every((x) => x.status === undefined && x.sent === 'none'), trace(r));
});

test('unreachable: a server that accepts and never answers, --timeout 1s, within 10 s', async () => {
  const silent = await startSilentServer();
  servers.push(silent);
  const out = await cli([file({ [`127.0.0.1:${silent.port}`]: basic('e2e-basic', USERS['e2e-basic']) }), '--timeout', '1s', '-o', 'json']);
  const r = only(out);
  assert.equal(r.outcome, 'unreachable', show(r));
  assert.equal(out.code, 1);
  assert.ok(silent.connections >= 1, 'it connected');
  assert.ok(out.elapsed < 10_000, `took ${out.elapsed} ms`);
  assert.ok(r.requests.every((x) => x.status === undefined), trace(r));
  await silent.stop();
});

test('redirect: /v2/ redirected to another origin that asks for credentials → unauthorized, none sent there', async () => {
  const b = await startRecorder((req, res) => {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="x"', 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  });
  const a = await startRecorder((req, res) => {
    res.writeHead(307, { location: `${b.origin}/v2/` });
    res.end();
  });
  servers.push(a, b);
  const A = `127.0.0.1:${a.port}`;
  const out = await cli([file({ [A]: basic(REDIRECT_USER, REDIRECT_PASS) }), '--insecure', '-o', 'json']);
  const r = only(out);
  assert.equal(r.outcome, 'unauthorized', show(r));
  assert.match(r.reason, /never sen[dt]|another host|other host/i, show(r));
  assert.equal(out.code, 1);
  assert.ok(b.requests.length >= 1, 'the redirect was followed');
  assert.deepEqual(b.requests.filter((x) => x.headers.authorization !== undefined).map((x) => `${x.method} ${x.url}`), [], 'B never received an Authorization header');
  assert.ok(a.requests.every((x) => x.headers.authorization === undefined), 'A was never sent credentials either (it never asked)');
  // Every request names pullsecret (and its version) as its User-Agent.
  for (const x of [...a.requests, ...b.requests]) assert.match(x.headers['user-agent'] ?? '', /^pullsecret\/\d+\.\d+\.\d+ /);
  assert.ok(counted(r) <= 3, trace(r));
  assert.ok(r.requests.some((x) => x.url === `${b.origin}/v2/` && x.sent === 'none' && x.status === 401), trace(r));
  await a.stop();
  await b.stop();
});

test('redirect: the manifest HEAD redirected to another origin is followed without credentials', async (t) => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  const b = await startRecorder((req, res) => {
    res.writeHead(200, { 'docker-content-digest': digest, 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '0' });
    res.end();
  });
  const good = `Basic ${b64(`${REDIRECT_USER}:${REDIRECT_PASS}`)}`;
  const a = await startRecorder((req, res) => {
    const authed = req.headers.authorization === good;
    if (!authed) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"', 'content-type': 'application/json' });
      return res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    if (req.url === '/v2/test/tiny/manifests/v1') {
      res.writeHead(307, { location: `${b.origin}/v2/test/tiny/manifests/v1` });
      return res.end();
    }
    res.writeHead(req.url === '/v2/' ? 200 : 404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  servers.push(a, b);
  const A = `127.0.0.1:${a.port}`;
  const out = await cli([file({ [A]: basic(REDIRECT_USER, REDIRECT_PASS) }), '--image', `${A}/test/tiny:v1`, '--insecure', '-o', 'json']);
  const r = only(out);
  t.diagnostic(`outcome ${show(r)}`);
  assert.ok(['ok', 'ok-anonymous'].includes(r.outcome), show(r));
  assert.equal(out.code, 0);
  assert.ok(
    a.requests.some((x) => x.method === 'HEAD' && x.url === '/v2/test/tiny/manifests/v1' && x.headers.authorization === good),
    'A got the manifest HEAD with the credentials',
  );
  assert.ok(b.requests.some((x) => x.method === 'HEAD' && x.url === '/v2/test/tiny/manifests/v1'), 'the redirect was followed');
  assert.deepEqual(b.requests.filter((x) => x.headers.authorization !== undefined).map((x) => `${x.method} ${x.url}`), [], 'B never received an Authorization header');
  assert.deepEqual(reqs(r).at(-1), ['HEAD', `${b.origin}/v2/test/tiny/manifests/v1`, 'none', 200], trace(r));
  assert.ok(counted(r) <= 3, trace(r));
  await a.stop();
  await b.stop();
});

// ---------------------------------------------------------------------------------------------
// @pullsecret/node's verify() against the same registries: the CLI's answers.

test('node: verify() returns a Promise whose results are the CLI JSON results', async () => {
  const cases = [
    { what: 'tls right', H: () => lab.tls.host, entry: () => basic('e2e-basic', USERS['e2e-basic']), opts: () => ({ caFile: ca }), flags: () => tlsFlags(), want: ['ok'] },
    { what: 'tls wrong', H: () => lab.tls.host, entry: () => basic('e2e-basic', WRONG), opts: () => ({ caFile: ca }), flags: () => tlsFlags(), want: ['unauthorized'] },
    { what: 'http right', H: () => lab.http.host, entry: () => basic('e2e-colon', USERS['e2e-colon']), opts: () => ({ insecure: true }), flags: () => HTTP_FLAGS, want: ['ok'] },
    { what: 'http wrong', H: () => lab.http.host, entry: () => basic('e2e-colon', WRONG), opts: () => ({ insecure: true }), flags: () => HTTP_FLAGS, want: ['unauthorized'] },
    {
      what: 'bearer ok/denied',
      H: () => bearer.host,
      entry: () => basic('tok-reader', TOKEN_USERS['tok-reader'].password),
      opts: () => ({ caFile: ca, images: [`${bearer.host}/test/tiny:v1`, `${bearer.host}/other/tiny:v1`] }),
      flags: () => [...tlsFlags(), '--image', `${bearer.host}/test/tiny:v1`, '--image', `${bearer.host}/other/tiny:v1`],
      want: ['ok', 'denied'],
    },
    {
      what: 'bearer identitytoken',
      H: () => bearer.host,
      entry: () => ({ auth: b64('tok-reader:'), identitytoken: REFRESH }),
      opts: () => ({ caFile: ca, client: 'containers', images: [`${bearer.host}/test/tiny:v1`] }),
      flags: () => [...tlsFlags(), '--client', 'containers', '--image', `${bearer.host}/test/tiny:v1`],
      want: ['ok'],
    },
  ];
  for (const c of cases) {
    const text = JSON.stringify({ auths: { [c.H()]: c.entry() } }, null, 2);
    const f = writeAuthFile(lab, text).file;
    const fromCli = await cli([f, ...c.flags(), '-o', 'json']);
    // The event loop keeps running while verify() works (the token service is in this process).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const report = await nodeVerify(text, c.opts());
    clearInterval(timer);
    assert.deepEqual(report.results.map((r) => r.outcome), c.want, `${c.what}: ${report.results.map(show).join('\n')}`);
    const cliFile = fromCli.json.files[0];
    assert.deepEqual(report.results.map((r) => r.outcome), cliFile.results.map((r) => r.outcome), `${c.what}: same outcomes`);
    assert.equal(report.ok, cliFile.ok, c.what);
    assert.equal(report.client, cliFile.client, c.what);
    // Same entries, same handshake (URLs, what was sent, statuses).
    const shape = (rs) => rs.map((r) => ({ registry: r.registry, pointer: r.pointer, line: r.line, column: r.column, host: r.host, image: r.image, username: r.username, outcome: r.outcome, requests: r.requests }));
    assert.deepEqual(shape(report.results), shape(cliFile.results), c.what);
    if (c.what.startsWith('bearer')) assert.ok(ticks > 0, `${c.what}: the event loop ran during verify()`);
  }
});

// ---------------------------------------------------------------------------------------------
// Canary: no secret in any output of this file.

test('canary: no password, token or identity token appears in any output', () => {
  assert.ok(outputs.length >= 20, `outputs collected: ${outputs.length}`);
  const plain = [
    ...Object.values(USERS),
    ...Object.values(TOKEN_USERS).map((u) => u.password),
    REFRESH,
    BAD_REFRESH,
    WRONG,
    REDIRECT_PASS,
    ...tok.issued,
  ];
  const pairs = [
    ...Object.entries(USERS).map(([u, p]) => `${u}:${p}`),
    ...Object.entries(TOKEN_USERS).map(([u, x]) => `${u}:${x.password}`),
    ...['e2e-basic', 'e2e-colon', 'tok-reader'].map((u) => `${u}:${WRONG}`),
    `${REDIRECT_USER}:${REDIRECT_PASS}`,
  ];
  const needles = new Set();
  for (const s of plain) {
    needles.add(s);
    needles.add(encodeURIComponent(s));
    needles.add(JSON.stringify(s).slice(1, -1));
    needles.add(JSON.stringify(s).slice(1, -1).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
  for (const p of pairs) {
    needles.add(b64(p));
    needles.add(b64(p).replace(/=+$/, ''));
    needles.add(Buffer.from(p).toString('base64url'));
  }
  assert.ok(tok.issued.length >= 5, `tokens issued: ${tok.issued.length}`);
  const leaks = [];
  for (const o of outputs) {
    for (const n of needles) if (n.length >= 6 && o.text.includes(n)) leaks.push(`${o.what}: a secret (${n.length} chars) at offset ${o.text.indexOf(n)}`);
  }
  assert.deepEqual(leaks, []);
});
