// errors.h - building the core's Error values (core/result.h): a path, an
// English sentence, and the code and arguments the catalogue's "err.<code>"
// template renders in another language. Shared by validation and the
// family modules so every message is built the same way.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace cs {

inline Error make_error(std::string where, std::string message, const char* code = "",
                        std::vector<std::string> args = {}) {
  Error e;
  e.where = std::move(where);
  e.message = std::move(message);
  e.code = code;
  e.args = std::move(args);
  return e;
}

inline std::string istr(std::int64_t n) { return std::to_string(n); }

// "1 row", "3 rows".
inline std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

inline std::string layer_path(int index) { return "layers[" + std::to_string(index) + "]"; }

// Softmax and BatchNormalization work on the channel axis only.
inline Error axis_not_last(int axis, int rank, const std::string& at) {
  return make_error(at + ".axis",
                    "axis " + istr(axis) + " is not supported; ConvScope works on the last axis (-1 or " +
                        istr(rank) + " here)",
                    "axis_not_last", {istr(axis), istr(rank)});
}

}  // namespace cs
