// @pullsecret/wasm: the pullsecret core compiled to WebAssembly.
// This file only adds ergonomics: initialisation, JSON results as plain data, PullSecretError.
// Every rule lives in the Rust core.
import initWasm, * as wasm from './pkg/pullsecret_wasm.js';
import { unpack } from './unpack.js';

/** Error thrown by every pullsecret function; `code` is stable, `line`/`column` are 1-based. */
export class PullSecretError extends Error {
  constructor({ code, message, line, column }) {
    super(message);
    this.name = 'PullSecretError';
    this.code = code;
    if (line !== undefined) {
      this.line = line;
      this.column = column;
    }
  }
}

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

function call(fn, ...args) {
  if (!ready) {
    throw new PullSecretError({ code: 'not-initialized', message: 'call init() (browser) or initSync(bytes) first' });
  }
  try {
    return fn(...args);
  } catch (e) {
    throw typeof e === 'string' ? new PullSecretError(JSON.parse(e)) : e;
  }
}

const utf8 = new TextEncoder();
const text = (config) => (typeof config === 'string' ? config : JSON.stringify(config));

/** Every finding in a config, base64 config or Secret; never throws on bad content. */
export const validate = (input) => unpack(call(wasm.validate, utf8.encode(text(input))));
/** The credentials in a config, base64 config or Secret. */
export const parse = (input) => JSON.parse(call(wasm.parse, text(input)));
/** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
export const create = (options) => call(wasm.create, JSON.stringify(options ?? {}));
/** The Secret manifest, byte for byte as kubectl prints it. */
export const toSecret = (config, options) => call(wasm.toSecret, text(config), JSON.stringify(options ?? {}));
/** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
export const lookup = (config, image, options) => JSON.parse(call(wasm.lookup, text(config), image, JSON.stringify(options ?? {})));

function bytes(base64) {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
/** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
export const convert = (config, options) => {
  const r = JSON.parse(call(wasm.convert, text(config), JSON.stringify(options ?? {})));
  r.files = r.files.map(({ text: t, base64, ...f }) => ({ ...f, content: base64 === undefined ? t : bytes(base64) }));
  return r;
};
/** The config with the entry for `options.registry` added or replaced, every other byte kept. */
export const add = (config, options) => call(wasm.add, text(config ?? ''), JSON.stringify(options ?? {}));
/** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
export const remove = (config, registry, options) => JSON.parse(call(wasm.remove, text(config), registry, JSON.stringify(options ?? {})));
/** `{ config, conflicts }`: the configs merged into the first one's layout. */
export const merge = (configs, options) => JSON.parse(call(wasm.merge, configs.map(text), JSON.stringify(options ?? {})));

// ---- cluster objects ----
/** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
export const link = (serviceAccount, options) => JSON.parse(call(wasm.link, serviceAccount == null ? '' : text(serviceAccount), JSON.stringify(options ?? {})));
/** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
export const grantPull = (options) => JSON.parse(call(wasm.grantPull, JSON.stringify(options ?? {})));
/** A Pod manifest with `imagePullSecrets`. */
export const podSnippet = (options) => call(wasm.podSnippet, JSON.stringify(options ?? {}));
/** An Argo Workflow manifest with `imagePullSecrets`. */
export const workflowSnippet = (options) => call(wasm.workflowSnippet, JSON.stringify(options ?? {}));
/** The auth server's and the registry's Secrets for delegated authentication. */
export const delegatedAuth = (options) => JSON.parse(call(wasm.delegatedAuth, JSON.stringify(options ?? {})));
/** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
export const globalPullSecret = (current, options) => JSON.parse(call(wasm.globalPullSecret, current == null ? '' : text(current), JSON.stringify(options ?? {})));
