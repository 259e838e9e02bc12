#!/usr/bin/env bash
# Runs every test: native unit and integration tests, then the data freshness check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --release
cargo run --release --quiet -- data check --quiet
