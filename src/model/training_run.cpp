// training_run.cpp - Train / Pause / Stop over a Trainer (training_run.h).

#include "model/training_run.h"

#include <algorithm>
#include <chrono>

#include "core/init.h"
#include "core/layers/table.h"

namespace cs {

namespace {

double now_seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

constexpr double kWeightsEvery = 0.25;  // seconds between published weights
constexpr double kThreadSlice = 0.05;   // seconds of work between publications (thread)

FitOptions fit_options(const TrainSettings& s) {
  FitOptions o;
  o.epochs = s.epochs;
  o.batch_size = s.batch_size;
  o.optimizer.kind = s.optimizer;
  o.optimizer.learning_rate = s.learning_rate;
  o.seed = static_cast<std::uint64_t>(s.seed);
  return o;
}

}  // namespace

void reset_weights(Scene* scene, std::uint64_t seed) {
  for (Layer& l : scene->layers)
    for (const WeightDef& w : layer_info(l.type).weights) (l.*w.field).clear();
  scene->seed = seed;
  init_missing_weights(scene);
}

void TrainingRun::set_data(std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> validation) {
  stop();  // a run never outlives the data it reads
  finish_thread();
  train_ = std::move(train);
  validation_ = std::move(validation);
}

bool TrainingRun::start(const Scene& scene, const TrainSettings& settings, Error* error) {
  finish_thread();
  if (!train_) {
    *error = Error{"data", "the training digits are not loaded yet", 0, 0, "train_no_examples", {}};
    return false;
  }
  std::vector<TrainPoint>* pending = &pending_;
  FitOptions o = fit_options(settings);
  o.on_batch = [pending](const BatchReport& b) {
    const float x = static_cast<float>(b.epoch) + static_cast<float>(b.batch + 1) / static_cast<float>(b.batches);
    pending->push_back({x, static_cast<float>(b.loss), static_cast<float>(b.accuracy)});
  };
  Result<Trainer> t = Trainer::create(scene, train_, validation_, o);
  if (!t) {
    *error = t.error();
    return false;
  }
  trainer_ = std::make_unique<Trainer>(std::move(*t));
  start_layers_ = scene.layers;
  epochs_ = settings.epochs;
  pending_.clear();
  last_weights_at_ = -1.0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const std::uint64_t revision = view_.weights_revision;  // grows across runs
    view_ = TrainView{};
    view_.weights_revision = revision;
    view_.state = TrainState::kRunning;
    view_.epochs = settings.epochs;
    view_.batches = trainer_->batches_per_epoch();
  }
  if (threaded_) {
    quit_ = false;
    thread_ = std::thread(&TrainingRun::thread_main, this);
  }
  return true;
}

TrainState TrainingRun::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return view_.state;
}

void TrainingRun::pause() {
  std::lock_guard<std::mutex> lock(mu_);
  if (view_.state == TrainState::kRunning) view_.state = TrainState::kPaused;
}

void TrainingRun::resume() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (view_.state == TrainState::kPaused) view_.state = TrainState::kRunning;
  }
  wake_.notify_all();
}

void TrainingRun::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (view_.state != TrainState::kRunning && view_.state != TrainState::kPaused) return;
    view_.state = TrainState::kStopped;
  }
  finish_thread();
  if (trainer_) publish(true);
}

void TrainingRun::advance(double budget_seconds) {
  if (!threaded_ && trainer_ && state() == TrainState::kRunning) work(budget_seconds);
}

void TrainingRun::work(double budget_seconds) {
  trainer_->step(budget_seconds);
  const double t = now_seconds();
  const bool weights = trainer_->done() || last_weights_at_ < 0 || t - last_weights_at_ >= kWeightsEvery;
  if (weights) last_weights_at_ = t;
  publish(weights);
}

void TrainingRun::publish(bool weights) {
  const Trainer& tr = *trainer_;
  const double eps = tr.train_seconds() > 0 ? static_cast<double>(tr.examples_seen()) / tr.train_seconds() : 0.0;
  const std::size_t n_train = train_->size(), n_val = validation_ ? validation_->size() : 0;
  const double left_examples = static_cast<double>(static_cast<std::int64_t>(n_train) * epochs_ - tr.examples_seen());
  const double left_epochs = static_cast<double>(epochs_ - static_cast<int>(tr.history().loss.size()));
  std::lock_guard<std::mutex> lock(mu_);
  TrainView& v = view_;
  v.epoch = tr.epoch(), v.batch = tr.last_batch().batch + 1;
  v.examples_per_second = eps;
  v.examples_seen = tr.examples_seen();
  // Validation is a forward pass only: about a third of a training example.
  v.seconds_left = eps > 0 ? (std::max(0.0, left_examples) + left_epochs * static_cast<double>(n_val) / 3.0) / eps : 0.0;
  v.batches_seen.insert(v.batches_seen.end(), pending_.begin(), pending_.end());
  pending_.clear();
  v.history = tr.history();
  v.detail = tr.validation_detail();
  if (tr.done()) {
    if (v.state == TrainState::kRunning || v.state == TrainState::kPaused) v.state = TrainState::kDone;
    v.seconds_left = 0.0;
  }
  if (weights) {
    layers_ = tr.scene().layers;
    ++v.weights_revision;
  }
}

void TrainingRun::thread_main() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return quit_ || view_.state != TrainState::kPaused; });
      if (quit_ || view_.state != TrainState::kRunning) return;
    }
    work(kThreadSlice);
    if (trainer_->done()) return;
  }
}

void TrainingRun::finish_thread() {
  if (!thread_.joinable()) return;
  quit_ = true;
  wake_.notify_all();
  thread_.join();
}

TrainView TrainingRun::view() const {
  std::lock_guard<std::mutex> lock(mu_);
  return view_;
}

bool TrainingRun::newer_than(std::uint64_t revision) const {
  std::lock_guard<std::mutex> lock(mu_);
  return view_.weights_revision > revision;
}

bool TrainingRun::take_weights(std::uint64_t* revision, std::vector<Layer>* layers) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (view_.weights_revision <= *revision) return false;
  *revision = view_.weights_revision;
  *layers = layers_;
  return true;
}

}  // namespace cs
