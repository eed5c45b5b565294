// json_kind.h - telling JSON documents apart from their first bytes and
// their keys, without parsing: a scene, a model file's JSON (TensorFlow.js
// model.json, Keras config), or not JSON at all (a .keras zip, an .h5, a
// picture). One answer for the CLI, the model reader and model.json shards.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cs::modelio {

// Where the JSON text begins: after a UTF-8 byte-order mark and blanks;
// npos when there is nothing else.
std::size_t json_text_start(std::string_view bytes);
// '{' or '[' there (object_only: '{').
bool looks_like_json(std::string_view bytes, bool object_only = false);
// A JSON object naming "modelTopology" (TensorFlow.js) or "model_config"
// (Keras): a model file, not a scene.
bool is_model_json(std::string_view bytes);
// A JSON object that is not a model file's: a scene (valid or not).
bool is_scene_json(std::string_view bytes);

inline std::string_view as_text(const std::vector<std::uint8_t>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace cs::modelio
