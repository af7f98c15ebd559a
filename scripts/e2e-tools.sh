#!/usr/bin/env bash
# Installs the real third-party clients the end-to-end suite (tests/e2e/registry.test.mjs) runs
# against pullsecret's output: Debian's CNCF distribution registry, htpasswd (bcrypt users),
# umoci (builds the test image offline), skopeo and podman (containers/image), openssl (throw-away
# CA). The Docker CLI and kubectl come with the machine image. Idempotent: a quick no-op when
# everything is present.
set -euo pipefail

need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v umoci >/dev/null 2>&1 || need+=(umoci)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v openssl >/dev/null 2>&1 || need+=(openssl)

if [ "${#need[@]}" -gt 0 ]; then
  echo "== installing ${need[*]} (Debian)" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
