'use strict';
// @pullsecret/node/cli: the `pullsecret` command (crates/pullsecret-cli, the same Rust code as the
// native binary) run in this process through the addon. The npm `pullsecret` bin uses it where
// its install step could not put the native binary in place (install scripts off).
const native = require('./binding.cjs');

/** Runs `pullsecret ARGS` with this process's stdin, stdout and stderr; returns the exit status. */
exports.runCli = (args) => native.runCli([...args]);
