// json.h - a small strict JSON (RFC 8259) reader and the float writer.
// The scene format sits on top of it (core/scene.h). Reading never crashes:
// depth, size and node limits bound recursion and memory, and every error is
// a Result with the line and column. Writing prints floats in the shortest
// text that reads back to the same float.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace cs {

enum class JsonType : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

const char* json_type_name(JsonType type);  // "null", "a number", ...

// One node of the tree. Arrays whose elements are all numbers are stored
// *packed* in `numbers` (a 4096x4096 image would otherwise cost a node per
// pixel); every other array keeps its elements in `items`. Objects keep
// members in source order, keys in `keys`, values in `items`.
struct JsonValue {
  JsonType type = JsonType::kNull;
  bool boolean = false;
  std::uint32_t offset = 0;  // byte offset of the value's first character
  double number = 0.0;
  std::string text;               // kString
  std::vector<JsonValue> items;   // kArray (unpacked) or kObject values
  std::vector<std::string> keys;  // kObject keys, parallel to items
  std::vector<double> numbers;    // kArray, packed

  bool is_packed() const { return type == JsonType::kArray && !numbers.empty(); }
  // Element count of an array, member count of an object, else 0.
  std::size_t size() const {
    return type == JsonType::kArray    ? items.size() + numbers.size()
           : type == JsonType::kObject ? items.size()
                                       : 0;
  }
  // Object member by key, or null.
  const JsonValue* find(std::string_view key) const;
};

struct JsonLimits {
  std::size_t max_bytes = std::size_t{256} << 20;  // offsets are 32-bit
  int max_depth = 64;                              // nesting of arrays/objects
  std::size_t max_nodes = 4u << 20;                // unpacked values (packed numbers free)
  std::size_t max_string_bytes = 1u << 20;
};

// Parses exactly one JSON value surrounded by optional whitespace. A leading
// UTF-8 byte-order mark is skipped. Duplicate object keys, invalid UTF-8,
// lone surrogates, numbers that overflow a double, comments, trailing commas
// and NaN/Infinity literals are errors (the scene format spells non-finite
// numbers as the strings "NaN", "Infinity", "-Infinity"; see
// docs/scene-format.md). Error.where is "line L, column C".
Result<JsonValue> parse_json(std::string_view text, const JsonLimits& limits = {});

// 1-based line and column (in bytes) of a byte offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

// [SECTION] Writing

// Shortest decimal text that reads back (strtof) to exactly `v`: 0.1f -> "0.1",
// 3.0f -> "3", 1e-7f -> "1e-07". Non-finite values become the JSON strings
// "NaN", "Infinity", "-Infinity" (with quotes), so the output stays valid JSON
// (JavaScript's JSON.parse accepts it) and the scene reader takes them back.
std::string format_float(float v);
void append_float(std::string& out, float v);

// The one number format of everything ConvScope shows as text (the walk,
// explain, reports, the UI): format_float's shortest round-trip decimal, so
// every number shown is exactly the engine's float, with non-finite values
// spelled without JSON's quotes: "NaN", "inf", "-inf", and -0 as "0" (it
// equals 0; the sign only confuses on a board).
std::string number_text(float v);

// number_text fitted to a cell: the exact text when `fits` accepts it, else
// the value rounded to as many significant digits as fit, marked "~" (the
// tooltip, the lens and the equations give it exactly). The screen and the
// slide figures both use it; docs/teaching.md, "Numbers on screen".
std::string fitted_number_text(float v, const std::function<bool(const std::string&)>& fits);

// Appends `s` as a quoted JSON string, escaping quotes, backslashes and
// control characters.
void append_json_string(std::string& out, std::string_view s);

}  // namespace cs
