#!/usr/bin/env bash
# bench.sh - the speed tables of docs/PERFORMANCE.md. Builds what it needs, then
#   1. in one Node process: our WASM + SIMD128 and scalar WASM builds of the JS module,
#      tfjs-backend-wasm (XNNPACK, 1 thread) and tfjs-backend-cpu (bench/bench_web.mjs);
#   2. in another: the seeded shape sweep, convolutions, pooling and Dense against
#      tfjs-backend-wasm and the machine's SIMD ceiling (bench/sweep_web.mjs);
#   3. natively: Google Benchmark of the reference, scalar, SSE2 and AVX2 kernels
#      (bench/conv_bench.cpp), unless --web-only;
#   4. training: one epoch of the digits CNNs by ours (native, WASM SIMD, WASM scalar),
#      PyTorch and TensorFlow.js side by side (scripts/bench-train.sh; alone: --train-only).
#   scripts/bench.sh [--web-only | --native-only | --sweep-only | --train-only] [--quick]
# The measurement behind conv2d_f32's choice of path is separate:
#   node bench/conv_paths.mjs; build/native/convscope_bench --benchmark_filter=conv2d_paths
# Use a quiet machine: the 2-core boxes this runs on share their cores, and busy
# cores inflate every time (the load average is printed with the table).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh
export CONVSCOPE_JOBS="${CONVSCOPE_JOBS:-2}"

web=1 sweep=1 native=1 train=1 quick=()
for arg in "$@"; do
  case "$arg" in
    --web-only) native=0 train=0 ;;
    --native-only) web=0 sweep=0 train=0 ;;
    --sweep-only) web=0 native=0 train=0 ;;
    --train-only) web=0 sweep=0 native=0 ;;
    --quick) quick=(--quick) ;;
    *) echo "bench: error: unknown option '$arg' (--web-only, --native-only, --sweep-only, --train-only, --quick)" >&2; exit 2 ;;
  esac
done
if [ "$train" = 1 ] && [ "$web" = 0 ] && [ "$sweep" = 0 ] && [ "$native" = 0 ]; then
  train_budget=60
  [ ${#quick[@]} -gt 0 ] && train_budget=20
  exec bash scripts/bench-train.sh --tfjs-budget "$train_budget"
fi

if [ "$web" = 1 ] || [ "$sweep" = 1 ]; then
  echo "== build: JS module and kernels module, WASM + SIMD128 and scalar" >&2
  bash scripts/build.sh wasm --target convscope_core_js_entry wasm_peak kernels_module >&2
  bash scripts/build.sh wasm-scalar --target convscope_core_js_entry kernels_module >&2
fi
if [ "$native" = 1 ]; then
  echo "== build: native benchmark" >&2
  bash scripts/build.sh native --target convscope_bench >&2
fi

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ "$web" = 1 ]; then
  echo
  node bench/bench_web.mjs --simd build/wasm --scalar build/wasm-scalar "${quick[@]}"
fi
if [ "$sweep" = 1 ]; then
  echo
  node bench/sweep_web.mjs --simd build/wasm --scalar build/wasm-scalar "${quick[@]}"
fi
if [ "$native" = 1 ]; then
  echo
  min_time=0.5
  [ ${#quick[@]} -gt 0 ] && min_time=0.05
  build/native/convscope_bench --benchmark_min_time="$min_time" --benchmark_filter=-conv2d_paths
fi
if [ "$train" = 1 ]; then
  echo
  train_budget=60
  [ ${#quick[@]} -gt 0 ] && train_budget=20
  bash scripts/bench-train.sh --tfjs-budget "$train_budget"
fi
