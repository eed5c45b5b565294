// trainer.h - model.fit in steps: the same loop as fit() (fit.h), cut into
// pieces a caller runs when it has time (a frame's slice of a web page's
// main loop, a desktop thread) and can stop between. fit() is this class
// run to the end, so both give the same weights, bit for bit.
// Validation at each epoch's end also counts the confusion matrix and
// keeps the examples the model gets wrong (the Network tab shows them).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/dataset.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/train/fit.h"

namespace cs {

// A validation example the model gets wrong.
struct Mistake {
  std::size_t index = 0;  // into the validation set
  int label = 0, predicted = 0;
  float confidence = 0.0f;  // the model's output for `predicted`
};

struct ValidationDetail {
  int classes = 0;
  std::vector<int> confusion;     // classes x classes: [label * classes + predicted]
  std::vector<Mistake> mistakes;  // in validation order, at most kMaxMistakes
  static constexpr std::size_t kMaxMistakes = 64;
};

class Trainer {
 public:
  // Checks options, scene and data as fit() does; the scene is copied and
  // trained in the trainer (scene() reads it). The datasets are shared,
  // not copied (they must not change while the trainer lives).
  Trainer(Trainer&&) noexcept;
  Trainer& operator=(Trainer&&) noexcept;
  ~Trainer();
  static Result<Trainer> create(const Scene& scene, std::shared_ptr<const Dataset> train,
                                std::shared_ptr<const Dataset> validation, const FitOptions& options);

  // Runs whole batches (and validation batches at an epoch's end) until
  // `budget_seconds` of wall time have passed (at least one batch), the
  // run ends, or `max_batches` batches have run (0: no limit). Calls the
  // options' on_batch / on_epoch as fit() does.
  void step(double budget_seconds, int max_batches = 0);
  bool done() const { return done_; }

  const Scene& scene() const { return scene_; }
  const FitHistory& history() const { return history_; }
  const ValidationDetail& validation_detail() const { return detail_; }  // of the last epoch
  const BatchReport& last_batch() const { return last_batch_; }
  int epoch() const { return epoch_; }              // 0-based, the one running
  int batches_per_epoch() const { return batches_; }
  std::int64_t examples_seen() const { return examples_total_; }  // training examples, all epochs
  double train_seconds() const { return seconds_total_; }        // in step(), all epochs

 private:
  struct Work;
  Trainer() = default;
  void begin_epoch();
  void train_batch();
  void validate_batch();
  void end_epoch();

  Scene scene_;
  std::shared_ptr<const Dataset> train_, validation_;
  FitOptions options_;
  std::unique_ptr<Work> work_;  // the pass, buffers, generator and optimizer
  FitHistory history_;
  ValidationDetail detail_, next_detail_;
  BatchReport last_batch_;
  std::vector<Layer> best_;
  int epoch_ = 0, batch_ = 0, batches_ = 0, waited_ = 0;
  std::size_t val_from_ = 0, seen_ = 0;
  double loss_sum_ = 0.0, correct_ = 0.0, val_loss_sum_ = 0.0, val_correct_ = 0.0;
  double epoch_seconds_ = 0.0, seconds_total_ = 0.0;
  std::int64_t examples_total_ = 0;
  bool validating_ = false, done_ = false;
};

}  // namespace cs
