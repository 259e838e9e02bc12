#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine of this kind, idempotently: quick when
# everything is already there. Every other script calls this first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Native toolchain: the machine's rustup toolchain is all the data and engine need.
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup" >&2; exit 1; }

# System packages: clang/llvm for C code built for wasm32, Chromium and its driver for the browser
# tests, Firefox ESR and WebKitGTK's WebDriver (with MiniBrowser) for the other engines, Xvfb (and
# xauth, which xvfb-run needs) because MiniBrowser wants a display, a CJK font so screenshots show
# Chinese, brotli for the size budget, zopfli for the pre-compressed assets; Node.js and npm (on the
# machine already; from Debian where they are not) for the e2e tests.
apt_packages=(clang llvm chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth fonts-wqy-microhei brotli zopfli)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: apt-get install ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust for the browser: the wasm target on stable (browser tests) and nightly with rust-src, whose
# std is rebuilt without reference-types so the widget runs on Chrome 90.
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup +nightly target list --installed | grep -qx wasm32-unknown-unknown \
  || rustup +nightly target add wasm32-unknown-unknown
rustup +nightly component list --installed | grep -q '^rust-src' || rustup +nightly component add rust-src

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock (no --locked: its own lock
# pins a crate version the registry no longer serves).
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]]; then
  echo "setup: cargo install wasm-bindgen-cli $wb_version" >&2
  cargo install --quiet wasm-bindgen-cli --version "$wb_version" --force
fi
# geckodriver, Firefox's WebDriver (Debian does not package it): ~2.5 min to build once.
geckodriver_version=0.37.1
if [[ "$(geckodriver --version 2>/dev/null | head -1)" != "geckodriver $geckodriver_version"* ]]; then
  echo "setup: cargo install geckodriver $geckodriver_version" >&2
  cargo install --quiet geckodriver --version "$geckodriver_version" --force
fi
# wasm-tools, only its validator: checks the final .wasm's feature set.
command -v wasm-tools >/dev/null || cargo install --quiet wasm-tools --no-default-features --features validate,print

# npm packages of the browser tests (with Pagefind, the bench's cold-load reference), and binaryen's
# wasm-opt for the build (Debian's is too old).
if [[ ! -x tests/e2e/node_modules/.bin/wasm-opt || ! -x tests/e2e/node_modules/.bin/pagefind \
  || tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
