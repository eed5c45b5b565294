// training_run.h - the Network tab's training, without UI: Train, Pause,
// Stop and Reset weights over a core Trainer (core/train/trainer.h), with
// what the screen shows published for the drawing thread: progress,
// examples per second, time left, the history per batch and per epoch,
// the confusion matrix and mistakes, and the weights every quarter second.
//
// Who runs the work: with `threaded` (the desktop) a thread of its own;
// without (the web page, whose module has no threads) the caller runs
// advance() in short slices (the page: tasks between frames). Every method is called
// from the UI thread; the published state is guarded by one mutex.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/dataset.h"
#include "core/scene.h"
#include "core/train/trainer.h"

namespace cs {

// The Train controls, with Keras' defaults for the chapter (Adam 0.001).
struct TrainSettings {
  int epochs = 2;
  int batch_size = 32;
  OptimizerKind optimizer = OptimizerKind::kAdam;
  float learning_rate = 0.001f;
  int seed = 42;
};

enum class TrainState : std::uint8_t { kIdle, kRunning, kPaused, kDone, kStopped };

struct TrainPoint {
  float epochs;  // position on the x axis: epochs done, as a fraction
  float loss, accuracy;
};

// What the screen shows, copied out under the lock.
struct TrainView {
  TrainState state = TrainState::kIdle;
  int epoch = 0, epochs = 0, batch = 0, batches = 0;
  double examples_per_second = 0.0, seconds_left = 0.0;  // engine speed: examples / seconds in Trainer::step
  std::int64_t examples_seen = 0;
  std::vector<TrainPoint> batches_seen;  // running means over each epoch, as Keras logs them
  FitHistory history;                    // per epoch
  ValidationDetail detail;               // of the last finished epoch
  std::uint64_t weights_revision = 0;    // bumped when new weights are published
};

#if defined(__EMSCRIPTEN__)
inline constexpr bool kHasThreads = false;
#else
inline constexpr bool kHasThreads = true;
#endif

class TrainingRun {
 public:
  // WebAssembly without pthreads has no threads: there the caller always
  // runs the work.
  explicit TrainingRun(bool threaded) : threaded_(threaded && kHasThreads) {}
  ~TrainingRun() { finish_thread(); }
  TrainingRun(const TrainingRun&) = delete;
  TrainingRun& operator=(const TrainingRun&) = delete;

  void set_data(std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> validation);
  bool has_data() const { return train_ != nullptr; }
  bool threaded() const { return threaded_; }
  const Dataset* validation() const { return validation_.get(); }

  // A new run of `scene`'s model from its current weights; false with
  // *error (the options or the data do not fit the model).
  bool start(const Scene& scene, const TrainSettings& settings, Error* error);
  void pause();
  void resume();
  void stop();  // keeps the weights reached
  bool active() const { return state() == TrainState::kRunning || state() == TrainState::kPaused; }
  TrainState state() const;

  // Without a thread: trains for about `budget_seconds` while running.
  void advance(double budget_seconds);
  TrainView view() const;
  // The weights of the run when newer than *revision (then updated).
  bool take_weights(std::uint64_t* revision, std::vector<Layer>* layers) const;
  // Whether weights newer than `revision` wait (the screen must draw once
  // more: the thread may finish between two frames).
  bool newer_than(std::uint64_t revision) const;
  // The weights the run started from (before-and-after views); empty before a run.
  const std::vector<Layer>& start_layers() const { return start_layers_; }

 private:
  void work(double budget_seconds);  // one slice, then publish
  void publish(bool weights);
  void thread_main();
  void finish_thread();

  const bool threaded_;
  std::shared_ptr<const Dataset> train_, validation_;
  std::unique_ptr<Trainer> trainer_;  // touched only by whoever runs the work
  std::vector<Layer> start_layers_;
  double last_weights_at_ = -1.0;
  int epochs_ = 0;
  std::vector<TrainPoint> pending_;  // batches since the last publication

  mutable std::mutex mu_;
  std::condition_variable wake_;
  TrainView view_;
  std::vector<Layer> layers_;  // the published weights
  std::atomic<bool> quit_{false};
  std::thread thread_;
};

// Fresh weights for every layer (Keras' initialisers from `seed`), as an
// untrained model starts: "Reset weights".
void reset_weights(Scene* scene, std::uint64_t seed);

}  // namespace cs
