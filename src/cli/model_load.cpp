// model_load.cpp - scenes, model files and prediction inputs from disk
// (model_load.h).
#include "cli/model_load.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <vector>

#include "core/json.h"
#include "model/image.h"
#include "model/picture_input.h"
#include "modelio/model_scene.h"

namespace cs::cli {

namespace {

std::string dir_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

bool looks_like_json(const std::string& text) {
  for (char ch : text) {
    if (ch == '{' || ch == '[') return true;
    if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\xEF' && ch != '\xBB' && ch != '\xBF') {
      return false;
    }
  }
  return false;
}

modelio::InputFile as_file(const std::string& name, const std::string& bytes) {
  return {name, std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
}

// The shards a TensorFlow.js model.json names, read from its directory.
Result<std::vector<modelio::InputFile>> with_shards(const std::string& path, const std::string& text) {
  std::vector<modelio::InputFile> files{as_file(path, text)};
  Result<JsonValue> doc = parse_json(text);
  if (!doc) return files;  // the reader names the syntax error
  const JsonValue* manifest = doc->find("weightsManifest");
  if (!manifest || manifest->type != JsonType::kArray) return files;
  for (const JsonValue& group : manifest->items) {
    const JsonValue* paths = group.type == JsonType::kObject ? group.find("paths") : nullptr;
    if (!paths || paths->type != JsonType::kArray) continue;
    for (const JsonValue& p : paths->items) {
      if (p.type != JsonType::kString) continue;
      const std::string shard = dir_of(path) + p.text;
      std::string bytes, why;
      if (!read_input(shard, bytes, why)) {
        return Error{shard, why + " (model.json's weightsManifest names it; keep the shards beside it)"};
      }
      files.push_back(as_file(shard, bytes));
    }
  }
  return files;
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
  Result<std::vector<modelio::InputFile>> files =
      json ? with_shards(path, text) : Result<std::vector<modelio::InputFile>>({as_file(path, text)});
  if (!files) return files.error();
  return modelio::open_model(*files);
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
