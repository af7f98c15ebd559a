'use strict';
// postinstall of the `pullsecret` package: puts the platform's native binary in place of
// bin/pullsecret, as esbuild and biome do, so that running `pullsecret` starts no Node at all.
// The binary comes from @pullsecret/node's platform package (an optional dependency). Nothing
// here may fail the install: without the binary (another platform, optional dependencies off)
// bin/pullsecret stays the Node script, which runs the same Rust CLI through the addon.
// On Windows npm runs bins through its own .cmd shims (which start Node): nothing is swapped.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { nativeBinary } = require('./platform.cjs');

function install() {
  // In a source checkout (the repository's npm workspace) bin/pullsecret is a tracked file.
  if (!__dirname.split(path.sep).includes('node_modules')) return 'not in node_modules: nothing swapped';
  if (process.platform === 'win32') return 'Windows: bin/pullsecret stays the Node script';
  const binary = nativeBinary();
  if (!binary || !fs.existsSync(binary)) return 'no native binary for this platform: bin/pullsecret runs through the addon';
  const { version } = require('./package.json');
  // The binary must run here and be ours (a libc or CPU mismatch fails now, not at first use).
  const said = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10000 }).trim();
  if (said !== `pullsecret ${version}`) return `the native binary says "${said}", not pullsecret ${version}: not swapped`;
  const bin = path.join(__dirname, 'bin', 'pullsecret');
  const tmp = `${bin}.${process.pid}.tmp`;
  try {
    fs.copyFileSync(binary, tmp);
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, bin); // atomic: bin/pullsecret is the script or the binary, never half
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return `bin/pullsecret is the native binary (${path.relative(__dirname, binary)})`;
}

try {
  const what = install();
  if (process.env.PULLSECRET_INSTALL_VERBOSE) process.stderr.write(`pullsecret: ${what}\n`);
} catch (e) {
  process.stderr.write(`pullsecret: kept the Node launcher (${e.message.split('\n')[0]})\n`);
}
