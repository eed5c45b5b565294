// default_scene.cpp - the built-in opening scene as scene-format JSON.
#include "model/default_scene.h"

namespace cs {

const char* const kDefaultSceneJson = R"json({
  "version": 1,
  "title": "A handwritten 7 through Conv2D + ReLU + MaxPooling2D",
  "input": {"shape": [7, 7, 1], "data": [
    0, 0, 0, 0, 0, 0, 0,
    0, 3, 6, 8, 9, 7, 0,
    0, 0, 0, 0, 7, 5, 0,
    0, 0, 0, 4, 8, 0, 0,
    0, 0, 2, 9, 2, 0, 0,
    0, 0, 6, 7, 0, 0, 0,
    0, 0, 8, 3, 0, 0, 0]},
  "layers": [
    {"type": "Conv2D", "filters": 1, "kernel_size": [3, 3], "strides": [1, 1],
     "padding": "same", "activation": "relu", "use_bias": true,
     "kernel": [1, 0, -1, 1, 0, -1, 1, 0, -1], "bias": [0]},
    {"type": "MaxPooling2D", "pool_size": [2, 2]}
  ]
})json";

}  // namespace cs
