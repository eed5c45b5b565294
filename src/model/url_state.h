// url_state.h - the shareable state (scene, view, step, language, lesson) as a
// URL fragment such as "v=1&tab=walk&layer=0&step=5&scene=<base64url JSON>".
// Pure string <-> struct codec: no Session, no browser. The app validates
// the decoded values against the scene before applying any of them.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace cs {

// Every field is optional: -1 / empty means "not in the link, keep as is".
struct UrlState {
  std::string scene_json;  // the scene document (decoded from base64url)
  std::string tab;         // one of kUrlTabs
  int layer = -1, step = -1, filter = -1;
  std::string lang;    // "en" or "ko"
  std::string lesson;  // lesson id: [a-z0-9-], 1..40 characters
  // Image mode without the picture's numbers (too many for a link): the
  // built-in sample photo ("sample" in RGB, "sample-gray"), through
  // `layers_json` (a scene's "layers" array; empty: image mode's default).
  std::string image, layers_json;
  bool operator==(const UrlState& o) const {
    return scene_json == o.scene_json && tab == o.tab && layer == o.layer && step == o.step &&
           filter == o.filter && lang == o.lang && lesson == o.lesson && image == o.image &&
           layers_json == o.layers_json;
  }
};

// Tab names in the link, in the app's tab order.
inline constexpr const char* kUrlTabs[] = {"walk", "stack",   "code",     "image",
                                           "1d",   "lessons", "exercises", "network"};
inline constexpr int kUrlTabCount = 8;
int url_tab_index(std::string_view name);  // -1 if unknown

// Longest fragment decoded (a scene of about 48 KB of JSON). Longer links are
// refused rather than cut.
inline constexpr std::size_t kMaxUrlStateLength = 64 * 1024;

// "v=1&..." (no leading '#'). Fields in a fixed order; absent ones omitted;
// scene and layers as base64url JSON.
std::string encode_url_state(const UrlState& s);
// Accepts a leading '#'. Unknown keys, repeated keys, bad numbers, bad
// base64 or an unknown version are errors naming the key; nothing is
// returned partially. An empty fragment decodes to an empty UrlState.
Result<UrlState> decode_url_state(std::string_view fragment);
// One field from its text, as a fragment's key=value (but "scene" and
// "layers" take the JSON itself, not base64url); the errors name the key. Shared by
// decode_url_state and the postMessage reader (model/share_state.h).
Result<bool> set_url_state_field(UrlState& s, std::string_view key, std::string_view value);

// JSON without the whitespace between tokens (strings kept byte for byte):
// shorter links. Does not validate; the scene parser does that.
std::string compact_json(std::string_view json);

// RFC 4648 section 5 (URL- and filename-safe), without '=' padding.
std::string base64url_encode(std::string_view bytes);
Result<std::string> base64url_decode(std::string_view text);

}  // namespace cs
