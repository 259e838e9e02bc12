#!/usr/bin/env bash
# Runs every test: native unit and integration tests, the data freshness check, the widget's
# components in headless Chromium (wasm-bindgen-test), then the built dist/ end to end in Chromium
# (playwright-core): browser tests, the JS API against the CLI, the JS syntax check and the budgets;
# and the core behaviours in Firefox ESR and WebKitGTK over WebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

cargo test --release
cargo run --release --quiet -- data check --quiet

echo "test: build dist/" >&2
scripts/build-web.sh dist

echo "test: components in Chromium (wasm-bindgen-test, over dist/policies.idx)" >&2
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_DIR=target/wasm-test \
  cargo test --target wasm32-unknown-unknown --manifest-path tests/web/Cargo.toml

echo "test: expected ids of the dev queries from the CLI" >&2
node tests/e2e/cli-expected.mjs > target/cli-expected.json

echo "test: end to end in Chromium" >&2
cd tests/e2e
export PS_CLI_EXPECTED=../../target/cli-expected.json
node --test --test-concurrency=1 tests/
for engine in firefox webkit; do
  echo "test: core behaviours in $engine (WebDriver)" >&2
  PS_ENGINE=$engine node --test --test-concurrency=1 engines/
done
node bench.mjs
