// @pullsecret/wasm: the pullsecret core compiled to WebAssembly.
// This file only adds ergonomics: initialisation and the PullSecretError class. Arguments,
// results and errors cross as JavaScript values read and written by the Rust binding
// (crates/pullsecret-wasm); every rule lives in the Rust core.
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

// Every argument crosses as it is: the Rust binding checks it (crates/pullsecret-wasm, with the
// core's rules in crates/pullsecret/src/model/argument.rs) and throws PullSecretError.

/** Every finding in a config, base64 config or Secret; never throws on bad content (only on an argument that is not text). `options.now` (seconds since the epoch, `Date.now() / 1000`) checks tokens' expiry. */
export const validate = (input, options) => (check(), wasm.validate(input, options));
/** The credentials in a config, base64 config or Secret. */
export const parse = (input) => (check(), wasm.parse(input));
/** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
export const create = (options) => (check(), wasm.create(options));
/** The Secret manifest, byte for byte as kubectl prints it. */
export const toSecret = (config, options) => (check(), wasm.toSecret(config, options));
/** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
export const lookup = (config, image, options) => (check(), wasm.lookup(config, image, options));
/** Why a pod cannot pull: per image, the entry kubelet sends or why none is, what the registry answered, and the fix. */
export const explain = (input, options) => (check(), wasm.explain(input, options));
export const fix = (input, options) => (check(), wasm.fix(input, options));
/** A config read once: `.lookup(image, options)` answers as `lookup(config, image, options)`, without parsing it again. */
export const readPullSecret = (config) => {
  check();
  const handle = wasm.readPullSecret(config);
  return { lookup: (image, options) => handle.lookup(image, options) };
};
/** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
export const convert = (config, options) => (check(), wasm.convert(config, options));
/** The config with the entry for `options.registry` added or replaced, every other byte kept. */
export const add = (config, options) => (check(), wasm.add(config, options));
/** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
export const remove = (config, registry, options) => (check(), wasm.remove(config, registry, options));
/** `{ config, conflicts }`: the configs merged into the first one's layout. */
export const merge = (list, options) => (check(), wasm.merge(list, options));

// ---- cluster objects ----
/** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
export const link = (serviceAccount, options) => (check(), wasm.link(serviceAccount, options));
/** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
export const grantPull = (options) => (check(), wasm.grantPull(options));
/** A Pod manifest with `imagePullSecrets`. */
export const podSnippet = (options) => (check(), wasm.podSnippet(options));
/** An Argo Workflow manifest with `imagePullSecrets`. */
export const workflowSnippet = (options) => (check(), wasm.workflowSnippet(options));
/** The auth server's and the registry's Secrets for delegated authentication. */
export const delegatedAuth = (options) => (check(), wasm.delegatedAuth(options));
/** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
export const globalPullSecret = (current, options) => (check(), wasm.globalPullSecret(current, options));
// ---- verify: registries cannot be asked from a browser ----
/** Rejects with `PullSecretError` code `unsupported` naming the `pullsecret verify` command to run (after checking the arguments as @pullsecret/node does). */
export const verify = (input, options) => {
  try {
    check();
  } catch (e) {
    return Promise.reject(e);
  }
  return wasm.verify(input, options);
};
/** The `pullsecret verify` command line for a file, quoted for a POSIX shell (no secret in it). */
export const verifyCommand = (file, options) => (check(), wasm.verifyCommand(file, options));
