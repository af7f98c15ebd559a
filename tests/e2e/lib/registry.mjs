// Real registries and real clients for the end-to-end suite.
//
// Starts Debian's CNCF distribution registry (`docker-registry`) twice on 127.0.0.1, on free
// ports: once over plain HTTP and once over TLS with a throw-away CA made by openssl; both with
// htpasswd (bcrypt) users. Builds a one-layer image offline with umoci and pushes it with skopeo.
// Then runs skopeo, podman and the Docker CLI against them with a given auth file. Everything
// lives in one temp dir; every process started here is stopped by its PID (also from a process
// 'exit' handler, so a failing test leaves nothing running).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync, readFileSync, openSync, closeSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set();
const labDirs = new Set();
function killLive() {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  for (const d of labDirs) rmSync(d, { recursive: true, force: true });
}
process.on('exit', killLive);
// The test runner stops a file's process with SIGTERM (timeout, Ctrl-C): stop ours first.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    killLive();
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  });
}

/** Runs a command to completion; never throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: 60_000, maxBuffer: 16 << 20, cwd: opts.env?.HOME, ...opts }, (err, stdout, stderr) => {
      live.delete(child.pid);
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
    live.add(child.pid);
  });
}

async function must(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args[0]} failed (${r.code}): ${r.stderr.trim()}`);
  return r;
}

/** A port on 127.0.0.1 that was free a moment ago (bound, then closed). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** GET /v2/ until the registry answers (401 without credentials). */
async function waitUp(port, tls) {
  for (let i = 0; i < 100; i++) {
    const status = await new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/v2/', timeout: 500 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', () => resolve(0));
      req.end();
    });
    // A TLS listener answers plain HTTP with 400.
    if (status === (tls ? 400 : 401)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`registry on 127.0.0.1:${port} did not come up`);
}

/** PIDs of the still-running children of this process (from /proc). */
export function childPids() {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) out.push(Number(d));
    } catch {}
  }
  return out;
}

/**
 * Sets up everything: temp dir, CA, htpasswd users, two registries, the pushed image.
 * `users` maps user name to password; `pushAs` is one of them.
 */
export async function startLab({ users, pushAs, repo = 'test/tiny:v1' }) {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-e2e-'));
  labDirs.add(dir);
  const home = join(dir, 'home');
  mkdirSync(home);
  // Clients see only this lab: no user config, an empty registries.conf, no auth.json elsewhere.
  const regConf = join(dir, 'registries.conf');
  writeFileSync(regConf, 'unqualified-search-registries = []\n');
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    CONTAINERS_REGISTRIES_CONF: regConf,
    LANG: 'C.UTF-8',
  };
  const procs = [];
  const lab = { dir, env, procs, users, repo };

  // htpasswd -B (bcrypt); -i reads the password from stdin, so no password is on a command line.
  const lines = [];
  for (const [user, pass] of Object.entries(users)) {
    const r = await new Promise((resolve, reject) => {
      const c = execFile('htpasswd', ['-Bin', user], (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)));
      c.stdin.end(pass);
    });
    lines.push(r.trim());
  }
  writeFileSync(join(dir, 'htpasswd'), lines.join('\n') + '\n');

  // Throw-away CA and a server certificate for IP 127.0.0.1.
  const pki = join(dir, 'pki');
  const certDir = join(dir, 'certs.d');
  mkdirSync(pki);
  mkdirSync(certDir);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await must('openssl', ['req', '-x509', ...ec, '-keyout', join(pki, 'ca.key'), '-out', join(pki, 'ca.crt'), '-days', '2', '-subj', '/CN=pullsecret e2e CA']);
  await must('openssl', ['req', ...ec, '-keyout', join(pki, 'server.key'), '-out', join(pki, 'server.csr'), '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(pki, 'ext.cnf'), `subjectAltName=IP:127.0.0.1,${HUB_HOSTS.map((h) => `DNS:${h}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  await must('openssl', ['x509', '-req', '-in', join(pki, 'server.csr'), '-CA', join(pki, 'ca.crt'), '-CAkey', join(pki, 'ca.key'), '-CAcreateserial', '-out', join(pki, 'server.crt'), '-days', '2', '-extfile', join(pki, 'ext.cnf')]);
  writeFileSync(join(certDir, 'ca.crt'), readFileSync(join(pki, 'ca.crt')));
  lab.certDir = certDir;

  for (const tls of [false, true]) {
    const port = await freePort();
    const name = tls ? 'tls' : 'http';
    const conf = join(dir, `${name}.yml`);
    const tlsConf = tls ? `  tls:\n    certificate: ${join(pki, 'server.crt')}\n    key: ${join(pki, 'server.key')}\n` : '';
    writeFileSync(
      conf,
      `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, `${name}-data`)}\n` +
        `http:\n  addr: 127.0.0.1:${port}\n  secret: pullsecret-e2e-${name}\n${tlsConf}` +
        `auth:\n  htpasswd:\n    realm: http://127.0.0.1:${port}/auth\n    path: ${join(dir, 'htpasswd')}\n`,
    );
    const log = openSync(join(dir, `${name}.log`), 'a');
    const child = spawn('docker-registry', ['serve', conf], { stdio: ['ignore', log, log], env });
    closeSync(log);
    live.add(child.pid);
    const exited = new Promise((resolve) => child.once('exit', () => (live.delete(child.pid), resolve())));
    procs.push({ pid: child.pid, exited });
    lab[name] = { host: `127.0.0.1:${port}`, port, tls };
    await waitUp(port, tls);
  }

  // A one-layer image, built offline, pushed to both registries.
  const oci = join(dir, 'oci');
  const rootfs = join(dir, 'rootfs');
  mkdirSync(join(rootfs, 'hello'), { recursive: true });
  writeFileSync(join(rootfs, 'hello', 'hello.txt'), 'pulled with pullsecret\n');
  await must('umoci', ['init', '--layout', oci], { env });
  await must('umoci', ['new', '--image', `${oci}:tiny`], { env });
  await must('umoci', ['insert', '--image', `${oci}:tiny`, join(rootfs, 'hello'), '/hello'], { env });
  await must('umoci', ['config', '--image', `${oci}:tiny`, '--config.cmd', '/hello/hello.txt'], { env });
  const creds = `${pushAs}:${users[pushAs]}`;
  await must('skopeo', ['copy', '--quiet', '--dest-cert-dir', certDir, '--dest-creds', creds, `oci:${oci}:tiny`, `docker://${lab.tls.host}/${HUB_REPO}`], { env });
  lab.hub = { host: 'docker.io', tls: true, hub: true, repo: HUB_REPO, proxy: await hubProxy(lab.tls.port, procs) };
  for (const r of [lab.http, lab.tls]) {
    const t = r.tls ? ['--dest-cert-dir', certDir] : ['--dest-tls-verify=false'];
    await must('skopeo', ['copy', '--quiet', ...t, '--dest-creds', creds, `oci:${oci}:tiny`, `docker://${r.host}/${repo}`], { env });
  }
  return lab;
}

/** The lab's PKI: its CA, and the server certificate (SAN IP 127.0.0.1) and key it signed. */
export function labPki(lab) {
  const pki = join(lab.dir, 'pki');
  return { ca: join(pki, 'ca.crt'), cert: join(pki, 'server.crt'), key: join(pki, 'server.key') };
}

/**
 * Starts one more distribution registry for a lab on a free 127.0.0.1 port: TLS with the lab's
 * server certificate (unless `tls: false`), `auth` as the YAML lines under `auth:` (indented two
 * spaces), storage in `storage` (default a fresh dir of the lab; two registries may share one to
 * serve the same images). Stopped (by PID) with the lab by `stopLab`. Resolves to
 * { host, port, tls, pid } once it answers.
 */
export async function startRegistry(lab, { name, auth, tls = true, storage }) {
  const port = await freePort();
  const { cert, key } = labPki(lab);
  const conf = join(lab.dir, `${name}.yml`);
  const tlsConf = tls ? `  tls:\n    certificate: ${cert}\n    key: ${key}\n` : '';
  writeFileSync(
    conf,
    `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${storage ?? join(lab.dir, `${name}-data`)}\n` +
      `http:\n  addr: 127.0.0.1:${port}\n  secret: pullsecret-e2e-${name}\n${tlsConf}` +
      `auth:\n${auth.replace(/\n?$/, '\n')}`,
  );
  const log = openSync(join(lab.dir, `${name}.log`), 'a');
  const child = spawn('docker-registry', ['serve', conf], { stdio: ['ignore', log, log], env: lab.env });
  closeSync(log);
  live.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', () => (live.delete(child.pid), resolve())));
  lab.procs.push({ pid: child.pid, exited });
  try {
    await waitUp(port, tls);
  } catch (e) {
    let said = '';
    try {
      said = readFileSync(join(lab.dir, `${name}.log`), 'utf8').trim().split('\n').slice(-3).join('\n');
    } catch {}
    throw new Error(`${e.message}: ${said}`);
  }
  return { host: `127.0.0.1:${port}`, port, tls, pid: child.pid };
}

/** Docker Hub's names: the TLS registry's certificate holds them, the proxy sends them to it. */
const HUB_HOSTS = ['registry-1.docker.io', 'index.docker.io', 'docker.io'];
export const HUB_REPO = 'e2e/tiny:v1';

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that sends Docker Hub's hosts to the TLS registry, so that
 * `docker.io/...` pulls reach it with Hub's host names (clients trust the CA via SSL_CERT_FILE).
 * Every other host is refused. Stopped with the lab.
 */
async function hubProxy(tlsPort, procs) {
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    client.once('data', (head) => {
      const m = /^CONNECT ([^:\s]+):443 HTTP\/1\.[01]\r\n/.exec(head.toString('latin1'));
      if (!m || !HUB_HOSTS.includes(m[1])) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(tlsPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const closed = new Promise((resolve) => server.once('close', resolve));
  procs.push({
    stop: () => {
      for (const x of sockets) x.destroy();
      server.close();
    },
    exited: closed,
  });
  return `http://127.0.0.1:${server.address().port}`;
}

/** Stops every registry by PID and removes the temp dir. */
export async function stopLab(lab) {
  if (!lab) return;
  for (const p of lab.procs) {
    if (p.stop) {
      p.stop();
      continue;
    }
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {}
  }
  await Promise.race([Promise.all(lab.procs.map((p) => p.exited)), new Promise((r) => setTimeout(r, 5000))]);
  for (const p of lab.procs) {
    if (p.pid && live.has(p.pid)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {}
      await p.exited;
    }
  }
  rmSync(lab.dir, { recursive: true, force: true });
  labDirs.delete(lab.dir);
}

let seq = 0;

/** Writes `text` as an auth file in a fresh dir; returns its dir and path (`config.json`, as docker wants). */
export function writeAuthFile(lab, text) {
  const d = join(lab.dir, 'cases', String(++seq));
  mkdirSync(d, { recursive: true });
  const file = join(d, 'config.json');
  writeFileSync(file, text, { mode: 0o600 });
  return { dir: d, file };
}

function summary(r) {
  if (r.code === 0) return 'pulled';
  const line = (r.stderr || r.stdout).split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
  return line.replace(/^time="[^"]*" level=\w+ msg=/, '').replace(/^Error: /, '');
}

/** The real clients. Each resolves to { ok, said } where `said` is the client's last error line. */
/** The environment and TLS flags a client needs for a registry. */
function reach(lab, reg) {
  if (reg.hub) return { env: { ...lab.env, HTTPS_PROXY: reg.proxy, SSL_CERT_FILE: join(lab.certDir, 'ca.crt') }, flags: [] };
  return { env: lab.env, flags: null };
}

export const clients = {
  async skopeo(lab, reg, file, image) {
    const { env, flags } = reach(lab, reg);
    const t = flags ?? (reg.tls ? ['--cert-dir', lab.certDir] : ['--tls-verify=false']);
    const r = await run('skopeo', ['inspect', '--raw', '--authfile', file, ...t, `docker://${image}`], { env });
    return { ok: r.code === 0, said: summary(r) };
  },
  async podman(lab, reg, file, image) {
    const root = join(lab.dir, 'podman');
    const { env, flags } = reach(lab, reg);
    const t = flags ?? (reg.tls ? ['--cert-dir', lab.certDir] : ['--tls-verify=false']);
    const g = ['--root', join(root, 'root'), '--runroot', join(root, 'run'), '--tmpdir', join(root, 'tmp'), '--storage-driver', 'vfs', '--events-backend', 'file', '--cgroup-manager', 'cgroupfs'];
    const r = await run('podman', [...g, 'pull', '--quiet', '--authfile', file, ...t, image], { env });
    return { ok: r.code === 0, said: summary(r) };
  },
  async docker(lab, reg, file, image) {
    // Docker 28 treats 127.0.0.0/8 as an insecure registry: TLS without verification works as is,
    // plain HTTP needs --insecure.
    const dir = file.slice(0, file.lastIndexOf('/'));
    const { env } = reach(lab, reg);
    const t = reg.tls ? [] : ['--insecure'];
    const r = await run('docker', ['--config', dir, 'manifest', 'inspect', ...t, image], { env });
    const warn = /WARNING: Error loading config file/.test(r.stderr) ? ' (config not loaded)' : '';
    return { ok: r.code === 0, said: summary(r) + (r.code === 0 ? warn : '') };
  },
};
