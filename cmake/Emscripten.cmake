# Emscripten.cmake - link options for the WebAssembly targets.
# Debian's emcc 3.1.6: link to .js (its HTML minifier crashes), no closure
# (too old), no -sUSE_SDL (it downloads). WebGL2 only.

set(CONVSCOPE_WASM_COMMON_LINK
  -sALLOW_MEMORY_GROWTH=1 -sDYNAMIC_EXECUTION=0 --closure 0 -sTOTAL_STACK=1048576)

# The app: WebGL2, our own HTML shell in web/, our main loop.
function(convscope_wasm_app target)
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

# The engine as an ES module (convscope_core.mjs + .wasm) for Node 18+ and browsers.
function(convscope_wasm_module target)
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs")
  target_link_options(${target} PRIVATE ${CONVSCOPE_WASM_COMMON_LINK}
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createConvScopeCore
    -sENVIRONMENT=web,worker,node -sFILESYSTEM=0
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
    -sEXPORTED_FUNCTIONS=_malloc,_free)
endfunction()
