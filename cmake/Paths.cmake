# Paths.cmake - where scripts/setup.sh put the third-party pieces, computed
# as scripts/env.sh computes them: the cache folder (CONVSCOPE_CACHE, else
# $XDG_CACHE_HOME/convscope, else ~/.cache/convscope) and each piece's
# folder in it, read from env.sh's own lines (NAME="${NAME:-$CONVSCOPE_CACHE/dir}"),
# so a plain `cmake --preset native` after set-up finds everything and the
# versions are written down once. An environment variable of the same name
# (env.sh exports them) or -DNAME=... overrides each.

if(NOT "$ENV{CONVSCOPE_CACHE}" STREQUAL "")
  set(_cache "$ENV{CONVSCOPE_CACHE}")
elseif(NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
  set(_cache "$ENV{XDG_CACHE_HOME}/convscope")
else()
  set(_cache "$ENV{HOME}/.cache/convscope")
endif()
set(CONVSCOPE_CACHE "${_cache}" CACHE PATH "Third-party cache of scripts/setup.sh (as in scripts/env.sh)")

# VAR from -DVAR, else the environment variable ENV_NAME, else `default`.
function(convscope_path var env_name default doc)
  if(NOT "$ENV{${env_name}}" STREQUAL "")
    set(default "$ENV{${env_name}}")
  endif()
  if("${${var}}" STREQUAL "")
    set(${var} "${default}" CACHE PATH "${doc}" FORCE)
  endif()
endfunction()

file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../scripts/env.sh" _lines REGEX "^[A-Z0-9_]+=\"\\$\\{[A-Z0-9_]+:-")
foreach(_line IN LISTS _lines)
  if(_line MATCHES "^([A-Z0-9_]+)=\"\\$\\{[A-Z0-9_]+:-\\$CONVSCOPE_CACHE/([^}]+)\\}\"")
    set(CONVSCOPE_ENV_${CMAKE_MATCH_1} "${CONVSCOPE_CACHE}/${CMAKE_MATCH_2}")
  elseif(_line MATCHES "^([A-Z0-9_]+)=\"\\$\\{[A-Z0-9_]+:-(/[^}]+)\\}\"")
    set(CONVSCOPE_ENV_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
  endif()
endforeach()
foreach(_name IMGUI_SOURCE_DIR SDL2_WASM_PREFIX STB_SOURCE_DIR HDF5_NATIVE_PREFIX HDF5_WASM_PREFIX
        ZLIB_WASM_PREFIX GTEST_SOURCE_DIR)
  if(NOT DEFINED CONVSCOPE_ENV_${_name})
    message(FATAL_ERROR "cmake/Paths.cmake: scripts/env.sh has no line ${_name}=\"\${${_name}:-...}\"")
  endif()
endforeach()

convscope_path(GTEST_SOURCE_DIR GTEST_SOURCE_DIR "${CONVSCOPE_ENV_GTEST_SOURCE_DIR}" "GoogleTest sources")
convscope_path(IMGUI_SOURCE_DIR IMGUI_SOURCE_DIR "${CONVSCOPE_ENV_IMGUI_SOURCE_DIR}"
  "Dear ImGui 1.90.1 sources (with backends/)")
convscope_path(SDL2_WASM_PREFIX SDL2_WASM_PREFIX "${CONVSCOPE_ENV_SDL2_WASM_PREFIX}"
  "SDL2 built for WebAssembly, install prefix")
convscope_path(STB_INCLUDE_DIR STB_SOURCE_DIR "${CONVSCOPE_ENV_STB_SOURCE_DIR}"
  "Directory holding stb_image.h (v2.28 or newer) and stb_image_write.h")
convscope_path(HDF5_NATIVE_PREFIX HDF5_NATIVE_PREFIX "${CONVSCOPE_ENV_HDF5_NATIVE_PREFIX}"
  "HDF5 1.14.5 built natively (static), install prefix")
convscope_path(HDF5_WASM_PREFIX HDF5_WASM_PREFIX "${CONVSCOPE_ENV_HDF5_WASM_PREFIX}"
  "HDF5 1.14.5 built with emcmake (static), install prefix")
convscope_path(ZLIB_WASM_PREFIX ZLIB_WASM_PREFIX "${CONVSCOPE_ENV_ZLIB_WASM_PREFIX}"
  "zlib 1.3.1 + minizip built with emcc, install prefix")
