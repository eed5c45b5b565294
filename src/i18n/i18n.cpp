// i18n.cpp - language state and catalogue lookup (catalogue in catalogue.cpp).
#include "i18n/i18n.h"

#include <cstring>

namespace cs::i18n {

namespace {
Lang g_lang = Lang::kEn;
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

const char* tr(const char* key) { return key; }

}  // namespace cs::i18n
