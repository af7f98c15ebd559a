'use strict';
// @pullsecret/node: the pullsecret core as a Node-API addon. This file only adds ergonomics: the
// PullSecretError class. Arguments, results and errors cross as JavaScript values read and
// written by the Rust binding (crates/pullsecret-node, which checks every argument with the
// core's rules); every rule lives in the Rust core.
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

/** The addon's error (already carrying name, code, line, column) given the PullSecretError prototype. */
const adopt = (e) => {
  if (e instanceof Error && e.name === 'PullSecretError') Object.setPrototypeOf(e, PullSecretError.prototype);
  return e;
};

/** `fn`, its errors adopted. */
const typed = (fn) => (...args) => {
  try {
    return fn(...args);
  } catch (e) {
    throw adopt(e);
  }
};

/** `fn` returning a Promise, its rejections adopted (and an argument error a rejection too). */
const typedAsync = (fn) => (...args) =>
  new Promise((resolve) => resolve(fn(...args))).catch((e) => {
    throw adopt(e);
  });

const n = Object.fromEntries(Object.entries(native).filter(([, f]) => typeof f === 'function').map(([k, f]) => [k, typed(f)]));

module.exports = {
  PullSecretError,
  /** Every finding in a config, base64 config or Secret; never throws on bad content (only on an argument that is not text). `options.now` (seconds since the epoch, `Date.now() / 1000`) checks tokens' expiry. */
  validate: (input, options) => n.validate(input, options),
  /** The credentials in a config, base64 config or Secret. */
  parse: (input) => n.parse(input),
  /** The `.dockerconfigjson` text `kubectl create secret docker-registry` builds. */
  create: (options) => n.create(options),
  /** The Secret manifest, byte for byte as kubectl prints it. */
  toSecret: (config, options) => n.toSecret(config, options),
  /** Which entry a client (kubelet, containers, docker) uses to pull `image`, in its order. */
  lookup: (config, image, options) => n.lookup(config, image, options),
  /** Why a pod cannot pull: per image, the entry kubelet sends or why none is, what the registry answered, and the fix. */
  explain: (input, options) => n.explain(input, options),
  fix: (input, options) => n.fix(input, options),
  /** A config read once: `.lookup(image, options)` answers as `lookup(config, image, options)`, without parsing it again. */
  readPullSecret: (config) => {
    const handle = n.readPullSecret(config);
    return { lookup: typed((image, options) => handle.lookup(image, options)) };
  },
  /** The credentials written as `options.to` (auth.json, config.json, dockercfg, rkt, butane, mesos). */
  convert: (config, options) => n.convert(config, options),
  /** The config with the entry for `options.registry` added or replaced, every other byte kept. */
  add: (config, options) => n.add(config, options),
  /** `{ config, removed }`: the entry for `registry` removed (every spelling with `aliases`). */
  remove: (config, registry, options) => n.remove(config, registry, options),
  /** `{ config, conflicts }`: the configs merged into the first one's layout. */
  merge: (list, options) => n.merge(list, options),
  // ---- cluster objects ----
  /** The ServiceAccount after `oc secrets link`, as an object and as a `kubectl patch`. */
  link: (serviceAccount, options) => n.link(serviceAccount, options),
  /** The RoleBinding `oc policy add-role-to-user|group system:image-puller` creates. */
  grantPull: (options) => n.grantPull(options),
  /** A Pod manifest with `imagePullSecrets`. */
  podSnippet: (options) => n.podSnippet(options),
  /** An Argo Workflow manifest with `imagePullSecrets`. */
  workflowSnippet: (options) => n.workflowSnippet(options),
  /** The auth server's and the registry's Secrets for delegated authentication. */
  delegatedAuth: (options) => n.delegatedAuth(options),
  /** The OpenShift global pull secret (or HyperShift additional pull secret) with logins added or replaced. */
  globalPullSecret: (current, options) => n.globalPullSecret(current, options),
  // ---- the network ----
  /** Are the credentials still good? Asks the registries, off the main thread: one result per credential, with the reason and the fix (never a credential). */
  verify: typedAsync((input, options) => native.verify(input, options)),
  /** The `pullsecret verify` command line for a file, quoted for a POSIX shell (no secret in it). */
  verifyCommand: (file, options) => n.verifyCommand(file, options),
};
