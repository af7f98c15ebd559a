'use strict';
// Which @pullsecret/node platform package serves this machine, named as napi-rs names them
// (`linux-x64-gnu`, `linux-x64-musl`, `darwin-arm64`, `win32-x64-msvc`, ...), and where its
// native `pullsecret` binary is.
const { dirname, join } = require('node:path');

/** musl or glibc: a glibc Node reports the glibc it runs on; a musl one does not. */
function isMusl() {
  if (process.platform !== 'linux') return false;
  try {
    return !process.report.getReport().header.glibcVersionRuntime;
  } catch {
    return false;
  }
}

/** The platform suffix of this machine's package, or undefined where none is published. */
function platform() {
  const { platform: os, arch } = process;
  if (os === 'linux' && (arch === 'x64' || arch === 'arm64')) return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (os === 'darwin' && (arch === 'x64' || arch === 'arm64')) return `darwin-${arch}`;
  if (os === 'win32' && arch === 'x64') return 'win32-x64-msvc';
  return undefined;
}

/** The path of the native binary in this machine's platform package, or undefined. */
function nativeBinary() {
  const suffix = platform();
  if (!suffix) return undefined;
  try {
    // Resolved from @pullsecret/node, whose optional dependency it is (pnpm does not hoist it),
    // then from here (npm hoists it beside us).
    const from = dirname(require.resolve('@pullsecret/node/package.json'));
    const pkg = require.resolve(`@pullsecret/node-${suffix}/package.json`, { paths: [from, __dirname] });
    return join(dirname(pkg), process.platform === 'win32' ? 'pullsecret.exe' : 'pullsecret');
  } catch {
    return undefined;
  }
}

module.exports = { platform, nativeBinary };
