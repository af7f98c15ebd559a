// The `pullsecret` command under test. By default the native binary, as the build leaves it in
// the Linux x64 gnu platform package (the binary the npm bin swaps in at install time). With
// PULLSECRET_CLI=npm, the npm `pullsecret` bin run by Node (the route without install scripts:
// the same Rust CLI through @pullsecret/node's `runCli`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

/** The native binary built by scripts/build.sh. */
export const nativeBin = fileURLToPath(new URL('npm/node/npm/linux-x64-gnu/pullsecret', root));

/** The npm package's bin script (a Node script until its install step swaps the binary in). */
export const npmBin = fileURLToPath(new URL('npm/cli/bin/pullsecret', root));

/** The program and its first arguments. */
export const command = process.env.PULLSECRET_CLI === 'npm' ? [process.execPath, npmBin] : [nativeBin];

/** Runs `pullsecret ARGS` with `input` on stdin; `spawnSync`'s result (text unless `encoding` says otherwise). */
export const run = (args, input, options = {}) =>
  spawnSync(command[0], [...command.slice(1), ...args], { input, encoding: 'utf8', ...options });

/** `pullsecret ARGS` as one shell command line. */
export const shellLine = (args) => [...command, ...args].map((a) => JSON.stringify(a)).join(' ');
