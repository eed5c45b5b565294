// feature_mosaic.h - every channel of a feature map as one picture: tiles
// of h x w cells in rows (the book's figure of 32 maps), coloured with one
// range for the whole layer so maps compare honestly (viridis, or the
// diverging map when values have both signs). A vector (Dense, Flatten)
// is wrapped into rows of `kVectorRow` units. cell_at() maps a pixel back
// to the element, so a click can open the walk on it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/layer.h"

namespace cs {

struct Mosaic {
  int w = 0, h = 0;               // pixels (cells plus 1-pixel gaps)
  std::vector<std::uint8_t> rgb;  // w * h * 3
  int cols = 0, rows = 0;         // tiles
  int tile_w = 0, tile_h = 0;     // cells of one tile
  int channels = 0;               // tiles drawn
  bool vector = false;
  float lo = 0.0f, hi = 0.0f;     // the colour range

  // The element under pixel (px, py): channel and cell, in display
  // coordinates (a vector: c = 0, y = 0, x = unit). False on a gap.
  bool cell_at(int px, int py, int* c, int* y, int* x) const;
};

inline constexpr int kVectorRow = 20;

// At most `max_channels` channels, `cols` tiles a row (0: about square).
Mosaic make_mosaic(const Tensor& t, int max_channels = 64, int cols = 0);

// The kernel of a Conv2D layer (HWIO) as a tensor of kernel rows x kernel
// columns x filters for one input channel: the filters as pictures.
Tensor filter_tensor(const Layer& conv, int in_channels, int in_channel = 0);
// Every pixel as a k x k block (a saved picture of 3x3 filters is readable).
Mosaic magnify(const Mosaic& m, int k);

// Whether filter_tensor shows this layer (a Conv2D with its kernel).
bool has_filter_pictures(const Layer& layer);

}  // namespace cs
