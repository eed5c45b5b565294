// class_names.cpp - the class name sets (class_names.h).
#include "model/class_names.h"

#include <algorithm>
#include <cctype>

#include "i18n/i18n.h"

namespace cs {

namespace {

// The textbook's names (혼자 공부하는 머신러닝+딥러닝, chapter 7), in the
// catalogue ("class.fashion.0" ...) so the Korean font carries their glyphs.
std::string fashion_name(int i, bool korean) {
  const std::string key = "class.fashion." + std::to_string(i);
  const char* text = i18n::lookup(key.c_str(), korean ? i18n::Lang::kKo : i18n::Lang::kEn);
  return text ? text : "";
}

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::vector<std::string> split_names(const std::string& typed) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : typed + ",") {
    if (ch != ',' && ch != '\n') {
      cur += ch;
      continue;
    }
    const std::size_t a = cur.find_first_not_of(" \t\r"), b = cur.find_last_not_of(" \t\r");
    out.push_back(a == std::string::npos ? "" : cur.substr(a, b - a + 1));
    cur.clear();
  }
  return out;
}

}  // namespace

ClassSet guess_class_set(const Scene& model) {
  if (model.layers.empty()) return ClassSet::kNumbers;
  const TensorShape in = model.input.shape;
  if (in.flat || in.one_d || in.h != 28 || in.w != 28 || in.c != 1) return ClassSet::kNumbers;
  // The last output's size is the class count; the caller passes it in.
  const std::string t = lower(model.title);
  return t.find("fashion") != std::string::npos || t.find("best-cnn") != std::string::npos ? ClassSet::kFashion
                                                                                          : ClassSet::kDigits;
}

std::vector<std::string> class_names(ClassSet set, int count, bool korean, const std::string& typed) {
  std::vector<std::string> out;
  const std::vector<std::string> given = set == ClassSet::kTyped ? split_names(typed) : std::vector<std::string>{};
  for (int i = 0; i < count; ++i) {
    std::string name;
    if (set == ClassSet::kFashion && count == 10) name = fashion_name(i, korean);
    if (set == ClassSet::kTyped && i < static_cast<int>(given.size())) name = given[static_cast<std::size_t>(i)];
    out.push_back(name.empty() ? std::to_string(i) : name);
  }
  return out;
}

}  // namespace cs
