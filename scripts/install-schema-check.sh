#!/usr/bin/env bash
# Installs the offline Kubernetes schema checker (kubernetes-validate, with PyYAML as the real YAML
# parser) under tests/.cache/pylib for tests/e2e/schema.test.mjs. Idempotent: a no-op when the
# pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.37.0
DEST=tests/.cache/pylib
if [ -f "$DEST/.kubernetes-validate-$VERSION" ]; then
  exit 0
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "== installing python3-pip (Debian)" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 python3-pip >/dev/null
fi
echo "== installing kubernetes-validate $VERSION into $DEST" >&2
rm -rf "$DEST"
python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
  --target "$DEST" "kubernetes-validate==$VERSION"
touch "$DEST/.kubernetes-validate-$VERSION"
