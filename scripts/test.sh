#!/usr/bin/env bash
# Installs everything a fresh machine lacks, builds, and runs every test:
# Rust unit + vector tests, the shared vectors through wasm and napi, the CLI, the kubectl
# differential suite, and the demo page in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (Debian)" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

bash scripts/build.sh
bash scripts/e2e-tools.sh   # registry, htpasswd, umoci, skopeo, podman for tests/e2e/registry.test.mjs

echo "== cargo test (core)" >&2
cargo test -p pullsecret

echo "== node tests (vectors via wasm and napi, CLI, kubectl differential, demo page)" >&2
shopt -s nullglob
node --test tests/vectors.test.mjs tests/cli.test.mjs tests/e2e/*.test.mjs
