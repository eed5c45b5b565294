// model_file.cpp - read_model: which of the files handed in is the model
// and in which format, told from the bytes (zip, HDF5 signature, JSON);
// and the checks both writers make on a ModelFile before writing it.
//
// [SECTION] Telling formats apart
// [SECTION] read_model
// [SECTION] Preparing a model for writing

#include <map>

#include "modelio/errors.h"
#include "modelio/formats.h"
#include "modelio/json_kind.h"
#include "modelio/zip_io.h"

namespace cs::modelio {
namespace {

// [SECTION] Telling formats apart

enum class Kind { kOther, kZip, kHdf5, kJson };

// HDF5's signature sits at 0 or, after a user block, at 512, 1024, 2048, ...
bool has_hdf5_signature(const std::vector<std::uint8_t>& b) {
  static const std::uint8_t kSig[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
  for (std::size_t at = 0; at + 8 <= b.size(); at = at ? at * 2 : 512) {
    if (std::equal(kSig, kSig + 8, b.begin() + static_cast<std::ptrdiff_t>(at))) return true;
  }
  return false;
}

// An object after an optional byte-order mark and blanks: '{' then '"' or '}'.
bool looks_like_json_object(const std::vector<std::uint8_t>& b) {
  const std::string_view text = as_text(b);
  if (!looks_like_json(text, true)) return false;
  const std::size_t i = text.find_first_not_of(" \t\r\n", json_text_start(text) + 1);
  return i != std::string_view::npos && (text[i] == '"' || text[i] == '}');
}

Kind kind_of(const std::vector<std::uint8_t>& b) {
  if (zip::has_zip_magic(b)) return Kind::kZip;
  if (has_hdf5_signature(b)) return Kind::kHdf5;
  if (looks_like_json_object(b)) return Kind::kJson;
  return Kind::kOther;
}

std::string file_name(const InputFile& f, std::size_t i) {
  return f.name.empty() ? "file " + std::to_string(i + 1) : f.name;
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// [SECTION] read_model

// A zip holding model.json (at any depth; the shallowest wins) and its shards.
Result<ModelFile> read_tfjs_zip(zip::Reader& archive, const std::string& where) {
  const zip::Entry* json = nullptr;
  for (const zip::Entry& e : archive.entries()) {
    const bool is_model_json =
        e.name == "model.json" ||
        (e.name.size() > 11 && e.name.compare(e.name.size() - 11, 11, "/model.json") == 0);
    if (is_model_json && (!json || e.name.size() < json->name.size())) json = &e;
  }
  if (!json) {
    return fail(where,
                "is a zip archive holding neither a Keras model (config.json, "
                "model.weights.h5) nor a TensorFlow.js model (model.json)");
  }
  const std::string json_name = json->name;
  Result<std::vector<std::uint8_t>> text = archive.read(json_name, kMaxConfigBytes);
  if (!text) return text.error();
  const std::string folder = folder_of(json_name);
  std::vector<std::vector<std::uint8_t>> storage;
  std::vector<Shard> shards;
  storage.reserve(archive.entries().size());
  std::size_t total = 0;
  for (const zip::Entry& e : archive.entries()) {
    const bool is_file = !e.name.empty() && e.name.back() != '/';
    if (e.name == json_name || !is_file || e.name.compare(0, folder.size(), folder) != 0) continue;
    if (e.size > kMaxFileBytes - total) return fail(where, "its members are too large together");
    Result<std::vector<std::uint8_t>> bytes = archive.read(e.name, kMaxFileBytes - total);
    if (!bytes) return bytes.error();
    total += bytes->size();
    storage.push_back(std::move(*bytes));
    shards.push_back({e.name.substr(folder.size()), join_where(where, e.name), &storage.back()});
  }
  return read_tfjs(std::string(text->begin(), text->end()), join_where(where, json_name), shards);
}

Result<ModelFile> read_zip(const InputFile& f, const std::string& where) {
  zip::Reader archive;
  Result<bool> opened = archive.open(f.bytes, where);
  if (!opened) return opened.error();
  if (is_keras_archive(archive)) return read_keras(archive, where);
  return read_tfjs_zip(archive, where);
}

Result<ModelFile> read_separate_tfjs(const std::vector<InputFile>& files, std::size_t json,
                                     const std::vector<std::string>& names) {
  std::vector<Shard> shards;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i != json) shards.push_back({files[i].name, names[i], &files[i].bytes});
  }
  const std::vector<std::uint8_t>& b = files[json].bytes;
  return read_tfjs(std::string(b.begin(), b.end()), names[json], shards);
}

}  // namespace

Result<ModelFile> read_model(const std::vector<InputFile>& files) {
  if (files.empty()) return fail("", "no file was given");
  std::vector<std::string> names;
  std::vector<std::size_t> models;  // files whose bytes are a zip, HDF5 or JSON
  std::vector<Kind> kinds;
  for (std::size_t i = 0; i < files.size(); ++i) {
    names.push_back(file_name(files[i], i));
    if (files[i].bytes.size() > kMaxFileBytes) {
      return fail(names[i], "is " + std::to_string(files[i].bytes.size()) +
                                " bytes; model files over 1 GiB are not read");
    }
    kinds.push_back(kind_of(files[i].bytes));
    if (kinds[i] != Kind::kOther) models.push_back(i);
  }
  if (models.empty()) {
    return fail(names[0], files[0].bytes.empty()
                              ? "is empty"
                              : "is not a model file: it is neither a zip (.keras, or a zip of "
                                "model.json and shards), nor HDF5 (.h5), nor JSON (model.json)");
  }
  if (models.size() > 1) {
    return fail(names[models[0]],
                "and " + names[models[1]] + " are both model files; open one model at a time");
  }
  const std::size_t i = models[0];
  switch (kinds[i]) {
    case Kind::kZip:
      return read_zip(files[i], names[i]);
    case Kind::kHdf5:
      return read_h5(files[i].bytes, names[i]);
    default:
      return read_separate_tfjs(files, i, names);
  }
}

// [SECTION] Preparing a model for writing

namespace {

Result<bool> check_array(const NamedArray& a, std::size_t& budget, const std::string& where) {
  std::size_t count = 1;
  for (int d : a.shape) {
    if (d < 0) return fail(where, "has a negative size in its shape " + shape_text(a.shape));
    if (d > 0 && count > budget / static_cast<std::size_t>(d)) {
      return fail(where, "has a shape " + shape_text(a.shape) + " with too many values");
    }
    count *= static_cast<std::size_t>(d);
  }
  if (a.shape.size() > 32) return fail(where, "has more than 32 dimensions");
  if (count != a.data.size()) {
    return fail(where, "has " + std::to_string(a.data.size()) + " values, but its shape " +
                           shape_text(a.shape) + " needs " + std::to_string(count));
  }
  if (a.name.empty() || a.name.find('/') != std::string::npos) {
    return fail(where, "needs a name without '/' (\"kernel\", \"bias\", ...)");
  }
  budget -= count;
  return true;
}

}  // namespace

Result<WritableModel> prepare_for_writing(const ModelFile& m, const std::string& where) {
  WritableModel w;
  Result<ModelConfig> config =
      parse_model_config(m.model_config_json, join_where(where, "model_config_json"));
  if (!config) return config.error();
  w.config = std::move(*config);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < w.config.layers.size(); ++i) index[w.config.layers[i].name] = i;
  w.arrays.resize(w.config.layers.size());
  std::vector<bool> given(w.config.layers.size(), false);
  std::size_t budget = kMaxWeightValues;
  for (std::size_t li = 0; li < m.layers.size(); ++li) {
    const LayerWeights& lw = m.layers[li];
    const std::string at = join_where(where, "layers[" + std::to_string(li) + "]");
    const auto it = index.find(lw.layer_name);
    if (it == index.end())
      return fail(at, "names a layer '" + lw.layer_name + "' the config does not have");
    const ConfigLayer& layer = w.config.layers[it->second];
    if (!lw.class_name.empty() && lw.class_name != layer.class_name) {
      return fail(at, "says layer '" + lw.layer_name + "' is a " + lw.class_name +
                          "; the config says " + layer.class_name);
    }
    if (given[it->second]) return fail(at, "repeats layer '" + lw.layer_name + "'");
    given[it->second] = true;
    std::vector<const NamedArray*> arrays;
    for (std::size_t ai = 0; ai < lw.arrays.size(); ++ai) {
      Result<bool> ok =
          check_array(lw.arrays[ai], budget, join_where(at, "arrays[" + std::to_string(ai) + "]"));
      if (!ok) return ok.error();
      arrays.push_back(&lw.arrays[ai]);
    }
    for (std::size_t k : class_order(layer, arrays)) w.arrays[it->second].push_back(arrays[k]);
    Result<bool> ok = check_array_count(layer, arrays.size(), at);
    if (!ok) return ok.error();
  }
  for (std::size_t i = 0; i < given.size(); ++i) {
    const ConfigLayer& layer = w.config.layers[i];
    if (!given[i] && layer.vars_known && !layer.var_names.empty()) {
      return fail(where,
                  "has no weights for layer '" + layer.name + "' (" + layer.class_name + ")");
    }
  }
  return w;
}

}  // namespace cs::modelio
