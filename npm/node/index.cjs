'use strict';
// @pullsecret/node: the pullsecret core as a Node-API addon. This file only adds ergonomics:
// JSON results as plain data and PullSecretError. Every rule lives in the Rust core.
const native = require('./pullsecret.node');
const { unpack } = require('./unpack.cjs');

/** Error thrown by every pullsecret function; `code` is stable, `line`/`column` are 1-based. */
class PullSecretError extends Error {
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

function call(fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    // The addon throws with the core's error JSON as the message.
    if (e && e.code === 'GenericFailure' && typeof e.message === 'string' && e.message.startsWith('{')) {
      throw new PullSecretError(JSON.parse(e.message));
    }
    throw e;
  }
}

const text = (config) => (typeof config === 'string' ? config : JSON.stringify(config));

/** Converted JSON -> files with `content`: a string, or a Uint8Array for binary files. */
function converted(json) {
  const r = JSON.parse(json);
  r.files = r.files.map(({ text: t, base64, ...f }) => ({ ...f, content: base64 === undefined ? t : new Uint8Array(Buffer.from(base64, 'base64')) }));
  return r;
}

module.exports = {
  PullSecretError,
  /** Every finding in a config, base64 config or Secret; never throws on bad content. */
  validate: (input) => unpack(call(native.validate, text(input))),
  /** The credentials in a config, base64 config or Secret. */
  parse: (input) => JSON.parse(call(native.parse, text(input))),
  /** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
  create: (options) => call(native.create, JSON.stringify(options ?? {})),
  /** The Secret manifest, byte for byte as kubectl prints it. */
  toSecret: (config, options) => call(native.toSecret, text(config), JSON.stringify(options ?? {})),
  /** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
  lookup: (config, image, options) => JSON.parse(call(native.lookup, text(config), image, JSON.stringify(options ?? {}))),
  /** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
  convert: (config, options) => converted(call(native.convert, text(config), JSON.stringify(options ?? {}))),
  /** The config with the entry for `options.registry` added or replaced, every other byte kept. */
  add: (config, options) => call(native.add, text(config ?? ''), JSON.stringify(options ?? {})),
  /** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
  remove: (config, registry, options) => JSON.parse(call(native.remove, text(config), registry, JSON.stringify(options ?? {}))),
  /** `{ config, conflicts }`: the configs merged into the first one's layout. */
  merge: (configs, options) => JSON.parse(call(native.merge, configs.map(text), JSON.stringify(options ?? {}))),
  // ---- cluster objects ----
  /** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
  link: (serviceAccount, options) => JSON.parse(call(native.link, serviceAccount == null ? '' : text(serviceAccount), JSON.stringify(options ?? {}))),
  /** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
  grantPull: (options) => JSON.parse(call(native.grantPull, JSON.stringify(options ?? {}))),
  /** A Pod manifest with `imagePullSecrets`. */
  podSnippet: (options) => call(native.podSnippet, JSON.stringify(options ?? {})),
  /** An Argo Workflow manifest with `imagePullSecrets`. */
  workflowSnippet: (options) => call(native.workflowSnippet, JSON.stringify(options ?? {})),
  /** The auth server's and the registry's Secrets for delegated authentication. */
  delegatedAuth: (options) => JSON.parse(call(native.delegatedAuth, JSON.stringify(options ?? {}))),
  /** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
  globalPullSecret: (current, options) => JSON.parse(call(native.globalPullSecret, current == null ? '' : text(current), JSON.stringify(options ?? {}))),
};
