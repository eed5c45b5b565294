// model_scene.cpp - model files as scenes (model_scene.h).
#include "modelio/model_scene.h"

#include "core/json.h"
#include "core/keras_model.h"
#include "modelio/errors.h"
#include "modelio/json_kind.h"

namespace cs::modelio {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  const std::string b = base_name(path);
  const std::size_t dot = b.rfind('.');
  return dot == std::string::npos || dot == 0 ? b : b.substr(0, dot);
}

// ConvScope's scene JSON: an object with "version" and "layers" (a
// TensorFlow.js model.json has "modelTopology" instead).
// ConvScope's own scene JSON (modelio/json_kind.h) that parses and has
// the scene's keys; anything else goes to the model reader.
bool is_scene_file(const InputFile& f) {
  if (!is_scene_json(as_text(f.bytes))) return false;
  Result<JsonValue> v = parse_json(as_text(f.bytes));
  return v && v->type == JsonType::kObject && v->find("version") && v->find("layers");
}

}  // namespace

Result<Scene> open_model(const std::vector<InputFile>& files) {
  if (files.size() == 1 && is_scene_file(files[0])) {
    const InputFile& f = files[0];
    Result<Scene> s = parse_scene(std::string_view(reinterpret_cast<const char*>(f.bytes.data()), f.bytes.size()));
    if (!s) {
      Error e = s.error();
      e.where = join_where(f.name, e.where);
      return e;
    }
    if (s->title.empty()) s->title = stem(f.name);
    return s;
  }
  Result<ModelFile> m = read_model(files);
  if (!m) return m.error();
  // The model's own file names it: the .keras, .h5 or model.json, not a shard.
  std::string name = files.empty() ? "model" : files[0].name;
  for (const InputFile& f : files) {
    if (!ends_with(f.name, ".bin")) {
      name = f.name;
      break;
    }
  }
  const std::string where = join_where(name, m->format == "keras" ? "config.json" : "");
  Result<Scene> s = scene_from_keras(KerasModel{m->model_config_json, m->layers}, where);
  if (!s) return s.error();
  s->title = stem(name);
  return s;
}

Result<SaveFormat> format_for_name(const std::string& name) {
  if (ends_with(name, ".keras")) return SaveFormat::kKeras;
  if (ends_with(base_name(name), "model.json")) return SaveFormat::kTfjs;
  if (ends_with(name, ".json")) return SaveFormat::kScene;
  return fail(name, "the file name says no format: use NAME.keras (Keras 3), model.json (TensorFlow.js) "
                    "or NAME.json (ConvScope's scene)");
}

Result<std::vector<InputFile>> save_model(const Scene& scene, SaveFormat format, const std::string& name) {
  if (format == SaveFormat::kScene) {
    const std::string json = scene_to_json(scene);
    return std::vector<InputFile>{{name, std::vector<std::uint8_t>(json.begin(), json.end())}};
  }
  const bool tfjs = format == SaveFormat::kTfjs;
  Result<KerasModel> k = keras_from_scene(scene, tfjs ? KerasDialect::kTfjs : KerasDialect::kKeras3);
  if (!k) {
    Error e = k.error();
    e.where = join_where(name, e.where);
    return e;
  }
  ModelFile m;
  m.format = tfjs ? "tfjs" : "keras";
  m.model_config_json = std::move(k->config_json);
  m.layers = std::move(k->layers);
  if (!tfjs) {
    Result<std::vector<std::uint8_t>> bytes = write_keras(m);
    if (!bytes) return bytes.error();
    return std::vector<InputFile>{{name, std::move(*bytes)}};
  }
  const std::string shard = base_name(name) == "model.json" ? "group1-shard1of1.bin" : stem(name) + ".bin";
  Result<std::vector<InputFile>> files = write_tfjs(m, shard);
  if (!files) return files.error();
  (*files)[0].name = name;
  return files;
}

std::string export_name(SaveFormat format) {
  switch (format) {
    case SaveFormat::kKeras: return "convscope-model.keras";
    case SaveFormat::kTfjs: return "model.json";  // its shard: group1-shard1of1.bin
    case SaveFormat::kScene: break;
  }
  return "convscope-scene.json";
}

Result<std::vector<InputFile>> export_scene_json(std::string_view scene_json, SaveFormat format) {
  const std::string name = export_name(format);
  Result<Scene> s = parse_scene(scene_json);
  if (!s) {
    Error e = s.error();
    e.where = join_where(name, e.where);
    return e;
  }
  return save_model(*s, format, name);
}

}  // namespace cs::modelio
