// The npm packages checked as users get them (tests/packages/run.sh): each is packed, the
// tarballs are installed together into a fresh consumer project (.out/consumer), and every
// package gets the same checks (contents, ESM import, TypeScript under node16/nodenext/bundler,
// publint, attw). One line per package:
//   dir:   the package directory (npm pack runs there);
//   smoke: a module in consumer/ run with Node in the consumer project (imports and calls it);
//   types: a TypeScript file in consumer/ type-checked strict under node16, nodenext and bundler;
//   attw:  extra @arethetypeswrong/cli arguments;
//   bundlers: the package is built into the app of app/ by every bundler (bundlers.test.mjs);
//   direct: false for a package the consumer does not depend on itself (a platform package:
//           installed through @pullsecret/node's optionalDependencies, from its tarball);
//   contains: files the tarball must hold besides README.md, LICENSE and package.json;
//   lint:   false to leave publint out (a package whose binaries are built elsewhere);
//   entry:  false for a package without a module to import (the CLI's bin, a platform package's
//           binaries): attw has nothing to resolve there.
export const PACKAGES = [
  // ESM only by design: attw's esm-only profile leaves out `require`; the .wasm export is no module.
  { dir: 'npm/wasm', smoke: 'wasm.mjs', types: 'wasm.ts', attw: ['--profile', 'esm-only', '--exclude-entrypoints', './pullsecret_wasm_bg.wasm'], bundlers: true },
  { dir: 'npm/node', smoke: 'node.mjs', types: 'node.ts' },
  { dir: 'npm/cli', smoke: 'cli.mjs', entry: false },
  // Every platform package is packed (the ones built elsewhere hold no binary here) so that npm
  // installs each of @pullsecret/node's optionalDependencies from a tarball, never the registry.
  // The ones built here must hold their binaries (`contains`).
  ...['linux-x64-gnu', 'linux-x64-musl', 'linux-arm64-gnu', 'linux-arm64-musl', 'darwin-x64', 'darwin-arm64', 'win32-x64-msvc', 'wasm32-wasi'].map((p) => ({
    dir: `npm/node/npm/${p}`,
    direct: false,
    entry: false,
    contains: p.startsWith('linux-x64') ? [`pullsecret.${p}.node`, 'pullsecret'] : p === 'wasm32-wasi' ? ['pullsecret.wasm32-wasi.wasm'] : [],
    // The others' `main` is a binary only the release workflow builds: publint would say so.
    lint: p.startsWith('linux-x64') || p === 'wasm32-wasi',
  })),
];
