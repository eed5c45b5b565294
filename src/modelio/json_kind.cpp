// json_kind.cpp - scene, model JSON or not JSON (json_kind.h).
#include "modelio/json_kind.h"

namespace cs::modelio {

std::size_t json_text_start(std::string_view b) {
  const std::size_t bom = b.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  return b.find_first_not_of(" \t\r\n", bom);
}

bool looks_like_json(std::string_view b, bool object_only) {
  const std::size_t i = json_text_start(b);
  return i != std::string_view::npos && (b[i] == '{' || (!object_only && b[i] == '['));
}

bool is_model_json(std::string_view b) {
  return looks_like_json(b, true) && (b.find("\"modelTopology\"") != std::string_view::npos ||
                                      b.find("\"model_config\"") != std::string_view::npos);
}

bool is_scene_json(std::string_view b) { return looks_like_json(b, true) && !is_model_json(b); }

}  // namespace cs::modelio
