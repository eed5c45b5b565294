// batch.cpp - BATCH.json, the CLI's batch format (convscope-cli grad --batch):
// {"x": {"shape": [N, H, W, C], "data": [...]}, "y": [N labels]}, read with
// the core's JSON reader, so errors carry its path, line and column.

#include <algorithm>

#include "core/errors.h"
#include "core/json.h"
#include "core/json_reader.h"
#include "data/readers.h"

namespace cs {

namespace {

Error in_file(Error e, const std::string& where) {
  e.where = where + (e.where.empty() ? "" : ": " + e.where);
  return e;
}

}  // namespace

Result<Dataset> read_batch_json(const std::string& text, const std::string& where) {
  Result<JsonValue> root = parse_json(text);
  if (!root) return in_file(root.error(), where);
  JsonReader r(text);
  const auto failed = [&] { return in_file(r.last_error(), where); };
  if (!r.expect_type(*root, "", JsonType::kObject)) return failed();
  if (!r.check_keys(*root, "", {"x", "y"}, "batch", "batch")) return failed();
  const JsonValue *x = nullptr, *y = nullptr, *shape = nullptr, *data = nullptr;
  if (!r.require(*root, "", "x", "the inputs, {\"shape\": [N, H, W, C], \"data\": [...]}", "", x) ||
      !r.require(*root, "", "y", "one class label per example", "", y)) {
    return failed();
  }
  if (!r.expect_type(*x, "x", JsonType::kObject) || !r.check_keys(*x, "x", {"shape", "data"}, "x", "x") ||
      !r.require(*x, "x", "shape", "[N, H, W, C]", "", shape) ||
      !r.require(*x, "x", "data", "the N*H*W*C values", "", data) ||
      !r.expect_type(*shape, "x.shape", JsonType::kArray)) {
    return failed();
  }
  if (shape->size() != 4) {
    return make_error(where + ": x.shape", "has " + istr(static_cast<std::int64_t>(shape->size())) +
                                               " entries; it must be [N, H, W, C]");
  }
  int dims[4] = {};
  static const char* const kDimNames[4] = {"N", "H", "W", "C"};
  for (int i = 0; i < 4; ++i) {
    const std::string path = index_path("x.shape", static_cast<std::size_t>(i));
    if (shape->is_packed()) {
      if (!r.int_from_double(*shape, shape->numbers[static_cast<std::size_t>(i)], path, dims[i])) return failed();
    } else if (!r.read_int(shape->items[static_cast<std::size_t>(i)], path, dims[i])) {
      return failed();
    }
    if (dims[i] < 1) return make_error(where + ": " + path, std::string(kDimNames[i]) + " must be at least 1, not " + istr(dims[i]));
  }
  const std::int64_t per = std::int64_t{dims[1]} * dims[2] * dims[3];
  if (per > (std::int64_t{1} << 26) || per * dims[0] > (std::int64_t{1} << 28)) {
    return make_error(where + ": x.shape", "asks for " + istr(per * dims[0]) + " values; at most 268435456 are accepted");
  }
  Dataset d;
  d.shape.h = dims[1];
  d.shape.w = dims[2];
  d.shape.c = dims[3];
  if (!r.read_floats(*data, "x.data", {dims[0], dims[1], dims[2], dims[3]},
                     {"examples", "rows", "columns", "channels"}, d.x)) {
    return failed();
  }
  if (static_cast<std::int64_t>(d.x.size()) != per * dims[0]) {
    return make_error(where + ": x.data", "holds " + istr(static_cast<std::int64_t>(d.x.size())) +
                                              " values; x.shape [" + istr(dims[0]) + ", " + istr(dims[1]) + ", " +
                                              istr(dims[2]) + ", " + istr(dims[3]) + "] needs " + istr(per * dims[0]));
  }
  if (!r.expect_type(*y, "y", JsonType::kArray)) return failed();
  if (static_cast<std::int64_t>(y->size()) != dims[0]) {
    return make_error(where + ": y", "holds " + istr(static_cast<std::int64_t>(y->size())) + " labels for " +
                                         istr(dims[0]) + " examples (x.shape[0])");
  }
  int top = 0;
  for (std::size_t i = 0; i < y->size(); ++i) {
    const std::string path = index_path("y", i);
    int label = 0;
    if (y->is_packed()) {
      if (!r.int_from_double(*y, y->numbers[i], path, label)) return failed();
    } else if (!r.read_int(y->items[i], path, label)) {
      return failed();
    }
    if (label < 0 || label > 9999) {
      return make_error(where + ": " + path, "label " + istr(label) + " is outside 0..9999");
    }
    d.y.push_back(label);
    top = std::max(top, label);
  }
  d.classes = top + 1;
  for (int c = 0; c < d.classes; ++c) d.class_names.push_back(std::to_string(c));
  return d;
}

}  // namespace cs
