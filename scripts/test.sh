#!/usr/bin/env bash
# Installs everything a fresh machine lacks, builds, and runs every test:
# rustfmt and clippy, the Rust tests (units, vectors, layers, docs, property tests), the shared
# vectors through wasm, napi and napi's WebAssembly fallback, the glibc 2.17 and musl checks of
# the Node addons, the TypeScript checks, the CLI, the hostile-input suite (core, both packages,
# the CLI: tests/hostile/cases.json), the kubectl differential suite,
# the lookup vectors against skopeo and the Docker CLI, the real-registry suite and the demo page
# in headless Chromium, the fuzz corpus replay and a short fuzz smoke run. Prints each phase's
# time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

# `need CMD PACKAGE...`: install the Debian packages when CMD is missing (quick when present).
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  shift
  echo "== installing $* (Debian)" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# `phase NAME CMD...`: runs CMD, remembering how long it took.
PHASES=()
phase() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name" >&2
  "$@"
  PHASES+=("$(printf '%5ds  %s' $((SECONDS - start)) "$name")")
}
report() {
  echo "== phase times" >&2
  printf '%s\n' "${PHASES[@]}" >&2
}
trap report EXIT

phase "tools: chromium (Debian)" need chromium chromium chromium-driver
# The real clients: docker-registry, htpasswd, umoci, skopeo, podman, openssl (registry suite,
# skopeo/docker lookup checks, convert and podman login/logout differentials).
phase "tools: real clients (Debian)" bash scripts/e2e-tools.sh
# musl-gcc links the linux-x64-musl addon (scripts/build.sh installs it too when run alone).
phase "tools: musl-tools (Debian)" need musl-gcc musl-tools
phase "tools: rustfmt, clippy" rustup component add rustfmt clippy
# twiggy: the build's size report says which crate each byte of the wasm package comes from.
phase "tools: twiggy" bash -c 'command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --quiet' 

phase "rustfmt --check" cargo fmt --all -- --check
# The builds of the test command use the fast profile (thin LTO); release builds use full LTO.
export PULLSECRET_PROFILE=fast
phase "build (wasm, napi: linux-x64-gnu, linux-x64-musl, wasm32-wasi; demo; fast profile)" bash scripts/build.sh
phase "clippy -D warnings" cargo clippy --workspace --all-targets --all-features --profile fast -- -D warnings

phase "TypeScript: consumers under node16, nodenext, bundler (tests/types/check.sh)" bash tests/types/check.sh
phase "kubectl versions for the differential test" bash scripts/fetch-kubectl.sh
phase "kubernetes-validate" bash scripts/install-schema-check.sh

# With the ts feature, tests/types.rs also checks that npm/types.d.ts is current.
phase "cargo test (core: units, vectors, layers, docs, types, properties, doctests; CLI: run(); fuzz corpus and crash replay)" \
  cargo test -p pullsecret -p pullsecret-cli -p pullsecret-fuzz --profile fast --features pullsecret/ts
# Coverage-guided fuzzing (AFL++ through cargo-afl, pinned and installed by the script): every
# target for 1 s (under a minute in all); a new crash fails the run (docs/dev/fuzzing.md).
phase "fuzz smoke (scripts/fuzz.sh smoke)" bash scripts/fuzz.sh smoke 1

phase "packages: packed tarballs, bundlers in Chromium" bash tests/packages/run.sh

shopt -s nullglob
# The spec reporter ends with every failing test and its error, so a failure is in the last lines
# of the log (TAP would leave it among 2,000 results).
phase "node tests (vectors via wasm, napi and its fallback, native artefacts, CLI, differentials, registry, demo)" \
  node --test --test-reporter=spec tests/*.test.mjs tests/e2e/*.test.mjs
# The same CLI suites through the npm bin without its install step: Node runs the Rust CLI
# through the addon (@pullsecret/node/cli's runCli).
phase "CLI tests through the npm launcher (PULLSECRET_CLI=npm)" \
  env PULLSECRET_CLI=npm node --test --test-reporter=spec tests/cli.test.mjs tests/edit-cli.test.mjs tests/cli-files.test.mjs tests/check-cli.test.mjs tests/check-config.test.mjs tests/explain-cli.test.mjs tests/fix-cli.test.mjs

# A benchmark, not a test: start-up ratios against kubectl, side by side in one run.
phase "benchmark: create secret vs kubectl (bench/cli.mjs)" node bench/cli.mjs 20
