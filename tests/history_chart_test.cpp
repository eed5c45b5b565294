// history_chart_test.cpp - the training charts as a picture
// (model/history_chart.h): the y ranges the screen and the saved PNG share,
// and where the batch line and a validation dot land, worked by hand.
#include <gtest/gtest.h>

#include "model/history_chart.h"

namespace cs {
namespace {

TrainView two_epochs_half_done() {
  TrainView v;
  v.epochs = 2;
  v.batches_seen = {{0.5f, 1.0f, 0.5f}, {1.0f, 0.5f, 0.8f}};
  v.history.loss = {0.5}, v.history.accuracy = {0.8};
  v.history.val_loss = {0.4}, v.history.val_accuracy = {0.9};
  return v;
}

const std::uint8_t* pixel(const Mosaic& m, int x, int y) {
  return &m.rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(m.w) + static_cast<std::size_t>(x)) * 3];
}

TEST(HistoryChart, RangesLossFromZeroAccuracyFromBelowTheLowest) {
  const TrainView v = two_epochs_half_done();
  EXPECT_FLOAT_EQ(chart_range(v, true).top, 1.0f);
  EXPECT_FLOAT_EQ(chart_range(v, true).bottom, 0.0f);
  EXPECT_FLOAT_EQ(chart_range(v, false).top, 1.0f);
  EXPECT_FLOAT_EQ(chart_range(v, false).bottom, 0.4f);  // lowest 0.5, less 0.02, down to a tenth
  TrainView high = v;
  high.batches_seen = {{0.5f, 0.1f, 0.995f}};
  high.history.val_accuracy = {0.97};  // the validation value counts too
  EXPECT_FLOAT_EQ(chart_range(high, false).bottom, 0.9f);
  EXPECT_FLOAT_EQ(chart_range(high, true).top, 0.4f);  // the val_loss is the largest
}

TEST(HistoryChart, TheLineAndTheDotsWhereTheyBelong) {
  EXPECT_EQ(history_chart(TrainView{}).w, 0);  // nothing before the first batch
  const Mosaic m = history_chart(two_epochs_half_done());
  ASSERT_EQ(m.w, 648);  // two 300 px plots, a 24 px gap, 12 px margins
  ASSERT_EQ(static_cast<int>(m.rgb.size()), m.w * m.h * 3);
  // Loss plot: x = 12 + 4 + 292 * epochs / 2, y = 28 + 4 + 152 * (1 - loss).
  const std::uint8_t* dot = pixel(m, 162, 123);  // val_loss 0.4 after epoch 1
  EXPECT_EQ(dot[0], 230);
  EXPECT_EQ(dot[1], 120);
  const std::uint8_t* line = pixel(m, 126, 70);  // halfway along the batch line (0.75 epochs, loss 0.75)
  EXPECT_EQ(line[0], 60);
  EXPECT_EQ(line[2], 170);
  const std::uint8_t* empty = pixel(m, 300, 150);  // far from both curves: the plot's background
  EXPECT_EQ(empty[0], 250);
}

}  // namespace
}  // namespace cs
