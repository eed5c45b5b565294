// feature_mosaic.cpp - feature maps and filters as tiled pictures
// (feature_mosaic.h).
#include "model/feature_mosaic.h"
#include "core/layers/family.h"

#include <algorithm>
#include <cmath>

#include "core/palette.h"

namespace cs {

namespace {

void range_of(const Tensor& t, int channels, float* lo, float* hi) {
  *lo = 0.0f, *hi = 0.0f;
  const int c_all = t.shape.c;
  for (std::size_t i = 0; i < t.data.size(); ++i) {
    if (static_cast<int>(i % static_cast<std::size_t>(c_all)) >= channels || !std::isfinite(t.data[i])) continue;
    *lo = std::min(*lo, t.data[i]), *hi = std::max(*hi, t.data[i]);
  }
  if (*hi <= *lo) *hi = *lo + 1.0f;
}

Rgb colour(float v, float lo, float hi) {
  if (!std::isfinite(v)) return Rgb{0.5f, 0.5f, 0.5f};
  if (lo < 0.0f && hi > 0.0f) {
    const float m = std::max(-lo, hi);
    return diverging_rgb(0.5f + 0.5f * v / m);
  }
  return viridis_rgb((v - lo) / (hi - lo));
}

void put(Mosaic& m, int px, int py, Rgb c) {
  std::uint8_t* p = &m.rgb[(static_cast<std::size_t>(py) * m.w + px) * 3];
  p[0] = static_cast<std::uint8_t>(std::lround(std::clamp(c.r, 0.0f, 1.0f) * 255));
  p[1] = static_cast<std::uint8_t>(std::lround(std::clamp(c.g, 0.0f, 1.0f) * 255));
  p[2] = static_cast<std::uint8_t>(std::lround(std::clamp(c.b, 0.0f, 1.0f) * 255));
}

}  // namespace

bool Mosaic::cell_at(int px, int py, int* c, int* y, int* x) const {
  if (px < 0 || py < 0 || px >= w || py >= h) return false;
  const int tx = px / (tile_w + 1), ty = py / (tile_h + 1);
  const int cx = px % (tile_w + 1), cy = py % (tile_h + 1);
  if (cx >= tile_w || cy >= tile_h) return false;
  if (vector) {
    const int unit = cy * tile_w + cx;
    if (unit >= channels) return false;
    *c = 0, *y = 0, *x = unit;
    return true;
  }
  const int ch = ty * cols + tx;
  if (ch >= channels) return false;
  *c = ch, *y = cy, *x = cx;
  return true;
}

Mosaic make_mosaic(const Tensor& t, int max_channels, int cols) {
  Mosaic m;
  m.vector = t.shape.flat;
  if (m.vector) {
    m.channels = t.shape.c;
    m.tile_w = std::min(kVectorRow, std::max(1, t.shape.c));
    m.tile_h = (t.shape.c + m.tile_w - 1) / m.tile_w;
    m.cols = m.rows = 1;
  } else {
    m.channels = std::min(t.shape.c, max_channels);
    m.tile_w = t.shape.w, m.tile_h = t.shape.h;
    m.cols = cols > 0 ? cols : std::max(1, static_cast<int>(std::ceil(std::sqrt(m.channels * 1.0))));
    m.cols = std::min(m.cols, m.channels);
    m.rows = (m.channels + m.cols - 1) / m.cols;
  }
  m.w = m.cols * (m.tile_w + 1) - 1;
  m.h = m.rows * (m.tile_h + 1) - 1;
  m.rgb.assign(static_cast<std::size_t>(m.w) * m.h * 3, 255);
  range_of(t, m.vector ? t.shape.c : m.channels, &m.lo, &m.hi);
  for (int py = 0; py < m.h; ++py) {
    for (int px = 0; px < m.w; ++px) {
      int c = 0, y = 0, x = 0;
      if (!m.cell_at(px, py, &c, &y, &x)) continue;
      put(m, px, py, colour(m.vector ? t.data[static_cast<std::size_t>(x)] : t.at(y, x, c), m.lo, m.hi));
    }
  }
  return m;
}

Mosaic magnify(const Mosaic& m, int k) {
  if (k <= 1 || m.w <= 0) return m;
  Mosaic out = m;
  out.w = m.w * k, out.h = m.h * k;
  out.rgb.assign(static_cast<std::size_t>(out.w) * static_cast<std::size_t>(out.h) * 3, 0);
  for (int y = 0; y < out.h; ++y)
    for (int x = 0; x < out.w; ++x)
      for (int c = 0; c < 3; ++c)
        out.rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(out.w) + static_cast<std::size_t>(x)) * 3 +
                static_cast<std::size_t>(c)] =
            m.rgb[(static_cast<std::size_t>(y / k) * static_cast<std::size_t>(m.w) + static_cast<std::size_t>(x / k)) * 3 +
                  static_cast<std::size_t>(c)];
  return out;
}

bool has_filter_pictures(const Layer& layer) {
  return layer_family(layer.type).has_image_filters(layer) && !layer.kernel.empty();
}

Tensor filter_tensor(const Layer& conv, int in_channels, int in_channel) {
  Tensor t;
  const int kh = conv.kernel_size[0], kw = conv.kernel_size[1], f = conv.filters;
  t.shape = TensorShape{kh, kw, f};
  t.data.assign(static_cast<std::size_t>(kh) * kw * f, 0.0f);
  if (conv.kernel.size() != static_cast<std::size_t>(kh) * kw * in_channels * f) return t;
  for (int y = 0; y < kh; ++y) {
    for (int x = 0; x < kw; ++x) {
      for (int o = 0; o < f; ++o) {
        t.data[(static_cast<std::size_t>(y) * kw + x) * f + o] =
            conv.kernel[((static_cast<std::size_t>(y) * kw + x) * in_channels + in_channel) * f + o];
      }
    }
  }
  return t;
}

}  // namespace cs
