#!/usr/bin/env bash
# The npm packages as users get them: packs each package of tests/packages/packages.mjs, installs
# the tarballs into a fresh consumer project, and checks them (packages.test.mjs: contents, Node
# ESM import, TypeScript node16/nodenext/bundler, publint, attw; bundlers.test.mjs: a one-page
# app built by Vite, webpack, esbuild and Rollup, opened in headless Chromium, and vitest).
# Needs scripts/build.sh first (the packages' build output, the root's typescript and
# playwright-core) and /usr/bin/chromium. Installs its own pinned tools (package.json here).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
node prepare.mjs
node --test --test-concurrency=1 packages.test.mjs bundlers.test.mjs
