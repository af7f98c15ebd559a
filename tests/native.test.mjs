// What the native artefacts of @pullsecret/node need from the machine that loads them, and how
// they are packaged. scripts/build.sh builds them with `napi build` into npm/node/:
// - pullsecret.linux-x64-gnu.node on the napi-rs cross toolchain's glibc 2.17 sysroot: no symbol
//   may need a newer glibc (RHEL/CentOS 7, Amazon Linux 2), and it is the file the tests load;
// - pullsecret.linux-x64-musl.node: musl only (Alpine), no glibc symbol or library;
// - both stripped.
// Then the platform packages (npm/node/npm/<platform>/, napi's create-npm-dirs layout): os/cpu/libc,
// the addon, the slot for the `pullsecret` executable, README.md and LICENSE in `npm pack`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}npm/node/`;
const gnu = `${dir}pullsecret.linux-x64-gnu.node`;
const musl = `${dir}pullsecret.linux-x64-musl.node`;
const run = (cmd, ...args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
/** Every GLIBC_x.y[.z] version a file's dynamic symbols need, e.g. ['2.2.5', '2.14']. */
const glibcVersions = (file) => [...new Set(run('objdump', '-T', file).match(/GLIBC_[0-9.]+/g) ?? [])].map((v) => v.slice(6));
const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};
const needed = (file) => [...run('readelf', '-d', file).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
const stripped = (file) => !/\s\.symtab\s/.test(run('readelf', '-S', '-W', file));

test('linux-x64-gnu: no symbol newer than GLIBC_2.17 (objdump -T)', () => {
  const versions = glibcVersions(gnu);
  assert.ok(versions.length > 0, 'objdump -T lists no GLIBC_ version: not a glibc build?');
  const tooNew = versions.filter((v) => newer(v, '2.17'));
  assert.deepEqual(tooNew, [], `symbols need glibc ${tooNew.join(', ')}`);
  assert.ok(stripped(gnu), 'not stripped (.symtab present)');
});

test('linux-x64-musl: musl only (readelf -d, objdump -T), stripped', () => {
  const libs = needed(musl);
  // musl's libc is its dynamic loader: ld-musl-x86_64.so.1 resolves `libc.so` to itself.
  assert.ok(libs.includes('libc.so'), `no musl libc.so in NEEDED: ${libs}`);
  const glibcLibs = libs.filter((l) => /^(libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|ld-linux)/.test(l));
  assert.deepEqual(glibcLibs, [], 'glibc libraries in NEEDED');
  assert.deepEqual(libs.filter((l) => l !== 'libc.so' && l !== 'libgcc_s.so.1'), [], 'unexpected NEEDED');
  assert.deepEqual(glibcVersions(musl), [], 'glibc symbol versions');
  assert.ok(!/GLIBC_/.test(run('readelf', '-V', '-W', musl)), 'glibc version needs (readelf -V)');
  assert.ok(stripped(musl), 'not stripped (.symtab present)');
});

test('the native CLI: linux-x64-gnu on GLIBC_2.17 at most, linux-x64-musl static, both stripped and runnable here', () => {
  const cliGnu = `${dir}npm/linux-x64-gnu/pullsecret`;
  const cliMusl = `${dir}npm/linux-x64-musl/pullsecret`;
  const versions = glibcVersions(cliGnu);
  assert.ok(versions.length > 0, 'the gnu CLI lists no GLIBC_ version');
  assert.deepEqual(versions.filter((v) => newer(v, '2.17')), [], 'the gnu CLI needs a newer glibc');
  assert.deepEqual(needed(cliMusl), [], 'the musl CLI needs shared libraries');
  assert.ok(!/INTERP/.test(run('readelf', '-l', '-W', cliMusl)), 'the musl CLI has an interpreter');
  for (const f of [cliGnu, cliMusl]) {
    assert.ok(stripped(f), `${f} not stripped`);
    assert.equal(run(f, '--version'), `pullsecret ${JSON.parse(readFileSync(`${dir}package.json`, 'utf8')).version}\n`);
  }
});

test("linux-x64-musl: musl's loader resolves its libc to ld-musl-x86_64.so.1", { skip: !existsSync('/lib/ld-musl-x86_64.so.1') && 'no musl loader here' }, () => {
  // The loader in ldd mode; libgcc_s.so.1 (Alpine's libgcc) and the napi_* symbols (node's) are
  // missing outside node on Alpine, so it exits non-zero: only the libc line matters.
  let out;
  try {
    out = execFileSync('/lib/ld-musl-x86_64.so.1', ['--list', musl], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  assert.match(out, /^\s*libc\.so => \/lib\/ld-musl-x86_64\.so\.1 /m);
});

test('@pullsecret/node loads the linux-x64-gnu build checked above', { skip: !(process.platform === 'linux' && process.arch === 'x64' && process.report.getReport().header.glibcVersionRuntime) && 'not linux-x64-gnu' }, () => {
  const require = createRequire(import.meta.url);
  const api = require('../npm/node/index.cjs');
  assert.equal(api.validate('{"auths":{}}').valid, true);
  const addons = Object.keys(require.cache).filter((f) => f.endsWith('.node'));
  assert.deepEqual(addons, [gnu]);
  assert.equal(require('../npm/node/napi.js').__napiBindingTarget, 'native');
});

const main = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
const platforms = readdirSync(`${dir}npm`).sort();

test('one package per napi target, each an optional dependency at the same version', () => {
  const triples = {
    'x86_64-unknown-linux-gnu': 'linux-x64-gnu',
    'x86_64-unknown-linux-musl': 'linux-x64-musl',
    'aarch64-unknown-linux-gnu': 'linux-arm64-gnu',
    'aarch64-unknown-linux-musl': 'linux-arm64-musl',
    'x86_64-apple-darwin': 'darwin-x64',
    'aarch64-apple-darwin': 'darwin-arm64',
    'x86_64-pc-windows-msvc': 'win32-x64-msvc',
    'wasm32-wasip1-threads': 'wasm32-wasi',
  };
  assert.deepEqual([...main.napi.targets].sort(), Object.keys(triples).sort());
  assert.deepEqual(platforms, Object.values(triples).sort());
  assert.deepEqual(main.optionalDependencies, Object.fromEntries(platforms.map((p) => [`@pullsecret/node-${p}`, main.version])));
});

for (const platform of platforms) {
  test(`@pullsecret/node-${platform}: fields and npm pack contents`, () => {
    const pkgDir = `${dir}npm/${platform}/`;
    const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, 'utf8'));
    assert.equal(pkg.name, `@pullsecret/node-${platform}`);
    assert.equal(pkg.version, main.version);
    assert.equal(pkg.license, main.license);
    const [os, cpu, abi] = platform.split('-');
    if (platform === 'wasm32-wasi') {
      assert.deepEqual(pkg.cpu, ['wasm32']);
      assert.equal(pkg.main, 'pullsecret.wasi.cjs');
      assert.ok(pkg.files.includes('pullsecret.wasm32-wasi.wasm'));
    } else {
      assert.deepEqual(pkg.os, [os]);
      assert.deepEqual(pkg.cpu, [cpu]);
      if (os === 'linux') assert.deepEqual(pkg.libc, [abi === 'musl' ? 'musl' : 'glibc']);
      else assert.equal(pkg.libc, undefined);
      assert.equal(pkg.main, `pullsecret.${platform}.node`);
      // The slot of the native CLI executable (crates/pullsecret-cli), dropped beside the addon.
      const exe = os === 'win32' ? 'pullsecret.exe' : 'pullsecret';
      assert.deepEqual(pkg.files, [pkg.main, exe, 'README.md', 'LICENSE']);
      assert.match(readFileSync(`${pkgDir}README.md`, 'utf8'), new RegExp(`\`${exe.replace('.', '\\.')}\``));
    }
    // npm pack runs prepack, which copies the root LICENSE.
    const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: pkgDir, encoding: 'utf8' }));
    const packed = files.map((f) => f.path);
    for (const f of ['package.json', 'README.md', 'LICENSE']) assert.ok(packed.includes(f), `${f} not packed: ${packed}`);
    assert.equal(readFileSync(`${pkgDir}LICENSE`, 'utf8'), readFileSync(`${root}LICENSE`, 'utf8'));
  });
}
