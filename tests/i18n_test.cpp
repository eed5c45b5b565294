// i18n_test.cpp - the catalogue: every key has both languages, the printf
// conversions match between them, every key the code asks for exists (the
// sources are scanned for tr/trf/lbl and key-shaped literals), the Korean
// column uses the textbook's terms, and tr/trf/parse behave.
#include "i18n/i18n.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "model/presets.h"

namespace cs {
namespace {

// The conversions of a printf format, in order ("%d", "%s", "%.1f" -> "f").
std::string conversions(const char* f) {
  std::string out;
  for (const char* p = f; *p; ++p) {
    if (*p != '%') continue;
    ++p;
    if (*p == '%') continue;
    while (*p && std::strchr("0123456789.-+ #l", *p)) {
      if (*p == 'l') out += 'l';
      ++p;
    }
    out += *p;
    out += ' ';
    if (!*p) break;
  }
  return out;
}

TEST(I18n, EveryKeyHasBothLanguagesAndMatchingConversions) {
  std::size_t n = 0;
  const i18n::Entry* e = i18n::catalogue(&n);
  ASSERT_GT(n, 200u);
  std::set<std::string> keys;
  for (std::size_t i = 0; i < n; ++i) {
    SCOPED_TRACE(e[i].key);
    EXPECT_TRUE(keys.insert(e[i].key).second) << "duplicate key";
    ASSERT_NE(e[i].en, nullptr);
    ASSERT_NE(e[i].ko, nullptr);
    EXPECT_GT(std::strlen(e[i].en), 0u) << "missing English";
    EXPECT_GT(std::strlen(e[i].ko), 0u) << "missing Korean";
    EXPECT_EQ(conversions(e[i].en), conversions(e[i].ko));
  }
  std::printf("[ catalogue ] %zu keys\n", n);
}

// Every key the code uses. Keys are dotted lower-case literals in a known
// namespace; dynamic ones (lessons, presets) are checked by their tests.
TEST(I18n, EveryKeyUsedInTheSourcesExists) {
  const std::filesystem::path src = std::filesystem::path(CONVSCOPE_SOURCE_DIR) / "src";
  const std::regex key_literal("\"((app|tab|toolbar|fig|timeline|walk|scene|stack|code|oned|image|lessons|ex|desc|share)"
                               "\\.[a-z0-9_.\\-]+)\"");
  int used = 0, files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cpp" && ext != ".h") continue;
    if (entry.path().filename() == "catalogue.cpp") continue;
    std::ifstream f(entry.path());
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string text = ss.str();
    ++files;
    for (std::sregex_iterator it(text.begin(), text.end(), key_literal), end; it != end; ++it) {
      const std::string key = (*it)[1];
      if (key.back() == '.') continue;  // a prefix of keys made at run time, tested on its own
      ++used;
      EXPECT_NE(i18n::lookup(key.c_str(), i18n::Lang::kEn), nullptr) << key << " in " << entry.path();
      EXPECT_NE(i18n::lookup(key.c_str(), i18n::Lang::kKo), nullptr) << key << " in " << entry.path();
    }
  }
  EXPECT_GT(files, 20);
  EXPECT_GT(used, 150);
}

TEST(I18n, PresetNamesAreTranslated) {
  for (int p = 0; p < static_cast<int>(KernelPreset::kCount); ++p) {
    const std::string key = std::string("preset.") + kernel_preset_name(static_cast<KernelPreset>(p));
    EXPECT_NE(i18n::lookup(key.c_str(), i18n::Lang::kKo), nullptr) << key;
  }
  for (int p = 0; p < static_cast<int>(InputPreset::kCount); ++p) {
    const std::string key = std::string("preset.") + input_preset_name(static_cast<InputPreset>(p));
    EXPECT_NE(i18n::lookup(key.c_str(), i18n::Lang::kKo), nullptr) << key;
  }
}

TEST(I18n, KoreanUsesTheTextbookTerms) {
  std::size_t n = 0;
  const i18n::Entry* e = i18n::catalogue(&n);
  std::string all;
  for (std::size_t i = 0; i < n; ++i) all += e[i].ko;
  for (const char* term : {"합성곱", "필터", "커널", "특성 맵", "패딩", "세임 패딩", "밸리드 패딩", "스트라이드", "풀링",
                           "최대 풀링", "평균 풀링"}) {
    EXPECT_NE(all.find(term), std::string::npos) << term;
  }
  EXPECT_EQ(all.find("피처 맵"), std::string::npos);  // not the textbook's word
}

TEST(I18n, LookupFallbackAndFormatting) {
  i18n::set_language(i18n::Lang::kKo);
  EXPECT_STREQ(i18n::tr("tab.walk"), "단계별 보기");
  EXPECT_STREQ(i18n::tr("no.such.key"), "no.such.key");  // visible on screen, caught above
  EXPECT_EQ(i18n::trf("timeline.speed", 2.5), "초당 2.5단계");
  i18n::set_language(i18n::Lang::kEn);
  EXPECT_EQ(i18n::trf("scene.layer_n", i18n::ordinal(2).c_str(), "Conv2D"), "Layer 2: Conv2D");
  i18n::set_language(i18n::Lang::kKo);  // issue 15: 첫 번째 층, not 1번째 층
  EXPECT_EQ(i18n::trf("scene.layer_n", i18n::ordinal(1).c_str(), "Conv2D"), "첫 번째 층: Conv2D");
  EXPECT_EQ(i18n::ordinal(12), "12번째");
  i18n::set_language(i18n::Lang::kEn);
  EXPECT_EQ(i18n::ordinal(12), "12");
  i18n::Lang l = i18n::Lang::kEn;
  EXPECT_TRUE(i18n::parse("ko-KR", &l));
  EXPECT_EQ(l, i18n::Lang::kKo);
  EXPECT_TRUE(i18n::parse("en", &l));
  EXPECT_EQ(l, i18n::Lang::kEn);
  EXPECT_FALSE(i18n::parse("de", &l));
  EXPECT_STREQ(i18n::code(i18n::Lang::kKo), "ko");
}

}  // namespace
}  // namespace cs
