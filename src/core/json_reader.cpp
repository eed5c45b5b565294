// json_reader.cpp - reading typed values out of a parsed JSON tree with
// errors that name the path, the source position, and a code with
// arguments for the catalogue (core/result.h).
//
// [SECTION] Describing values
// [SECTION] Errors and keys
// [SECTION] Numbers and sizes
// [SECTION] Float arrays

#include "core/json_reader.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace cs {

// [SECTION] Describing values

namespace {

std::string shown_text(const JsonValue& v) {
  return v.text.size() > 24 ? v.text.substr(0, 24) + "..." : v.text;
}

}  // namespace

std::string describe(const JsonValue& v) {
  switch (v.type) {
    case JsonType::kString:
      return "the string \"" + shown_text(v) + "\"";
    case JsonType::kNumber:
      return "the number " + format_float(static_cast<float>(v.number));
    case JsonType::kBool:
      return v.boolean ? "true" : "false";
    default:
      return json_type_name(v.type);
  }
}

// describe(v) as two error arguments, a kind and its detail, which the
// catalogue's "{N:json}" renders through "err.json.<kind>".
Args described(const JsonValue& v) {
  switch (v.type) {
    case JsonType::kString:
      return {"string", shown_text(v)};
    case JsonType::kNumber:
      return {"number", format_float(static_cast<float>(v.number))};
    case JsonType::kBool:
      return {v.boolean ? "true" : "false", ""};
    case JsonType::kNull:
      return {"null", ""};
    case JsonType::kArray:
      return {"array", ""};
    case JsonType::kObject:
      return {"object", ""};
  }
  return {"null", ""};
}

Args operator+(Args a, const Args& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

namespace {

// The code of a JSON type for error arguments ("boolean", "array", ...).
const char* type_code(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "boolean";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kArray:
      return "array";
    case JsonType::kObject:
      return "object";
  }
  return "null";
}

// Levenshtein distance, to suggest the key a typo meant.
int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string join_path(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}

std::string index_path(const std::string& base, std::size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

namespace {

// "kernel rows" -> "kernel_rows": a nesting level's name as an error argument.
std::string name_code(const char* name) {
  std::string code = name;
  std::replace(code.begin(), code.end(), ' ', '_');
  return code;
}

}  // namespace

// [SECTION] Errors and keys

Error JsonReader::error(const JsonValue& at, std::string where, std::string message,
                        std::string code, Args args) const {
  Error e;
  e.where = where.empty() ? "(document)" : std::move(where);
  e.message = std::move(message);
  e.code = std::move(code);
  e.args = std::move(args);
  const auto [line, col] = line_column(text_, at.offset);
  e.line = line;
  e.column = col;
  return e;
}

bool JsonReader::fail(const JsonValue& at, std::string where, std::string message,
                      const char* code, Args args) {
  error_ = error(at, std::move(where), std::move(message), code, std::move(args));
  return false;
}

bool JsonReader::expect_type(const JsonValue& v, const std::string& path, JsonType type) {
  if (v.type == type) return true;
  return fail(v, path, std::string("expected ") + json_type_name(type) + ", got " + describe(v),
              "wrong_type", Args{type_code(type)} + described(v));
}

bool JsonReader::check_keys(const JsonValue& obj, const std::string& path, const std::vector<std::string_view>& allowed, const char* what,
                const char* container) {
  for (std::size_t i = 0; i < obj.keys.size(); ++i) {
    const std::string& key = obj.keys[i];
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (known) continue;
    std::string msg = "unknown key \"" + key + "\" in " + what;
    std::string_view best;
    int best_d = 3;  // suggest only close matches
    for (std::string_view a : allowed) {
      const int d = edit_distance(key, a);
      if (d < best_d) best_d = d, best = a;
    }
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    if (!best.empty()) {
      msg += " (did you mean \"" + std::string(best) + "\"?)";
    } else {
      msg += "; allowed keys: " + list;
    }
    return fail(obj.items[i], join_path(path, key), msg, "unknown_key",
                {key, container, std::string(best), list});
  }
  return true;
}

bool JsonReader::require(const JsonValue& obj, const std::string& path, std::string_view key,
             const char* hint, const char* code, const JsonValue*& out, Args args) {
  out = obj.find(key);
  if (out) return true;
  return fail(obj, join_path(path, key), std::string("missing; ") + hint, code, std::move(args));
}

// [SECTION] Numbers and sizes

bool JsonReader::read_int(const JsonValue& v, const std::string& path, int& out) {
  if (v.type != JsonType::kNumber) {
    return fail(v, path, "expected an integer, got " + describe(v), "expected_integer",
                described(v));
  }
  return int_from_double(v, v.number, path, out);
}

bool JsonReader::int_from_double(const JsonValue& at, double d, const std::string& path, int& out) {
  if (d != std::floor(d)) {
    return fail(at, path, "expected an integer, got " + format_float(static_cast<float>(d)),
                "not_integer", {format_float(static_cast<float>(d))});
  }
  // Ranges are checked by the validator; this only keeps the cast defined.
  if (d < -1e9 || d > 1e9) {
    return fail(at, path,
                "integer " + format_float(static_cast<float>(d)) + " is far out of range",
                "integer_far_out_of_range", {format_float(static_cast<float>(d))});
  }
  out = static_cast<int>(d);
  return true;
}

bool JsonReader::read_bool(const JsonValue& v, const std::string& path, bool& out) {
  if (!expect_type(v, path, JsonType::kBool)) return false;
  out = v.boolean;
  return true;
}

bool JsonReader::read_size(const JsonValue& v, const std::string& path, bool one_d, std::array<int, 2>& out) {
  const std::size_t n = one_d ? 1 : 2;
  if (v.type == JsonType::kNumber) {
    int k = 0;
    if (!read_int(v, path, k)) return false;
    out = one_d ? std::array<int, 2>{1, k} : std::array<int, 2>{k, k};
    return true;
  }
  if (v.type != JsonType::kArray || v.size() != n) {
    const std::string count =
        v.type == JsonType::kArray ? std::to_string(v.size()) : std::string();
    return fail(v, path,
                std::string("expected an integer or a list of ") +
                    (one_d ? "1 integer" : "2 integers [rows, columns]") + ", got " +
                    describe(v) + (count.empty() ? count : " of " + count),
                "expected_size", Args{one_d ? "1" : "0"} + described(v) + Args{count});
  }
  int vals[2] = {1, 1};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string p = index_path(path, i);
    if (v.is_packed()) {
      if (!int_from_double(v, v.numbers[i], p, vals[i])) return false;
    } else if (!read_int(v.items[i], p, vals[i])) {
      return false;
    }
  }
  out = one_d ? std::array<int, 2>{1, vals[0]} : std::array<int, 2>{vals[0], vals[1]};
  return true;
}

// [SECTION] Float arrays

bool JsonReader::scalar_to_float(const JsonValue& at, double d, const std::string& path, float& out) {
  if (std::fabs(d) > static_cast<double>(FLT_MAX)) {
    return fail(at, path,
                "number is outside the float range (about +-3.4e38); write "
                "\"Infinity\" or \"-Infinity\" for an infinite value",
                "float_out_of_range");
  }
  out = static_cast<float>(d);
  return true;
}

bool JsonReader::element_to_float(const JsonValue& v, const std::string& path, float& out) {
  if (v.type == JsonType::kNumber) return scalar_to_float(v, v.number, path, out);
  if (v.type == JsonType::kString) {
    if (v.text == "NaN") {
      out = std::numeric_limits<float>::quiet_NaN();
      return true;
    }
    if (v.text == "Infinity") {
      out = std::numeric_limits<float>::infinity();
      return true;
    }
    if (v.text == "-Infinity") {
      out = -std::numeric_limits<float>::infinity();
      return true;
    }
  }
  return fail(v, path,
              "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), "
              "got " +
                  describe(v),
              "expected_number", described(v));
}

bool JsonReader::read_floats(const JsonValue& v, const std::string& path, std::vector<int> dims,
                 const std::vector<const char*>& names, std::vector<float>& out) {
  if (!expect_type(v, path, JsonType::kArray)) return false;
  const bool nested = !v.is_packed() && !v.items.empty() && v.items[0].type == JsonType::kArray;
  if (!nested) return read_flat(v, path, out);
  return read_nested(v, path, 0, dims, names, out);
}

bool JsonReader::read_flat(const JsonValue& v, const std::string& path, std::vector<float>& out) {
  // Only a first list reserves: the rows of a nested weight append one by
  // one, and an exact reserve per row would copy the whole array each time.
  if (out.empty()) out.reserve(v.size());
  if (v.is_packed()) {
    for (std::size_t i = 0; i < v.numbers.size(); ++i) {
      const double d = v.numbers[i];
      float f = 0.0f;
      // The element's path is built only for an error (a model's weights
      // are hundreds of thousands of numbers).
      if (std::fabs(d) <= static_cast<double>(FLT_MAX)) {
        f = static_cast<float>(d);
      } else if (!scalar_to_float(v, d, index_path(path, i), f)) {
        return false;
      }
      out.push_back(f);
    }
    return true;
  }
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    float f = 0.0f;
    if (!element_to_float(v.items[i], index_path(path, i), f)) return false;
    out.push_back(f);
  }
  return true;
}

bool JsonReader::read_nested(const JsonValue& v, const std::string& path, std::size_t level,
                 std::vector<int>& dims, const std::vector<const char*>& names,
                 std::vector<float>& out) {
  if (level >= dims.size()) {
    return fail(v, path,
                "nested " + std::to_string(level + 1) + " levels deep; expected at most " +
                    std::to_string(dims.size()) + " (or one flat list)",
                "nested_too_deep", {std::to_string(level + 1), std::to_string(dims.size())});
  }
  if (!expect_type(v, path, JsonType::kArray)) return false;
  const int n = static_cast<int>(v.size());
  if (dims[level] < 0) dims[level] = n;
  if (n != dims[level]) {
    return fail(v, path,
                "expected " + std::to_string(dims[level]) + " entries (" + names[level] +
                    "), got " + std::to_string(n),
                "nested_count",
                {std::to_string(dims[level]), name_code(names[level]), std::to_string(n)});
  }
  if (level + 1 == dims.size()) return read_flat(v, path, out);
  if (v.is_packed()) {
    return fail(v, index_path(path, 0),
                std::string("expected a list (") + names[level + 1] + "), got a number",
                "nested_expected_list", {name_code(names[level + 1])});
  }
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    if (!read_nested(v.items[i], index_path(path, i), level + 1, dims, names, out)) {
      return false;
    }
  }
  return true;
}

}  // namespace cs
