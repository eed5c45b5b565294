// load_batch_json.cpp - reads BATCH.json (see load_batch_json.h). The data
// may be flat (row-major) or nested as NumPy's tolist() prints it.

#include "data/load_batch_json.h"

#include <cmath>

#include "core/errors.h"
#include "core/json.h"

namespace cs {

namespace {

Error bad(const std::string& where, const std::string& what) { return make_error(where, what, ""); }

// Every number of a (possibly nested) array, in order.
bool flatten(const JsonValue& v, std::vector<float>* out) {
  if (v.type == JsonType::kNumber) {
    out->push_back(static_cast<float>(v.number));
    return true;
  }
  if (v.type != JsonType::kArray) return false;
  for (double d : v.numbers) out->push_back(static_cast<float>(d));
  for (const JsonValue& item : v.items)
    if (!flatten(item, out)) return false;
  return true;
}

Result<TensorShape> example_shape(const JsonValue* shape, const std::string& at, int* n) {
  std::vector<float> dims;
  if (shape == nullptr || !flatten(*shape, &dims) || dims.size() < 2 || dims.size() > 4)
    return bad(at, "shape must be [N, H, W, C], [N, steps, channels] or [N, units]");
  for (float d : dims)
    if (!(d >= 1.0f && d <= 1e7f) || d != std::floor(d)) return bad(at, "shape entries must be whole numbers of at least 1");
  *n = static_cast<int>(dims[0]);
  const int a = static_cast<int>(dims[1]);
  if (dims.size() == 2) return vector_shape(a);
  if (dims.size() == 3) return TensorShape{1, a, static_cast<int>(dims[2]), true, false};
  return TensorShape{a, static_cast<int>(dims[2]), static_cast<int>(dims[3]), false, false};
}

}  // namespace

Result<Dataset> parse_batch_json(std::string_view text, const std::string& where) {
  Result<JsonValue> doc = parse_json(text);
  if (!doc) return make_error(where, to_string(doc.error()), "");
  const JsonValue* x = doc->find("x");
  const JsonValue* y = doc->find("y");
  if (doc->type != JsonType::kObject || x == nullptr || y == nullptr || x->type != JsonType::kObject)
    return bad(where, "expected {\"x\": {\"shape\": [N, H, W, C], \"data\": [...]}, \"y\": [labels]}");
  Dataset d;
  int n = 0;
  Result<TensorShape> shape = example_shape(x->find("shape"), where + ": x.shape", &n);
  if (!shape) return shape.error();
  d.shape = *shape;
  const JsonValue* data = x->find("data");
  if (data == nullptr || !flatten(*data, &d.x)) return bad(where + ": x.data", "expected an array of numbers");
  const std::size_t want = static_cast<std::size_t>(n) * static_cast<std::size_t>(d.shape.elements());
  if (d.x.size() != want)
    return bad(where + ": x.data", "has " + istr(static_cast<std::int64_t>(d.x.size())) + " numbers; the shape needs " +
                                       istr(static_cast<std::int64_t>(want)));
  std::vector<float> labels;
  if (!flatten(*y, &labels) || labels.size() != static_cast<std::size_t>(n))
    return bad(where + ": y", "expected " + istr(n) + " labels, one per example");
  for (float v : labels) {
    if (!(v >= 0.0f && v < 1e6f) || v != std::floor(v)) return bad(where + ": y", "labels must be whole numbers from 0");
    d.y.push_back(static_cast<std::int32_t>(v));
    d.classes = std::max(d.classes, static_cast<int>(v) + 1);
  }
  return d;
}

}  // namespace cs
