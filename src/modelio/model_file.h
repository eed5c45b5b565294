// model_file.h - reading and writing Keras / TensorFlow.js model files, as
// bytes in memory (natively and in WebAssembly alike). The I/O layer only:
// it turns a model file into the Keras model config (JSON text) and every
// layer's weight arrays, and back; mapping the config onto ConvScope's layer
// types is done elsewhere. Formats, layouts and limits: docs/model-files.md.
//
// Read: Keras 3 `.keras` (zip: config.json, metadata.json, model.weights.h5),
// legacy Keras `.h5` (HDF5: model_config + model_weights), TensorFlow.js
// layers models (model.json + .bin shards, as separate files or one zip;
// float32, or quantized uint8 / uint16 / float16, dequantised to float32).
// The format is told from the bytes (zip, HDF5 signature, JSON), never from
// file names. Write: `.keras` in Keras 3.4's layout, TensorFlow.js model.json
// plus one float32 shard.
//
// Every damaged or unexpected input is a cs::Error whose `where` names the
// file and, inside it, the path ("m.keras: model.weights.h5: layers/dense/vars/0")
// and whose `message` says what is wrong. Nothing aborts; sizes are bounded
// (kMaxFileBytes, kMaxWeightValues) before anything is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/keras_model.h"
#include "core/result.h"

namespace cs::modelio {

// A file as the student handed it in. `name` is used only in messages and to
// find a TensorFlow.js shard named by the manifest (compared by base name).
struct InputFile {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

// One weight array. `name` is the variable's own name ("kernel", "bias",
// "gamma", "moving_mean"), without layer prefix or ":0". Keras 3 `.keras`
// files number variables only (vars/0, vars/1); for the classes whose order
// is known (Conv1D/2D/3D and their Transpose, Dense: kernel, bias;
// BatchNormalization: gamma, beta, moving_mean, moving_variance minus those
// that scale/center=false drop) the names are filled in, else "0", "1", ...
// `data` is row-major (C order) over `shape`; a scalar has shape [].
// (cs::NamedArray, core/keras_model.h.) The weights of one layer of the
// config, in Keras get_weights() order: cs::LayerWeights.
using cs::LayerWeights;
using cs::NamedArray;

struct ModelFile {
  std::string format;         // "keras", "h5" or "tfjs"
  std::string keras_version;  // as recorded ("3.4.1", "2.11.0", "tfjs-layers 4.22.0"), "" if none
  // {"class_name": "Sequential"|"Functional"|"Model", "config": {...}, ...}
  // exactly as stored (a TensorFlow.js {"model_config": {...}} wrapper removed).
  std::string model_config_json;
  // One entry per entry of the config's "layers" list, in that order,
  // including layers without weights (InputLayer, pooling, Flatten, Dropout:
  // arrays empty). A Keras Sequential config lists its InputLayer first, so
  // a Sequential of 8 layers gives 9 entries; Keras' own model.layers (and
  // the weight files) leave that InputLayer out.
  std::vector<LayerWeights> layers;
};

// Bounds on what a model file may claim, checked before allocating.
inline constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;     // one input file
inline constexpr std::size_t kMaxWeightValues = std::size_t{1} << 28;  // all arrays together
inline constexpr std::size_t kMaxConfigBytes = std::size_t{64} << 20;  // config / model.json text

// Reads one model from the files handed in: a `.keras`, a `.h5`, a
// TensorFlow.js model.json with its shards, or a zip of model.json + shards.
// More than one model file among `files` is an error.
Result<ModelFile> read_model(const std::vector<InputFile>& files);

// Writes a `.keras` zip that Keras 3 loads: config.json (model_config_json
// as given), metadata.json ({"keras_version": "3.4.1", "date_saved": ...})
// and model.weights.h5 with vars/ at the root and layers/<snake_case
// class>[_N]/vars/<i> per layer, as Keras 3.4's saving_lib writes them (no
// optimizer state: a ModelFile carries none). `m.layers` entries are matched
// to the config's layers by name; config layers without an entry get an
// empty vars group.
Result<std::vector<std::uint8_t>> write_keras(const ModelFile& m);

// Writes a TensorFlow.js layers model: model.json (format "layers-model",
// modelTopology = the config, wrapped with keras_version when one is known;
// weightsManifest with one group) and one float32 shard `shard_name`, in the
// layout tf.loadLayersModel reads. Weight names are "<layer>/<array name>".
Result<std::vector<InputFile>> write_tfjs(const ModelFile& m,
                                          const std::string& shard_name = "group1-shard1of1.bin");

}  // namespace cs::modelio
