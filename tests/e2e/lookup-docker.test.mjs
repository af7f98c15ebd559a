// The Docker CLI lookup vectors (tests/vectors/lookup-docker.json, translated from docker/cli's
// own test tables) checked against the real Docker CLI: `docker manifest inspect --insecure IMAGE`
// runs with each vector's config.json and sends its credentials to a fake registry, which records
// the Basic `Authorization` header. Remote hosts are reached through an HTTPS proxy that answers
// every CONNECT with TLS itself (a throw-away certificate, trusted through SSL_CERT_FILE, so that
// Docker Hub's `registry-1.docker.io` works too); loopback hosts, which Go never proxies, get the
// same registry listening on their port. Credential helpers are fake `docker-credential-NAME`
// scripts that answer with the username NAME. Every vector must give the username the CLI sent
// (or none).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookup } from '../../npm/wasm/node.js';

const { cases } = JSON.parse(
  readFileSync(new URL('../vectors/lookup-docker.json', import.meta.url), 'utf8'),
);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

let dir;
let tlsOptions;
let proxy;
const direct = [];
const unavailable = new Set(); // `host port` pairs on loopback we could not listen on
let seen = [];

/** The fake registry: asks for Basic credentials, records what it gets, knows no manifest. */
function registry(req, res) {
  seen.push(req.headers.authorization ?? null);
  if (!req.headers.authorization) {
    res.writeHead(401, {
      'WWW-Authenticate': 'Basic realm="pullsecret-test"',
      'Docker-Distribution-Api-Version': 'registry/2.0',
    });
    return res.end();
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"test registry"}]}');
}

/** host and port (443 by default) of an image's registry; `null` for Docker Hub. */
function hostPort(server) {
  if (server === 'https://index.docker.io/v1/') return null;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(server);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2] ?? 443) };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pullsecret-docker-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=pullsecret-test',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-addext', 'subjectAltName=DNS:registry-1.docker.io',
    '-addext', 'basicConstraints=critical,CA:TRUE',
  ], { stdio: 'ignore' });
  tlsOptions = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };

  const inner = createHttp(registry);
  proxy = createHttp(registry);
  proxy.on('connect', (_req, socket) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    inner.emit('connection', new TLSSocket(socket, { isServer: true, ...tlsOptions }));
  });
  await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));

  const ports = new Set();
  for (const c of cases) {
    const hp = hostPort(lookup(c.input, c.image, c.options).server);
    if (hp && LOOPBACK.has(hp.host)) ports.add(hp.port);
  }
  for (const port of ports) {
    for (const host of ['127.0.0.1', '::1']) {
      const s = createHttps(tlsOptions, registry);
      const ok = await new Promise((done) => {
        s.once('error', () => done(false));
        s.listen(port, host, () => done(true));
      });
      if (ok) direct.push(s);
      else unavailable.add(`${host} ${port}`);
    }
  }
});

after(async () => {
  await Promise.all([proxy, ...direct].map((s) => new Promise((ok) => s.close(ok))));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the real CLI with `config` and returns the usernames it sent, in order. */
async function dockerSends(config, image) {
  const home = mkdtempSync(join(dir, 'case-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(home, 'config.json'), config);
  const parsed = JSON.parse(config);
  for (const name of [parsed.credsStore, ...Object.values(parsed.credHelpers ?? {})]) {
    if (!name) continue;
    const helper = join(bin, `docker-credential-${name}`);
    writeFileSync(helper, `#!/bin/sh\n[ "$1" = get ] || exit 1\nread url\nprintf '{"ServerURL":"%s","Username":"${name}","Secret":"s"}' "$url"\n`);
    chmodSync(helper, 0o755);
  }
  seen = [];
  const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: home,
    SSL_CERT_FILE: join(dir, 'cert.pem'),
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    NO_PROXY: '',
  };
  const child = spawn('docker', ['--config', home, 'manifest', 'inspect', '--insecure', image], { env, stdio: 'ignore' });
  await new Promise((ok, fail) => {
    child.on('exit', ok);
    child.on('error', fail);
  });
  return seen
    .filter(Boolean)
    .map((h) => Buffer.from(h.replace(/^Basic /, ''), 'base64').toString().split(':')[0]);
}

test('the Docker CLI sends the credentials the docker lookup vectors expect', async (t) => {
  let checked = 0;
  for (const c of cases) {
    await t.test(c.name, async (t) => {
      const result = lookup(c.input, c.image, c.options);
      const hp = hostPort(result.server);
      const listener = hp && `${hp.host === 'localhost' ? '127.0.0.1' : hp.host} ${hp.port}`;
      if (unavailable.has(listener)) return t.skip(`cannot listen on ${listener}`);
      const sent = await dockerSends(c.input, c.image);
      const want =
        c.expect.status === 'helper'
          ? /docker-credential-([^`]+)`/.exec(c.expect.reason)[1]
          : c.expect.matches[0]?.username;
      assert.deepEqual([...new Set(sent)], want === undefined ? [] : [want]);
      checked++;
    });
  }
  assert.ok(checked >= cases.length / 2, `only ${checked} of ${cases.length} vectors checked`);
});
