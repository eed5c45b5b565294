// h5_format.cpp - legacy Keras `.h5` model files (tf.keras' and Keras 3's
// legacy HDF5 writer): the root attribute model_config (the model config as
// JSON text), the group model_weights whose attribute layer_names lists the
// layers with a group each, and in each such group the attribute
// weight_names naming its datasets relative to the group
// ("conv2d/kernel:0"; Keras 3 writes "kernel" paths without ":0"). The
// names are followed, never guessed. Long lists are split by Keras over
// layer_names0, layer_names1, ... (h5::read_string_list joins them).
#include <map>
#include <set>

#include "modelio/errors.h"
#include "modelio/formats.h"
#include "modelio/hdf5_io.h"

namespace cs::modelio {
namespace {

constexpr const char* kWeightsOnly =
    "holds weights only (model.save_weights); ConvScope needs the whole model: save it with "
    "model.save(\"model.keras\") or model.save(\"model.h5\")";

Result<std::string> model_config_text(hid_t file, const std::string& where) {
  if (!h5::has_attribute(file, "model_config")) {
    const bool weights_only = h5::has_attribute(file, "layer_names") ||
                              h5::open_group(file, "layers").valid() ||
                              h5::open_group(file, "model_weights").valid();
    return fail(where, weights_only ? kWeightsOnly
                                    : "is an HDF5 file but not a Keras model (it has no "
                                      "model_config attribute)");
  }
  Result<std::vector<std::string>> texts = h5::read_strings(file, "model_config", where);
  if (!texts) return texts.error();
  if (texts->size() != 1) {
    return fail(join_where(where, "attribute model_config"),
                "holds " + std::to_string(texts->size()) + " texts where one was expected");
  }
  return (*texts)[0];
}

std::string keras_version(hid_t file, hid_t model_weights) {
  for (hid_t obj : {file, model_weights}) {
    if (!h5::has_attribute(obj, "keras_version")) continue;
    Result<std::vector<std::string>> v = h5::read_strings(obj, "keras_version", "");
    if (v && v->size() == 1) return (*v)[0];
  }
  return "";
}

// One layer group: its weight_names, each read as a dataset of the group.
Result<std::vector<NamedArray>> read_layer_group(hid_t model_weights, const std::string& name,
                                                 std::size_t file_bytes, std::size_t& budget,
                                                 const std::string& where) {
  const std::string at = join_where(where, "model_weights/" + name);
  std::string damage;
  h5::Hid group = h5::open_group(model_weights, name, &damage);
  if (!group.valid())
    return fail(at, damage.empty() ? "is missing, though layer_names lists it" : damage);
  Result<std::vector<std::string>> names = h5::read_string_list(group.get(), "weight_names", at);
  if (!names) return names.error();
  std::vector<NamedArray> arrays;
  for (const std::string& weight : *names) {
    Result<NamedArray> a = h5::read_floats(group.get(), weight, file_bytes, budget, at);
    if (!a) return a.error();
    budget -= a->data.size();
    a->name = variable_name(weight);
    arrays.push_back(std::move(*a));
  }
  return arrays;
}

}  // namespace

Result<ModelFile> read_h5(const std::vector<std::uint8_t>& bytes, const std::string& where) {
  Result<h5::ImageFile> file = h5::open_image(bytes, where);
  if (!file) return file.error();
  ModelFile m;
  m.format = "h5";
  Result<std::string> text = model_config_text(file->get(), where);
  if (!text) return text.error();
  m.model_config_json = std::move(*text);
  Result<ModelConfig> config =
      parse_model_config(m.model_config_json, join_where(where, "attribute model_config"));
  if (!config) return config.error();
  std::string damage;
  h5::Hid model_weights = h5::open_group(file->get(), "model_weights", &damage);
  if (!model_weights.valid()) {
    return fail(
        join_where(where, "model_weights"),
        damage.empty() ? "is missing: the file holds a model config but no weights" : damage);
  }
  m.keras_version = keras_version(file->get(), model_weights.get());

  std::map<std::string, std::size_t> index;
  for (const ConfigLayer& layer : config->layers) {
    index.emplace(layer.name, m.layers.size());
    m.layers.push_back({layer.name, layer.class_name, {}});
  }
  const std::string list_at = join_where(where, "model_weights");
  Result<std::vector<std::string>> layer_names =
      h5::read_string_list(model_weights.get(), "layer_names", list_at);
  if (!layer_names) return layer_names.error();
  std::size_t budget = kMaxWeightValues;
  std::set<std::string> listed;
  for (const std::string& name : *layer_names) {
    const auto it = index.find(name);
    if (it == index.end()) {
      return fail(join_where(list_at, "attribute layer_names"),
                  "names a layer '" + name + "' that the model_config does not have");
    }
    if (!listed.insert(name).second) {
      return fail(join_where(list_at, "attribute layer_names"), "lists '" + name + "' twice");
    }
    Result<std::vector<NamedArray>> arrays =
        read_layer_group(model_weights.get(), name, bytes.size(), budget, where);
    if (!arrays) return arrays.error();
    m.layers[it->second].arrays = std::move(*arrays);
  }
  for (std::size_t i = 0; i < m.layers.size(); ++i) {
    order_by_class(config->layers[i], m.layers[i].arrays);
    Result<bool> counted = check_array_count(config->layers[i], m.layers[i].arrays.size(),
                                             join_where(list_at, m.layers[i].layer_name));
    if (!counted) return counted.error();
  }
  return m;
}

}  // namespace cs::modelio
