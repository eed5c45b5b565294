// model_scene.h - model files as scenes: what the app, the desktop's
// --model and convscope-cli open and save. Reading goes file -> ModelFile
// (model_file.h) -> Scene (core/keras_model.h); ConvScope's own scene JSON
// (a model the app trained and exported) is read as a scene directly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/scene.h"
#include "modelio/model_file.h"

namespace cs::modelio {

// The model in `files` as a scene (input zeros of the model's input shape,
// titled after the file). Errors begin with the file's name.
Result<Scene> open_model(const std::vector<InputFile>& files);

// The model file at `path` read from disk (native builds, Node): a
// TensorFlow.js model.json brings the shards its manifest names from its
// folder. Errors name the file that is missing or wrong.
Result<std::vector<InputFile>> read_model_path(const std::string& path);
Result<Scene> open_model_path(const std::string& path);

enum class SaveFormat {
  kKeras,  // one .keras file
  kTfjs,   // model.json + one .bin shard
  kScene,  // ConvScope's scene JSON with weights
};

// The format a file name asks for: "*.keras", "model.json" or any
// "*.json" ending in "model.json" (TensorFlow.js), other "*.json" (scene).
Result<SaveFormat> format_for_name(const std::string& name);

// The scene as model files. `name` is the main file's name: the .keras
// file, the model.json (its shard is named after it), or the scene JSON.
Result<std::vector<InputFile>> save_model(const Scene& scene, SaveFormat format, const std::string& name);

// The app's Export (the Network tab): the model it shows, as the scene JSON
// it hands out, saved in `format` under the name export_name() gives. The
// desktop and the page's Worker both call this. Errors name the file.
std::string export_name(SaveFormat format);
Result<std::vector<InputFile>> export_scene_json(std::string_view scene_json, SaveFormat format);

}  // namespace cs::modelio
