#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine of this kind, idempotently: quick when
# everything is already there. Every other script calls this first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Native toolchain: the machine's rustup toolchain is all the data and engine need.
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup" >&2; exit 1; }
