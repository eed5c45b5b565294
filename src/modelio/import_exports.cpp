// import_exports.cpp - the C entry points of the model file module
// (convscope_import.mjs wraps them). The whole JS <-> wasm interop of
// src/modelio lives here and in that file. JS writes file bytes and weight
// values straight into buffers this side allocates (no second copy), and
// reads results as one JSON description plus the arrays' addresses in the
// wasm heap, copied out before the next call releases them.
//
// [SECTION] State shared with JS
// [SECTION] Reading
// [SECTION] Writing
// [SECTION] Results and errors

#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "modelio/model_file.h"
#include "modelio/model_scene.h"

namespace {

// [SECTION] State shared with JS

struct State {
  std::vector<cs::modelio::InputFile> inputs;   // files handed in for reading
  cs::modelio::ModelFile model;                 // read, or being built for writing
  std::vector<cs::modelio::InputFile> outputs;  // written files
  std::string text;                             // the last JSON or error text
  cs::Error error;
};

State& state() {
  static State s;
  return s;
}

int fail_with(const cs::Error& e) {
  state().error = e;
  return 0;
}

// {"format": ..., "kerasVersion": ..., "config": "...", "layers": [{"name", "className",
// "arrays": [{"name", "shape", "ptr", "length"}]}]}; ptr is a byte address in the heap.
std::string describe(const cs::modelio::ModelFile& m) {
  std::string out = "{\"format\": ";
  cs::append_json_string(out, m.format);
  out += ", \"kerasVersion\": ";
  cs::append_json_string(out, m.keras_version);
  out += ", \"config\": ";
  cs::append_json_string(out, m.model_config_json);
  out += ", \"layers\": [";
  for (std::size_t i = 0; i < m.layers.size(); ++i) {
    const auto& l = m.layers[i];
    out += i ? ", {\"name\": " : "{\"name\": ";
    cs::append_json_string(out, l.layer_name);
    out += ", \"className\": ";
    cs::append_json_string(out, l.class_name);
    out += ", \"arrays\": [";
    for (std::size_t k = 0; k < l.arrays.size(); ++k) {
      const auto& a = l.arrays[k];
      out += k ? ", {\"name\": " : "{\"name\": ";
      cs::append_json_string(out, a.name);
      out += ", \"shape\": [";
      for (std::size_t d = 0; d < a.shape.size(); ++d)
        out += (d ? ", " : "") + std::to_string(a.shape[d]);
      out += "], \"ptr\": " + std::to_string(reinterpret_cast<std::uintptr_t>(a.data.data()));
      out += ", \"length\": " + std::to_string(a.data.size()) + "}";
    }
    out += "]}";
  }
  return out + "]}";
}

}  // namespace

extern "C" {

// [SECTION] Reading

// Forgets every input, model and output of an earlier call.
EMSCRIPTEN_KEEPALIVE void cs_import_reset() {
  State& s = state();
  s = State{};
}

// Adds an input file of `size` bytes; JS copies the bytes to the address returned.
EMSCRIPTEN_KEEPALIVE std::uint8_t* cs_import_add_file(const char* name, std::size_t size) {
  State& s = state();
  s.inputs.push_back({name ? name : "", std::vector<std::uint8_t>(size)});
  std::vector<std::uint8_t>& bytes = s.inputs.back().bytes;
  static std::uint8_t none;  // a valid address for zero bytes
  return bytes.empty() ? &none : bytes.data();
}

// Reads the files added; 1 and cs_import_result() on success, 0 and cs_import_error_*().
EMSCRIPTEN_KEEPALIVE int cs_import_read() {
  State& s = state();
  cs::Result<cs::modelio::ModelFile> m = cs::modelio::read_model(s.inputs);
  s.inputs.clear();
  s.inputs.shrink_to_fit();
  if (!m) return fail_with(m.error());
  s.model = std::move(*m);
  s.text = describe(s.model);
  return 1;
}

// Reads the files added as a ConvScope scene (the model's layers and
// weights, input zeros): 1 and cs_import_result() = the scene JSON, or 0
// and cs_import_error_*(). The page hands that to the app (Network tab).
EMSCRIPTEN_KEEPALIVE int cs_import_open_scene() {
  State& s = state();
  cs::Result<cs::Scene> scene = cs::modelio::open_model(s.inputs);
  s.inputs.clear();
  s.inputs.shrink_to_fit();
  if (!scene) return fail_with(scene.error());
  s.text = cs::scene_to_json(*scene);
  return 1;
}

// [SECTION] Writing

// The model to write is built up by JS: its config and Keras version, then
// layers and their arrays, whose values JS copies to the address returned.
EMSCRIPTEN_KEEPALIVE void cs_import_set_model(const char* config, const char* keras_version) {
  State& s = state();
  s.model = cs::modelio::ModelFile{};
  s.model.model_config_json = config ? config : "";
  s.model.keras_version = keras_version ? keras_version : "";
}

EMSCRIPTEN_KEEPALIVE void cs_import_add_layer(const char* name, const char* class_name) {
  state().model.layers.push_back({name ? name : "", class_name ? class_name : "", {}});
}

EMSCRIPTEN_KEEPALIVE float* cs_import_add_array(const char* name, const int* shape, int rank,
                                                std::size_t count) {
  State& s = state();
  if (s.model.layers.empty()) return nullptr;
  cs::modelio::NamedArray a;
  a.name = name ? name : "";
  a.shape.assign(shape, shape + (rank > 0 ? rank : 0));
  a.data.resize(count);
  auto& arrays = s.model.layers.back().arrays;
  arrays.push_back(std::move(a));
  std::vector<float>& data = arrays.back().data;
  static float none;  // a valid address for zero values
  return data.empty() ? &none : data.data();
}

// 1 and cs_import_output_*() on success, 0 and cs_import_error_*().
EMSCRIPTEN_KEEPALIVE int cs_import_write_keras() {
  State& s = state();
  cs::Result<std::vector<std::uint8_t>> bytes = cs::modelio::write_keras(s.model);
  s.model = cs::modelio::ModelFile{};
  if (!bytes) return fail_with(bytes.error());
  s.outputs.clear();
  s.outputs.push_back({"model.keras", std::move(*bytes)});
  return 1;
}

EMSCRIPTEN_KEEPALIVE int cs_import_write_tfjs(const char* shard_name) {
  State& s = state();
  cs::Result<std::vector<cs::modelio::InputFile>> files =
      cs::modelio::write_tfjs(s.model, shard_name ? shard_name : "");
  s.model = cs::modelio::ModelFile{};
  if (!files) return fail_with(files.error());
  s.outputs = std::move(*files);
  return 1;
}

// The app's Export: the scene JSON the app shows, as a .keras (format 0)
// or a TensorFlow.js model.json + shard (format 1), named as
// modelio::export_name says. 1 and cs_import_output_*(), or 0 and cs_import_error_*().
EMSCRIPTEN_KEEPALIVE int cs_import_export_scene(const char* scene_json, int format) {
  State& s = state();
  const auto f = format == 1 ? cs::modelio::SaveFormat::kTfjs : cs::modelio::SaveFormat::kKeras;
  cs::Result<std::vector<cs::modelio::InputFile>> files =
      cs::modelio::export_scene_json(scene_json ? scene_json : "", f);
  if (!files) return fail_with(files.error());
  s.outputs = std::move(*files);
  return 1;
}

// [SECTION] Results and errors

EMSCRIPTEN_KEEPALIVE const char* cs_import_result() { return state().text.c_str(); }

EMSCRIPTEN_KEEPALIVE int cs_import_output_count() {
  return static_cast<int>(state().outputs.size());
}
EMSCRIPTEN_KEEPALIVE const char* cs_import_output_name(int i) {
  return state().outputs[static_cast<std::size_t>(i)].name.c_str();
}
EMSCRIPTEN_KEEPALIVE const std::uint8_t* cs_import_output_bytes(int i) {
  return state().outputs[static_cast<std::size_t>(i)].bytes.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t cs_import_output_size(int i) {
  return state().outputs[static_cast<std::size_t>(i)].bytes.size();
}

EMSCRIPTEN_KEEPALIVE const char* cs_import_error_where() { return state().error.where.c_str(); }
EMSCRIPTEN_KEEPALIVE const char* cs_import_error_message() { return state().error.message.c_str(); }

}  // extern "C"
