#!/usr/bin/env bash
# Type-checks a small consumer project against the declarations of @pullsecret/wasm and
# @pullsecret/node as npm resolves them (node_modules/@pullsecret/* are the workspace packages, so
# run scripts/build.sh first): one tsc run per moduleResolution (node16, nodenext, bundler) and one
# for a Node consumer without the DOM library; strict, without skipLibCheck. The consumer files
# (exercise.ts, equal.ts, esm.ts, cjs.cts) say what each proves. Exit 1 on any error.
set -uo pipefail
cd "$(dirname "$0")"
tsc=../../node_modules/.bin/tsc
[ -x "$tsc" ] || { echo "tests/types: run npm install first (typescript is a devDependency)" >&2; exit 1; }
failed=0
for config in node16 nodenext bundler nodom; do
  if out=$("$tsc" -p "tsconfig.$config.json" 2>&1); then
    echo "ok   types: $config"
  else
    echo "FAIL types: $config"
    printf '%s\n' "$out" | sed 's/^/     /'
    failed=$((failed + 1))
  fi
done
echo "types: $((4 - failed)) passed, $failed failed"
[ "$failed" = 0 ]
