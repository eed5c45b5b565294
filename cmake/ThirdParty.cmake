# ThirdParty.cmake - GoogleTest, Google Benchmark, Dear ImGui and SDL2.
# Sources come from Debian packages fetched by scripts/setup.sh into a cache
# outside the checkout (IMGUI_SOURCE_DIR, SDL2_WASM_PREFIX, GTEST_SOURCE_DIR:
# cmake/Paths.cmake).

# [SECTION] GoogleTest
function(convscope_add_gtest)
  if(TARGET gtest)
    return()
  endif()
  if(NOT EXISTS "${GTEST_SOURCE_DIR}/CMakeLists.txt")
    message(FATAL_ERROR "GoogleTest sources not found at GTEST_SOURCE_DIR=${GTEST_SOURCE_DIR}; run scripts/setup.sh (Debian package googletest)")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  if(EMSCRIPTEN)
    set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
  endif()
  add_subdirectory("${GTEST_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
endfunction()

# [SECTION] Dear ImGui (+ SDL2 and OpenGL3 backends)
function(convscope_add_imgui)
  if(NOT EXISTS "${IMGUI_SOURCE_DIR}/imgui.h")
    message(FATAL_ERROR "Dear ImGui not found at IMGUI_SOURCE_DIR=${IMGUI_SOURCE_DIR}; run scripts/setup.sh")
  endif()
  add_library(imgui STATIC
    ${IMGUI_SOURCE_DIR}/imgui.cpp ${IMGUI_SOURCE_DIR}/imgui_draw.cpp
    ${IMGUI_SOURCE_DIR}/imgui_tables.cpp ${IMGUI_SOURCE_DIR}/imgui_widgets.cpp
    ${IMGUI_SOURCE_DIR}/backends/imgui_impl_sdl2.cpp
    ${IMGUI_SOURCE_DIR}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_SOURCE_DIR} ${IMGUI_SOURCE_DIR}/backends)
  target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  if(EMSCRIPTEN)
    target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  endif()
  target_link_libraries(imgui PUBLIC convscope_sdl2)
endfunction()

# [SECTION] SDL2: Debian's libsdl2-dev natively, our cached build for WASM
function(convscope_add_sdl2)
  add_library(convscope_sdl2 INTERFACE)
  if(EMSCRIPTEN)
    if(NOT EXISTS "${SDL2_WASM_PREFIX}/lib/libSDL2.a")
      message(FATAL_ERROR "SDL2 for WebAssembly not found at SDL2_WASM_PREFIX=${SDL2_WASM_PREFIX}; run scripts/setup.sh")
    endif()
    target_include_directories(convscope_sdl2 SYSTEM INTERFACE ${SDL2_WASM_PREFIX}/include ${SDL2_WASM_PREFIX}/include/SDL2)
    target_link_libraries(convscope_sdl2 INTERFACE ${SDL2_WASM_PREFIX}/lib/libSDL2.a)
  else()
    find_package(SDL2 REQUIRED)
    find_package(OpenGL REQUIRED)
    target_link_libraries(convscope_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
  endif()
endfunction()

# [SECTION] HDF5 1.14.5 and zlib + minizip (the model file reader, src/modelio)
# HDF5 comes from Debian trixie's source package, built by scripts/setup.sh
# once per target into the cache (HDF5_NATIVE_PREFIX, HDF5_WASM_PREFIX): the
# same version natively and in WebAssembly, so a damaged file meets the same
# library in the fuzzer, the tests and the page. zlib + minizip: Debian's
# zlib1g-dev and libminizip-dev natively; for WebAssembly zlib 1.3.1's
# sources with its contrib/minizip, built by setup.sh (ZLIB_WASM_PREFIX).

function(convscope_add_model_libs)
  if(TARGET convscope_hdf5)
    return()
  endif()
  add_library(convscope_hdf5 INTERFACE)
  add_library(convscope_minizip INTERFACE)
  if(EMSCRIPTEN)
    set(hdf5_prefix "${HDF5_WASM_PREFIX}")
    set(hdf5_var HDF5_WASM_PREFIX)
  else()
    set(hdf5_prefix "${HDF5_NATIVE_PREFIX}")
    set(hdf5_var HDF5_NATIVE_PREFIX)
  endif()
  if(NOT EXISTS "${hdf5_prefix}/lib/libhdf5.a" OR NOT EXISTS "${hdf5_prefix}/include/H5pubconf.h")
    message(FATAL_ERROR "HDF5 1.14.5 not found at ${hdf5_var}=${hdf5_prefix}; run scripts/setup.sh")
  endif()
  file(STRINGS "${hdf5_prefix}/include/H5public.h" hdf5_version_line REGEX "define H5_VERS_INFO")
  if(NOT hdf5_version_line MATCHES "1\\.14\\.5")
    message(FATAL_ERROR "${hdf5_var}=${hdf5_prefix} holds '${hdf5_version_line}', not HDF5 1.14.5; run scripts/setup.sh")
  endif()
  # Built with today's scripts/patches/hdf5-1.14.5 (setup.sh records their hash).
  file(GLOB hdf5_patches ${CMAKE_CURRENT_SOURCE_DIR}/scripts/patches/hdf5-1.14.5/*.patch)
  list(SORT hdf5_patches)
  set(patch_text "")
  foreach(p IN LISTS hdf5_patches)
    file(READ ${p} one)
    string(APPEND patch_text "${one}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${p})
  endforeach()
  string(SHA256 patch_hash "${patch_text}")
  string(SUBSTRING "${patch_hash}" 0 16 patch_hash)
  set(stamp "")
  if(EXISTS "${hdf5_prefix}/convscope-patches")
    file(STRINGS "${hdf5_prefix}/convscope-patches" stamp LIMIT_COUNT 1)
  endif()
  if(NOT stamp STREQUAL patch_hash)
    message(FATAL_ERROR "HDF5 at ${hdf5_var}=${hdf5_prefix} was not built with scripts/patches/hdf5-1.14.5 (hash ${patch_hash}); run scripts/setup.sh")
  endif()
  target_include_directories(convscope_hdf5 SYSTEM INTERFACE ${hdf5_prefix}/include)
  target_link_libraries(convscope_hdf5 INTERFACE ${hdf5_prefix}/lib/libhdf5.a)
  if(NOT EMSCRIPTEN)
    target_link_libraries(convscope_hdf5 INTERFACE m ${CMAKE_DL_LIBS})
  endif()

  if(EMSCRIPTEN)
    foreach(f lib/libz.a lib/libminizip.a include/zlib.h include/minizip/unzip.h)
      if(NOT EXISTS "${ZLIB_WASM_PREFIX}/${f}")
        message(FATAL_ERROR "zlib + minizip for WebAssembly not found at ZLIB_WASM_PREFIX=${ZLIB_WASM_PREFIX} (no ${f}); run scripts/setup.sh")
      endif()
    endforeach()
    target_include_directories(convscope_minizip SYSTEM INTERFACE ${ZLIB_WASM_PREFIX}/include)
    target_link_libraries(convscope_minizip INTERFACE
      ${ZLIB_WASM_PREFIX}/lib/libminizip.a ${ZLIB_WASM_PREFIX}/lib/libz.a)
  else()
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(MINIZIP minizip)
    find_package(ZLIB)
    if(NOT MINIZIP_FOUND OR NOT ZLIB_FOUND)
      message(FATAL_ERROR "minizip or zlib development files not found; run scripts/setup.sh (Debian packages libminizip-dev, zlib1g-dev)")
    endif()
    # Headers as <minizip/unzip.h>: the include root, not pkg-config's .../minizip.
    target_link_libraries(convscope_minizip INTERFACE ${MINIZIP_LINK_LIBRARIES} ZLIB::ZLIB)
  endif()
endfunction()
