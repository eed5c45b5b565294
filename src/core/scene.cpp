// scene.cpp - reading and writing the scene JSON (docs/scene-format.md).
// Reading is two passes: the readers check keys and types and expand Keras
// shorthands into a normalised Scene (layers through the layer table,
// core/layer_json.h); validate.cpp then checks ranges and shapes. Errors
// from either pass carry the JSON path and source position, and a code with
// arguments (result.h) so the UI can say them in Korean; JSON syntax errors
// (json.cpp) stay English-only.
//
// [SECTION] Input and scene
// [SECTION] parse_scene
// [SECTION] Writer

#include "core/scene.h"

#include <cstdlib>

#include "core/init.h"
#include "core/json_reader.h"
#include "core/layer_json.h"
#include "core/validate.h"

namespace cs {

namespace {

// [SECTION] Input and scene

class SceneReader : public JsonReader {
 public:
  using JsonReader::JsonReader;

  bool read_input(const JsonValue& v, const std::string& path, Tensor& input) {
    if (!expect_type(v, path, JsonType::kObject)) return false;
    if (!check_keys(v, path, {"shape", "data"}, "the input", "input")) return false;
    const JsonValue* shape = nullptr;
    const std::string shape_path = join_path(path, "shape");
    if (!require(v, path, "shape",
                 "the input needs \"shape\": [rows, columns, channels] (or "
                 "[steps, channels] for 1D layers)",
                 "missing_input_shape", shape)) {
      return false;
    }
    if (shape->type != JsonType::kArray || !shape->is_packed() ||
        shape->size() < 1 || shape->size() > 3) {
      const std::string count =
          shape->type == JsonType::kArray ? std::to_string(shape->size()) : std::string();
      return fail(*shape, shape_path,
                  "expected [rows, columns, channels], [steps, channels] or [units], "
                  "got " +
                      describe(*shape) + (count.empty() ? count : " of " + count),
                  "input_shape_form", described(*shape) + Args{count});
    }
    int d[3] = {1, 1, 1};
    for (std::size_t i = 0; i < shape->size(); ++i) {
      if (!int_from_double(*shape, shape->numbers[i], index_path(shape_path, i), d[i])) {
        return false;
      }
    }
    TensorShape& s = input.shape;
    if (shape->size() == 1) {
      s = vector_shape(d[0]);
    } else if (shape->size() == 2) {
      s = TensorShape{1, d[0], d[1], true};
    } else {
      s = TensorShape{d[0], d[1], d[2], false};
    }
    // Ranges before the data, so a count is never computed from nonsense.
    Result<TensorShape> checked = check_input_shape(s);
    if (!checked) {
      const Error& e = checked.error();
      return fail(*shape, e.where, e.message, e.code.c_str(), e.args);
    }
    // A model without an example input (what training reads and writes)
    // leaves "data" out: the input is zeros.
    const JsonValue* data = v.find("data");
    const std::string data_path = join_path(path, "data");
    if (!data) {
      input.data.assign(static_cast<std::size_t>(s.elements()), 0.0f);
      return true;
    }
    std::vector<int> dims = s.dims();
    std::vector<const char*> names = s.flat    ? std::vector<const char*>{"units"}
                                     : s.one_d ? std::vector<const char*>{"steps", "channels"}
                                               : std::vector<const char*>{"rows", "columns", "channels"};
    if (!read_floats(*data, data_path, dims, names, input.data)) return false;
    if (static_cast<std::int64_t>(input.data.size()) != s.elements()) {
      std::string dims_text;
      for (int x : s.dims()) dims_text += (dims_text.empty() ? "" : "x") + std::to_string(x);
      return fail(*data, data_path,
                  "expected " + std::to_string(s.elements()) + " numbers (" + dims_text +
                      (s.one_d ? ", row-major LC" : ", row-major HWC") + "), got " +
                      std::to_string(input.data.size()),
                  "input_data_count_shaped",
                  {std::to_string(s.elements()), dims_text, s.one_d ? "1" : "0",
                   std::to_string(input.data.size())});
    }
    return true;
  }

  bool read_scene(const JsonValue& root, Scene& scene) {
    if (!expect_type(root, "", JsonType::kObject)) return false;
    if (!check_keys(root, "", {"version", "title", "seed", "input", "layers"}, "the scene",
                    "scene")) {
      return false;
    }
    const JsonValue* version = nullptr;
    if (!require(root, "", "version", "a scene starts with \"version\": 1", "missing_version",
                 version)) {
      return false;
    }
    if (version->type != JsonType::kNumber || version->number != 1.0) {
      return fail(*version, "version",
                  "this reader understands version 1, got " + describe(*version),
                  "version_unsupported", described(*version));
    }
    if (const JsonValue* title = root.find("title")) {
      if (!expect_type(*title, "title", JsonType::kString)) return false;
      scene.title = title->text;
    }
    if (const JsonValue* seed = root.find("seed")) {
      int s = 0;
      if (!read_int(*seed, "seed", s)) return false;
      if (s < 0) return fail(*seed, "seed", "a seed is 0 or more, got " + std::to_string(s), "seed_negative",
                             {std::to_string(s)});
      scene.seed = static_cast<std::uint32_t>(s);
    }
    const JsonValue* input = nullptr;
    if (!require(root, "", "input", "a scene needs an \"input\" {shape, data}", "missing_input",
                 input) ||
        !read_input(*input, "input", scene.input)) {
      return false;
    }
    const JsonValue* layers = root.find("layers");
    if (!layers) return true;  // just an input: allowed (the app starts so)
    if (!expect_type(*layers, "layers", JsonType::kArray)) return false;
    if (layers->size() > static_cast<std::size_t>(limits::kMaxLayers)) {
      return fail(*layers, "layers",
                  std::to_string(layers->size()) + " layers; the limit is " +
                      std::to_string(limits::kMaxLayers),
                  "too_many_layers",
                  {std::to_string(layers->size()), std::to_string(limits::kMaxLayers)});
    }
    if (layers->is_packed()) {  // e.g. "layers": [1, 2]
      return fail(*layers, "layers[0]", "expected an object, got a number", "layer_not_object");
    }
    scene.layers.resize(layers->items.size());
    for (std::size_t i = 0; i < layers->items.size(); ++i) {
      if (!read_layer_json(*this, layers->items[i], index_path("layers", i), &scene.layers[i])) {
        return false;
      }
    }
    return true;
  }

};

// The value a validator path such as "layers[1].kernel_size" names, or the
// deepest existing ancestor (a defaulted key has no value of its own).
const JsonValue* locate(const JsonValue& root, std::string_view path) {
  const JsonValue* v = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') ++i;
    if (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) break;
      const std::size_t idx = static_cast<std::size_t>(
          std::strtoul(std::string(path.substr(i + 1, close - i - 1)).c_str(), nullptr, 10));
      if (v->type != JsonType::kArray || v->is_packed() || idx >= v->items.size()) break;
      v = &v->items[idx];
      i = close + 1;
      continue;
    }
    const std::size_t end = path.find_first_of(".[", i);
    const std::string_view key =
        path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    const JsonValue* next = v->find(key);
    if (!next) break;
    v = next;
    i = end == std::string_view::npos ? path.size() : end;
  }
  return v;
}

}  // namespace

// [SECTION] parse_scene

Result<Scene> parse_scene(std::string_view json) {
  Result<JsonValue> doc = parse_json(json);
  if (!doc) return doc.error();
  return parse_scene_value(*doc, json);
}

Result<Scene> parse_scene_value(const JsonValue& doc, std::string_view json) {
  SceneReader reader(json);
  Scene scene;
  if (!reader.read_scene(doc, scene)) return reader.last_error();
  init_missing_weights(&scene);
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) {
    Error e = plan.error();
    const auto [line, col] = line_column(json, locate(doc, e.where)->offset);
    e.line = line;
    e.column = col;
    return e;
  }
  return scene;
}

// [SECTION] Writer

void append_tensor_json(std::string& out, const Tensor& t) {
  out += "{\"shape\": [";
  const std::vector<int> dims = t.shape.dims();
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(dims[i]);
  }
  out += "], \"data\": ";
  append_floats(out, t.data);
  out += '}';
}

std::string layers_to_json(const std::vector<Layer>& layers) {
  std::string out = "[";
  for (std::size_t i = 0; i < layers.size(); ++i) {
    out += i ? ", " : "";
    append_layer_json(out, layers[i]);
  }
  return out + "]";
}

std::string scene_to_json(const Scene& scene) {
  std::string out = "{\"version\": 1,\n";
  if (scene.seed != 0) out += " \"seed\": " + std::to_string(scene.seed) + ",\n";
  if (!scene.title.empty()) {
    out += " \"title\": ";
    append_json_string(out, scene.title);
    out += ",\n";
  }
  out += " \"input\": ";
  append_tensor_json(out, scene.input);
  out += ",\n \"layers\": [";
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    append_layer_json(out, scene.layers[i]);
  }
  out += scene.layers.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

}  // namespace cs
