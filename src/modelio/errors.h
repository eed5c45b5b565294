// errors.h - how the model readers and writers build their cs::Error values.
// `where` is a chain of places joined by ": " from the outside in: the file
// the student handed in, a member inside it, a path inside that
// ("m.keras: model.weights.h5: layers/dense/vars/0").
#pragma once

#include <string>
#include <utility>

#include "core/result.h"

namespace cs::modelio {

inline std::string join_where(const std::string& outer, const std::string& inner) {
  if (outer.empty()) return inner;
  if (inner.empty()) return outer;
  return outer + ": " + inner;
}

inline Error fail(std::string where, std::string message) {
  Error e;
  e.where = std::move(where);
  e.message = std::move(message);
  return e;
}

// "[3, 3, 1, 32]"
template <typename Shape>
std::string shape_text(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

}  // namespace cs::modelio
