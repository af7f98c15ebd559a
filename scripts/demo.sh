#!/usr/bin/env bash
# Builds everything on a fresh machine and serves the demo page on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec node scripts/serve.mjs
