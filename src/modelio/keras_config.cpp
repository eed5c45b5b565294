// keras_config.cpp - reading the layer list out of a Keras model config,
// the variables of the layer classes ConvScope knows, and Keras 3's naming
// of layer paths in model.weights.h5.
//
// [SECTION] Known variables per class
// [SECTION] Reading the config
// [SECTION] Keras 3 weight paths
// [SECTION] Naming and ordering arrays

#include "modelio/keras_config.h"

#include <algorithm>
#include <map>

#include "modelio/errors.h"

namespace cs::modelio {
namespace {

constexpr std::size_t kMaxLayers = 100000;

// [SECTION] Known variables per class
// Keras creates these with add_weight in build(); save_own_variables and
// get_weights() list trainable variables first, then non-trainable ones
// (keras/src/layers/layer.py), which for these classes is creation order.

bool flag(const JsonValue* config, const char* key, bool fallback) {
  const JsonValue* v = config ? config->find(key) : nullptr;
  return v && v->type == JsonType::kBool ? v->boolean : fallback;
}

bool is_kernel_bias_class(const std::string& c) {
  static const char* const kClasses[] = {
      "Conv1D",          "Conv2D",          "Conv3D", "Conv1DTranspose",
      "Conv2DTranspose", "Conv3DTranspose", "Dense"};
  return std::find(std::begin(kClasses), std::end(kClasses), c) != std::end(kClasses);
}

void set_known_vars(ConfigLayer& layer, const JsonValue* config) {
  const std::string& c = layer.class_name;
  if (is_kernel_bias_class(c)) {
    layer.vars_known = true;
    layer.var_names = {"kernel"};
    if (flag(config, "use_bias", true)) layer.var_names.push_back("bias");
  } else if (c == "BatchNormalization") {
    layer.vars_known = true;
    if (flag(config, "scale", true)) layer.var_names.push_back("gamma");
    if (flag(config, "center", true)) layer.var_names.push_back("beta");
    layer.var_names.push_back("moving_mean");
    layer.var_names.push_back("moving_variance");
  } else if (c == "InputLayer") {
    layer.vars_known = true;
  }
}

bool is_model_class(const std::string& c) {
  return c == "Sequential" || c == "Functional" || c == "Model";
}

const JsonValue* string_member(const JsonValue* obj, const char* key) {
  const JsonValue* v = obj ? obj->find(key) : nullptr;
  return v && v->type == JsonType::kString ? v : nullptr;
}

// [SECTION] Reading the config

Result<ConfigLayer> read_layer(const JsonValue& item, const std::string& where) {
  if (item.type != JsonType::kObject) return fail(where, "is not an object");
  const JsonValue* class_name = string_member(&item, "class_name");
  if (!class_name) return fail(where, "has no class_name");
  const JsonValue* config = item.find("config");
  if (!config || config->type != JsonType::kObject) return fail(where, "has no config object");
  // Functional configs name a layer beside its config too; the config's
  // name is the one Keras uses for the layer.
  const JsonValue* name = string_member(config, "name");
  if (!name) name = string_member(&item, "name");
  if (!name || name->text.empty()) return fail(where, "has no name");
  ConfigLayer layer;
  layer.name = name->text;
  layer.class_name = class_name->text;
  if (is_model_class(layer.class_name)) {
    return fail(where, "layer '" + layer.name + "' is itself a model (" + layer.class_name +
                           "); models nested in models are not supported");
  }
  set_known_vars(layer, config);
  return layer;
}

const JsonValue* layer_list(const JsonValue& config) {
  if (config.type == JsonType::kArray) return &config;  // Keras < 2.2.3 Sequential
  const JsonValue* layers = config.type == JsonType::kObject ? config.find("layers") : nullptr;
  return layers && layers->type == JsonType::kArray ? layers : nullptr;
}

}  // namespace

Result<ModelConfig> read_model_config(const JsonValue& root, const std::string& where) {
  if (root.type != JsonType::kObject) return fail(where, "the model config is not a JSON object");
  const JsonValue* class_name = string_member(&root, "class_name");
  if (!class_name) return fail(where, "the model config has no class_name");
  ModelConfig out;
  out.class_name = class_name->text;
  if (!is_model_class(out.class_name)) {
    return fail(join_where(where, "class_name"),
                "the model is a '" + out.class_name +
                    "'; only Sequential and Functional models can be read (a subclassed model "
                    "keeps no layer list in its config)");
  }
  const JsonValue* config = root.find("config");
  const JsonValue* layers = config ? layer_list(*config) : nullptr;
  if (!layers) return fail(join_where(where, "config"), "has no list of layers");
  if (layers->is_packed() || layers->size() > kMaxLayers) {
    return fail(join_where(where, "config.layers"), "is not a list of layer objects");
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < layers->items.size(); ++i) {
    const std::string at = join_where(where, "config.layers[" + std::to_string(i) + "]");
    Result<ConfigLayer> layer = read_layer(layers->items[i], at);
    if (!layer) return layer.error();
    if (!seen.emplace(layer->name, i).second) {
      return fail(at, "repeats the layer name '" + layer->name + "' (layer " +
                          std::to_string(seen[layer->name]) + " has it too)");
    }
    out.layers.push_back(std::move(*layer));
  }
  return out;
}

Result<ModelConfig> parse_model_config(std::string_view json_text, const std::string& where) {
  Result<JsonValue> root = parse_json(json_text);
  if (!root) return fail(join_where(where, root.error().where), root.error().message);
  return read_model_config(*root, where);
}

// [SECTION] Keras 3 weight paths

// Python's re.sub, left to right, for the two patterns of to_snake_case:
// "(.)([A-Z][a-z]+)" -> "\1_\2", then "([a-z])([A-Z])" -> "\1_\2".
std::string keras_snake_case(std::string_view class_name) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto word = [&](char c) { return upper(c) || lower(c) || (c >= '0' && c <= '9') || c == '_'; };
  std::string s;
  for (char c : class_name) {
    if (word(c)) s += c;  // re.sub(r"\W+", "", name)
  }
  std::string a;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 2 < s.size() && upper(s[i + 1]) && lower(s[i + 2])) {
      std::size_t j = i + 2;
      while (j < s.size() && lower(s[j])) ++j;
      a += s[i];
      a += '_';
      a.append(s, i + 1, j - i - 1);
      i = j;
    } else {
      a += s[i++];
    }
  }
  std::string b;
  for (std::size_t i = 0; i < a.size();) {
    if (i + 1 < a.size() && lower(a[i]) && upper(a[i + 1])) {
      b += a[i];
      b += '_';
      b += a[i + 1];
      i += 2;
    } else {
      b += a[i++];
    }
  }
  for (char& c : b) {
    if (upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return b;
}

// keras/src/saving/saving_lib.py: _walk_saveable yields ("layers",
// model.layers) first; _save_container_state names each layer by its
// class, counting repeats: conv2d, conv2d_1, ... Sequential.layers drops a
// leading InputLayer; Functional.layers keeps every InputLayer.
std::vector<std::string> keras_layer_paths(const ModelConfig& config) {
  std::vector<std::string> paths;
  std::map<std::string, int> used;
  for (std::size_t i = 0; i < config.layers.size(); ++i) {
    const ConfigLayer& layer = config.layers[i];
    if (i == 0 && config.class_name == "Sequential" && layer.class_name == "InputLayer") {
      paths.emplace_back();
      continue;
    }
    std::string name = keras_snake_case(layer.class_name);
    const auto it = used.find(name);
    if (it == used.end()) {
      used[name] = 0;
    } else {
      name += "_" + std::to_string(++it->second);
    }
    paths.push_back("layers/" + name);
  }
  return paths;
}

// [SECTION] Naming and ordering arrays

std::string variable_name(std::string_view weight_path) {
  const std::size_t slash = weight_path.rfind('/');
  std::string_view leaf =
      slash == std::string_view::npos ? weight_path : weight_path.substr(slash + 1);
  const std::size_t colon = leaf.rfind(':');
  if (colon != std::string_view::npos && colon + 1 < leaf.size() &&
      std::all_of(leaf.begin() + static_cast<std::ptrdiff_t>(colon) + 1, leaf.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    leaf = leaf.substr(0, colon);
  }
  return std::string(leaf);
}

void name_by_class(const ConfigLayer& layer, std::vector<NamedArray>& arrays) {
  const bool named = layer.vars_known && layer.var_names.size() == arrays.size();
  for (std::size_t i = 0; i < arrays.size(); ++i) {
    arrays[i].name = named ? layer.var_names[i] : std::to_string(i);
  }
}

std::vector<std::size_t> class_order(const ConfigLayer& layer,
                                     const std::vector<const NamedArray*>& arrays) {
  std::vector<std::size_t> identity(arrays.size());
  for (std::size_t i = 0; i < identity.size(); ++i) identity[i] = i;
  if (!layer.vars_known || layer.var_names.size() != arrays.size()) return identity;
  std::vector<std::size_t> from;
  for (const std::string& name : layer.var_names) {
    const auto it = std::find_if(arrays.begin(), arrays.end(),
                                 [&](const NamedArray* a) { return a->name == name; });
    const auto index = static_cast<std::size_t>(it - arrays.begin());
    if (it == arrays.end() || std::find(from.begin(), from.end(), index) != from.end()) {
      return identity;  // not exactly the known names: keep the file's order
    }
    from.push_back(index);
  }
  return from;
}

void order_by_class(const ConfigLayer& layer, std::vector<NamedArray>& arrays) {
  std::vector<const NamedArray*> view;
  for (const NamedArray& a : arrays) view.push_back(&a);
  std::vector<NamedArray> ordered;
  for (std::size_t index : class_order(layer, view)) ordered.push_back(std::move(arrays[index]));
  arrays = std::move(ordered);
}

Result<bool> check_array_count(const ConfigLayer& layer, std::size_t count,
                               const std::string& where) {
  if (!layer.vars_known || layer.var_names.size() == count) return true;
  std::string names;
  for (const std::string& n : layer.var_names) names += (names.empty() ? "" : ", ") + n;
  return fail(where, "layer '" + layer.name + "' (" + layer.class_name + ") has " +
                         std::to_string(count) + " weight arrays; its config needs " +
                         std::to_string(layer.var_names.size()) +
                         (names.empty() ? "" : " (" + names + ")"));
}

}  // namespace cs::modelio
