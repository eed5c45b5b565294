# env.sh - shared paths for ConvScope's scripts (sourced, not run).
# Third-party sources and builds live in a cache outside the checkout,
# keyed by version; every path can be overridden from the environment.
# cmake/Paths.cmake reads the NAME="${NAME:-...}" lines below for its
# defaults: keep them in that form.
CONVSCOPE_CACHE="${CONVSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/convscope}"
IMGUI_SOURCE_DIR="${IMGUI_SOURCE_DIR:-$CONVSCOPE_CACHE/imgui-1.90.1}"
SDL2_WASM_PREFIX="${SDL2_WASM_PREFIX:-$CONVSCOPE_CACHE/sdl2-wasm-2.26.5}"
STB_SOURCE_DIR="${STB_SOURCE_DIR:-$CONVSCOPE_CACHE/stb-2.30}"
# The model file reader (src/modelio): HDF5 1.14.5 natively and for
# WebAssembly, zlib 1.3.1 + minizip for WebAssembly (also used for gzip'd data).
HDF5_NATIVE_PREFIX="${HDF5_NATIVE_PREFIX:-$CONVSCOPE_CACHE/hdf5-native-1.14.5}"
HDF5_WASM_PREFIX="${HDF5_WASM_PREFIX:-$CONVSCOPE_CACHE/hdf5-wasm-1.14.5}"
ZLIB_WASM_PREFIX="${ZLIB_WASM_PREFIX:-$CONVSCOPE_CACHE/zlib-wasm-1.3.1}"
GTEST_SOURCE_DIR="${GTEST_SOURCE_DIR:-/usr/src/googletest}"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Debian's emcc needs node-acorn from /usr/share/nodejs.
NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
export CONVSCOPE_CACHE IMGUI_SOURCE_DIR SDL2_WASM_PREFIX STB_SOURCE_DIR GTEST_SOURCE_DIR CHROMIUM_PATH NODE_PATH
export HDF5_NATIVE_PREFIX HDF5_WASM_PREFIX ZLIB_WASM_PREFIX
mkdir -p "$CONVSCOPE_CACHE"
