// model_load.cpp - scenes, model files and prediction inputs from disk
// (model_load.h).
#include "cli/model_load.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <vector>

#include "model/image.h"
#include "model/picture_input.h"
#include "modelio/model_scene.h"

namespace cs::cli {

namespace {

bool looks_like_json(const std::string& text) {
  for (char ch : text) {
    if (ch == '{' || ch == '[') return true;
    if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\xEF' && ch != '\xBB' && ch != '\xBF') {
      return false;
    }
  }
  return false;
}

}  // namespace

bool read_input(const std::string& path, std::string& text, std::string& why) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
    if (std::cin.bad()) {
      why = "cannot read standard input";
      return false;
    }
    return true;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    why = "cannot open the file";
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  if (f.bad()) {
    why = "cannot read the file";
    return false;
  }
  return true;
}

Result<Scene> load_any(const std::string& path, bool* model_file) {
  std::string text, why;
  if (!read_input(path, text, why)) return Error{path, why};
  const bool json = looks_like_json(text);
  if (path == "-" || (json && text.find("\"modelTopology\"") == std::string::npos &&
                      text.find("\"model_config\"") == std::string::npos)) {
    if (model_file) *model_file = false;
    return parse_scene(text);
  }
  if (model_file) *model_file = true;
  return modelio::open_model_path(path);
}

Result<Tensor> load_prediction_input(const std::string& path, const Scene& model) {
  std::string text, why;
  if (!read_input(path, text, why)) return Error{path, why};
  if (!looks_like_json(text)) {
    Result<Image> img =
        decode_image(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    if (!img) return Error{path, img.error().message};
    Result<Tensor> t = picture_to_input(*img, model, PictureOptions{});
    if (!t) return Error{path, t.error().message};
    return t;
  }
  // INPUT.json: the scene reader checks it as a scene's input would be.
  const std::string doc = "{\"version\": 1, \"input\": " + text + ", \"layers\": []}";
  Result<Scene> s = parse_scene(doc);
  if (!s) return Error{path, to_string(s.error())};
  if (s->input.shape != model.input.shape) {
    std::string got, want;
    for (int d : s->input.shape.dims()) got += (got.empty() ? "" : ", ") + std::to_string(d);
    for (int d : model.input.shape.dims()) want += (want.empty() ? "" : ", ") + std::to_string(d);
    return Error{path, "the input has shape [" + got + "] but the model takes [" + want + "]"};
  }
  return s->input;
}

}  // namespace cs::cli
