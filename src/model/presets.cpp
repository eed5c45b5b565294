// presets.cpp - pattern generators for inputs and the classic 3x3 kernels.
#include "model/presets.h"

#include <cmath>
#include <random>

namespace cs {

namespace {

// 7x7 templates, scaled to any size by nearest neighbour.
constexpr int kDigit7[7][7] = {{0, 0, 0, 0, 0, 0, 0}, {0, 3, 6, 8, 9, 7, 0},
                               {0, 0, 0, 0, 7, 5, 0}, {0, 0, 0, 4, 8, 0, 0},
                               {0, 0, 2, 9, 2, 0, 0}, {0, 0, 6, 7, 0, 0, 0},
                               {0, 0, 8, 3, 0, 0, 0}};
constexpr int kLetterA[7][7] = {{0, 0, 0, 6, 0, 0, 0}, {0, 0, 5, 8, 5, 0, 0},
                                {0, 0, 8, 0, 8, 0, 0}, {0, 5, 7, 0, 7, 5, 0},
                                {0, 8, 9, 9, 9, 8, 0}, {0, 8, 0, 0, 0, 8, 0},
                                {6, 7, 0, 0, 0, 7, 6}};

float pattern(InputPreset p, int y, int x, int h, int w) {
  const int ty = h > 0 ? y * 7 / h : 0, tx = w > 0 ? x * 7 / w : 0;
  switch (p) {
    case InputPreset::kDigit: return static_cast<float>(kDigit7[ty][tx]);
    case InputPreset::kLetter: return static_cast<float>(kLetterA[ty][tx]);
    case InputPreset::kCheckerboard: return ((y + x) % 2) ? 1.0f : 0.0f;
    case InputPreset::kGradient:
      return std::round(9.0f * static_cast<float>(x + y) / static_cast<float>(std::max(1, h + w - 2)));
    case InputPreset::kVerticalEdge: return x < w / 2 ? 0.0f : 9.0f;
    case InputPreset::kHorizontalEdge: return y < h / 2 ? 0.0f : 9.0f;
    default: return 0.0f;
  }
}

}  // namespace

const char* input_preset_name(InputPreset p) {
  switch (p) {
    case InputPreset::kDigit: return "Handwritten 7";
    case InputPreset::kLetter: return "Letter A";
    case InputPreset::kCheckerboard: return "Checkerboard";
    case InputPreset::kGradient: return "Gradient";
    case InputPreset::kVerticalEdge: return "Vertical edge";
    case InputPreset::kHorizontalEdge: return "Horizontal edge";
    case InputPreset::kRandomIntegers: return "Random integers 0-9";
    default: return "?";
  }
}

const char* kernel_preset_name(KernelPreset p) {
  switch (p) {
    case KernelPreset::kIdentity: return "Identity";
    case KernelPreset::kBoxBlur: return "Box blur";
    case KernelPreset::kGaussian: return "Gaussian blur";
    case KernelPreset::kSharpen: return "Sharpen";
    case KernelPreset::kSobelX: return "Sobel x (vertical edges)";
    case KernelPreset::kSobelY: return "Sobel y (horizontal edges)";
    case KernelPreset::kLaplacian: return "Laplacian (outline)";
    case KernelPreset::kEmboss: return "Emboss";
    case KernelPreset::kRandom: return "Random -2..2";
    default: return "?";
  }
}

std::vector<float> make_input(InputPreset p, int h, int w, int c, std::uint32_t seed) {
  std::vector<float> v(static_cast<std::size_t>(h) * static_cast<std::size_t>(w) *
                       static_cast<std::size_t>(c));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int ch = 0; ch < c; ++ch) {
        float val = p == InputPreset::kRandomIntegers
                        ? static_cast<float>(digit(rng))
                        : pattern(p, (y + ch) % h, x, h, w);
        v[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) *
              static_cast<std::size_t>(c) +
          static_cast<std::size_t>(ch)] = val;
      }
  return v;
}

std::vector<float> make_kernel(KernelPreset p, int kh, int kw, std::uint32_t seed) {
  std::vector<float> k(static_cast<std::size_t>(kh) * static_cast<std::size_t>(kw), 0.0f);
  auto at = [&](int y, int x) -> float& {
    return k[static_cast<std::size_t>(y) * static_cast<std::size_t>(kw) + static_cast<std::size_t>(x)];
  };
  const int cy = kh / 2, cx = kw / 2;
  switch (p) {
    case KernelPreset::kIdentity: at(cy, cx) = 1; break;
    case KernelPreset::kBoxBlur:
      for (float& v : k) v = 1.0f / static_cast<float>(kh * kw);
      break;
    case KernelPreset::kGaussian: {
      float sum = 0;
      const float sy = std::max(0.5f, static_cast<float>(kh) / 4.0f);
      const float sx = std::max(0.5f, static_cast<float>(kw) / 4.0f);
      for (int y = 0; y < kh; ++y)
        for (int x = 0; x < kw; ++x) {
          const float dy = static_cast<float>(y - cy) / sy, dx = static_cast<float>(x - cx) / sx;
          sum += at(y, x) = std::exp(-0.5f * (dy * dy + dx * dx));
        }
      for (float& v : k) v = std::round(v / sum * 1000.0f) / 1000.0f;
      break;
    }
    case KernelPreset::kSharpen:
      if (cy > 0) at(cy - 1, cx) = -1;
      if (cy + 1 < kh) at(cy + 1, cx) = -1;
      if (cx > 0) at(cy, cx - 1) = -1;
      if (cx + 1 < kw) at(cy, cx + 1) = -1;
      at(cy, cx) = 5;
      break;
    case KernelPreset::kSobelX:
      for (int y = 0; y < kh; ++y) {
        const float wgt = y == cy ? 2.0f : 1.0f;
        if (kw > 1) at(y, 0) = -wgt, at(y, kw - 1) = wgt;
      }
      break;
    case KernelPreset::kSobelY:
      for (int x = 0; x < kw; ++x) {
        const float wgt = x == cx ? 2.0f : 1.0f;
        if (kh > 1) at(0, x) = -wgt, at(kh - 1, x) = wgt;
      }
      break;
    case KernelPreset::kLaplacian:
      for (float& v : k) v = -1;
      at(cy, cx) = static_cast<float>(kh * kw - 1);
      break;
    case KernelPreset::kEmboss:
      for (int y = 0; y < kh; ++y)
        for (int x = 0; x < kw; ++x) {
          const int d = (y - cy) + (x - cx);
          at(y, x) = d < 0 ? -1.0f : (d > 0 ? 1.0f : 0.0f);
        }
      at(0, 0) = -2;
      at(kh - 1, kw - 1) = 2;
      at(cy, cx) = 1;
      break;
    case KernelPreset::kRandom: {
      std::mt19937 rng(seed);
      std::uniform_int_distribution<int> d(-2, 2);
      for (float& v : k) v = static_cast<float>(d(rng));
      break;
    }
    default: break;
  }
  return k;
}

}  // namespace cs
