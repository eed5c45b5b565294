// fit.h - training a scene on a dataset, as Keras' model.fit does: seeded
// shuffling, mini-batches, an optimizer step per batch, validation after
// each epoch, early stopping with patience keeping the best weights (the
// book's EarlyStopping + ModelCheckpoint), and evaluation. Workspaces are
// allocated once per call, so memory stays flat across epochs.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/dataset.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/train/loss.h"
#include "core/train/optimizers.h"

namespace cs {

struct BatchReport {
  int epoch = 0, batch = 0, batches = 0;  // 0-based epoch and batch
  double loss = 0.0, accuracy = 0.0;      // running means over the epoch so far
  double examples_per_second = 0.0;
};

struct EpochReport {
  int epoch = 0;
  double loss = 0.0, accuracy = 0.0;
  double val_loss = 0.0, val_accuracy = 0.0;  // NaN without validation data
  double seconds = 0.0;
};

struct FitOptions {
  int epochs = 1;
  int batch_size = 32;
  OptimizerConfig optimizer;
  LossKind loss = LossKind::kSparseCategoricalCrossentropy;
  std::uint64_t seed = 0;        // shuffling and dropout
  bool shuffle = true;
  double validation_split = 0.0;  // used when no validation set is given: the last share, as Keras takes it
  int patience = 0;               // early stopping on val_loss (loss without validation); 0: off
  bool restore_best_weights = true;
  std::function<void(const BatchReport&)> on_batch;  // may be empty
  std::function<void(const EpochReport&)> on_epoch;
};

struct FitHistory {
  std::vector<double> loss, accuracy, val_loss, val_accuracy;
  int best_epoch = -1;
  bool stopped_early = false;
};

// Trains scene's weights in place. Errors name the option or data problem.
Result<FitHistory> fit(Scene* scene, const Dataset& train, const Dataset& validation, const FitOptions& options);

struct Evaluation {
  double loss = 0.0, accuracy = 0.0;
};
Result<Evaluation> evaluate(const Scene& scene, const Dataset& data, LossKind loss, int batch_size = 32);

// The data fits the scene: the input shape, labels in [0, classes), at least one example.
Result<bool> check_dataset(const Scene& scene, const Dataset& data, int classes, const char* what);

// Keras' validation_split: the last `share` of the examples (before any shuffling).
void split_dataset(const Dataset& all, double share, Dataset* train, Dataset* validation);

}  // namespace cs
