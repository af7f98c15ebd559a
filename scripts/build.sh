#!/usr/bin/env bash
# Builds everything from a fresh machine: the wasm package, the Node addon, the npm workspace.
# Idempotent and quick when nothing changed. Installs what it needs (see README "Set up").
set -euo pipefail
cd "$(dirname "$0")/.."

# Release builds by default (what ships: full LTO); scripts/test.sh sets PULLSECRET_PROFILE=fast
# (thin LTO, 16 codegen units) for the Node addon so a cold test run stays quick on two cores.
# The wasm package is always built as it ships: its size is checked against the budget.
WASM_PROFILE=wasm
case "${PULLSECRET_PROFILE:-release}" in
  release) NODE_PROFILE=release ;;
  fast) NODE_PROFILE=fast ;;
  *) echo "PULLSECRET_PROFILE must be release or fast" >&2; exit 2 ;;
esac

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

say "toolchain"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown
# wasm-bindgen-cli must match the wasm-bindgen crate exactly: read the version from Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -z "${WB_VERSION}" ]; then
  cargo generate-lockfile >/dev/null 2>&1
  WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen ${WB_VERSION}"; then
  say "installing wasm-bindgen-cli ${WB_VERSION} (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "${WB_VERSION}"
fi

say "npm packages"
if [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi

say "wasm"
cargo build --profile "$WASM_PROFILE" -p pullsecret-wasm --target wasm32-unknown-unknown
rm -rf npm/wasm/pkg
# The .d.ts wasm-bindgen writes declares the functions with the TypeScript types of their
# #[wasm_bindgen(unchecked_param_type, unchecked_return_type)] attributes and Rust doc comments.
wasm-bindgen --target web --out-dir npm/wasm/pkg \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$WASM_PROFILE/pullsecret_wasm.wasm"
# -Oz, then strip: the optimised module keeps its function names in target/size/ so that
# scripts/size.mjs can say which crate each byte comes from (twiggy); the package gets the
# stripped copy.
mkdir -p "${CARGO_TARGET_DIR:-target}/size"
NAMED="${CARGO_TARGET_DIR:-target}/size/pullsecret_wasm_bg.named.wasm"
node_modules/.bin/wasm-opt -Oz --debuginfo npm/wasm/pkg/pullsecret_wasm_bg.wasm -o "$NAMED"
node_modules/.bin/wasm-opt --strip-debug --strip-producers "$NAMED" -o npm/wasm/pkg/pullsecret_wasm_bg.wasm

say "node addon"
# napi-derive records each #[napi] function's TypeScript signature (its ts_args_type/ts_return_type
# attributes) and doc comment while it compiles the crate, into a file named after the crate in
# NAPI_TYPE_DEF_TMP_FOLDER; scripts/napi-dts.mjs turns them into npm/node/napi.d.ts.
mkdir -p "${CARGO_TARGET_DIR:-target}/napi-type-defs"
defs=$(cd "${CARGO_TARGET_DIR:-target}/napi-type-defs" && pwd)
NAPI_TYPE_DEF_TMP_FOLDER="$defs" cargo build --profile "$NODE_PROFILE" -p pullsecret-node
if [ ! -s "$defs/pullsecret-node" ]; then
  # Compiled before the folder was set: nothing was recorded. Compile the binding crate again.
  touch crates/pullsecret-node/src/lib.rs
  NAPI_TYPE_DEF_TMP_FOLDER="$defs" cargo build --profile "$NODE_PROFILE" -p pullsecret-node
fi
node scripts/napi-dts.mjs "$defs/pullsecret-node" npm/types.d.ts npm/node/napi.d.ts
cp "${CARGO_TARGET_DIR:-target}/$NODE_PROFILE/libpullsecret_node.so" npm/node/pullsecret.node

say "native CLI"
# The `pullsecret` binary goes where the Linux x64 gnu platform package carries it (the npm
# `pullsecret` bin swaps it in at install time); the CLI tests run it from there.
cargo build --profile "$NODE_PROFILE" -p pullsecret-cli
mkdir -p npm/node/npm/linux-x64-gnu
cp "${CARGO_TARGET_DIR:-target}/$NODE_PROFILE/pullsecret" npm/node/npm/linux-x64-gnu/pullsecret

say "demo"
rm -rf web-demo/dist && mkdir -p web-demo/dist/pkg
cp web-demo/index.html web-demo/app.js web-demo/style.css web-demo/dist/
cp npm/wasm/index.js web-demo/dist/pullsecret.js
# The glue in pkg/ imports PullSecretError from ../error.js (the package's own class).
cp npm/wasm/error.js web-demo/dist/error.js
cp npm/wasm/pkg/pullsecret_wasm.js npm/wasm/pkg/pullsecret_wasm_bg.wasm web-demo/dist/pkg/

node scripts/size.mjs "$NAMED"
