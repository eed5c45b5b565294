// keras_config.h - what the model readers and writers need from a Keras
// model config: the model's class and its layers (name, class, and the
// variables a layer of that class holds, in get_weights() order, where
// ConvScope knows them), and Keras 3's rule for naming a layer's place in
// model.weights.h5. Mapping layers onto ConvScope's own types is not here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "modelio/model_file.h"

namespace cs::modelio {

struct ConfigLayer {
  std::string name;
  std::string class_name;
  // True when `var_names` is the whole list a layer of this class and
  // config holds (Conv*, Dense, BatchNormalization, InputLayer: none).
  bool vars_known = false;
  std::vector<std::string> var_names;
};

struct ModelConfig {
  std::string class_name;  // "Sequential", "Functional" or "Model"
  std::vector<ConfigLayer> layers;
};

// The config object {"class_name": ..., "config": {"layers": [...]}}; the
// old Sequential form whose "config" is the list of layers is accepted.
// Subclassed and nested models are refused (their weights are laid out
// per Python attribute, not per config layer).
Result<ModelConfig> read_model_config(const JsonValue& root, const std::string& where);
Result<ModelConfig> parse_model_config(std::string_view json_text, const std::string& where);

// keras.src.utils.naming.to_snake_case: "MaxPooling2D" -> "max_pooling2d",
// "Conv2DTranspose" -> "conv2d_transpose", "BatchNormalization" ->
// "batch_normalization".
std::string keras_snake_case(std::string_view class_name);

// Where Keras 3 keeps each config layer's variables in model.weights.h5:
// "layers/conv2d", "layers/conv2d_1", "layers/dense", ... (snake_case class
// name, numbered per class in model.layers order), "" for the InputLayer a
// Sequential lists first, which model.layers and the file leave out.
std::vector<std::string> keras_layer_paths(const ModelConfig& config);

// "conv2d/kernel:0", "sequential/dense/bias" -> "kernel", "bias".
std::string variable_name(std::string_view weight_path);

// Arrays read by index (.keras vars/0, vars/1) get the class's variable
// names when their count matches; otherwise they keep "0", "1", ...
void name_by_class(const ConfigLayer& layer, std::vector<NamedArray>& arrays);

// Arrays named by the file are put in the class's get_weights() order when
// they are exactly its variables (TensorFlow.js lists BatchNormalization's
// moving_mean and moving_variance after every trainable weight).
void order_by_class(const ConfigLayer& layer, std::vector<NamedArray>& arrays);
// The same as a permutation: position i of the result takes arrays[order[i]].
std::vector<std::size_t> class_order(const ConfigLayer& layer,
                                     const std::vector<const NamedArray*>& arrays);

// A layer whose variables are known must hold exactly that many arrays.
Result<bool> check_array_count(const ConfigLayer& layer, std::size_t count,
                               const std::string& where);

}  // namespace cs::modelio
