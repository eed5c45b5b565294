// default_scene.cpp - the built-in opening scene as scene-format JSON.
#include "app/default_scene.h"

namespace cs {

const char* const kDefaultSceneJson = R"json({
  "version": 1,
  "title": "A handwritten 7 through Conv2D + ReLU + MaxPooling2D",
  "input": {"shape": [7, 7, 1], "data": [
    0, 0, 0, 0, 0, 0, 0,
    0, 2, 3, 3, 3, 2, 0,
    0, 0, 0, 0, 3, 1, 0,
    0, 0, 0, 2, 2, 0, 0,
    0, 0, 1, 3, 0, 0, 0,
    0, 0, 2, 2, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0]},
  "layers": [
    {"type": "Conv2D", "filters": 1, "kernel_size": [3, 3], "strides": [1, 1],
     "padding": "same", "activation": "relu", "use_bias": true,
     "kernel": [1, 0, -1, 1, 0, -1, 1, 0, -1], "bias": [0]},
    {"type": "MaxPooling2D", "pool_size": [2, 2]}
  ]
})json";

}  // namespace cs
