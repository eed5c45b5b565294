// json_reader.h - typed values out of a parsed JSON tree (core/json.h).
// Every failure names the JSON path, the source line and column, and a code
// with arguments for the catalogue (core/result.h). The scene reader and
// the layer reader (core/layer_json.h) are built on it.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace cs {

using Args = std::vector<std::string>;
Args operator+(Args a, const Args& b);

// "the string \"same\"", "the number 3", "true", "an array": for messages.
std::string describe(const JsonValue& v);
// describe(v) as two error arguments, a kind and its detail, which the
// catalogue's "{N:json}" renders through "err.json.<kind>".
Args described(const JsonValue& v);
std::string join_path(const std::string& base, std::string_view key);
std::string index_path(const std::string& base, std::size_t i);

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  // An error positioned at `at`; `code` and `args` as in result.h.
  Error error(const JsonValue& at, std::string where, std::string message, std::string code,
              Args args) const;
  bool fail(const JsonValue& at, std::string where, std::string message, const char* code,
            Args args = {});
  const Error& last_error() const { return error_; }

  bool expect_type(const JsonValue& v, const std::string& path, JsonType type);
  // `container` is "scene", "input" or a layer type ("Conv2D"), for the
  // error's arguments; `what` says the same in English. An unknown key is
  // an error that suggests the closest allowed one.
  bool check_keys(const JsonValue& obj, const std::string& path,
                  const std::vector<std::string_view>& allowed, const char* what,
                  const char* container);
  // `code` names the hint ("missing_input"); `args` what it mentions.
  bool require(const JsonValue& obj, const std::string& path, std::string_view key,
               const char* hint, const char* code, const JsonValue*& out, Args args = {});

  bool read_int(const JsonValue& v, const std::string& path, int& out);
  bool int_from_double(const JsonValue& at, double d, const std::string& path, int& out);
  bool read_bool(const JsonValue& v, const std::string& path, bool& out);
  // Keras size arguments: an int, or a list with one entry per spatial axis.
  // 1D layers get (1, k).
  bool read_size(const JsonValue& v, const std::string& path, bool one_d, std::array<int, 2>& out);

  bool scalar_to_float(const JsonValue& at, double d, const std::string& path, float& out);
  bool element_to_float(const JsonValue& v, const std::string& path, float& out);
  // A tensor's numbers, flat (row-major) or nested as Python's .tolist()
  // prints them. `dims` gives the expected extent of each nesting level
  // (-1: not known here, but must be the same throughout); `names` says what
  // each level is, for error messages ("kernel rows"; the arguments of an
  // error give it with '_' for ' ': "kernel_rows"). Counts of flat arrays are
  // checked by the caller (or the validator), which knows the full shape.
  bool read_floats(const JsonValue& v, const std::string& path, std::vector<int> dims,
                   const std::vector<const char*>& names, std::vector<float>& out);

 private:
  bool read_flat(const JsonValue& v, const std::string& path, std::vector<float>& out);
  bool read_nested(const JsonValue& v, const std::string& path, std::size_t level,
                   std::vector<int>& dims, const std::vector<const char*>& names,
                   std::vector<float>& out);

  std::string_view text_;
  Error error_;
};

}  // namespace cs
