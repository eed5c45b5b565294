// digit_pad.cpp - strokes and the MNIST-style centring (digit_pad.h).
#include "model/digit_pad.h"

#include <algorithm>
#include <cmath>

namespace cs {

namespace {

// Distance from (px, py) to the segment (x0, y0)-(x1, y1).
float segment_distance(float px, float py, float x0, float y0, float x1, float y1) {
  const float dx = x1 - x0, dy = y1 - y0;
  const float len2 = dx * dx + dy * dy;
  float t = len2 > 0.0f ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = px - (x0 + t * dx), ey = py - (y0 + t * dy);
  return std::sqrt(ex * ex + ey * ey);
}

struct Box {
  int x0 = DigitPad::kSide, y0 = DigitPad::kSide, x1 = -1, y1 = -1;  // inclusive
};

Box ink_box(const std::vector<float>& c) {
  Box b;
  for (int y = 0; y < DigitPad::kSide; ++y) {
    for (int x = 0; x < DigitPad::kSide; ++x) {
      if (c[static_cast<std::size_t>(y) * DigitPad::kSide + x] <= 0.0f) continue;
      b.x0 = std::min(b.x0, x), b.x1 = std::max(b.x1, x);
      b.y0 = std::min(b.y0, y), b.y1 = std::max(b.y1, y);
    }
  }
  return b;
}

// The canvas box area-averaged into a w x h block (scale: canvas cells per pixel).
std::vector<float> shrink(const std::vector<float>& c, const Box& b, double scale, int w, int h) {
  std::vector<float> out(static_cast<std::size_t>(w) * h, 0.0f);
  for (int oy = 0; oy < h; ++oy) {
    for (int ox = 0; ox < w; ++ox) {
      const double ya = b.y0 + oy * scale, yb = ya + scale, xa = b.x0 + ox * scale, xb = xa + scale;
      double sum = 0.0;
      for (int y = static_cast<int>(ya); y < yb && y < DigitPad::kSide; ++y) {
        const double wy = std::min<double>(y + 1, yb) - std::max<double>(y, ya);
        for (int x = static_cast<int>(xa); x < xb && x < DigitPad::kSide; ++x) {
          const double wx = std::min<double>(x + 1, xb) - std::max<double>(x, xa);
          sum += c[static_cast<std::size_t>(y) * DigitPad::kSide + x] * wx * wy;
        }
      }
      out[static_cast<std::size_t>(oy) * w + ox] = static_cast<float>(std::min(1.0, sum / (scale * scale)));
    }
  }
  return out;
}

}  // namespace

void DigitPad::stroke(float x0, float y0, float x1, float y1, float radius) {
  ++revision_;
  const int lo_x = std::max(0, static_cast<int>(std::floor(std::min(x0, x1) - radius - 1)));
  const int hi_x = std::min(kSide - 1, static_cast<int>(std::ceil(std::max(x0, x1) + radius + 1)));
  const int lo_y = std::max(0, static_cast<int>(std::floor(std::min(y0, y1) - radius - 1)));
  const int hi_y = std::min(kSide - 1, static_cast<int>(std::ceil(std::max(y0, y1) + radius + 1)));
  for (int y = lo_y; y <= hi_y; ++y) {
    for (int x = lo_x; x <= hi_x; ++x) {
      // Soft edge one cell wide, like a pen on paper.
      const float d = segment_distance(x + 0.5f, y + 0.5f, x0, y0, x1, y1);
      const float v = std::clamp(radius + 0.5f - d, 0.0f, 1.0f);
      float& cell = canvas_[static_cast<std::size_t>(y) * kSide + x];
      if (v > 0.0f && cell == 0.0f) ++ink_;
      cell = std::max(cell, v);
    }
  }
}

void DigitPad::show(const std::vector<float>& pixels, int side) {
  if (side <= 0 || pixels.size() != static_cast<std::size_t>(side) * static_cast<std::size_t>(side)) return;
  ink_ = 0;
  for (int y = 0; y < kSide; ++y)
    for (int x = 0; x < kSide; ++x) {
      const float v = pixels[static_cast<std::size_t>(y * side / kSide) * static_cast<std::size_t>(side) +
                             static_cast<std::size_t>(x * side / kSide)];
      canvas_[static_cast<std::size_t>(y) * kSide + x] = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
      ink_ += v > 0.0f ? 1 : 0;
    }
  ++revision_;
}

void DigitPad::clear() {
  std::fill(canvas_.begin(), canvas_.end(), 0.0f);
  ink_ = 0;
  ++revision_;
}

std::vector<float> DigitPad::to_mnist(int side, int fit) const {
  std::vector<float> out(static_cast<std::size_t>(side) * side, 0.0f);
  if (ink_ == 0) return out;
  const Box b = ink_box(canvas_);
  const int bw = b.x1 - b.x0 + 1, bh = b.y1 - b.y0 + 1;
  if (fit <= 0 || fit > side) fit = side * 20 / 28;  // MNIST: the digit fits a 20x20 box in 28x28
  const double scale = std::max(1e-6, static_cast<double>(std::max(bw, bh)) / fit);
  const int w = std::max(1, std::min(side, static_cast<int>(std::lround(bw / scale))));
  const int h = std::max(1, std::min(side, static_cast<int>(std::lround(bh / scale))));
  const std::vector<float> small = shrink(canvas_, b, scale, w, h);
  double mass = 0.0, cx = 0.0, cy = 0.0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const double v = small[static_cast<std::size_t>(y) * w + x];
      mass += v, cx += v * (x + 0.5), cy += v * (y + 0.5);
    }
  }
  const int ox = static_cast<int>(std::lround(side / 2.0 - (mass > 0 ? cx / mass : w / 2.0)));
  const int oy = static_cast<int>(std::lround(side / 2.0 - (mass > 0 ? cy / mass : h / 2.0)));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const int ty = y + oy, tx = x + ox;
      if (ty < 0 || tx < 0 || ty >= side || tx >= side) continue;
      out[static_cast<std::size_t>(ty) * side + tx] = small[static_cast<std::size_t>(y) * w + x];
    }
  }
  return out;
}

}  // namespace cs
