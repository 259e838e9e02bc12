#!/usr/bin/env bash
# Builds dist/ (or the folder given as $1): a self-contained static folder with the widget's entry
# module policy-search.js, the wasm-bindgen glue as a module of its own, the optimised .wasm, the policy
# index and the demo pages. cargo (nightly, std rebuilt without reference-types so Chrome 90 can run
# it) → wasm-bindgen → short import names → wasm-opt, then the feature check; esbuild minifies the JS
# and lowers it to ES2017 (keeping import.meta). Expects scripts/setup.sh to have run.
#
# What the widget downloads does not depend on the host compressing it: the .wasm and the index are
# also written gzip-compressed (zopfli, the densest gzip encoder) as NAME.gz, which the entry module
# fetches and inflates with the browser's own DecompressionStream; so is the glue. Their names carry a
# hash of their content (policy-search-glue.HASH.js, policy-search.HASH.wasm, policies-head.HASH.idx,
# policies-readings.HASH.idx), so a host may let browsers cache them for a year; the entry module
# keeps its name, and esbuild writes the hashed names into it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}

# The features Chrome 90 has (and nothing else): the final .wasm is validated against this list.
export WASM_FEATURES="mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory"

echo "build-web: index" >&2
mkdir -p "$out"
rm -f "$out"/policy-search.*.wasm* "$out"/policy-search-glue.*.js* "$out"/policies*.idx* "$out"/policy_search_bg.wasm
cargo run --release --quiet -- index --input data/policies.json --out "$out/policies.idx" --parts

# Panics abort at once: with no panic hook their messages never reach the console anyway, so the
# formatting code would be dead weight.
echo "build-web: wasm (nightly, build-std)" >&2
CARGO_TARGET_DIR=target/wasm \
RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory -Z unstable-options -C panic=immediate-abort" \
  cargo +nightly build --quiet -Z build-std=std,panic_abort --profile wasm --target wasm32-unknown-unknown --lib

echo "build-web: wasm-bindgen, wasm-opt, esbuild" >&2
glue=target/web-glue
rm -rf "$glue"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$glue" --out-name policy_search target/wasm/wasm32-unknown-unknown/wasm/policy_search.wasm
# Short import names in the wasm and its glue alike (5 KB less in each; see the script).
node scripts/shorten-imports.mjs "$glue/policy_search_bg.wasm" "$glue/policy_search.js"
# -ocimfs 10: wasm-opt inlines every function that has a single caller, whatever its size, which fused
# the whole index loader into one 26 KB function. The browser compiles a wasm function lazily on its
# first call and moves a hot one to optimised code only for its next call, so that giant ran entirely
# in baseline code and its optimisation (~125 ms on the other core, during start-up) was wasted.
# Inlining only the tiny ones also compresses better: at 200 IR nodes the gzipped file was 197 KB, at
# 10 it is 186 KB (--converge, which repeats the passes until the file stops shrinking, saves 0.5 KB).
tests/e2e/node_modules/.bin/wasm-opt -Oz -ocimfs 10 --converge --mvp-features --enable-mutable-globals --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-bulk-memory \
  "$glue/policy_search_bg.wasm" -o "$glue/optimised.wasm"
echo "build-web: feature check" >&2
scripts/check-wasm.sh "$glue/optimised.wasm"

# Content-hashed copies, each beside its gzip form: the wasm, and the index in the two parts the widget
# downloads (the head for first results, the pinyin readings after them). The whole index keeps its
# plain name, policies.idx, for the command line and for pages that name an index with `src`.
hashed() { # FILE STEM EXT → prints the hashed name it wrote into $out, with NAME.gz beside it
  local name="$2.$(sha256sum "$1" | cut -c1-12).$3"
  cp "$1" "$out/$name"
  zopfli --i15 -c "$1" > "$out/$name.gz"
  echo "$name"
}
# The glue is a module of its own, so that it too can be downloaded gzipped (see www/policy-search.js).
tests/e2e/node_modules/.bin/esbuild "$glue/policy_search.js" --format=esm --target=es2017 \
  --supported:import-meta=true --minify --legal-comments=none --log-level=warning --outfile="$glue/glue.js"
glue_name=$(hashed "$glue/glue.js" policy-search-glue js)
wasm_name=$(hashed "$glue/optimised.wasm" policy-search wasm)
index_name=$(hashed "$out/policies.head" policies-head idx)
readings_name=$(hashed "$out/policies.readings" policies-readings idx)
rm "$out/policies.head" "$out/policies.readings"
cp www/policy-search.js "$glue/"
tests/e2e/node_modules/.bin/esbuild "$glue/policy-search.js" --format=esm --target=es2017 \
  --supported:import-meta=true --supported:dynamic-import=true --minify --legal-comments=none --log-level=warning \
  --define:PS_ASSETS="{\"glue\":\"$glue_name\",\"wasm\":\"$wasm_name\",\"index\":\"$index_name\",\"readings\":\"$readings_name\"}" \
  --outfile="$out/policy-search.js"

cp www/*.html www/*.css www/api.js "$out/"
echo "build-web: $out/ ready" >&2
