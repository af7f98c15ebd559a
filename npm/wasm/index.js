// @pullsecret/wasm: the pullsecret core compiled to WebAssembly.
// This file only adds ergonomics: initialisation, a config given as an object or as text, and
// the PullSecretError class. Options, results and errors cross as JavaScript values written by
// the Rust binding (crates/pullsecret-wasm); every rule lives in the Rust core.
import initWasm, * as wasm from './pkg/pullsecret_wasm.js';
import { PullSecretError } from './error.js';

export { PullSecretError };

let ready = false;

/** Loads the WebAssembly module (browsers, bundlers). Resolves once; later calls are free. */
export async function init(input) {
  if (!ready) {
    await initWasm(input === undefined ? undefined : { module_or_path: input });
    ready = true;
  }
}

/** Loads the WebAssembly module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (!ready) {
    wasm.initSync({ module });
    ready = true;
  }
}

function check() {
  if (!ready) {
    throw new PullSecretError({ code: 'not-initialized', message: 'call init() (browser) or initSync(bytes) first' });
  }
}

const utf8 = new TextEncoder();

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

/** Every finding in a config, base64 config or Secret; never throws on bad content (only on an argument that is not text). */
export const validate = (input) => (check(), wasm.validate(utf8.encode(text('validate', 'input', input))));
/** The credentials in a config, base64 config or Secret. */
export const parse = (input) => (check(), wasm.parse(text('parse', 'input', input)));
/** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
export const create = (options) => (check(), wasm.create(opts('create', options)));
/** The Secret manifest, byte for byte as kubectl prints it. */
export const toSecret = (config, options) => (check(), wasm.toSecret(text('toSecret', 'config', config), opts('toSecret', options)));
/** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
export const lookup = (config, image, options) =>
  (check(), wasm.lookup(text('lookup', 'config', config), str('lookup', 'image', image), opts('lookup', options)));
/** A config read once: `.lookup(image, options)` answers as `lookup(config, image, options)`, without parsing it again. */
export const readPullSecret = (config) => {
  check();
  const handle = wasm.readPullSecret(text('readPullSecret', 'config', config));
  return { lookup: (image, options) => handle.lookup(str('lookup', 'image', image), opts('lookup', options)) };
};
/** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
export const convert = (config, options) => (check(), wasm.convert(text('convert', 'config', config), opts('convert', options)));
/** The config with the entry for `options.registry` added or replaced, every other byte kept. */
export const add = (config, options) => (check(), wasm.add(text('add', 'config', config, true), opts('add', options)));
/** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
export const remove = (config, registry, options) =>
  (check(), wasm.remove(text('remove', 'config', config), str('remove', 'registry', registry), opts('remove', options)));
/** `{ config, conflicts }`: the configs merged into the first one's layout. */
export const merge = (list, options) => (check(), wasm.merge(configs('merge', list), opts('merge', options)));

// ---- cluster objects ----
/** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
export const link = (serviceAccount, options) =>
  (check(), wasm.link(text('link', 'serviceAccount', serviceAccount, true), opts('link', options)));
/** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
export const grantPull = (options) => (check(), wasm.grantPull(opts('grantPull', options)));
/** A Pod manifest with `imagePullSecrets`. */
export const podSnippet = (options) => (check(), wasm.podSnippet(opts('podSnippet', options)));
/** An Argo Workflow manifest with `imagePullSecrets`. */
export const workflowSnippet = (options) => (check(), wasm.workflowSnippet(opts('workflowSnippet', options)));
/** The auth server's and the registry's Secrets for delegated authentication. */
export const delegatedAuth = (options) => (check(), wasm.delegatedAuth(opts('delegatedAuth', options)));
/** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
export const globalPullSecret = (current, options) =>
  (check(), wasm.globalPullSecret(text('globalPullSecret', 'current', current, true), opts('globalPullSecret', options)));
