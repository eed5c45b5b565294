// scene.h - the scene: one input tensor and a stack of Keras-style layers.
// This is the document the app saves, shares in URLs and receives from an
// embedding page, and what convscope-cli reads. The JSON format is specified
// in docs/scene-format.md; parse_scene() also validates (core/validate.h).
// Layers are read and written through the layer table (core/layers/table.h).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/layer.h"
#include "core/layers/table.h"
#include "core/result.h"
#include "core/shape.h"

namespace cs {

struct Scene {
  std::string title;  // optional
  Tensor input;
  std::vector<Layer> layers;
  // The seed the reader initialised left-out weights from (Keras'
  // initialisers, core/init.h); written back only when not 0.
  std::uint32_t seed = 0;
};

// [SECTION] Reading and writing

// Reads and fully validates a scene (keys, types, Keras shorthands, limits,
// shape propagation, weight counts). Weights the document leaves out are
// initialised as Keras does (GlorotUniform kernels, zero biases, ...) from
// the scene's "seed", so a bare architecture can run and be trained. Error.where is a JSON path such as
// "layers[1].kernel_size", with line/column of the offending value.
Result<Scene> parse_scene(std::string_view json);

// The same for a document already parsed (or built, as the Keras importer
// does from a model config); `text` is the source the nodes' offsets point
// into, for line/column in errors ("" when there is none).
Result<Scene> parse_scene_value(const JsonValue& doc, std::string_view text);

// Writes the normalised scene (every key explicit, flat HWIO weights, floats
// in shortest round-trip form). parse_scene(scene_to_json(s)) == s.
std::string scene_to_json(const Scene& scene);

// The "layers" array alone, written as scene_to_json writes it.
std::string layers_to_json(const std::vector<Layer>& layers);

// Appends a tensor as {"shape": [...], "data": [...]}.
void append_tensor_json(std::string& out, const Tensor& t);

}  // namespace cs
