// layer_json.h - one layer object of a scene, read and written through the
// layer table (core/layers/table.h): its "type" picks the row, the row's
// keys are read by their kind with the Keras defaults, then its weights.
// The format is docs/scene-format.md.
#pragma once

#include <string>
#include <vector>

#include "core/json_reader.h"
#include "core/layer.h"
#include "core/result.h"

namespace cs {

// Reads the layer object `v` found at `path` into *layer (normalised:
// defaults filled, shorthands expanded). On failure r.last_error() says why.
// Weights left out stay empty (zeros and ones of a known size are filled
// in); the scene reader initialises the rest as Keras would (core/init.h).
bool read_layer_json(JsonReader& r, const JsonValue& v, const std::string& path, Layer* layer);

// A layer of `type` with every Keras default (required keys take the
// table's example values) and empty weights: what the editor adds.
Layer layer_with_defaults(LayerType type);

// Appends the layer as the writer prints it: "type", "name" if any, every
// key of its row (except those only Keras' configs carry) and its weights.
void append_layer_json(std::string& out, const Layer& l);

// Appends the layer's Keras config object ({"name": ..., "trainable": true,
// "dtype": "float32", keys...}) as Keras 3 writes it, or with `tfjs` as
// TensorFlow.js layers reads it (Keras 2's key names). A setting the
// target cannot express is an error naming the layer (core/keras_model.h).
Result<bool> append_keras_config(std::string& out, const Layer& l, const std::string& name, bool tfjs);

// The keys Keras' own form adds around and inside "config" that ConvScope
// accepts without computing anything from them (docs/scene-format.md).
std::vector<std::string> keras_form_keys();

// Appends [a, b, ...] with floats in their shortest round-trip form.
void append_floats(std::string& out, const std::vector<float>& v);

}  // namespace cs
