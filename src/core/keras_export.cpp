// keras_export.cpp - a scene's layers as a Keras model (core/keras_model.h):
// the config Keras 3's saving_lib or TensorFlow.js layers reads, and each
// layer's weight arrays in get_weights() order with Keras' shapes. The
// layer configs come from the layer table (append_keras_config).
#include <map>
#include <set>

#include "core/keras_model.h"
#include "core/layer_json.h"
#include "core/layers/family.h"
#include "core/validate.h"

namespace cs {

namespace {

}  // namespace

std::vector<std::string> keras_layer_names(const Scene& scene) {
  std::set<std::string> used;
  for (const Layer& l : scene.layers) used.insert(l.name);
  std::vector<std::string> names;
  std::set<std::string> taken = {"input_layer"};  // the Keras 3 config's InputLayer
  std::map<LayerType, int> next;
  for (const Layer& l : scene.layers) {
    std::string name = l.name;
    if (name.empty() || taken.count(name)) {
      const std::string base = layer_info(l.type).snake_name;
      int& n = next[l.type];
      do {
        name = n == 0 ? base : base + "_" + std::to_string(n);
        ++n;
      } while (taken.count(name) || (used.count(name) && name != l.name));
    }
    taken.insert(name);
    names.push_back(name);
  }
  return names;
}

namespace {

std::string batch_shape(const TensorShape& s) {
  std::string out = "[null";
  for (int d : s.dims()) out += ", " + std::to_string(d);
  return out + "]";
}

LayerWeights layer_weights(const Layer& l, const std::string& name, const TensorShape& in) {
  const LayerInfo& info = layer_info(l.type);
  LayerWeights w;
  w.layer_name = name;
  w.class_name = info.keras_name;
  for (std::size_t i = 0; i < info.weights.size(); ++i) {
    const WeightDef& d = info.weights[i];
    if (d.present && !(l.*d.present)) continue;
    NamedArray a;
    a.name = d.name;
    a.shape = info.family->weight_dims(l, static_cast<int>(i), in.c);
    a.data = l.*d.field;
    w.arrays.push_back(std::move(a));
  }
  return w;
}

// One layer object of the model's "layers" list.
Result<bool> append_layer(std::string& out, const Layer& l, const std::string& name,
                          const TensorShape& in, bool first, KerasDialect dialect) {
  const bool tfjs = dialect == KerasDialect::kTfjs;
  std::string config;
  Result<bool> ok = append_keras_config(config, l, name, tfjs);
  if (!ok) return ok.error();
  if (tfjs && first) config.insert(config.size() - 1, ", \"batch_input_shape\": " + batch_shape(in));
  out += tfjs ? "{\"class_name\": " : "{\"module\": \"keras.layers\", \"class_name\": ";
  append_json_string(out, layer_info(l.type).keras_name);
  out += ", \"config\": " + config;
  if (!tfjs) out += ", \"registered_name\": null, \"build_config\": {\"input_shape\": " + batch_shape(in) + "}";
  out += '}';
  return true;
}

}  // namespace

Result<KerasModel> keras_from_scene(const Scene& scene, KerasDialect dialect) {
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return plan.error();
  const bool tfjs = dialect == KerasDialect::kTfjs;
  if (scene.layers.empty()) {
    Error e;
    e.where = "layers";
    e.message = "the scene has no layers to export as a model";
    e.code = "export_empty";
    return e;
  }
  const std::string input = batch_shape(scene.input.shape);
  const std::vector<std::string> names = keras_layer_names(scene);
  KerasModel m;
  std::string& out = m.config_json;
  out = tfjs ? "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
             : "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", "
               "\"trainable\": true, \"dtype\": \"float32\", \"layers\": [";
  if (!tfjs) {
    out += "\n  {\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": " +
           input + ", \"dtype\": \"float32\", \"sparse\": false, \"name\": \"input_layer\"}, "
                   "\"registered_name\": null}";
    m.layers.push_back({"input_layer", "InputLayer", {}});
  }
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    if (l.type == LayerType::kInputLayer) continue;  // the model's own input says it
    out += (tfjs && m.layers.empty()) ? "\n  " : ",\n  ";
    Result<bool> ok = append_layer(out, l, names[i], plan->shapes[i], m.layers.empty(), dialect);
    if (!ok) return ok.error();
    m.layers.push_back(layer_weights(l, names[i], plan->shapes[i]));
  }
  out += "]";
  if (!tfjs) out += ", \"build_input_shape\": " + input;
  out += "}";
  if (!tfjs) out += ", \"registered_name\": null, \"build_config\": {\"input_shape\": " + input + "}";
  out += "}\n";
  return m;
}

}  // namespace cs
