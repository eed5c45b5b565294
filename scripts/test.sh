#!/usr/bin/env bash
# test.sh - set-up if needed, build native and WebAssembly, run every test:
# the native GoogleTest suite, the same suite as WASM+SIMD under Node, the
# desktop window under Xvfb, the browser tests in headless Chromium; then the
# native suite again under AddressSanitizer + UBSan (asan preset) and each
# libFuzzer target for CONVSCOPE_FUZZ_SECONDS (default 20) from its seeds.
# Exits non-zero on any failure; ends with the fuzzers' summary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
source scripts/env.sh
export CONVSCOPE_JOBS="${CONVSCOPE_JOBS:-$(nproc)}"

echo "== build: native"
bash scripts/build.sh native
echo "== build: wasm (SIMD128)"
bash scripts/build.sh wasm
echo "== build: wasm without SIMD (the JS module's fallback, tested beside the SIMD one)"
bash scripts/build.sh wasm-scalar
echo "== build: asan (AddressSanitizer + UndefinedBehaviorSanitizer, clang-14)"
bash scripts/build.sh asan
echo "== build: fuzz (libFuzzer targets, clang-14)"
bash scripts/build.sh fuzz

# The fuzzers first, so the run ends with ctest's summaries.
status=0
echo "== fuzz: each target for ${CONVSCOPE_FUZZ_SECONDS:-20} s"
CONVSCOPE_FUZZ_SKIP_BUILD=1 CONVSCOPE_FUZZ_SEED="${CONVSCOPE_FUZZ_SEED:-1}" bash scripts/fuzz.sh "${CONVSCOPE_FUZZ_SECONDS:-20}" || status=1
echo "== tests: native under AddressSanitizer + UBSan"
ctest --preset asan -j"$CONVSCOPE_JOBS" || status=1
echo "== tests: native"
ctest --preset native -j"$CONVSCOPE_JOBS" || status=1
echo "== tests: WebAssembly (Node) and browser"
ctest --preset wasm -j1 || status=1
exit $status
