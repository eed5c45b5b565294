# Emscripten.cmake - link options for the WebAssembly targets.
# Debian's emcc 3.1.6: link to .js (its HTML minifier crashes), no closure
# (too old), no -sUSE_SDL (it downloads). WebGL2 only.

set(CONVSCOPE_WASM_COMMON_LINK
  -sALLOW_MEMORY_GROWTH=1 -sDYNAMIC_EXECUTION=0 --closure 0 -sTOTAL_STACK=1048576)

# The app: WebGL2, our own HTML shell in web/, our main loop. Without SIMD
# the output is convscope-scalar.js/.wasm, so both builds can be served from
# one folder and web/main.js picks one by feature detection.
function(convscope_wasm_app target)
  if(NOT CONVSCOPE_WASM_SIMD)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME convscope-scalar)
  endif()
  target_link_options(${target} PRIVATE ${CONVSCOPE_WASM_COMMON_LINK}
    -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sMODULARIZE=1 -sEXPORT_ES6=1
    -sEXPORT_NAME=createConvScopeModule -sENVIRONMENT=web
    -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_main,_malloc,_free)
endfunction()

# Node-only test executables (ctest runs them through node).
# .cjs: package.json says "type": "module", and this output is CommonJS.
function(convscope_wasm_node_test target)
  set_target_properties(${target} PROPERTIES SUFFIX ".cjs")
  target_link_options(${target} PRIVATE ${CONVSCOPE_WASM_COMMON_LINK}
    -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1)
endfunction()

# The engine as an ES module for Node 18+ and browsers. The generated factory
# is convscope_core_wasm.mjs + .wasm (convscope_core_scalar_wasm.* when the
# kernels are built without SIMD, so both can be deployed in one folder); the
# public entry src/js/convscope_core.mjs is copied beside it and loads it.
# ENVIRONMENT has no "node": 3.1.6's Node path uses __dirname and require()
# (absent in ES modules) and installs process-wide exception handlers; the
# entry reads the .wasm itself in Node and passes it as wasmBinary.
function(convscope_wasm_module target)
  if(CONVSCOPE_WASM_SIMD)
    set(name convscope_core_wasm)
  else()
    set(name convscope_core_scalar_wasm)
  endif()
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs" OUTPUT_NAME ${name})
  target_link_options(${target} PRIVATE ${CONVSCOPE_WASM_COMMON_LINK}
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createConvScopeCore
    -sENVIRONMENT=web,worker -sFILESYSTEM=0
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_malloc,_free)
  set(entry ${CMAKE_CURRENT_SOURCE_DIR}/src/js/convscope_core.mjs)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/convscope_core.mjs
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${entry} ${CMAKE_BINARY_DIR}/convscope_core.mjs
    DEPENDS ${entry} VERBATIM)
  # Building <target>_entry builds the whole module (scripts/bench.sh asks for it).
  add_custom_target(${target}_entry ALL DEPENDS ${CMAKE_BINARY_DIR}/convscope_core.mjs)
  add_dependencies(${target}_entry ${target})
endfunction()

# The machine's WebAssembly SIMD ceiling (bench/wasm_peak.c) as a standalone
# .wasm beside the JS module; bench/bench_web.mjs quotes speeds against it.
function(convscope_wasm_peak)
  if(NOT CONVSCOPE_WASM_SIMD)
    return()
  endif()
  add_executable(wasm_peak ${CMAKE_CURRENT_SOURCE_DIR}/bench/wasm_peak.c)
  set_target_properties(wasm_peak PROPERTIES SUFFIX ".wasm")
  target_compile_options(wasm_peak PRIVATE -O3 -msimd128)
  target_link_options(wasm_peak PRIVATE --no-entry -sSTANDALONE_WASM=1 -sFILESYSTEM=0)
endfunction()

# The model file reader as its own module (src/modelio/convscope_import.mjs),
# loaded by the page only when a model file is opened and never linked into
# the app (HDF5 alone is ~2 MB of wasm). Like the engine module: an ES6
# factory convscope_import_wasm.mjs + .wasm for browsers and Web Workers (no
# DOM is touched), the public entry copied beside it, and the worker script
# convscope_import_worker.mjs that runs it off the page's thread. It keeps
# Emscripten's in-memory file system: HDF5's core driver open()s the name of
# a file image to make sure no such file exists, and 3.1.6's FILESYSTEM=0
# stub answers that it does. -Oz at link: 7% less wasm (2% gzip'd) than -O3.
function(convscope_wasm_import_module target)
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs" OUTPUT_NAME convscope_import_wasm)
  target_link_options(${target} PRIVATE ${CONVSCOPE_WASM_COMMON_LINK}
    -Oz -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createConvScopeImport
    -sENVIRONMENT=web,worker
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_malloc,_free)
  set(outputs)
  foreach(f convscope_import.mjs convscope_import_worker.mjs)
    set(src ${CMAKE_CURRENT_SOURCE_DIR}/src/modelio/${f})
    add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/${f}
      COMMAND ${CMAKE_COMMAND} -E copy_if_different ${src} ${CMAKE_BINARY_DIR}/${f}
      DEPENDS ${src} VERBATIM)
    list(APPEND outputs ${CMAKE_BINARY_DIR}/${f})
  endforeach()
  add_custom_target(${target}_entry ALL DEPENDS ${outputs})
  add_dependencies(${target}_entry ${target})
endfunction()
