# cli_smoke.cmake - runs the real convscope-cli binary on a scene and on bad
# input: output JSON shape, exit code 2 and one "error: <where>: <what>" line.
#   cmake -DCLI=... -DSRC=... -P tests/cli_smoke.cmake
set(scene "${SRC}/scenes/chapter.json")
execute_process(COMMAND ${CLI} run ${scene} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "run ${scene} exited ${rc}: ${err}")
endif()
string(JSON n LENGTH "${out}" outputs)
if(n LESS 1)
  message(FATAL_ERROR "run printed no outputs: ${out}")
endif()

set(bad "${CMAKE_CURRENT_BINARY_DIR}/cli_bad_scene.json")
file(WRITE ${bad} "{\"version\": 1, \"input\": {\"shape\": [4, 4, 1], \"data\": [0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,0]}, \"layers\": [{\"type\": \"Conv2D\", \"filters\": 1, \"kernal_size\": 3}]}")
execute_process(COMMAND ${CLI} run ${bad} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "a typo'd key should exit 2, got ${rc}")
endif()
if(NOT err MATCHES "^error: layers\\[0\\][^\n]*kernal_size[^\n]*\n?$")
  message(FATAL_ERROR "expected one line 'error: layers[0]...kernal_size...', got: ${err}")
endif()

execute_process(COMMAND ${CLI} run /nonexistent/scene.json RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "^error: ")
  message(FATAL_ERROR "a missing file should exit 2 with 'error: ...', got ${rc}: ${err}")
endif()
message(STATUS "cli smoke: ok")
