// palette.cpp - viridis and the diverging map.
#include "core/palette.h"

namespace cs {

namespace {

float clamp01(float t) { return t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t); }

Rgb mix(const Rgb& a, const Rgb& b, float u) {
  return {a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u};
}

}  // namespace

Rgb diverging_rgb(float t) {
  t = clamp01(t);
  return t < 0.5f ? mix(kDivergingNegative, kDivergingZero, t * 2.0f)
                  : mix(kDivergingZero, kDivergingPositive, (t - 0.5f) * 2.0f);
}

// Viridis at 9 stops, linearly interpolated: perceptually ordered and safe
// for colour-blind readers; numbers are printed on top anyway.
Rgb viridis_rgb(float t) {
  static const Rgb k[9] = {{0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
                           {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
                           {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f}, {0.993f, 0.906f, 0.144f}};
  const float f = clamp01(t) * 8.0f;
  const int i = f >= 8.0f ? 7 : static_cast<int>(f);
  return mix(k[i], k[i + 1], f - static_cast<float>(i));
}

}  // namespace cs
