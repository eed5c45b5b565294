# WasmToolchain.cmake - the WebAssembly presets' toolchainFile: Emscripten's
# own toolchain file, found beside the emcc on PATH (Debian: /usr/bin/emcc ->
# /usr/share/emscripten), so `cmake --preset wasm` cross-compiles without
# emcmake instead of quietly building natively. scripts/build.sh still
# configures through emcmake, which names the same file.
find_program(CONVSCOPE_EMCC emcc)
if(NOT CONVSCOPE_EMCC)
  message(FATAL_ERROR "emcc not found on PATH: the wasm presets need Emscripten "
                      "(Debian package emscripten, installed by scripts/setup.sh)")
endif()
get_filename_component(_emcc "${CONVSCOPE_EMCC}" REALPATH)
get_filename_component(_emroot "${_emcc}" DIRECTORY)
set(_toolchain "${_emroot}/cmake/Modules/Platform/Emscripten.cmake")
if(NOT EXISTS "${_toolchain}")
  message(FATAL_ERROR "Emscripten's toolchain file is not at ${_toolchain} (emcc: ${CONVSCOPE_EMCC}); "
                      "configure with `emcmake cmake --preset wasm` or -DCMAKE_TOOLCHAIN_FILE=<emscripten>/cmake/Modules/Platform/Emscripten.cmake")
endif()
include("${_toolchain}")
