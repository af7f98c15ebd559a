'use strict';
// @pullsecret/node: the pullsecret core as a Node-API addon. This file only adds ergonomics: a
// config given as an object or as text, and the PullSecretError class. Options, results and
// errors cross as JavaScript values written by the Rust binding (crates/pullsecret-node); every
// rule lives in the Rust core.
//
// The binding comes from napi.js, the loader `napi build` generates: the platform package
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

/** Error thrown by every pullsecret function; `code` is stable, `line`/`column` are 1-based, `span` is in UTF-8 bytes. */
class PullSecretError extends Error {
  constructor({ code, message, line, column, span }) {
    super(message);
    this.name = 'PullSecretError';
    this.code = code;
    if (line !== undefined) {
      this.line = line;
      this.column = column;
    }
    if (span !== undefined) this.span = span;
  }
}

/** `fn`, with the addon's errors (already carrying name, code, line, column) given the PullSecretError prototype. */
const typed = (fn) => (...args) => {
  try {
    return fn(...args);
  } catch (e) {
    if (e instanceof Error && e.name === 'PullSecretError') Object.setPrototypeOf(e, PullSecretError.prototype);
    throw e;
  }
};

/** A config given as text, or as an object (serialized with JSON.stringify). */
const text = (config) => (typeof config === 'string' ? config : JSON.stringify(config));
const opts = (options) => options ?? {};
const n = Object.fromEntries(Object.entries(native).filter(([, f]) => typeof f === 'function').map(([k, f]) => [k, typed(f)]));

module.exports = {
  PullSecretError,
  /** Every finding in a config, base64 config or Secret; never throws on bad content. */
  validate: (input) => n.validate(text(input)),
  /** The credentials in a config, base64 config or Secret. */
  parse: (input) => n.parse(text(input)),
  /** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
  create: (options) => n.create(opts(options)),
  /** The Secret manifest, byte for byte as kubectl prints it. */
  toSecret: (config, options) => n.toSecret(text(config), opts(options)),
  /** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
  lookup: (config, image, options) => n.lookup(text(config), image, opts(options)),
  /** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
  convert: (config, options) => n.convert(text(config), opts(options)),
  /** The config with the entry for `options.registry` added or replaced, every other byte kept. */
  add: (config, options) => n.add(text(config ?? ''), opts(options)),
  /** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
  remove: (config, registry, options) => n.remove(text(config), registry, opts(options)),
  /** `{ config, conflicts }`: the configs merged into the first one's layout. */
  merge: (configs, options) => n.merge(configs.map(text), opts(options)),
  // ---- cluster objects ----
  /** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
  link: (serviceAccount, options) => n.link(serviceAccount == null ? '' : text(serviceAccount), opts(options)),
  /** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
  grantPull: (options) => n.grantPull(opts(options)),
  /** A Pod manifest with `imagePullSecrets`. */
  podSnippet: (options) => n.podSnippet(opts(options)),
  /** An Argo Workflow manifest with `imagePullSecrets`. */
  workflowSnippet: (options) => n.workflowSnippet(opts(options)),
  /** The auth server's and the registry's Secrets for delegated authentication. */
  delegatedAuth: (options) => n.delegatedAuth(opts(options)),
  /** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
  globalPullSecret: (current, options) => n.globalPullSecret(current == null ? '' : text(current), opts(options)),
};
