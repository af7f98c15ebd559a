#!/usr/bin/env bash
# Type-checks small consumer projects against the declarations of @pullsecret/wasm and
# @pullsecret/node as npm resolves them (node_modules/@pullsecret/* are the workspace packages, so
# run scripts/build.sh first), strict and without skipLibCheck:
# - node16, nodenext, bundler: esm.ts (and cjs.cts where CommonJS applies) run every function
#   through exercise.ts, whose @ts-expect-error lines must stay errors; equal.ts asserts that both
#   packages export identical types;
# - nodom: a Node consumer without the DOM library (@pullsecret/node must not need it);
# - conformance: every succeeding vector's options and results, typed as declared
#   (conformance.mjs writes them by calling both packages).
# Exit 1 on any error.
set -uo pipefail
cd "$(dirname "$0")"
tsc=../../node_modules/.bin/tsc
[ -x "$tsc" ] || { echo "tests/types: run npm install first (typescript is a devDependency)" >&2; exit 1; }
passed=0
failed=0
check() { # NAME COMMAND...
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    echo "ok   types: $name"
    passed=$((passed + 1))
  else
    echo "FAIL types: $name"
    printf '%s\n' "$out" | sed 's/^/     /' | head -60
    failed=$((failed + 1))
  fi
}
for config in node16 nodenext bundler nodom; do
  check "$config" "$tsc" -p "tsconfig.$config.json"
done
check conformance sh -c "node conformance.mjs >/dev/null && '$tsc' -p tsconfig.conformance.json"
echo "types: $passed passed, $failed failed"
[ "$failed" = 0 ]
