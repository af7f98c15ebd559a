'use strict';
// @pullsecret/node's binding, loaded once for index.cjs (the API) and cli.cjs (the command).
// It comes from napi.js, the loader `napi build` generates: the platform package
// (@pullsecret/node-linux-x64-gnu, -linux-x64-musl, -darwin-arm64, ...; musl detected) or a
// pullsecret.<platform>.node beside it, else the same crate built for wasm32-wasip1-threads
// (@pullsecret/node-wasm32-wasi, on @napi-rs/wasm-runtime); when nothing loads it throws an error
// whose `cause` chain lists every load error. The WebAssembly build has the same functions and
// throws the same errors (same Rust code); it is slower, and says so once on stderr.
const { version } = require('./package.json');

const forced = process.env.PULLSECRET_FORCE_WASM === '1';
const native = load();
if (native.__napiBindingTarget === 'wasm32-wasi') notice();

/** napi.js's exports; PULLSECRET_FORCE_WASM=1 loads the WebAssembly build (napi's NAPI_RS_FORCE_WASI=error: it or an error). */
function load() {
  const saved = process.env.NAPI_RS_FORCE_WASI;
  if (forced) process.env.NAPI_RS_FORCE_WASI = 'error';
  // Node < 23 warns that node:wasi is experimental (two lines); notice() says what matters.
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] && rest[0].type) || (warning && warning.name);
    const message = typeof warning === 'string' ? warning : warning && warning.message;
    if (type === 'ExperimentalWarning' && /^WASI\b/.test(String(message))) return;
    return emitWarning.call(this, warning, ...rest);
  };
  // emnapi (the WebAssembly build's Node-API) turns Rust strings into JavaScript ones with a
  // `new TextDecoder()` made while the module loads, and that decoder drops a leading U+FEFF: a
  // result that starts with a byte-order mark (`add` keeping a file's BOM) would lose it. While
  // the module loads, a TextDecoder keeps the BOM unless told otherwise (tests/vectors.test.mjs's
  // BOM vectors, run on the fallback by tests/fallback.test.mjs, check it).
  const Decoder = globalThis.TextDecoder;
  if (typeof Decoder === 'function') {
    globalThis.TextDecoder = class TextDecoder extends Decoder {
      constructor(label, options) {
        super(label, { ignoreBOM: true, ...options });
      }
    };
  }
  try {
    return require('./napi.js');
  } finally {
    globalThis.TextDecoder = Decoder;
    process.emitWarning = emitWarning;
    if (forced) {
      if (saved === undefined) delete process.env.NAPI_RS_FORCE_WASI;
      else process.env.NAPI_RS_FORCE_WASI = saved;
    }
  }
}

/** The platform package's suffix for this machine (napi's names), or null when none is published. */
function platform() {
  const { platform: os, arch } = process;
  if (os === 'linux' && (arch === 'x64' || arch === 'arm64')) {
    const report = process.report && process.report.getReport ? process.report.getReport() : null;
    const glibc = report && report.header && report.header.glibcVersionRuntime;
    return `linux-${arch}-${glibc ? 'gnu' : 'musl'}`;
  }
  if (os === 'darwin' && (arch === 'x64' || arch === 'arm64')) return `darwin-${arch}`;
  if (os === 'win32' && arch === 'x64') return 'win32-x64-msvc';
  return null;
}

/** One line on stderr, once per process: why the WebAssembly build runs and how to get the native one. */
function notice() {
  const key = Symbol.for('@pullsecret/node.wasm-notice');
  if (globalThis[key]) return;
  globalThis[key] = true;
  const name = platform();
  const pkg = name && `@pullsecret/node-${name}`;
  const napiForce = process.env.NAPI_RS_FORCE_WASI;
  const forcedBy = forced ? 'PULLSECRET_FORCE_WASM=1' : napiForce === 'true' || napiForce === 'error' ? `NAPI_RS_FORCE_WASI=${napiForce}` : null;
  let why;
  if (forcedBy) why = `${forcedBy} is set`;
  else if (!pkg) why = `no native binary is published for ${process.platform}-${process.arch}`;
  else {
    let installed = false;
    try {
      require.resolve(`${pkg}/package.json`);
      installed = true;
    } catch {}
    why = installed ? `${pkg} is installed but did not load` : `${pkg} is not installed`;
  }
  const how = forcedBy
    ? 'unset it for the native addon'
    : pkg
    ? `for the native addon, install ${pkg}@${version} (an optional dependency of @pullsecret/node: do not omit optional dependencies)`
    : 'the native addon exists for linux x64/arm64 (glibc, musl), macOS x64/arm64 and Windows x64';
  process.stderr.write(`@pullsecret/node: using the WebAssembly build (slower): ${why}; ${how}.\n`);
}

module.exports = native;
