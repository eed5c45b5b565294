// i18n.cpp - language state and catalogue lookup (catalogue in catalogue.cpp).
#include "i18n/i18n.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>

namespace cs::i18n {

namespace {
Lang g_lang = Lang::kEn;

const std::unordered_map<std::string_view, const Entry*>& index() {
  static const std::unordered_map<std::string_view, const Entry*> map = [] {
    std::unordered_map<std::string_view, const Entry*> m;
    std::size_t n = 0;
    const Entry* e = catalogue(&n);
    for (std::size_t i = 0; i < n; ++i) m.emplace(e[i].key, &e[i]);
    return m;
  }();
  return map;
}
}  // namespace

Lang language() { return g_lang; }
void set_language(Lang lang) { g_lang = lang; }
const char* code(Lang lang) { return lang == Lang::kKo ? "ko" : "en"; }

bool parse(std::string_view text, Lang* out) {
  if (text.size() >= 2 && (text.substr(0, 2) == "ko" || text.substr(0, 2) == "KO")) {
    *out = Lang::kKo;
    return true;
  }
  if (text.size() >= 2 && (text.substr(0, 2) == "en" || text.substr(0, 2) == "EN")) {
    *out = Lang::kEn;
    return true;
  }
  return false;
}

const char* lookup(const char* key, Lang lang) {
  const auto& m = index();
  auto it = m.find(key);
  if (it == m.end()) return nullptr;
  const char* text = lang == Lang::kKo ? it->second->ko : it->second->en;
  return text && *text ? text : nullptr;
}

const char* tr(const char* key) {
  const char* t = lookup(key, g_lang);
  return t ? t : key;
}

std::string ordinal(int n) {
  // Korean's own words up to 4 (첫, 두, 세, 네 번째); digits beyond keep the
  // glyph atlas within its size (tests/theme_atlas_test.cpp).
  if (n >= 1 && n <= 4) return tr(("ord." + std::to_string(n)).c_str());
  return std::to_string(n) + (g_lang == Lang::kKo ? "\xEB\xB2\x88\xEC\xA7\xB8" : "");  // 번째
}

std::string trf(const char* key, ...) {
  const char* format = tr(key);
  va_list args;
  va_start(args, key);
  va_list copy;
  va_copy(copy, args);
  const int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, args);
  va_end(args);
  return out;
}

}  // namespace cs::i18n
