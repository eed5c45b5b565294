// url_state.cpp - see url_state.h. Hand-written parsing: the fragment comes
// from anyone who can send a link, so every byte is checked and every error
// says which key was wrong.
#include "model/url_state.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace cs {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

Error key_error(std::string_view key, const std::string& message) {
  return Error{std::string(key), message};
}

// Non-negative decimal without sign or leading zeros beyond "0"; at most 1e6.
bool parse_index(std::string_view v, int* out) {
  if (v.empty() || v.size() > 7 || (v.size() > 1 && v[0] == '0')) return false;
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  if (n > 1000000) return false;
  *out = n;
  return true;
}

bool valid_lesson(std::string_view v) {
  if (v.empty() || v.size() > 40) return false;
  for (char c : v) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

int url_tab_index(std::string_view name) {
  for (int i = 0; i < kUrlTabCount; ++i) {
    if (name == kUrlTabs[i]) return i;
  }
  return -1;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                            (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                            std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (rest == 2) v |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    if (rest == 2) out += kB64[(v >> 6) & 63];
  }
  return out;
}

Result<std::string> base64url_decode(std::string_view text) {
  // Without padding a length of 1 mod 4 cannot come from any byte string.
  if (text.size() % 4 == 1) return Error{"", "base64url text has an impossible length"};
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int v = b64_value(text[i]);
    if (v < 0)
      return Error{"",
                   "character " + std::to_string(i + 1) + " is not base64url (A-Z a-z 0-9 - _)"};
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // Leftover bits must be zero, so each byte string has exactly one encoding.
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
    return Error{"", "base64url text has stray trailing bits"};
  return out;
}

std::string compact_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      out += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out += c;
    }
  }
  return out;
}

std::string encode_url_state(const UrlState& s) {
  std::string out = "v=1";
  if (!s.tab.empty()) out += "&tab=" + s.tab;
  if (s.layer >= 0) out += "&layer=" + std::to_string(s.layer);
  if (s.step >= 0) out += "&step=" + std::to_string(s.step);
  if (s.filter >= 0) out += "&filter=" + std::to_string(s.filter);
  if (!s.lang.empty()) out += "&lang=" + s.lang;
  if (!s.lesson.empty()) out += "&lesson=" + s.lesson;
  if (!s.image.empty()) out += "&image=" + s.image;
  if (!s.layers_json.empty()) out += "&layers=" + base64url_encode(s.layers_json);
  if (!s.scene_json.empty()) out += "&scene=" + base64url_encode(s.scene_json);
  return out;
}

Result<bool> set_url_state_field(UrlState& s, std::string_view key, std::string_view value) {
  if (key == "v") {
    if (value != "1") return key_error(key, "version '" + std::string(value.substr(0, 20)) + "' is not supported (1 is)");
  } else if (key == "tab") {
    if (url_tab_index(value) < 0) return key_error(key, "must be one of walk, stack, code, image, 1d, lessons, exercises");
    s.tab = std::string(value);
  } else if (key == "layer" || key == "step" || key == "filter") {
    int n = 0;
    if (!parse_index(value, &n)) return key_error(key, "must be a whole number from 0 to 1000000");
    (key == "layer" ? s.layer : key == "step" ? s.step : s.filter) = n;
  } else if (key == "lang") {
    if (value != "en" && value != "ko") return key_error(key, "must be en or ko");
    s.lang = std::string(value);
  } else if (key == "lesson") {
    if (!valid_lesson(value)) return key_error(key, "must be 1 to 40 of a-z, 0-9 and '-'");
    s.lesson = std::string(value);
  } else if (key == "scene" || key == "layers") {
    if (value.empty()) return key_error(key, "is empty");
    (key == "scene" ? s.scene_json : s.layers_json) = std::string(value);
  } else if (key == "image") {
    if (value != "sample" && value != "sample-gray") return key_error(key, "must be sample or sample-gray");
    s.image = std::string(value);
  } else {
    return key_error(key.empty() ? "(empty key)" : key.substr(0, 40),
                     "unknown key (known: v, tab, layer, step, filter, lang, lesson, image, layers, scene)");
  }
  return true;
}

Result<UrlState> decode_url_state(std::string_view f) {
  if (!f.empty() && f[0] == '#') f.remove_prefix(1);
  if (f.size() > kMaxUrlStateLength) {
    return Error{"", "the link's state is " + std::to_string(f.size()) +
                         " characters long; at most " + std::to_string(kMaxUrlStateLength) +
                         " are accepted"};
  }
  UrlState s;
  std::vector<std::string_view> seen;
  while (!f.empty()) {
    const std::size_t amp = f.find('&');
    const std::string_view pair = f.substr(0, amp);
    f = amp == std::string_view::npos ? std::string_view() : f.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2" and a trailing '&' are harmless
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos)
      return key_error(pair.substr(0, 40), "has no value (expected key=value)");
    const std::string_view key = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) return key_error(key, "appears twice");
    Result<bool> set = true;
    if (key == "scene" || key == "layers") {  // base64url in links
      Result<std::string> json = base64url_decode(value);
      if (!json) return key_error(key, json.error().message);
      set = set_url_state_field(s, key, *json);
    } else {
      set = set_url_state_field(s, key, value);
    }
    if (!set) return set.error();
    seen.push_back(key);
  }
  return s;
}

}  // namespace cs
