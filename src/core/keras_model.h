// keras_model.h - a Keras model (its config and every layer's weight arrays)
// turned into a Scene, and a Scene turned back into one. This is the
// mapping between Keras' layers and ConvScope's; the files themselves
// (.keras zips, HDF5, TensorFlow.js shards) are read and written by
// src/modelio, which hands over and takes exactly this.
//
// Import: a Sequential, or a Functional model whose graph is one chain, is
// read layer by layer through the layer table (the scene reader's Keras
// form), so every key, limit and shape rule is the scene's own; each
// weight array must have the shape Keras gives that weight. Anything
// ConvScope does not compute is refused with the layer's name and class.
//
// Export: the Keras 3 config Keras' saving_lib reads (InputLayer first,
// "module"/"class_name"/"config"), or the Keras 2 style topology
// TensorFlow.js layers reads (batch_input_shape on the first layer).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/scene.h"

namespace cs {

// One weight array: its variable name ("kernel", "bias", "gamma", ...; "0",
// "1", ... when the file does not say), its shape and row-major values.
struct NamedArray {
  std::string name;
  std::vector<int> shape;
  std::vector<float> data;
};

// The weights of one layer of the config, in Keras get_weights() order.
struct LayerWeights {
  std::string layer_name;  // the layer's "name" in the config
  std::string class_name;  // its "class_name"
  std::vector<NamedArray> arrays;
};

// A model as the readers give it: the config JSON ({"class_name":
// "Sequential"|"Functional"|"Model", "config": {...}}) and one LayerWeights
// per entry of the config's "layers" list, in that order.
struct KerasModel {
  std::string config_json;
  std::vector<LayerWeights> layers;
};

// The model as a scene: input zeros of the model's input shape, one layer
// per Keras layer (InputLayer dropped), Keras' layer names kept, weights
// from the arrays. `where` starts every error ("m.keras: config.json").
Result<Scene> scene_from_keras(const KerasModel& model, const std::string& where);

enum class KerasDialect {
  kKeras3,  // config.json of a Keras 3 .keras file
  kTfjs,    // TensorFlow.js layers' modelTopology (Keras 2 style)
};

// The scene's layers as a Keras model (the input data is not part of it).
// Layers get Keras' default names where the scene has none. A layer whose
// settings Keras cannot express (explicit or 'full' padding,
// count_include_pad) is an error naming the layer and what to change.
Result<KerasModel> keras_from_scene(const Scene& scene, KerasDialect dialect);

// The layers' names in a Keras model: the scene's own where given and
// unique, else the names Keras gives a new model's layers ("conv2d",
// "conv2d_1", "max_pooling2d": snake_case class name numbered per class,
// the first without a suffix), never one already taken.
std::vector<std::string> keras_layer_names(const Scene& scene);

}  // namespace cs
