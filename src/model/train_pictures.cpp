// train_pictures.cpp - galleries and histograms (train_pictures.h).

#include "model/train_pictures.h"

#include <algorithm>
#include <cmath>

namespace cs {

Mosaic example_gallery(const Dataset& d, const std::vector<std::size_t>& which, int cols, float white) {
  Mosaic m;
  if (which.empty() || d.shape.flat || d.shape.c != 1 || cols < 1) return m;
  m.tile_w = d.shape.w, m.tile_h = d.shape.h;
  m.channels = static_cast<int>(which.size());
  m.cols = std::min(cols, m.channels);
  m.rows = (m.channels + m.cols - 1) / m.cols;
  m.w = m.cols * (m.tile_w + 1) - 1, m.h = m.rows * (m.tile_h + 1) - 1;
  m.lo = 0.0f, m.hi = white;
  m.rgb.assign(static_cast<std::size_t>(m.w) * static_cast<std::size_t>(m.h) * 3, 60);  // grey gaps
  for (int t = 0; t < m.channels; ++t) {
    const float* px = d.example(which[static_cast<std::size_t>(t)]);
    const int x0 = (t % m.cols) * (m.tile_w + 1), y0 = (t / m.cols) * (m.tile_h + 1);
    for (int y = 0; y < m.tile_h; ++y)
      for (int x = 0; x < m.tile_w; ++x) {
        const float v = std::clamp(px[y * m.tile_w + x] / white, 0.0f, 1.0f);
        std::uint8_t* o = &m.rgb[(static_cast<std::size_t>(y0 + y) * static_cast<std::size_t>(m.w) +
                                  static_cast<std::size_t>(x0 + x)) * 3];
        o[0] = o[1] = o[2] = static_cast<std::uint8_t>(std::lround(v * 255.0f));
      }
  }
  return m;
}

Histogram histogram(const std::vector<float>& values, int bins, float lo, float hi) {
  Histogram h;
  if (values.empty() || bins < 1) return h;
  if (!(hi > lo)) {
    const auto mm = std::minmax_element(values.begin(), values.end());
    lo = *mm.first, hi = *mm.second;
    if (!(hi > lo)) hi = lo + 1.0f;
  }
  h.lo = lo, h.hi = hi;
  h.counts.assign(static_cast<std::size_t>(bins), 0.0f);
  const float k = static_cast<float>(bins) / (hi - lo);
  for (float v : values) {
    if (!(v >= lo && v <= hi)) continue;  // outside the range (or NaN): not counted
    const int b = std::min(bins - 1, static_cast<int>((v - lo) * k));
    h.counts[static_cast<std::size_t>(b)] += 1.0f;
  }
  return h;
}

}  // namespace cs
