// formats.h - the readers and writers of the three container formats behind
// model_file.h (read_model tells them apart and calls one). Each takes the
// `where` its errors begin with: the name of the file handed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modelio/keras_config.h"
#include "modelio/model_file.h"
#include "modelio/zip_io.h"

namespace cs::modelio {

// keras_format.cpp: a Keras 3 .keras zip (config.json, metadata.json, model.weights.h5).
bool is_keras_archive(const zip::Reader& zip);
Result<ModelFile> read_keras(zip::Reader& zip, const std::string& where);

// h5_format.cpp: a legacy Keras .h5 (model_config attribute, model_weights group).
Result<ModelFile> read_h5(const std::vector<std::uint8_t>& bytes, const std::string& where);

// tfjs_format.cpp: a TensorFlow.js model.json. `shards` are the other files
// handed in (or the other members of its zip), `name` relative to the
// folder of model.json; manifest paths are matched exactly, then by base name.
struct Shard {
  std::string name;
  std::string where;
  const std::vector<std::uint8_t>* bytes = nullptr;
};
Result<ModelFile> read_tfjs(std::string_view model_json, const std::string& where,
                            const std::vector<Shard>& shards);

// Shared by the writers: m.layers matched to the config's layers by name
// (each entry must name a config layer of the same class), arrays checked
// against their shapes and put in get_weights() order. One entry per config
// layer; layers m does not list get none.
struct WritableModel {
  ModelConfig config;
  std::vector<std::vector<const NamedArray*>> arrays;  // per config layer
};
Result<WritableModel> prepare_for_writing(const ModelFile& m, const std::string& where);

}  // namespace cs::modelio
