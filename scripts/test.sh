#!/usr/bin/env bash
# Installs everything a fresh machine lacks, builds, and runs every test:
# Rust unit + vector tests, the TypeScript declarations (tests/types), the shared vectors through
# wasm and napi, the CLI, the kubectl differential suite, the lookup vectors against skopeo and the
# Docker CLI, and the demo page in headless Chromium.
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
need chromium chromium chromium-driver
# The real clients: docker-registry, htpasswd, umoci, skopeo, podman, openssl (registry suite,
# skopeo/docker lookup checks, convert and podman login/logout differentials).
bash scripts/e2e-tools.sh

bash scripts/build.sh

echo "== TypeScript declarations: consumers under node16, nodenext, bundler (tests/types/check.sh)" >&2
bash tests/types/check.sh

echo "== kubectl versions for the differential test" >&2
bash scripts/fetch-kubectl.sh
bash scripts/install-schema-check.sh   # kubernetes-validate for tests/e2e/schema.test.mjs

echo "== cargo test (core; with the ts feature, tests/types.rs checks that npm/types.d.ts is current)" >&2
cargo test -p pullsecret --features ts

echo "== node tests (vectors via wasm and napi, CLI, edit CLI, kubectl and podman differentials, skopeo and docker lookups, demo page)" >&2
shopt -s nullglob
node --test tests/*.test.mjs tests/e2e/*.test.mjs
