#!/usr/bin/env bash
# build.sh - configures and builds one CMake preset (native, wasm, ...).
#   scripts/build.sh PRESET [cmake build args...]
# WebAssembly presets are configured through emcmake so the Emscripten
# toolchain and the Node test emulator are set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
preset="${1:?usage: scripts/build.sh native|native-debug|asan|fuzz|wasm|wasm-scalar}"
shift
cd "$ROOT"
case "$preset" in
  wasm*) emcmake cmake --preset "$preset" >/dev/null ;;
  native|native-debug|asan|fuzz) cmake --preset "$preset" >/dev/null ;;
  *) echo "build: error: unknown preset '$preset' (native, native-debug, asan, fuzz, wasm, wasm-scalar)" >&2; exit 2 ;;
esac
cmake --build --preset "$preset" -j"${CONVSCOPE_JOBS:-$(nproc)}" "$@"
