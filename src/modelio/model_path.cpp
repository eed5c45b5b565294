// model_path.cpp - model files from disk, with a model.json's shards
// (model_scene.h).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/json.h"
#include "modelio/json_kind.h"
#include "modelio/model_scene.h"

namespace cs::modelio {

namespace {

std::string dir_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// Errors name the file and the system's reason (strerror).
Result<InputFile> read_file(const std::string& path) {
  errno = 0;
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{path, std::string("cannot open the file: ") + std::strerror(errno)};
  InputFile file{path, std::vector<std::uint8_t>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>())};
  if (f.bad()) return Error{path, std::string("cannot read the file: ") + std::strerror(errno)};
  return file;
}

// The shard paths of a TensorFlow.js model.json; none when `text` is not one.
std::vector<std::string> shard_paths(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::string> out;
  if (!looks_like_json(as_text(bytes), true)) return out;
  Result<JsonValue> doc = parse_json(as_text(bytes));
  const JsonValue* manifest = doc ? doc->find("weightsManifest") : nullptr;
  if (!manifest || manifest->type != JsonType::kArray) return out;
  for (const JsonValue& group : manifest->items) {
    const JsonValue* paths = group.type == JsonType::kObject ? group.find("paths") : nullptr;
    if (!paths || paths->type != JsonType::kArray) continue;
    for (const JsonValue& p : paths->items) {
      if (p.type == JsonType::kString) out.push_back(p.text);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<InputFile>> read_model_path(const std::string& path) {
  Result<InputFile> main = read_file(path);
  if (!main) return main.error();
  std::vector<InputFile> files{*main};
  for (const std::string& shard : shard_paths(main->bytes)) {
    Result<InputFile> f = read_file(dir_of(path) + shard);
    if (!f) {
      Error e = f.error();
      e.message += " (model.json's weightsManifest names it; keep the shards beside it)";
      return e;
    }
    files.push_back(std::move(f).value());
  }
  return files;
}

Result<Scene> open_model_path(const std::string& path) {
  Result<std::vector<InputFile>> files = read_model_path(path);
  if (!files) return files.error();
  return open_model(*files);
}

}  // namespace cs::modelio
