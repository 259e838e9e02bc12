#!/usr/bin/env bash
# Sets everything up and runs the main job: for now, rebuilds the dataset and prints its report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo run --release --quiet -- data build
