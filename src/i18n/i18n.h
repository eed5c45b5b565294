// i18n.h - the UI's languages: English and Korean, switchable at run time.
// Every UI string comes from one catalogue through tr(key); a test fails if
// a key is missing in either language.
#pragma once

#include <string_view>

namespace cs::i18n {

enum class Lang : int { kEn = 0, kKo = 1 };

Lang language();
void set_language(Lang lang);
// "en" / "ko"; parse accepts those (and "en-US", "ko-KR", ...).
const char* code(Lang lang);
bool parse(std::string_view text, Lang* out);

// The text of `key` in the current language; the key itself if unknown
// (so a missing entry is visible on screen and caught by the catalogue test).
const char* tr(const char* key);

}  // namespace cs::i18n
