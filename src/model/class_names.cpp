// class_names.cpp - the class name sets (class_names.h).
#include "model/class_names.h"

#include <algorithm>
#include <cctype>

#include "core/json.h"
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

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

Result<std::vector<std::string>> names_from_json(const std::string& name, std::string_view bytes) {
  Result<JsonValue> v = parse_json(bytes);
  if (!v) return Error{name, "is not JSON: " + v.error().message};
  if (v->type != JsonType::kArray || v->is_packed()) return Error{name, "must be a JSON array of strings"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    if (v->items[i].type != JsonType::kString)
      return Error{name, "item " + std::to_string(i) + " is not a string"};
    out.push_back(v->items[i].text);
  }
  return out;
}

std::vector<std::string> names_from_lines(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // a byte-order mark
  std::vector<std::string> out;
  std::string cur;
  for (char ch : bytes) {
    if (ch == '\n') {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty() && cur.back() == '\r') cur.pop_back();
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

bool is_class_names_file(const std::string& name) {
  const std::string n = lower(name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1));
  return n == "labels.txt" || n == "labels.json";
}

Result<std::vector<std::string>> read_class_names_file(const std::string& name, std::string_view bytes, int count) {
  constexpr std::size_t kMaxBytes = std::size_t{1} << 20;
  if (bytes.size() > kMaxBytes) return Error{name, "is larger than 1 MB; a list of class names is much smaller"};
  const bool json = ends_with(lower(name), ".json");
  Result<std::vector<std::string>> names = json ? names_from_json(name, bytes) : Result<std::vector<std::string>>(names_from_lines(bytes));
  if (!names) return names.error();
  if (static_cast<int>(names->size()) != count)
    return Error{name, "has " + std::to_string(names->size()) + " names, but the model has " + std::to_string(count) +
                           " outputs: one name per output is needed"};
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& n = (*names)[i];
    if (n.find_first_not_of(" \t") == std::string::npos)
      return Error{name, std::string(json ? "item " : "line ") + std::to_string(json ? i : i + 1) + " is empty"};
    if (n.find(',') != std::string::npos || n.find('\n') != std::string::npos)
      return Error{name, std::string(json ? "item " : "line ") + std::to_string(json ? i : i + 1) +
                             " holds a comma or a line break, which cannot be part of a class name"};
  }
  return names;
}

}  // namespace cs
