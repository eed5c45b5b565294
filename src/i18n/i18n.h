// i18n.h - the UI's languages: English and Korean, switchable at run time.
// Every UI string comes from one catalogue through tr(key); a test fails if
// a key is missing in either language.
#pragma once

#include <cstddef>
#include <string>
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
// tr(key) used as a printf format. Both languages of an entry hold the same
// conversions in the same order (the catalogue test checks it).
std::string trf(const char* key, ...);

// The n-th as a label says it: English "2" (Layer 2), Korean "두 번째"
// (두 번째 층), from the catalogue's "ord.N" up to 4, "5번째" beyond.
std::string ordinal(int n);

// The catalogue itself (catalogue.cpp): for the catalogue test, and for
// the Korean font, whose glyph ranges are built from the Korean texts.
struct Entry {
  const char* key;
  const char* en;
  const char* ko;
};
const Entry* catalogue(std::size_t* count);
// The text of `key` in `lang`; nullptr if the key is unknown.
const char* lookup(const char* key, Lang lang);

}  // namespace cs::i18n
