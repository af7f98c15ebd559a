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
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/napi ] || [ package.json -nt node_modules/.package-lock.json ]; then
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
# @napi-rs/cli builds the addon (`napi build --platform`, npm/node/package.json's "napi" field
# names the binary and the targets) and writes, next to it in npm/node/, the generated loader
# (napi.js: picks the platform package, detects musl, lists every load error when nothing loads,
# falls back to the WebAssembly build) and napi.d.ts (npm/types.d.ts, the dtsHeaderFile, then each
# #[napi] function with the signature of its ts_args_type/ts_return_type and its doc comment).
# Built here: the three artefacts this machine can check (the others: .github/workflows/release.yml).
# - linux-x64-gnu with the napi-rs cross toolchain (GCC on a glibc 2.17 sysroot, the npm package
#   @napi-rs/cross-toolchain-x64-target-x86_64), so the addon loads on RHEL/CentOS 7 and later.
#   The environment is the one `napi build --use-napi-cross` sets; the flag itself is not used
#   because its setup step fetches the toolchain again by `npm pack` at the version pinned by
#   @napi-rs/cli and decompresses it with a native module the registry here cannot provide.
# - linux-x64-musl with Debian's musl-gcc (napi build adds -crt-static: a dynamic musl addon).
# - wasm32-wasip1-threads: the same crate on emnapi, the fallback where no native binary loads.
rustup target add x86_64-unknown-linux-musl wasm32-wasip1-threads >/dev/null 2>&1 ||
  rustup target add x86_64-unknown-linux-musl wasm32-wasip1-threads
# musl-gcc links the musl addon; xz unpacks the cross toolchain (Debian's musl-tools, xz-utils).
missing=()
command -v musl-gcc >/dev/null 2>&1 || missing+=(musl-tools)
command -v xz >/dev/null 2>&1 || missing+=(xz-utils)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (Debian)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
TARGET_DIR=$(mkdir -p "${CARGO_TARGET_DIR:-target}" && cd "${CARGO_TARGET_DIR:-target}" && pwd)
CROSS="$TARGET_DIR/napi-cross/x86_64-unknown-linux-gnu"
CROSS_TAR=node_modules/@napi-rs/cross-toolchain-x64-target-x86_64/x86_64-unknown-linux-gnu.tar.xz
if [ ! -x "$CROSS/bin/x86_64-unknown-linux-gnu-gcc" ] || [ "$CROSS_TAR" -nt "$CROSS/.extracted" ]; then
  rm -rf "$CROSS" && mkdir -p "$CROSS"
  tar -xJf "$CROSS_TAR" -C "$CROSS"
  touch "$CROSS/.extracted"
fi
# Rust's musl target links the unwinder as libgcc_s.so.1 (Alpine's libgcc package at run time);
# musl-gcc searches only musl's directory, so give the linker a directory holding just that file.
mkdir -p "$TARGET_DIR/musl-link"
ln -sf "$(gcc -print-file-name=libgcc_s.so.1)" "$TARGET_DIR/musl-link/libgcc_s.so.1"

# Stripped: the profile's strip (napi's --strip adds `-s`, which the `--strip-debug` rustc passes
# after it cancels with the GNU linker).
profile_env="CARGO_PROFILE_$(printf '%s' "$NODE_PROFILE" | tr '[:lower:]-' '[:upper:]_')_STRIP"
# The build scripts and proc macros of every build are host (x86_64-unknown-linux-gnu) code: link
# them with the one linker in all three builds, or each build would rebuild them for the next.
host_env=(
  CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER="$CROSS/bin/x86_64-unknown-linux-gnu-gcc"
  CC_x86_64_unknown_linux_gnu="$CROSS/bin/x86_64-unknown-linux-gnu-gcc"
  AR_x86_64_unknown_linux_gnu="$CROSS/bin/x86_64-unknown-linux-gnu-ar"
)
napi_build() { # TARGET [ENV=VALUE...]
  local target=$1
  shift
  (cd npm/node && env "$profile_env=symbols" "${host_env[@]}" "$@" ../../node_modules/.bin/napi build --platform --strip \
    --profile "$NODE_PROFILE" --target "$target" --manifest-path ../../crates/pullsecret-node/Cargo.toml \
    --package-json-path package.json --output-dir . --js napi.js --dts napi.d.ts)
}
napi_build x86_64-unknown-linux-gnu
napi_build x86_64-unknown-linux-musl \
  CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_LINKER=musl-gcc RUSTFLAGS="-C link-arg=-L$TARGET_DIR/musl-link"
napi_build wasm32-wasip1-threads
# The platform packages carry their addon (as `napi artifacts` puts it there in the release
# workflow): tests/packages packs and installs them.
cp npm/node/pullsecret.linux-x64-gnu.node npm/node/npm/linux-x64-gnu/
cp npm/node/pullsecret.linux-x64-musl.node npm/node/npm/linux-x64-musl/
cp npm/node/pullsecret.wasm32-wasi.wasm npm/node/pullsecret.wasi.cjs npm/node/pullsecret.wasi-browser.js \
  npm/node/pullsecret.wasi.d.cts npm/node/wasi-worker.mjs npm/node/wasi-worker-browser.mjs npm/node/npm/wasm32-wasi/
# Before napi build, the addon was copied here as pullsecret.node; nothing loads it any more.
rm -f npm/node/pullsecret.node
# index.d.cts re-exports the data types from here (napi.d.ts has them too, after its header).
cp npm/types.d.ts npm/node/types.d.ts
# The loader prefers a .debug.wasm when one exists; the package ships the other one.
rm -f npm/node/pullsecret.wasm32-wasi.debug.wasm
# What the artefacts need from the system (glibc 2.17, musl only) is asserted by tests/native.test.mjs.
for f in npm/node/pullsecret.linux-x64-gnu.node npm/node/pullsecret.linux-x64-musl.node npm/node/pullsecret.wasm32-wasi.wasm; do
  printf '%8d bytes (%d gzip)  %s\n' "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)" "$f" >&2
done

say "native CLI"
# The `pullsecret` binary (crates/pullsecret-cli) for the two Linux x64 platform packages, which
# carry it beside the addon (the npm `pullsecret` package swaps it in at install time): the gnu
# one on the same glibc 2.17 toolchain as the addon (the CLI tests run it), the musl one static.
cli_build() { # TARGET PLATFORM [ENV=VALUE...]
  local target=$1 platform=$2
  shift 2
  env "$profile_env=symbols" "${host_env[@]}" "$@" cargo build --profile "$NODE_PROFILE" -p pullsecret-cli --target "$target"
  mkdir -p "npm/node/npm/$platform"
  cp "$TARGET_DIR/$target/$NODE_PROFILE/pullsecret" "npm/node/npm/$platform/pullsecret"
  printf '%8d bytes  npm/node/npm/%s/pullsecret\n' "$(wc -c <"npm/node/npm/$platform/pullsecret")" "$platform" >&2
}
cli_build x86_64-unknown-linux-gnu linux-x64-gnu
# Static (Rust's musl target links its own musl and crt objects; musl-gcc is for the addon).
cli_build x86_64-unknown-linux-musl linux-x64-musl

say "demo"
rm -rf web-demo/dist && mkdir -p web-demo/dist/pkg
cp web-demo/index.html web-demo/app.js web-demo/checker.js web-demo/style.css web-demo/dist/
cp npm/wasm/index.js web-demo/dist/pullsecret.js
# The glue in pkg/ imports PullSecretError from ../error.js (the package's own class).
cp npm/wasm/error.js web-demo/dist/error.js
cp npm/wasm/pkg/pullsecret_wasm.js npm/wasm/pkg/pullsecret_wasm_bg.wasm web-demo/dist/pkg/

node scripts/size.mjs "$NAMED"
