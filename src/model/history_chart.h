// history_chart.h - the training history charts without UI: the y range
// both charts use (loss from 0 to the largest value; accuracy from just
// below the lowest value to 1), and the two charts as one RGB picture (the
// Train part's "Save charts (.png)", the book's history plot), drawn with a
// small built-in pixel font for the titles and numbers.
#pragma once

#include "model/feature_mosaic.h"
#include "model/training_run.h"

namespace cs {

struct ChartRange {
  float top = 1.0f, bottom = 0.0f;
};
// The range of the loss chart (`loss`) or of the accuracy chart.
ChartRange chart_range(const TrainView& v, bool loss);

// Loss and accuracy side by side: the running mean per batch (blue), the
// validation value per epoch (orange dots joined), epoch boundaries, the
// epoch numbers under the x axis and the y range at the right. Empty (w 0)
// before the first batch.
Mosaic history_chart(const TrainView& v);

}  // namespace cs
