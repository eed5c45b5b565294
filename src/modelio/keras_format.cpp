// keras_format.cpp - Keras 3 `.keras` files: a zip of config.json,
// metadata.json and model.weights.h5, read and written in the layout of
// keras/src/saving/saving_lib.py (Keras 3.4): H5IOStore puts each saveable's
// variables in "<path>/vars/<i>", the model's own at "vars", the layers at
// "layers/<snake_case class>[_N]" (see keras_layer_paths), and the 2.13
// compatibility branch of H5Entry reads "_layer_checkpoint_dependencies/..."
// where tf.keras 2.13-2.15 wrote the same names.
//
// [SECTION] Reading
// [SECTION] Writing

#include <ctime>

#include "core/json.h"
#include "modelio/errors.h"
#include "modelio/formats.h"
#include "modelio/hdf5_io.h"

namespace cs::modelio {
namespace {

constexpr const char* kConfigName = "config.json";
constexpr const char* kMetadataName = "metadata.json";
constexpr const char* kWeightsName = "model.weights.h5";
constexpr std::size_t kMaxVarsPerLayer = 4096;
constexpr const char* kWrittenKerasVersion = "3.4.1";  // the layout written is 3.4.1's

std::string text_of(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// [SECTION] Reading

Result<std::string> read_keras_version(zip::Reader& zip, const std::string& where) {
  if (!zip.has(kMetadataName)) return std::string();
  Result<std::vector<std::uint8_t>> bytes = zip.read(kMetadataName, kMaxConfigBytes);
  if (!bytes) return bytes.error();
  const std::string at = join_where(where, kMetadataName);
  Result<JsonValue> meta = parse_json(text_of(*bytes));
  if (!meta) return fail(join_where(at, meta.error().where), meta.error().message);
  const JsonValue* v = meta->find("keras_version");
  return v && v->type == JsonType::kString ? v->text : std::string();
}

// Where this file keeps the layers: Keras 3's "layers", or tf.keras 2.13's
// "_layer_checkpoint_dependencies" (H5Entry's compatibility branch).
std::string layers_root(hid_t file) {
  if (!h5::open_group(file, "layers").valid() &&
      h5::open_group(file, "_layer_checkpoint_dependencies").valid()) {
    return "_layer_checkpoint_dependencies";
  }
  return "layers";
}

// vars/0 ... vars/<n-1> of one layer, as Layer.load_own_variables reads them.
Result<std::vector<NamedArray>> read_vars(hid_t file, const std::string& vars_path,
                                          std::size_t file_bytes, std::size_t& budget,
                                          const std::string& where) {
  std::vector<NamedArray> arrays;
  const std::string at = join_where(where, vars_path);
  std::string damage;
  h5::Hid vars = h5::open_group(file, vars_path, &damage);
  if (!damage.empty()) return fail(at, damage);
  if (!vars.valid()) return arrays;
  Result<std::size_t> n = h5::link_count(vars.get(), at);
  if (!n) return n.error();
  if (*n > kMaxVarsPerLayer)
    return fail(at, "holds " + std::to_string(*n) + " variables; at most 4096 are read");
  for (std::size_t i = 0; i < *n; ++i) {
    Result<NamedArray> a = h5::read_floats(vars.get(), std::to_string(i), file_bytes, budget, at);
    if (!a) return a.error();
    budget -= a->data.size();
    arrays.push_back(std::move(*a));
  }
  return arrays;
}

Result<LayerWeights> read_layer(hid_t file, const ConfigLayer& layer, const std::string& path,
                                std::size_t file_bytes, std::size_t& budget,
                                const std::string& where) {
  LayerWeights out{layer.name, layer.class_name, {}};
  if (path.empty()) return out;
  const std::string vars_path = path + "/vars";
  std::string damage;
  if (!h5::open_group(file, vars_path, &damage).valid() && damage.empty() && layer.vars_known &&
      !layer.var_names.empty()) {
    return fail(join_where(where, vars_path),
                "is missing; layer '" + layer.name + "' (" + layer.class_name + ") needs " +
                    std::to_string(layer.var_names.size()) + " weight arrays");
  }
  Result<std::vector<NamedArray>> arrays = read_vars(file, vars_path, file_bytes, budget, where);
  if (!arrays) return arrays.error();
  name_by_class(layer, *arrays);
  Result<bool> counted = check_array_count(layer, arrays->size(), join_where(where, vars_path));
  if (!counted) return counted.error();
  out.arrays = std::move(*arrays);
  return out;
}

Result<std::vector<std::uint8_t>> read_weights_member(zip::Reader& zip, const std::string& where) {
  if (!zip.has(kWeightsName)) {
    if (zip.has("model.weights.npz")) {
      return fail(join_where(where, "model.weights.npz"),
                  "weights saved in NumPy format cannot be read; save with Keras' default "
                  "(weights_format=\"h5\")");
    }
    return fail(where, "has no model.weights.h5: the archive holds a config but no weights");
  }
  return zip.read(kWeightsName, kMaxFileBytes);
}

}  // namespace

bool is_keras_archive(const zip::Reader& zip) { return zip.has(kConfigName); }

Result<ModelFile> read_keras(zip::Reader& zip, const std::string& where) {
  Result<std::vector<std::uint8_t>> config_bytes = zip.read(kConfigName, kMaxConfigBytes);
  if (!config_bytes) return config_bytes.error();
  ModelFile m;
  m.format = "keras";
  m.model_config_json = text_of(*config_bytes);
  Result<ModelConfig> config =
      parse_model_config(m.model_config_json, join_where(where, kConfigName));
  if (!config) return config.error();
  Result<std::string> version = read_keras_version(zip, where);
  if (!version) return version.error();
  m.keras_version = *version;

  Result<std::vector<std::uint8_t>> weights = read_weights_member(zip, where);
  if (!weights) return weights.error();
  const std::string at = join_where(where, kWeightsName);
  Result<h5::ImageFile> file = h5::open_image(*weights, at);
  if (!file) return file.error();
  const std::string root = layers_root(file->get());
  std::vector<std::string> paths = keras_layer_paths(*config);
  std::size_t budget = kMaxWeightValues;
  for (std::size_t i = 0; i < config->layers.size(); ++i) {
    if (!paths[i].empty()) paths[i].replace(0, 6, root);  // "layers" -> the file's root
    Result<LayerWeights> layer =
        read_layer(file->get(), config->layers[i], paths[i], weights->size(), budget, at);
    if (!layer) return layer.error();
    m.layers.push_back(std::move(*layer));
  }
  return m;
}

// [SECTION] Writing

namespace {

// metadata.json as Keras' json.dumps writes it, with datetime.now()'s
// "%Y-%m-%d@%H:%M:%S".
std::string metadata_json(const std::tm& now) {
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d@%H:%M:%S", &now);
  return std::string("{\"keras_version\": \"") + kWrittenKerasVersion + "\", \"date_saved\": \"" +
         date + "\"}";
}

Result<std::vector<std::uint8_t>> weights_file(const WritableModel& w) {
  h5::MemoryFileWriter file;
  Result<bool> ok = file.create(kWeightsName);
  if (ok) ok = file.group("vars");  // the model's own (none), as _save_state makes first
  const std::vector<std::string> paths = keras_layer_paths(w.config);
  for (std::size_t i = 0; ok && i < paths.size(); ++i) {
    if (paths[i].empty()) continue;
    ok = file.group(paths[i] + "/vars");  // also for layers without weights
    for (std::size_t k = 0; ok && k < w.arrays[i].size(); ++k) {
      ok = file.dataset(paths[i] + "/vars/" + std::to_string(k), *w.arrays[i][k]);
    }
  }
  if (!ok) return ok.error();
  return file.image();
}

}  // namespace

Result<std::vector<std::uint8_t>> write_keras(const ModelFile& m) {
  Result<WritableModel> w = prepare_for_writing(m, "model");
  if (!w) return w.error();
  Result<std::vector<std::uint8_t>> weights = weights_file(*w);
  if (!weights) return weights.error();
  const std::time_t t = std::time(nullptr);
  std::tm now{};
  localtime_r(&t, &now);
  const std::string meta = metadata_json(now);
  const std::vector<std::uint8_t> meta_bytes(meta.begin(), meta.end());
  const std::vector<std::uint8_t> config_bytes(m.model_config_json.begin(),
                                               m.model_config_json.end());
  // Python's zipfile: zf.open(name, "w") stamps 1980-01-01, writestr() the current time.
  const std::vector<zip::Member> members = {
      {kMetadataName, &meta_bytes, 0},
      {kConfigName, &config_bytes, 0},
      {kWeightsName, &*weights,
       zip::dos_time(now.tm_year + 1900, now.tm_mon + 1, now.tm_mday, now.tm_hour, now.tm_min,
                     now.tm_sec)},
  };
  return zip::write_stored(members, "model.keras");
}

}  // namespace cs::modelio
