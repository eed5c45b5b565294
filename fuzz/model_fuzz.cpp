// model_fuzz.cpp - libFuzzer target: any bytes as a model file through
// cs::modelio::read_model (.keras and tfjs zips through minizip, .h5 through
// HDF5 1.14.5, model.json through the JSON reader). An input holding the
// marker "@@SHARD@@" is a model.json followed by its shards, named
// group1-shard<i>of<n>.bin in order. Errors name the file and say something;
// a model read is consistent and, when it can be written, is written as
// .keras and as tfjs and read back to the same model.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "modelio/model_file.h"

namespace {

using cs::modelio::InputFile;
using cs::modelio::ModelFile;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "model_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

std::vector<InputFile> files_of(const std::uint8_t* data, std::size_t size) {
  static const std::string kMarker = "@@SHARD@@";
  std::vector<std::vector<std::uint8_t>> parts(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (i + kMarker.size() <= size && std::memcmp(data + i, kMarker.data(), kMarker.size()) == 0) {
      parts.emplace_back();
      i += kMarker.size() - 1;
    } else {
      parts.back().push_back(data[i]);
    }
  }
  if (parts.size() == 1) return {{"fuzz.bin", std::move(parts[0])}};
  std::vector<InputFile> files = {{"model.json", std::move(parts[0])}};
  const std::size_t n = parts.size() - 1;
  for (std::size_t i = 1; i <= n; ++i) {
    files.push_back({"group1-shard" + std::to_string(i) + "of" + std::to_string(n) + ".bin",
                     std::move(parts[i])});
  }
  return files;
}

void check_consistent(const ModelFile& m) {
  check(m.format == "keras" || m.format == "h5" || m.format == "tfjs", "a known format");
  for (const auto& layer : m.layers) {
    check(!layer.layer_name.empty() && !layer.class_name.empty(), "layers are named");
    for (const auto& a : layer.arrays) {
      std::size_t n = 1;
      for (int d : a.shape) {
        check(d >= 0, "sizes are not negative");
        n *= static_cast<std::size_t>(d);
      }
      check(n == a.data.size(), "values fill the shape");
    }
  }
}

// Names are left out: .keras numbers variables, so a class whose variables
// ConvScope does not know reads back as "0", "1", ... (the unit tests check names).
bool same_weights(const ModelFile& a, const ModelFile& b) {
  if (a.layers.size() != b.layers.size()) return false;
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    const auto& x = a.layers[i].arrays;
    const auto& y = b.layers[i].arrays;
    if (a.layers[i].layer_name != b.layers[i].layer_name || x.size() != y.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k) {
      if (x[k].shape != y[k].shape || x[k].data.size() != y[k].data.size() ||
          std::memcmp(x[k].data.data(), y[k].data.data(), 4 * x[k].data.size()) != 0) {
        return false;
      }
    }
  }
  return true;
}

// What was read and can be written reads back the same.
void check_round_trips(const ModelFile& m) {
  cs::Result<std::vector<std::uint8_t>> keras = cs::modelio::write_keras(m);
  if (keras) {
    cs::Result<ModelFile> back = cs::modelio::read_model({{"w.keras", *keras}});
    check(back.ok(), "a written .keras reads back");
    check(back->model_config_json == m.model_config_json, "the .keras config reads back");
    check(same_weights(*back, m), "the .keras weights read back");
  } else {
    check(!keras.error().message.empty(), "a refused write says why");
  }
  cs::Result<std::vector<InputFile>> tfjs = cs::modelio::write_tfjs(m);
  if (tfjs) {
    cs::Result<ModelFile> back = cs::modelio::read_model(*tfjs);
    check(back.ok(), "a written tfjs model reads back");
    check(same_weights(*back, m), "the tfjs weights read back");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<InputFile> files = files_of(data, size);
  cs::Result<ModelFile> m = cs::modelio::read_model(files);
  if (!m) {
    const cs::Error& e = m.error();
    check(!e.message.empty(), "an error has a message");
    bool names_a_file = false;
    for (const InputFile& f : files) names_a_file = names_a_file || e.where.rfind(f.name, 0) == 0;
    check(names_a_file, "an error names the file");
    return 0;
  }
  check_consistent(*m);
  check_round_trips(*m);
  return 0;
}
