# env.sh - shared paths for ConvScope's scripts (sourced, not run).
# Third-party sources and builds live in a cache outside the checkout,
# keyed by version; every path can be overridden from the environment.
CONVSCOPE_CACHE="${CONVSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/convscope}"
IMGUI_SOURCE_DIR="${IMGUI_SOURCE_DIR:-$CONVSCOPE_CACHE/imgui-1.90.1}"
SDL2_WASM_PREFIX="${SDL2_WASM_PREFIX:-$CONVSCOPE_CACHE/sdl2-wasm-2.26.5}"
STB_SOURCE_DIR="${STB_SOURCE_DIR:-$CONVSCOPE_CACHE/stb-2.30}"
GTEST_SOURCE_DIR="${GTEST_SOURCE_DIR:-/usr/src/googletest}"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Debian's emcc needs node-acorn from /usr/share/nodejs.
NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
export CONVSCOPE_CACHE IMGUI_SOURCE_DIR SDL2_WASM_PREFIX STB_SOURCE_DIR GTEST_SOURCE_DIR CHROMIUM_PATH NODE_PATH
mkdir -p "$CONVSCOPE_CACHE"
