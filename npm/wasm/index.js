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
