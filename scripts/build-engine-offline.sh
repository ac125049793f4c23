#!/usr/bin/env bash
# Builds engine/ for wasm32-unknown-unknown on a machine with no crates.io access and no wasm32 std for
# rustup (our build machines). A user's machine does not need this: `npm run build:engine` runs plain
# cargo there (see docs/jsonpath-engine.md).
#
# What it does: Debian's rustc-web + rust-web-src (same version) rebuild std with -Z build-std; std's own
# dependencies come from rust-web-src's library/vendor; the crate's dependencies come from a directory of
# vendored crates through [patch.crates-io] entries written into a private CARGO_HOME; cargo is the rustup
# nightly's, rust-lld the linker. Nothing is written into engine/ but target/.
#
# Usage: build-engine-offline.sh CRATE_COPY_DIR OUT.wasm
#   ENGINE_VENDOR_DIR  directory holding vendor.tgz (and vendor-extra.tgz with uuid); on our machines it is
#                      /work/shared/panel-oracle, which is only a default for them.
#   WASM_TOOLCHAIN_DIR where the toolchain and the unpacked crates go (default /tmp/wasm-toolchain)
#   CARGO_TARGET_DIR   cargo's target directory (the caller points it at engine/target to keep builds warm)
set -euo pipefail
CRATE=$(cd "$1" && pwd); OUT=$2
VENDOR_SRC=${ENGINE_VENDOR_DIR:-/work/shared/panel-oracle}
WORK=${WASM_TOOLCHAIN_DIR:-/tmp/wasm-toolchain}
NIGHTLY=$(ls -d "${RUSTUP_HOME:-$HOME/.rustup}"/toolchains/nightly-* | head -n 1)
V=1.96.0+dfsg1-1~deb12u2
DEBROOT=$WORK/root; SRC=$WORK/src/usr/src/rustc-1.96.0
if [ ! -x "$DEBROOT/usr/bin/rustc" ]; then
  mkdir -p "$WORK/debs" && cd "$WORK/debs"
  apt-get download rust-web-src=$V rustc-web=$V libstd-rust-web-1.96=$V libstd-rust-web-dev=$V libllvm22
  for d in "$WORK"/debs/*.deb; do
    case $d in *rust-web-src*) dpkg -x "$d" "$WORK/src" ;; *) dpkg -x "$d" "$DEBROOT" ;; esac
  done
fi
mkdir -p "$DEBROOT/usr/lib/rustlib/src" && ln -sfn "$SRC" "$DEBROOT/usr/lib/rustlib/src/rust"
VENDOR=$WORK/vendor
if [ ! -d "$VENDOR" ]; then
  rm -rf "$WORK/v" && mkdir -p "$WORK/v"
  tar xzf "$VENDOR_SRC/vendor.tgz" -C "$WORK/v"
  mv "$WORK/v/vendor" "$VENDOR"
fi
if [ ! -d "$VENDOR/uuid-1.23.1" ]; then
  tar xzf "$VENDOR_SRC/vendor-extra.tgz" -C "$VENDOR"
fi
CFG=$WORK/cargo-home-engine; mkdir -p "$CFG"
cat > "$CFG/config.toml" <<CONF
[source.crates-io]
replace-with = "rust-src-vendor"
[source.rust-src-vendor]
directory = "$SRC/library/vendor"
[net]
offline = true
[patch.crates-io]
serde_json_path = { path = "$VENDOR/serde_json_path-0.7.2/serde_json_path" }
serde_json_path_core = { path = "$VENDOR/serde_json_path-0.7.2/serde_json_path_core" }
serde_json_path_macros = { path = "$VENDOR/serde_json_path-0.7.2/serde_json_path_macros" }
serde_json_path_macros_internal = { path = "$VENDOR/serde_json_path-0.7.2/serde_json_path_macros/src/internal" }
serde_json = { path = "$VENDOR/serde_json-1.0.150" }
serde = { path = "$VENDOR/serde-1.0.228/serde" }
serde_core = { path = "$VENDOR/serde-1.0.228/serde_core" }
serde_derive = { path = "$VENDOR/serde-1.0.228/serde_derive" }
zmij = { path = "$VENDOR/zmij-1.0.23" }
itoa = { path = "$VENDOR/itoa-1.0.18" }
memchr = { path = "$VENDOR/memchr-2.8.3" }
indexmap = { path = "$VENDOR/indexmap-2.14.0" }
hashbrown = { path = "$VENDOR/hashbrown-0.17.1" }
equivalent = { path = "$VENDOR/equivalent-1.0.2" }
regex = { path = "$VENDOR/regex-1.13.1" }
regex-automata = { path = "$VENDOR/regex-1.13.1/regex-automata" }
regex-syntax = { path = "$VENDOR/regex-1.13.1/regex-syntax" }
aho-corasick = { path = "$VENDOR/aho-corasick-1.1.3" }
nom = { path = "$VENDOR/nom-7.1.3" }
minimal-lexical = { path = "$VENDOR/minimal-lexical-0.2.1" }
inventory = { path = "$VENDOR/inventory-0.3.24" }
rustversion = { path = "$VENDOR/rustversion-1.0.22" }
thiserror = { path = "$VENDOR/thiserror-2.0.19" }
thiserror-impl = { path = "$VENDOR/thiserror-2.0.19/impl" }
proc-macro2 = { path = "$VENDOR/proc-macro2-1.0.107" }
quote = { path = "$VENDOR/quote-1.0.46" }
syn2 = { path = "$VENDOR/syn-2.0.119", package = "syn" }
syn3 = { path = "$VENDOR/syn-3.0.3", package = "syn" }
unicode-ident = { path = "$VENDOR/unicode-ident-1.0.24" }
uuid = { path = "$VENDOR/uuid-1.23.1" }
CONF
export CARGO_HOME=$CFG
export LD_LIBRARY_PATH=$DEBROOT/usr/lib/x86_64-linux-gnu
export RUSTC=$DEBROOT/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$NIGHTLY/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
# Path dependencies are not lint-capped; serde_core denies unused imports on wasm32.
export RUSTFLAGS="--cap-lints=warn"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$CRATE/target}
cd "$CRATE"
"$NIGHTLY/bin/cargo" build --release --offline --target wasm32-unknown-unknown -Z build-std=std,panic_abort
cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/panel_engine.wasm" "$OUT"
