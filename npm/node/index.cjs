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
};
