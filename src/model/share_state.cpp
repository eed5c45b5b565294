// share_state.cpp - see share_state.h.
#include "model/share_state.h"

#include <cmath>
#include <string>

#include "core/json.h"
#include "core/scene.h"
#include "model/image.h"
#include "model/lessons.h"

namespace cs {

namespace {

// A scene that does not load, named by the state's key; the engine's code
// and arguments travel along (the host reads them as {code, where, message}).
Error scene_error(const char* key, const Session& probe) {
  Error e{key, probe.load_error()};
  e.code = probe.load_error_detail().code;
  e.args = probe.load_error_detail().args;
  return e;
}

Error no_such(const char* what, int n, int count, const char* holder, const char* unit) {
  return Error{what, std::to_string(n) + " does not exist (" + holder + " has " + std::to_string(count) + " " +
                         unit + ", numbered from 0)"};
}

// One past the bracket closing the object or array at `begin` (valid JSON).
std::size_t object_end(std::string_view text, std::size_t begin) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = begin; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

}  // namespace

Result<Scene> sample_image_scene(bool grayscale) {
  static const Result<Image> sample = [] {  // decoded once: the same bytes every time
    Result<Image> img = sample_image();
    if (img) *img = downscale_to_fit(*img, kImageModeMaxSide);
    return img;
  }();
  if (!sample) return sample.error();
  return make_image_scene(*sample, grayscale, 8, true);
}

Result<std::string> sample_image_scene_json(bool grayscale, std::string_view layers_json) {
  Result<Scene> scene = sample_image_scene(grayscale);
  if (!scene) return scene.error();
  if (layers_json.empty()) return scene_to_json(*scene);
  std::string doc = "{\"version\": 1, \"title\": ";
  append_json_string(doc, scene->title);
  doc += ", \"input\": ";
  append_tensor_json(doc, scene->input);
  doc += ", \"layers\": ";
  doc += layers_json;
  return doc + "}";
}

Result<UrlState> url_state_from_message(std::string_view json) {
  Result<JsonValue> v = parse_json(json);
  if (!v) return Error{"state", "is not JSON (" + to_string(v.error()) + ")"};
  UrlState s;
  if (v->type == JsonType::kString) {
    const std::size_t first = v->text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && v->text[first] == '{') {  // a scene (or state) as JSON text
      return url_state_from_message(v->text);
    }
    Result<UrlState> f = decode_url_state(v->text);
    if (!f && f.error().where.empty()) return Error{"state", f.error().message};  // e.g. "=1" or too long
    return f;
  }
  if (v->type != JsonType::kObject) {
    return Error{"state", std::string("must be an object, a scene document or a \"v=1&...\" string, not ") +
                              json_type_name(v->type)};
  }
  if (v->find("input") && v->find("layers")) {  // a bare scene document (a state has no input)
    s.scene_json = std::string(json);
    return s;
  }
  for (std::size_t i = 0; i < v->keys.size(); ++i) {
    const std::string& key = v->keys[i];
    const JsonValue& x = v->items[i];
    Result<bool> set = true;
    if (key == "fragment" || key == "v") continue;
    if (key == "version") {  // the state format, as a link's v=1
      if (x.type != JsonType::kNumber || x.number != 1) return Error{key, "must be 1 (the state format this ConvScope reads)"};
      continue;
    }
    if (key == "scene" || key == "layers") {
      const JsonType want = key == "scene" ? JsonType::kObject : JsonType::kArray;
      if (x.type == want) {
        set = set_url_state_field(s, key, json.substr(x.offset, object_end(json, x.offset) - x.offset));
      } else if (x.type == JsonType::kString) {
        set = set_url_state_field(s, key, x.text);
      } else {
        return Error{key, std::string(key == "scene" ? "must be a scene document (an object or its JSON text)"
                                                     : "must be a layers array (or its JSON text)") +
                              ", not " + json_type_name(x.type)};
      }
    } else if (key == "layer" || key == "step" || key == "filter") {
      if (x.type != JsonType::kNumber || x.number != std::floor(x.number) || x.number < 0 || x.number > 1e6) {
        return Error{key, "must be a whole number from 0 to 1000000"};
      }
      set = set_url_state_field(s, key, std::to_string(static_cast<int>(x.number)));
    } else if (key == "tab" || key == "lang" || key == "lesson" || key == "image") {
      if (x.type != JsonType::kString) return Error{key, std::string("must be a string, not ") + json_type_name(x.type)};
      set = set_url_state_field(s, key, x.text);
    } else {
      set = set_url_state_field(s, key, "");  // an unknown key: its error
    }
    if (!set) return set.error();
  }
  return s;
}

Result<Session> plan_shared_state(const Session& current, const UrlState& s) {
  Session probe = current;
  if (!s.lesson.empty()) {
    const int i = find_lesson(s.lesson);
    if (i < 0) return Error{"lesson", "'" + s.lesson + "' is not a lesson"};
    // Checked against the lesson's scene; the caller opens the lesson itself.
    if (s.scene_json.empty() && s.image.empty() && !probe.load_json(all_lessons()[static_cast<std::size_t>(i)].scene_json)) {
      return Error{"lesson", "'" + s.lesson + "' has a scene that does not load: " + probe.load_error()};
    }
  }
  if (!s.image.empty() && !s.scene_json.empty()) {
    return Error{"image", "a state gives either a scene or an image, not both"};
  }
  if (s.image.empty() && !s.layers_json.empty()) return Error{"layers", "go with an image (image=sample)"};
  if (!s.image.empty()) {
    Result<std::string> doc = sample_image_scene_json(s.image == "sample-gray", s.layers_json);
    if (!doc) return doc.error();
    if (!probe.load_json(*doc)) return scene_error(s.layers_json.empty() ? "image" : "layers", probe);
  }
  if (!s.scene_json.empty() && compact_json(s.scene_json) != compact_json(probe.to_json()) &&
      !probe.load_json(s.scene_json)) {
    return scene_error("scene", probe);
  }
  if (s.layer >= 0) {
    const int n = static_cast<int>(probe.scene().layers.size());
    if (s.layer >= n) return no_such("layer", s.layer, n, "the scene", "layers");
    probe.set_layer(s.layer);
  }
  if (s.filter >= 0) {
    const Geometry2D* g = probe.geometry();
    const int n = g ? g->filters : 0;
    if (s.filter >= n) return no_such("filter", s.filter, n, "this layer", "filters");
    probe.set_filter(s.filter);
  }
  if (s.step >= 0) {
    if (s.step >= probe.step_count()) return no_such("step", s.step, probe.step_count(), "this layer", "steps");
    probe.set_step(s.step);
  }
  return probe;
}

}  // namespace cs
