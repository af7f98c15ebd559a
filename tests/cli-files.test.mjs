// The `pullsecret` command as the trusted tools behave: per-command help, completion scripts,
// read errors in the system's words, writes through symlinks, stricter modes kept, no temporary
// file left by SIGINT/SIGTERM, and JSON reports larger than any JavaScript string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, run } from './lib/cli.mjs';

const newDir = () => mkdtempSync(join(tmpdir(), 'pullsecret-files-'));
const mode = (p) => statSync(p).mode & 0o777;
const CANARY = 'canary-S3cr3t-pw-5521';

test('every command has its own help with examples; help and version exit 0 on stdout', () => {
  const commands = [
    ['validate'], ['lookup'], ['parse'], ['convert'], ['login'], ['logout'], ['merge'], ['link'], ['grant-pull'],
    ['pod'], ['workflow'], ['delegated-auth'], ['global-pull-secret'], ['completion'],
    ['create', 'secret', 'docker-registry'], ['create', 'secret', 'generic'],
  ];
  const pages = new Set();
  for (const c of commands) {
    const r = run([...c, '--help']);
    assert.equal(r.status, 0, `${c.join(' ')} --help: ${r.stderr}`);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, new RegExp(`^Usage: pullsecret ${c.join(' ')}\\b`, 'm'), c.join(' '));
    assert.match(r.stdout, /^Examples?:$/m, `${c.join(' ')} --help has no example`);
    pages.add(r.stdout);
  }
  assert.equal(pages.size, commands.length, 'two commands print the same help');
  const top = run(['--help']);
  assert.equal(top.status, 0);
  for (const c of ['validate', 'lookup', 'create', 'global-pull-secret', 'completion']) assert.match(top.stdout, new RegExp(`^  ${c} `, 'm'));
  assert.equal(run([]).stdout, top.stdout);
  assert.match(run(['--version']).stdout, /^pullsecret \d+\.\d+\.\d+\n$/);
});

test('completion scripts for bash, zsh and fish name every command', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = run(['completion', shell]);
    assert.equal(r.status, 0, r.stderr);
    for (const c of ['validate', 'global-pull-secret', 'docker-registry']) assert.ok(r.stdout.includes(c), `${shell}: ${c}`);
  }
  assert.equal(run(['completion', 'tcsh']).status, 2);
});

test('usage and read errors: the system words, exit 2; a value typed after a flag is never echoed', () => {
  const dir = newDir();
  const missing = run(['validate', join(dir, 'config.json')]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, `error: cannot read ${join(dir, 'config.json')}: No such file or directory\n`);
  const isDir = run(['validate', dir]);
  assert.equal(isDir.status, 2);
  assert.equal(isDir.stderr, `error: cannot read ${dir}: Is a directory\n`);
  for (const args of [
    ['create', 'secret', 'docker-registry', 'x', `--docker-pasword=${CANARY}`],
    ['create', 'secret', 'docker-registry', 'x', `-X${CANARY}`],
    ['validate', '-o', CANARY, '-'],
    ['lookup', '--client', CANARY, 'nginx', '-'],
    ['validate', '-', CANARY],
    ['login', '--registry=a.io', `--auth-basic=u:${CANARY}`, '--to', join(dir, 'c.json'), `--verbose=${CANARY}`],
  ]) {
    const r = run(args, '{}');
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /);
    assert.ok(!r.stderr.includes(CANARY) && !r.stdout.includes(CANARY), r.stderr);
  }
  assert.match(run(['validate', '--bogus=1', '-'], '{}').stderr, /^error: unknown flag: --bogus\n/);
});

test('pflag conventions: booleans take =true/=false, values may start with -, flags anywhere', () => {
  const base = ['create', 'secret', 'docker-registry', 'x', '--docker-username=u'];
  const plain = run([...base, '--docker-password', '-p-', '-o', 'name']);
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(plain.stdout, 'secret/x\n');
  assert.equal(run([...base, '--docker-password=-p-', '--append-hash=false', '-o', 'name']).stdout, 'secret/x\n');
  assert.match(run([...base, '--docker-password=-p-', '--append-hash=true', '-o=name']).stdout, /^secret\/x-[a-z0-9]{10}\n$/);
  assert.equal(run([...base, '--docker-password=-p-', '--append-hash=maybe']).status, 2);
});

test('login through a symlink writes the link target (docker resolves links) and keeps the link', () => {
  const dir = newDir();
  const target = join(dir, 'real.json');
  const link = join(dir, 'config.json');
  writeFileSync(target, '{"auths":{}}');
  chmodSync(target, 0o644);
  symlinkSync('real.json', link);
  const r = run(['login', '--registry', 'quay.io', '--auth-basic', 'u:p', '--to', link]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), 'real.json');
  assert.match(readFileSync(target, 'utf8'), /"quay.io"/);
  assert.equal(mode(target), 0o600, 'group/other bits dropped');
  assert.deepEqual(readdirSync(dir).sort(), ['config.json', 'real.json']);
  // A dangling link is replaced by the file (docker: EvalSymlinks fails, the link's path is written).
  const dangling = join(dir, 'dangling.json');
  symlinkSync('nowhere/missing.json', dangling);
  assert.equal(run(['login', '--registry', 'quay.io', '--auth-basic', 'u:p', '--to', dangling]).status, 0);
  assert.ok(lstatSync(dangling).isFile());
  assert.equal(mode(dangling), 0o600);
});

test('a stricter mode than 0600 is kept; a looser one becomes 0600', () => {
  const dir = newDir();
  for (const [before, after] of [[0o400, 0o400], [0o600, 0o600], [0o640, 0o600], [0o666, 0o600]]) {
    const p = join(dir, `c-${before.toString(8)}.json`);
    writeFileSync(p, '{"auths":{"a.io":{}}}');
    chmodSync(p, before);
    const r = run(['logout', '--registry', 'a.io', p]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(mode(p), after, `mode ${before.toString(8)}`);
    assert.equal(readFileSync(p, 'utf8'), '{"auths":{}}');
  }
});

/** The default entry: about 67 bytes. */
const plainEntry = (i) => `"r${i}.example.com":{"auth":"${Buffer.from(`user${i}:password${i}`).toString('base64')}"}`;

/** A config of `n` entries written to `path` (stays under the core's 64 MiB input limit). */
async function bigConfig(path, n, entry = plainEntry) {
  const out = createWriteStream(path);
  out.write('{"auths":{');
  for (let i = 0; i < n; i++) {
    const chunk = `${i ? ',' : ''}${entry(i)}`;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end('}}');
  await new Promise((resolve) => out.once('finish', resolve));
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  test(`${signal} during a write leaves no temporary file and the target untouched`, { skip: process.env.PULLSECRET_CLI === 'npm' && 'the Node route cannot take a signal during a synchronous call' }, async () => {
    const dir = newDir();
    const input = join(dir, 'big.json');
    await bigConfig(input, 900_000); // ~60 MB (the input limit is 64 MiB): the temporary file exists for a while
    const out = join(dir, 'out.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    const child = spawn(command[0], [...command.slice(1), 'merge', input, '-o', out], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, sig })));
    let sawTemp = false;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (readdirSync(dir).some((f) => f.startsWith('.out.json.') && f.endsWith('.tmp'))) {
        sawTemp = true;
        child.kill(signal);
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { code } = await exited;
    assert.ok(sawTemp, 'the write finished before the signal could be sent');
    assert.equal(code, 130);
    assert.deepEqual(readdirSync(dir).sort(), ['big.json', 'out.json']);
    assert.equal(readFileSync(out, 'utf8'), 'old');
  });
}

test('-o json streams a report larger than any JavaScript string (V8: 512 MiB)', { skip: process.env.PULLSECRET_CLI === 'npm' && 'the same Rust code; once is enough' }, async () => {
  const dir = newDir();
  const input = join(dir, 'huge.json');
  // ~20 MB of entries with three findings each (a scheme, an email, their help texts): the
  // report is about 29 times the input, past V8's string limit, from an input the core accepts.
  await bigConfig(input, 420_000, (i) => `"https://r${i}.io":{"auth":"dTpw","email":"e"}`);
  const child = spawn(command[0], [...command.slice(1), 'validate', input, '-o', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let head = '';
  let tail = Buffer.alloc(0);
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    if (head.length < 200) head += chunk.subarray(0, 200).toString();
    bytes += chunk.length;
    tail = Buffer.concat([tail, chunk]).subarray(-200);
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.once('close', resolve));
  assert.equal(code, 0, stderr);
  assert.ok(bytes > 2 ** 29, `only ${bytes} bytes`);
  assert.match(head, /^\{\n {2}"schemaVersion": 1,\n {2}"valid": true,/);
  assert.match(tail.toString(), /\n {2}"reasons": \{[^]*\}\n\}\n$/);
});
