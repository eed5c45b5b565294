// layer.cpp - names and equality of tensors and layers.
#include "core/layer.h"

#include <cmath>

#include "core/layers/table.h"

namespace cs {

std::string shape_text(const TensorShape& s) {
  std::string t = "[";
  const std::vector<int> d = s.dims();
  for (std::size_t i = 0; i < d.size(); ++i) t += (i ? ", " : "") + std::to_string(d[i]);
  return t + "]";
}

const char* padding_mode_name(PaddingMode mode) {
  switch (mode) {
    case PaddingMode::kValid:
      return "valid";
    case PaddingMode::kSame:
      return "same";
    case PaddingMode::kFull:
      return "full";
    case PaddingMode::kExplicit:
      return "explicit";
    case PaddingMode::kCausal:
      return "causal";
  }
  return "?";
}

namespace {

// NaN == NaN here: a scene equals its own round trip.
bool same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i]) && !(std::isnan(a[i]) && std::isnan(b[i]))) return false;
  }
  return true;
}

bool same_float(float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// The value a key of `kind` holds; kinds that fill fixed fields compare them.
bool same_key(const KeyDef& k, const Layer& a, const Layer& b) {
  switch (k.kind) {
    case KeyKind::kInt:
      return a.*k.int_field == b.*k.int_field;
    case KeyKind::kSize:
    case KeyKind::kSizeOrNull:
      return a.*k.size_field == b.*k.size_field;
    case KeyKind::kBool:
      return a.*k.bool_field == b.*k.bool_field;
    case KeyKind::kFloat:
    case KeyKind::kFloatOrNull:
    case KeyKind::kFloatAlias:
      return same_float(a.*k.float_field, b.*k.float_field);
    case KeyKind::kPadding:
      return a.padding == b.padding && a.pads == b.pads;
    case KeyKind::kZeroPadding:
      return a.pads == b.pads;
    case KeyKind::kActivation:
      return a.activation == b.activation;
    case KeyKind::kInterpolation:
      return a.interpolation == b.interpolation;
    case KeyKind::kAxis:
      return a.axis == b.axis;
    case KeyKind::kShape:
    case KeyKind::kShapeAlias:
      return a.batch_shape == b.batch_shape;
    case KeyKind::kChannelsLast:
    case KeyKind::kOne:
    case KeyKind::kNull:
    case KeyKind::kIgnored:
      return true;
  }
  return true;
}

}  // namespace

// Equal when they compute the same thing: the same type, name, every key of
// the type's row and every weight. Fields other types use are not looked at.
bool operator==(const Layer& a, const Layer& b) {
  if (a.type != b.type || a.name != b.name) return false;
  const LayerInfo& info = layer_info(a.type);
  for (const KeyDef& k : info.keys) {
    if (!same_key(k, a, b)) return false;
  }
  for (const WeightDef& w : info.weights) {
    if (!same_floats(a.*w.field, b.*w.field)) return false;
  }
  return true;
}

}  // namespace cs
