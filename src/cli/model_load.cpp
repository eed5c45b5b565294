// model_load.cpp - scenes, model files and prediction inputs from disk
// (model_load.h).
#include "cli/model_load.h"

#include <vector>

#include "cli/cli_common.h"
#include "core/json.h"
#include "model/image.h"
#include "model/picture_input.h"
#include "modelio/json_kind.h"
#include "modelio/model_scene.h"

namespace cs::cli {

namespace {

// The scene in `text`, with "seed" added when it names none.
Result<Scene> parse_seeded(const std::string& text, int seed) {
  if (seed < 0) return parse_scene(text);
  Result<JsonValue> doc = parse_json(text);
  if (!doc) return doc.error();
  if (doc->type == JsonType::kObject && doc->find("seed") == nullptr) {
    JsonValue v;
    v.type = JsonType::kNumber;
    v.number = seed;
    doc->keys.push_back("seed");
    doc->items.push_back(v);
  }
  return parse_scene_value(*doc, text);
}

std::string dims_text(const TensorShape& shape) {
  std::string out;
  for (int d : shape.dims()) out += (out.empty() ? "" : ", ") + std::to_string(d);
  return "[" + out + "]";
}

}  // namespace

Result<Scene> load_any(const std::string& path, bool* model_file, int seed) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  const bool scene = path == "-" || (modelio::looks_like_json(*text) && !modelio::is_model_json(*text));
  if (model_file) *model_file = !scene;
  if (scene) return parse_seeded(*text, seed);
  return modelio::open_model_path(path);
}

Result<Tensor> load_prediction_input(const std::string& path, const Scene& model) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  if (!modelio::looks_like_json(*text)) {
    Result<Image> img = decode_image(reinterpret_cast<const std::uint8_t*>(text->data()), text->size());
    if (!img) return Error{path, img.error().message};
    Result<Tensor> t = picture_to_input(*img, model, PictureOptions{});
    if (!t) return Error{path, t.error().message};
    return t;
  }
  // INPUT.json: the scene reader checks it as a scene's input would be.
  // The wrapper sits before the text on its first line; positions are
  // moved back into INPUT.json.
  const std::string head = "{\"version\": 1, \"input\": ";
  Result<Scene> s = parse_scene(head + *text + ", \"layers\": []}");
  if (!s) {
    Error e = s.error();
    if (e.line == 0) return Error{path, to_string(e)};
    if (e.line == 1) e.column -= static_cast<int>(head.size());
    if (e.where.rfind("line ", 0) == 0) e.where = "line " + std::to_string(e.line) + ", column " + std::to_string(e.column);
    if (e.where.rfind("input", 0) == 0) e.where = e.where.size() > 6 ? e.where.substr(6) : "";
    return e;
  }
  if (s->input.shape != model.input.shape) {
    return Error{path, "the input has shape " + dims_text(s->input.shape) + " but the model takes " +
                           dims_text(model.input.shape)};
  }
  return s->input;
}

}  // namespace cs::cli
