// train_pictures.h - pictures of a training run, without UI: a gallery of
// examples (the validation digits, the ones the model gets wrong) as one
// grey picture of tiles, and a weight histogram (the book's comparison of
// weights before and after training).
#pragma once

#include <cstdint>
#include <vector>

#include "core/dataset.h"
#include "model/feature_mosaic.h"

namespace cs {

// Examples `which` of `d` (one-channel pictures) as tiles, `cols` a row,
// white ink on black as MNIST draws them; values clamped to [0, 1] after
// dividing by `white` (255 for a model that rescales).
Mosaic example_gallery(const Dataset& d, const std::vector<std::size_t>& which, int cols, float white = 1.0f);

struct Histogram {
  float lo = 0.0f, hi = 0.0f;  // the range the bins cover
  std::vector<float> counts;   // values per bin
};
// `values` in `bins` equal bins over [lo, hi] (lo == hi: the values' own range).
Histogram histogram(const std::vector<float>& values, int bins, float lo = 0.0f, float hi = 0.0f);

}  // namespace cs
