#!/usr/bin/env bash
# Checks that a .wasm uses only WebAssembly features Chrome 90 supports (no reference-types, SIMD,
# multi-value, tail calls, ...): validation with exactly that feature list must pass, and a module
# using a newer feature must fail it (checked first, so this check cannot pass vacuously).
set -euo pipefail
wasm=${1:?usage: check-wasm.sh FILE.wasm}
features=${WASM_FEATURES:-mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory}
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '(module (func (result v128) (v128.const i32x4 0 0 0 0)))' > "$probe/simd.wat"
if wasm-tools validate --features "$features" "$probe/simd.wat" 2>/dev/null; then
  echo "check-wasm: the feature list does not reject SIMD; the check is broken" >&2
  exit 1
fi
if ! wasm-tools validate --features "$features" "$wasm"; then
  echo "check-wasm: $wasm uses a feature outside: $features" >&2
  exit 1
fi
echo "check-wasm: $wasm validates with only: $features"
