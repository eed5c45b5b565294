# ThirdParty.cmake - GoogleTest, Google Benchmark, Dear ImGui and SDL2.
# Sources come from Debian packages fetched by scripts/setup.sh into a cache
# outside the checkout (IMGUI_SOURCE_DIR, SDL2_WASM_PREFIX, GTEST_SOURCE_DIR).

set(GTEST_SOURCE_DIR "/usr/src/googletest" CACHE PATH "GoogleTest sources")
set(IMGUI_SOURCE_DIR "" CACHE PATH "Dear ImGui 1.90.1 sources (with backends/)")
set(SDL2_WASM_PREFIX "" CACHE PATH "SDL2 built for WebAssembly, install prefix")

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
