'use strict';
// @pullsecret/node: the pullsecret core as a Node-API addon. This file only adds ergonomics: a
// config given as an object or as text, and the PullSecretError class. Options, results and
// errors cross as JavaScript values written by the Rust binding (crates/pullsecret-node); every
// rule lives in the Rust core.
const native = require('./binding.cjs');

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

// ---- the boundary: every argument is checked before it crosses ----
// A wrong-typed argument throws PullSecretError `invalid-argument` naming the argument and the
// type it must have (never its value); a string holding a lone surrogate (which UTF-8 cannot
// carry: the crossing would silently turn it into U+FFFD) throws `invalid-argument` too, or
// `invalid-option` inside options. Deeper options are left to the core (`too-deep`).
const refuse = (code, message) => new PullSecretError({ code, message });
const wellFormed = (s) => (typeof s.isWellFormed === 'function' ? s.isWellFormed() : !/\p{Surrogate}/u.test(s));
// The core refuses a text above 64 MiB of UTF-8 (`too-large`); a string longer than that in
// UTF-16 units is above it whatever its characters, so only its first 64 MiB and one unit cross
// (copying more into the WebAssembly memory would grow it for good).
const MAX_INPUT = 64 * 1024 * 1024;
/** `value`, a well-formed string (cut after 64 MiB), as argument `name` of `fn`. */
const str = (fn, name, value) => {
  if (typeof value !== 'string') throw refuse('invalid-argument', `${fn}: ${name} must be a string`);
  if (value.length > MAX_INPUT) return value.slice(0, MAX_INPUT + 1);
  if (!wellFormed(value)) throw refuse('invalid-argument', `${fn}: ${name} must be valid Unicode text (it holds a lone surrogate)`);
  return value;
};
/** A config given as text, or as an object (serialized with JSON.stringify); `nullable`: null and undefined give ''. */
const text = (fn, name, config, nullable = false) => {
  if (config == null && nullable) return '';
  if (typeof config === 'string') return str(fn, name, config);
  const what = `${fn}: ${name} must be a string or an object${nullable ? ' (or null)' : ''}`;
  if (config === null || typeof config !== 'object' || ArrayBuffer.isView(config)) throw refuse('invalid-argument', what);
  let json;
  try {
    json = JSON.stringify(config);
  } catch {
    // A cycle, a BigInt, or nesting deeper than the JavaScript stack.
    throw refuse('invalid-argument', `${what} that JSON.stringify can write`);
  }
  if (typeof json !== 'string') throw refuse('invalid-argument', what);
  return json.length > MAX_INPUT ? json.slice(0, MAX_INPUT + 1) : json;
};
/** Options: absent is `{}`; other types are the core's to refuse (`invalid-option`); strings are checked for lone surrogates. */
const opts = (fn, options) => {
  if (options == null) return {};
  const walk = (v, path, depth) => {
    if (typeof v === 'string') {
      if (!wellFormed(v)) throw refuse('invalid-option', `${fn}: ${path} must be valid Unicode text (it holds a lone surrogate)`);
    } else if (v !== null && typeof v === 'object' && depth < 64) {
      for (const [k, x] of Object.entries(v)) {
        if (!wellFormed(k)) throw refuse('invalid-option', `${fn}: ${path ? `a key of ${path}` : 'an option name'} must be valid Unicode text (it holds a lone surrogate)`);
        const at = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        walk(x, at, depth + 1);
      }
    }
  };
  walk(options, '', 0);
  return options;
};
/** An array of configs. */
const configs = (fn, list) => {
  if (!Array.isArray(list)) throw refuse('invalid-argument', `${fn}: configs must be an array of strings or objects`);
  return list.map((c, i) => text(fn, `configs[${i}]`, c));
};

const n = Object.fromEntries(Object.entries(native).filter(([, f]) => typeof f === 'function').map(([k, f]) => [k, typed(f)]));

module.exports = {
  PullSecretError,
  /** Every finding in a config, base64 config or Secret; never throws on bad content (only on an argument that is not text). */
  validate: (input) => n.validate(text('validate', 'input', input)),
  /** The credentials in a config, base64 config or Secret. */
  parse: (input) => n.parse(text('parse', 'input', input)),
  /** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
  create: (options) => n.create(opts('create', options)),
  /** The Secret manifest, byte for byte as kubectl prints it. */
  toSecret: (config, options) => n.toSecret(text('toSecret', 'config', config), opts('toSecret', options)),
  /** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
  lookup: (config, image, options) =>
    n.lookup(text('lookup', 'config', config), str('lookup', 'image', image), opts('lookup', options)),
  /** A config read once: `.lookup(image, options)` answers as `lookup(config, image, options)`, without parsing it again. */
  readPullSecret: (config) => {
    const handle = n.readPullSecret(text('readPullSecret', 'config', config));
    return { lookup: typed((image, options) => handle.lookup(str('lookup', 'image', image), opts('lookup', options))) };
  },
  /** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
  convert: (config, options) => n.convert(text('convert', 'config', config), opts('convert', options)),
  /** The config with the entry for `options.registry` added or replaced, every other byte kept. */
  add: (config, options) => n.add(text('add', 'config', config, true), opts('add', options)),
  /** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
  remove: (config, registry, options) =>
    n.remove(text('remove', 'config', config), str('remove', 'registry', registry), opts('remove', options)),
  /** `{ config, conflicts }`: the configs merged into the first one's layout. */
  merge: (list, options) => n.merge(configs('merge', list), opts('merge', options)),
  // ---- cluster objects ----
  /** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
  link: (serviceAccount, options) => n.link(text('link', 'serviceAccount', serviceAccount, true), opts('link', options)),
  /** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
  grantPull: (options) => n.grantPull(opts('grantPull', options)),
  /** A Pod manifest with `imagePullSecrets`. */
  podSnippet: (options) => n.podSnippet(opts('podSnippet', options)),
  /** An Argo Workflow manifest with `imagePullSecrets`. */
  workflowSnippet: (options) => n.workflowSnippet(opts('workflowSnippet', options)),
  /** The auth server's and the registry's Secrets for delegated authentication. */
  delegatedAuth: (options) => n.delegatedAuth(opts('delegatedAuth', options)),
  /** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
  globalPullSecret: (current, options) =>
    n.globalPullSecret(text('globalPullSecret', 'current', current, true), opts('globalPullSecret', options)),
};
