// model_load.h - what convscope-cli opens: a scene JSON, or a model file
// (.keras, .h5, TensorFlow.js model.json with the shards its manifest
// names, beside it) made into a scene through modelio; and the inputs
// predict feeds it (INPUT.json or a picture).
#pragma once

#include <string>

#include "core/result.h"
#include "core/scene.h"

namespace cs::cli {

// The scene or model in `path` ("-": a scene on stdin). A scene's errors
// keep their JSON paths ("layers[0].kernel_size") and source positions
// (print them with fail(e, path)); a model file's begin with its name.
// `model_file`, if given, says which of the two it was. `seed` >= 0: a
// scene that names no "seed" of its own gets this one, so the weights it
// leaves out (an untrained architecture) are initialised from it.
Result<Scene> load_any(const std::string& path, bool* model_file = nullptr, int seed = -1);

// predict's --input: INPUT.json ({"shape": [H, W, C], "data": [...]}, fed
// as is; errors with positions in that file) or a picture converted to the
// model's input (model/picture_input.h).
Result<Tensor> load_prediction_input(const std::string& path, const Scene& model);

}  // namespace cs::cli
