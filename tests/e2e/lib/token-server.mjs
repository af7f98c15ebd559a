// A registry token service for the end-to-end suite (the distribution spec's `docs/spec/auth/
// token.md` and its OAuth2 half, `oauth.md`), small enough to read in one sitting.
//
// It serves `/token` on 127.0.0.1 over HTTPS (the lab's server certificate) and over plain HTTP
// (same handler, another port), checks Basic credentials against its own user table, and issues
// ES256 JWTs that CNCF distribution 2.8 accepts with `auth.token`: signed with a key whose
// self-signed certificate (made by openssl) is the registry's `rootcertbundle`, the certificate
// in the header's `x5c`; claims iss, sub, aud (= service), exp, nbf, iat, jti and `access` for
// the requested repositories the user may use, with only the actions the user has.
//
// - `GET /token?service&scope&account` with `Authorization: Basic` → 200 `{token, access_token}`;
//   wrong or missing credentials → 401; `account` other than the user → 401; wrong `service` → 400.
// - `POST /token` form `grant_type=refresh_token&refresh_token&service&scope&client_id` → 200
//   `{access_token}` for a known refresh token, 400 `{"error":"invalid_grant"}` otherwise.
//
// Every request is recorded (method, listener, URL, Authorization header, body) for the tests to
// assert what reached it; every token it issued is kept (the canary checks need them). The
// records hold secrets: tests print only methods and URLs from them.
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createPrivateKey, sign, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './registry.mjs';

const b64url = (b) => Buffer.from(b).toString('base64url');

/**
 * Makes the signing key and its self-signed certificate with openssl in `dir`.
 * Resolves to { key, cert } (paths); `cert` is what the registry's `rootcertbundle` names.
 */
export async function makeSigner(dir) {
  const key = join(dir, 'token-signer.key');
  const cert = join(dir, 'token-signer.crt');
  const r = await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=pullsecret e2e token signer']);
  if (r.code !== 0) throw new Error(`openssl failed: ${r.stderr.trim()}`);
  return { key, cert };
}

/** A signed ES256 JWT with the certificate chain in `x5c`. */
function jwt(claims, signer) {
  const header = { typ: 'JWT', alg: 'ES256', x5c: [signer.der.toString('base64')] };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  // JWS wants the raw r||s signature, not DER.
  const sig = sign('sha256', Buffer.from(input), { key: signer.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64url(sig)}`;
}

/** `type:name:actions` scopes, several per parameter (space-separated) or several parameters. */
function parseScopes(values) {
  const out = [];
  for (const v of values) {
    for (const s of v.split(' ').filter(Boolean)) {
      const first = s.indexOf(':');
      const last = s.lastIndexOf(':');
      if (first < 0 || last === first) continue;
      out.push({ type: s.slice(0, first), name: s.slice(first + 1, last), actions: s.slice(last + 1).split(',').filter(Boolean) });
    }
  }
  return out;
}

/** The requested access the user has: per scope, the actions the user's grants allow. */
function grant(user, scopes) {
  const access = [];
  for (const s of scopes) {
    if (s.type !== 'repository') continue;
    const allowed = new Set(user.grants.filter((g) => g.repo === '*' || g.repo === s.name).flatMap((g) => g.actions));
    const actions = s.actions.filter((a) => allowed.has(a));
    if (actions.length) access.push({ type: 'repository', name: s.name, actions });
  }
  return access;
}

function basic(header) {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? null : { username: text.slice(0, i), password: text.slice(i + 1) };
}

/**
 * Starts the token service.
 * - `users`: { NAME: { password, grants: [{ repo: 'test/tiny' | '*', actions: ['pull', 'push'] }] } }
 * - `refreshTokens`: { TOKEN: NAME } (the identity tokens it accepts)
 * - `tls`: { cert, key } paths for the HTTPS listener
 * - `signer`: { key, cert } from `makeSigner`
 * Resolves to { realm (HTTPS), httpRealm (plain HTTP), service, issuer, requests, issued, clear(), stop() }.
 */
export async function startTokenServer({ users, refreshTokens = {}, tls, signer, service, issuer }) {
  const certPem = readFileSync(signer.cert, 'utf8');
  const keys = { privateKey: createPrivateKey(readFileSync(signer.key)), der: new X509Certificate(certPem).raw };
  const requests = [];
  const issued = [];

  function issue(subject, scopes) {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, sub: subject, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access: grant(users[subject], scopes) };
    const token = jwt(claims, keys);
    issued.push(token);
    return { token, claims };
  }

  const handler = (listener) => (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url, 'http://127.0.0.1');
      const rec = { listener, method: req.method, url: req.url, authorization: req.headers.authorization, contentType: req.headers['content-type'], body, status: 0 };
      requests.push(rec);
      const reply = (status, value, headers = {}) => {
        rec.status = status;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (url.pathname !== '/token') return reply(404, { error: 'not_found' });
      if (req.method === 'GET') {
        const who = basic(req.headers.authorization);
        const user = who && Object.hasOwn(users, who.username) ? users[who.username] : null;
        if (!user || user.password !== who.password) return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': `Basic realm="pullsecret e2e token service"` });
        const account = url.searchParams.get('account');
        if (account !== null && account !== who.username) return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'account is not the user' }] });
        if (url.searchParams.get('service') !== service) return reply(400, { errors: [{ code: 'UNSUPPORTED', message: 'unknown service' }] });
        const { token, claims } = issue(who.username, parseScopes(url.searchParams.getAll('scope')));
        return reply(200, { token, access_token: token, expires_in: 300, issued_at: new Date(claims.iat * 1000).toISOString() });
      }
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'refresh_token') return reply(400, { error: 'unsupported_grant_type' });
        const presented = form.get('refresh_token') ?? '';
        const subject = Object.hasOwn(refreshTokens, presented) ? refreshTokens[presented] : null;
        if (!subject) return reply(400, { error: 'invalid_grant' });
        if (form.get('service') !== service) return reply(400, { error: 'invalid_request' });
        const { token } = issue(subject, parseScopes(form.getAll('scope')));
        return reply(200, { access_token: token, expires_in: 300, scope: form.getAll('scope').join(' ') });
      }
      return reply(405, { error: 'method_not_allowed' });
    });
  };

  const https = createHttps({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, handler('https'));
  const http = createHttp(handler('http'));
  await Promise.all([https, http].map((s) => new Promise((resolve) => s.listen(0, '127.0.0.1', resolve))));
  return {
    realm: `https://127.0.0.1:${https.address().port}/token`,
    httpRealm: `http://127.0.0.1:${http.address().port}/token`,
    service,
    issuer,
    requests,
    issued,
    clear() {
      requests.length = 0;
    },
    async stop() {
      await Promise.all(
        [https, http].map(
          (s) =>
            new Promise((resolve) => {
              s.close(resolve);
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
