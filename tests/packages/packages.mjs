// The npm packages checked as users get them (tests/packages/run.sh): each is packed, the
// tarballs are installed together into a fresh consumer project (.out/consumer), and every
// package gets the same checks (contents, ESM import, TypeScript under node16/nodenext/bundler,
// publint, attw). One line per package:
//   dir:   the package directory (npm pack runs there);
//   smoke: a module in consumer/ run with Node in the consumer project (imports and calls it);
//   types: a TypeScript file in consumer/ type-checked strict under node16, nodenext and bundler;
//   attw:  extra @arethetypeswrong/cli arguments;
//   bundlers: the package is built into the app of app/ by every bundler (bundlers.test.mjs).
// @pullsecret/node, its platform packages and the `pullsecret` CLI package are added the same way.
export const PACKAGES = [
  // ESM only by design: attw's esm-only profile leaves out `require`; the .wasm export is no module.
  { dir: 'npm/wasm', smoke: 'wasm.mjs', types: 'wasm.ts', attw: ['--profile', 'esm-only', '--exclude-entrypoints', './pullsecret_wasm_bg.wasm'], bundlers: true },
];
