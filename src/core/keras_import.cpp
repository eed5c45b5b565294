// keras_import.cpp - a Keras model config and its weight arrays as a Scene
// (core/keras_model.h). The config's layers, put in chain order, become the
// "layers" of a scene document in Keras' own form with each weight array
// attached as a nested list of its shape; the scene reader then reads and
// checks everything as it does for any scene. Errors name the Keras layer.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/json_reader.h"
#include "core/keras_model.h"
#include "core/layer_json.h"
#include "core/layers/table.h"

namespace cs {

namespace {

Error import_error(const std::string& where, std::string message, std::string code = {},
                   Args args = {}) {
  Error e;
  e.where = where;
  e.message = std::move(message);
  e.code = std::move(code);
  e.args = std::move(args);
  return e;
}

const std::string* string_member(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m && m->type == JsonType::kString ? &m->text : nullptr;
}

// One config layer with what the chain check needs.
struct ConfigEntry {
  const JsonValue* value = nullptr;
  std::string name, class_name;
  std::vector<std::string> inbound;  // the layers it takes its input from
  std::size_t nodes = 0;             // calls of the layer (shared layers: > 1)
};

// [SECTION] The graph

// The layer names a Keras 3 inbound node ({"keras_history": [name, 0, 0]})
// or a Keras 2 / TensorFlow.js one ([name, 0, 0, {}]) refers to.
void collect_inbound(const JsonValue& v, std::vector<std::string>* names) {
  if (v.type == JsonType::kObject) {
    const JsonValue* h = v.find("keras_history");
    if (h && h->type == JsonType::kArray && !h->items.empty() &&
        h->items[0].type == JsonType::kString) {
      names->push_back(h->items[0].text);
      return;
    }
    for (const JsonValue& item : v.items) collect_inbound(item, names);
  } else if (v.type == JsonType::kArray && !v.items.empty()) {
    if (v.items[0].type == JsonType::kString && v.size() >= 3) {
      names->push_back(v.items[0].text);
      return;
    }
    for (const JsonValue& item : v.items) collect_inbound(item, names);
  }
}

Result<std::vector<ConfigEntry>> config_entries(const JsonValue& layers, const std::string& where) {
  std::vector<ConfigEntry> out;
  for (std::size_t i = 0; i < layers.items.size(); ++i) {
    const JsonValue& v = layers.items[i];
    const std::string at = where + ": layers[" + std::to_string(i) + "]";
    if (v.type != JsonType::kObject) return import_error(at, "expected a layer object");
    ConfigEntry e;
    e.value = &v;
    const std::string* cls = string_member(v, "class_name");
    if (!cls) return import_error(at, "a Keras layer names its \"class_name\"");
    e.class_name = *cls;
    const JsonValue* config = v.find("config");
    const std::string* name = config ? string_member(*config, "name") : nullptr;
    if (!name) name = string_member(v, "name");
    e.name = name ? *name : e.class_name + "_" + std::to_string(i);
    if (const JsonValue* nodes = v.find("inbound_nodes")) {
      e.nodes = nodes->size();
      collect_inbound(*nodes, &e.inbound);
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string layer_label(const ConfigEntry& e) { return "layer \"" + e.name + "\" (" + e.class_name + ")"; }

// Config indices from the input to the output of a Functional model; a
// model that branches, joins or shares a layer is refused naming where.
Result<std::vector<std::size_t>> functional_chain(const std::vector<ConfigEntry>& entries,
                                                  const std::string& where) {
  std::vector<std::size_t> chain;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ConfigEntry& e = entries[i];
    if (e.nodes > 1) {
      return import_error(where + ": " + layer_label(e),
                          "is called " + std::to_string(e.nodes) +
                              " times (a shared layer); ConvScope shows models whose layers form one chain",
                          "keras_shared_layer", {e.name, e.class_name, std::to_string(e.nodes)});
    }
    if (e.inbound.size() > 1) {
      return import_error(where + ": " + layer_label(e),
                          "joins " + std::to_string(e.inbound.size()) +
                              " branches; ConvScope shows models whose layers form one chain",
                          "keras_graph_joins", {e.name, e.class_name, std::to_string(e.inbound.size())});
    }
    if (e.inbound.empty()) chain.insert(chain.begin(), i); else chain.push_back(i);
  }
  if (chain.empty() || !entries[chain[0]].inbound.empty()) return import_error(where, "the model has no layers");
  // Follow the chain: each layer's one consumer comes next.
  std::vector<std::size_t> ordered = {chain[0]};
  std::vector<bool> used(entries.size(), false);
  used[chain[0]] = true;
  while (ordered.size() < entries.size()) {
    const std::string& last = entries[ordered.back()].name;
    std::vector<std::size_t> next;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!used[i] && entries[i].inbound.size() == 1 && entries[i].inbound[0] == last) next.push_back(i);
    }
    if (next.size() > 1) {
      return import_error(where + ": " + layer_label(entries[ordered.back()]),
                          "feeds " + std::to_string(next.size()) +
                              " layers (the graph branches); ConvScope shows models whose layers form one chain",
                          "keras_graph_branches",
                          {last, entries[ordered.back()].class_name, std::to_string(next.size())});
    }
    if (next.empty()) {
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!used[i]) {
          return import_error(where + ": " + layer_label(entries[i]),
                              "is not on the chain from the model's input to its output",
                              "keras_graph_detached", {entries[i].name, entries[i].class_name});
        }
      }
    }
    used[next[0]] = true;
    ordered.push_back(next[0]);
  }
  return ordered;
}

// [SECTION] The model's layers and input shape

struct ModelLayers {
  std::string name;
  std::vector<ConfigEntry> entries;
  std::vector<std::size_t> chain;  // entries in order, from the input
};

Result<ModelLayers> model_layers(const JsonValue& root, const std::string& where) {
  if (root.type != JsonType::kObject) return import_error(where, "the model config is not a JSON object");
  const std::string* cls = string_member(root, "class_name");
  if (!cls) return import_error(where, "the model config names no \"class_name\"");
  const bool sequential = *cls == "Sequential";
  if (!sequential && *cls != "Functional" && *cls != "Model") {
    return import_error(where, "a " + *cls + " model; ConvScope opens Sequential and Functional models",
                        "keras_model_class", {*cls});
  }
  const JsonValue* config = root.find("config");
  const JsonValue* layers = config && config->type == JsonType::kArray ? config : nullptr;  // old Sequential
  if (!layers && config) layers = config->find("layers");
  if (!layers || layers->type != JsonType::kArray || layers->is_packed()) {
    return import_error(where, "the model config has no \"layers\" list");
  }
  ModelLayers m;
  if (config && config->type == JsonType::kObject) {
    if (const std::string* n = string_member(*config, "name")) m.name = *n;
  }
  Result<std::vector<ConfigEntry>> entries = config_entries(*layers, where);
  if (!entries) return entries.error();
  m.entries = std::move(*entries);
  if (m.entries.empty()) return import_error(where, "the model has no layers");
  if (sequential) {
    for (std::size_t i = 0; i < m.entries.size(); ++i) m.chain.push_back(i);
  } else {
    Result<std::vector<std::size_t>> chain = functional_chain(m.entries, where);
    if (!chain) return chain.error();
    m.chain = std::move(*chain);
  }
  return m;
}

// [null, 28, 28, 1] from the InputLayer, or from the first layer's
// batch_input_shape / batch_shape (Keras 2 Sequential, TensorFlow.js).
Result<std::vector<int>> input_dims(const ModelLayers& m, const std::string& where) {
  const ConfigEntry& first = m.entries[m.chain[0]];
  const JsonValue* config = first.value->find("config");
  const JsonValue* shape = nullptr;
  for (const char* key : {"batch_shape", "batch_input_shape"}) {
    if (!shape && config) shape = config->find(key);
  }
  const std::string at = where + ": " + layer_label(first);
  if (!shape || shape->type != JsonType::kArray || shape->items.empty() ||
      shape->items[0].type != JsonType::kNull) {
    return import_error(at, "the model's input shape is not given (batch_shape [null, rows, columns, channels])",
                        "keras_no_input_shape", {first.name, first.class_name});
  }
  std::vector<int> dims;
  for (std::size_t i = 1; i < shape->items.size(); ++i) {
    const JsonValue& d = shape->items[i];
    if (d.type != JsonType::kNumber || d.number < 1 || d.number > 1e6 || d.number != static_cast<int>(d.number)) {
      return import_error(at, "input shape entry " + std::to_string(i) + " is " + describe(d) +
                                  "; ConvScope needs fixed sizes (a model built for any image size has none)",
                          "keras_input_dim", {first.name, std::to_string(i), describe(d)});
    }
    dims.push_back(static_cast<int>(d.number));
  }
  if (dims.empty() || dims.size() > 3) {
    return import_error(at, "an input of " + std::to_string(dims.size()) +
                                " dimensions; ConvScope takes [rows, columns, channels], [steps, channels] or [units]",
                        "keras_input_rank", {first.name, std::to_string(dims.size())});
  }
  return dims;
}

// [SECTION] Building the scene document

// Numbers packed; infinities as the scene format's "Infinity" strings.
JsonValue number_array(const float* v, std::size_t n, std::uint32_t offset) {
  JsonValue a;
  a.type = JsonType::kArray;
  a.offset = offset;
  if (std::all_of(v, v + n, [](float x) { return !std::isinf(x); })) {
    a.numbers.assign(v, v + n);
    return a;
  }
  for (std::size_t i = 0; i < n; ++i) {
    JsonValue e;
    e.offset = offset;
    if (std::isinf(v[i])) {
      e.type = JsonType::kString;
      e.text = v[i] > 0 ? "Infinity" : "-Infinity";
    } else {
      e.type = JsonType::kNumber;
      e.number = v[i];
    }
    a.items.push_back(std::move(e));
  }
  return a;
}

// The array as lists nested to its shape ([3, 3, 1, 32]: 3 lists of 3 lists
// of 1 list of 32 numbers), so the reader checks every axis.
JsonValue nested_array(const float* v, const std::vector<int>& shape, std::size_t axis,
                       std::uint32_t offset) {
  std::size_t inner = 1;
  for (std::size_t i = axis + 1; i < shape.size(); ++i) inner *= static_cast<std::size_t>(shape[i]);
  if (axis + 1 >= shape.size()) return number_array(v, shape.empty() ? 1 : static_cast<std::size_t>(shape[axis]), offset);
  JsonValue a;
  a.type = JsonType::kArray;
  a.offset = offset;
  for (int i = 0; i < shape[axis]; ++i) a.items.push_back(nested_array(v + i * inner, shape, axis + 1, offset));
  return a;
}

// The layer's arrays by its table row's weight names ("kernel", "bias").
Result<bool> attach_weights(const ConfigEntry& e, const LayerWeights* w, const std::string& where, JsonValue* layer) {
  const LayerInfo* info = find_layer_info(e.class_name);
  if (!info || !w) return true;  // an unknown class is refused by the reader, with the list
  for (const NamedArray& a : w->arrays) {
    const auto def = std::find_if(info->weights.begin(), info->weights.end(),
                                  [&](const WeightDef& d) { return a.name == d.name; });
    if (def == info->weights.end()) {
      return import_error(where + ": " + layer_label(e),
                          "holds a weight \"" + a.name + "\" that a " + e.class_name + " layer does not have",
                          "keras_unknown_weight", {e.name, e.class_name, a.name});
    }
    std::size_t count = 1;
    for (int d : a.shape) count *= static_cast<std::size_t>(std::max(d, 0));
    if (count != a.data.size() || count == 0) {
      return import_error(where + ": " + layer_label(e) + ": " + a.name, "the array's values do not fill its shape");
    }
    layer->keys.push_back(a.name);
    layer->items.push_back(nested_array(a.data.data(), a.shape, 0, layer->offset));
  }
  return true;
}

// Every weight the layer uses came from the file: the scene reader would
// otherwise initialise a missing one, and a model would run on weights
// nobody trained.
Result<bool> check_complete(const Layer& l, const ConfigEntry& e, const LayerWeights* w, const std::string& where) {
  const LayerInfo& info = layer_info(l.type);
  for (const WeightDef& d : info.weights) {
    if (d.present && !(l.*d.present)) continue;
    const bool given = w && std::any_of(w->arrays.begin(), w->arrays.end(),
                                        [&](const NamedArray& a) { return a.name == d.name; });
    if (!given) {
      return import_error(where + ": " + layer_label(e), std::string("has no \"") + d.name + "\" weights in the file",
                          "keras_weight_missing", {e.name, e.class_name, d.name});
    }
  }
  return true;
}

JsonValue string_value(const std::string& s) {
  JsonValue v;
  v.type = JsonType::kString;
  v.text = s;
  return v;
}

JsonValue scene_document(const ModelLayers& m, const std::vector<int>& dims) {
  JsonValue doc;
  doc.type = JsonType::kObject;
  JsonValue version;
  version.type = JsonType::kNumber;
  version.number = 1;
  JsonValue input;
  input.type = JsonType::kObject;
  input.offset = m.entries[m.chain[0]].value->offset;
  input.keys = {"shape"};
  std::vector<float> d(dims.begin(), dims.end());
  input.items = {number_array(d.data(), d.size(), input.offset)};
  JsonValue layers;
  layers.type = JsonType::kArray;
  doc.keys = {"version", "title", "input", "layers"};
  doc.items = {version, string_value(m.name), input, layers};
  return doc;
}

// "layers[3].config.padding" -> "layer "conv2d_1" (Conv2D): padding".
std::string keras_where(const std::string& where, const std::string& path, const ModelLayers& m,
                        const std::vector<std::size_t>& scene_to_entry) {
  if (path.rfind("layers[", 0) != 0) return where + (path.empty() ? "" : ": " + path);
  const std::size_t close = path.find(']');
  const std::size_t i = static_cast<std::size_t>(std::strtoul(path.c_str() + 7, nullptr, 10));
  std::string rest = close == std::string::npos ? "" : path.substr(close + 1);
  if (rest.rfind(".config", 0) == 0) rest = rest.substr(7);
  if (!rest.empty() && rest[0] == '.') rest = rest.substr(1);
  if (i >= scene_to_entry.size()) return where + ": " + path;
  return where + ": " + layer_label(m.entries[scene_to_entry[i]]) + (rest.empty() ? "" : ": " + rest);
}

}  // namespace

// [SECTION] scene_from_keras

Result<Scene> scene_from_keras(const KerasModel& model, const std::string& where) {
  Result<JsonValue> root = parse_json(model.config_json);
  if (!root) return import_error(where + ": " + root.error().where, root.error().message);
  Result<ModelLayers> m = model_layers(*root, where);
  if (!m) return m.error();
  Result<std::vector<int>> dims = input_dims(*m, where);
  if (!dims) return dims.error();
  JsonValue doc = scene_document(*m, *dims);
  JsonValue& layers = doc.items[3];
  std::vector<std::size_t> scene_to_entry;
  for (std::size_t k = 0; k < m->chain.size(); ++k) {
    const std::size_t i = m->chain[k];
    const ConfigEntry& e = m->entries[i];
    if (e.class_name == "InputLayer") {  // read for its checks (dtype); its shape is the scene's input
      JsonReader reader(model.config_json);
      Layer input;
      if (!read_layer_json(reader, *e.value, "", &input)) {
        Error err = reader.last_error();
        err.where = where + ": " + layer_label(e) + (err.where.empty() ? "" : ": " + err.where);
        return err;
      }
      continue;
    }
    JsonValue layer = *e.value;
    const LayerWeights* w = i < model.layers.size() ? &model.layers[i] : nullptr;
    Result<bool> attached = attach_weights(e, w, where, &layer);
    if (!attached) return attached.error();
    layers.items.push_back(std::move(layer));
    scene_to_entry.push_back(i);
  }
  Result<Scene> scene = parse_scene_value(doc, model.config_json);
  if (!scene) {
    Error e = scene.error();
    e.where = keras_where(where, e.where, *m, scene_to_entry);
    return e;
  }
  for (std::size_t k = 0; k < scene->layers.size(); ++k) {
    const std::size_t i = scene_to_entry[k];
    Result<bool> complete = check_complete(scene->layers[k], m->entries[i],
                                           i < model.layers.size() ? &model.layers[i] : nullptr, where);
    if (!complete) return complete.error();
    if (scene->layers[k].name.empty()) scene->layers[k].name = m->entries[i].name;
  }
  return scene;
}

}  // namespace cs
