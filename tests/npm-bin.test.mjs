// The npm `pullsecret` package's install step (npm/cli/install.cjs): the platform's native
// binary takes bin/pullsecret's place when @pullsecret/node's platform package has a working
// one; otherwise bin/pullsecret stays the Node launcher, which runs the same Rust CLI through the
// addon. Laid out as npm installs it (node_modules/pullsecret, node_modules/@pullsecret/...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeBin } from './lib/cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'npm/cli/package.json'), 'utf8'));
const isElf = (p) => readFileSync(p).subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));

/** node_modules with `pullsecret`, @pullsecret/node and, unless `binary` is null, its linux-x64-gnu package holding `binary`. */
function project(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'pullsecret-npm-bin-'));
  const nm = join(dir, 'node_modules');
  mkdirSync(join(nm, '@pullsecret'), { recursive: true });
  symlinkSync(join(root, 'npm/node'), join(nm, '@pullsecret/node'));
  if (binary !== null) {
    const platform = join(nm, '@pullsecret/node-linux-x64-gnu');
    mkdirSync(platform);
    writeFileSync(join(platform, 'package.json'), JSON.stringify({ name: '@pullsecret/node-linux-x64-gnu', version }));
    if (typeof binary === 'string') copyFileSync(binary, join(platform, 'pullsecret'));
    else writeFileSync(join(platform, 'pullsecret'), binary.script, { mode: 0o755 });
  }
  const pkg = join(nm, 'pullsecret');
  for (const f of ['package.json', 'install.cjs', 'platform.cjs', 'bin/pullsecret']) cpSync(join(root, 'npm/cli', f), join(pkg, f));
  chmodSync(join(pkg, 'bin/pullsecret'), 0o755);
  return { dir, bin: join(pkg, 'bin/pullsecret'), install: () => spawnSync(process.execPath, [join(pkg, 'install.cjs')], { encoding: 'utf8', env: { ...process.env, PULLSECRET_INSTALL_VERBOSE: '1' } }) };
}

test('install swaps bin/pullsecret for the native binary: no Node at run time', { skip: !(process.platform === 'linux' && process.arch === 'x64' && process.report.getReport().header.glibcVersionRuntime) && 'the test builds the linux-x64-gnu binary only' }, () => {
  const p = project(nativeBin);
  const r = p.install();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /bin\/pullsecret is the native binary/);
  assert.ok(isElf(p.bin), 'bin/pullsecret is not the native binary');
  assert.deepEqual(readFileSync(p.bin), readFileSync(nativeBin));
  assert.equal(execFileSync(p.bin, ['--version'], { encoding: 'utf8' }), `pullsecret ${version}\n`);
});

test('without a platform binary, or with a broken one, bin/pullsecret stays the launcher and runs the CLI through the addon', () => {
  const broken = { script: '#!/bin/sh\necho "something else 9.9.9"\n' };
  for (const binary of [null, broken]) {
    const p = project(binary);
    const r = p.install();
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!isElf(p.bin));
    const run = spawnSync(process.execPath, [p.bin, 'validate', '-'], { input: '{"auths":{"quay.io":{"auth":"dTpw"}}}', encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '<stdin>: 0 errors, 0 warnings (dockerconfigjson, 1 entry)\n');
    const bad = spawnSync(process.execPath, [p.bin, 'validate', join(p.dir, 'missing.json')], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, `error: cannot read ${join(p.dir, 'missing.json')}: No such file or directory\n`);
  }
});
