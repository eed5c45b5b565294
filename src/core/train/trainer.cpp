// trainer.cpp - model.fit in steps (trainer.h).

#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/init.h"
#include "core/train/batch_work.h"

namespace cs {

struct Trainer::Work {
  BatchWork batch;
  Rng32 rng;
  Optimizer optimizer;
  std::vector<Param> params;
};

Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;
Trainer::~Trainer() = default;

Result<Trainer> Trainer::create(const Scene& scene, std::shared_ptr<const Dataset> train,
                                std::shared_ptr<const Dataset> validation, const FitOptions& o) {
  Result<int> ok = check_fit_options(o);
  if (!ok) return ok.error();
  Result<ModelPass> probe = ModelPass::create(scene, 1);
  if (!probe) return probe.error();
  Result<int> classes = check_trainable(scene, probe->plan(), o.loss);
  if (!classes) return classes.error();
  Result<bool> data_ok = check_dataset(scene, *train, *classes, "data");
  if (!data_ok) return data_ok.error();
  if (validation && validation->size() > 0) {
    data_ok = check_dataset(scene, *validation, *classes, "validation");
    if (!data_ok) return data_ok.error();
  }
  Result<BatchWork> w = make_batch_work(scene, *train, o.batch_size);
  if (!w) return w.error();
  Trainer t;
  t.scene_ = scene;
  t.train_ = std::move(train);
  t.validation_ = std::move(validation);
  t.options_ = o;
  t.work_ = std::make_unique<Work>(Work{std::move(*w), Rng32(o.seed, 0x66697421u), Optimizer(o.optimizer), {}});
  const std::size_t bs = static_cast<std::size_t>(o.batch_size);
  t.batches_ = static_cast<int>((t.train_->size() + bs - 1) / bs);
  t.begin_epoch();
  return t;
}

void Trainer::begin_epoch() {
  if (options_.shuffle) shuffle(&work_->batch.order, &work_->rng);
  // The optimizer updates the scene's vectors in place; the list is
  // remade each epoch as fit() did (restoring best weights replaces them).
  work_->params = trainable_params(&scene_, work_->batch.pass.grads());
  batch_ = 0, seen_ = 0, loss_sum_ = correct_ = 0.0, epoch_seconds_ = 0.0;
}

void Trainer::train_batch() {
  BatchWork& w = work_->batch;
  const std::size_t bs = static_cast<std::size_t>(options_.batch_size);
  const std::size_t from = static_cast<std::size_t>(batch_) * bs;
  const int n = static_cast<int>(std::min(bs, train_->size() - from));
  gather(*train_, w.order, from, n, &w);
  w.pass.forward(&scene_, w.x.data(), n, true, work_->rng.next());
  bool from_logits = false;
  const BatchLoss bl = loss_and_grad(options_.loss, w.pass, scene_, w.y.data(), w.grad.data(), &from_logits);
  w.pass.backward(scene_, w.grad.data(), from_logits);
  work_->optimizer.step(work_->params);
  // Keras reports the mean of the per-batch losses weighted by batch size.
  loss_sum_ += bl.loss_sum, correct_ += bl.correct, seen_ += static_cast<std::size_t>(n);
  examples_total_ += n;
  const double seen = static_cast<double>(seen_);
  last_batch_ = {epoch_, batch_, batches_, loss_sum_ / seen, correct_ / seen, 0.0};
  ++batch_;
  if (batch_ == batches_) {
    validating_ = validation_ && validation_->size() > 0;
    val_from_ = 0, val_loss_sum_ = val_correct_ = 0.0;
    next_detail_ = ValidationDetail{};
  }
}

void Trainer::validate_batch() {
  const std::size_t cap = static_cast<std::size_t>(options_.batch_size);
  const int n = static_cast<int>(std::min(cap, validation_->size() - val_from_));
  const BatchLoss b = eval_batch(&scene_, *validation_, val_from_, n, options_.loss, &work_->batch, &next_detail_);
  val_loss_sum_ += b.loss_sum, val_correct_ += b.correct;
  val_from_ += static_cast<std::size_t>(n);
  if (val_from_ == validation_->size()) validating_ = false;
}

void Trainer::end_epoch() {
  const bool has_val = validation_ && validation_->size() > 0;
  const double seen = static_cast<double>(seen_), vn = has_val ? static_cast<double>(validation_->size()) : 1.0;
  EpochReport r{epoch_, loss_sum_ / seen, correct_ / seen, std::nan(""), std::nan(""), epoch_seconds_};
  if (has_val) r.val_loss = val_loss_sum_ / vn, r.val_accuracy = val_correct_ / vn, detail_ = next_detail_;
  FitHistory& h = history_;
  h.loss.push_back(r.loss), h.accuracy.push_back(r.accuracy);
  h.val_loss.push_back(r.val_loss), h.val_accuracy.push_back(r.val_accuracy);
  if (options_.on_epoch) options_.on_epoch(r);
  // Early stopping on val_loss (loss without validation), keeping the best.
  const std::vector<double>& m = has_val ? h.val_loss : h.loss;
  const std::size_t e = static_cast<std::size_t>(epoch_);
  const bool keep = options_.patience > 0 && options_.restore_best_weights;
  if (h.best_epoch < 0 || m[e] < m[static_cast<std::size_t>(h.best_epoch)]) {
    h.best_epoch = epoch_, waited_ = 0;
    if (keep) best_ = scene_.layers;
  } else if (options_.patience > 0 && ++waited_ >= options_.patience) {
    h.stopped_early = true;
  }
  if (h.stopped_early || ++epoch_ == options_.epochs) {
    done_ = true;
    if (keep && !best_.empty()) scene_.layers = best_;
    return;
  }
  begin_epoch();
}

void Trainer::step(double budget_seconds, int max_batches) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  for (int ran = 0; !done_;) {
    const Clock::time_point t0 = Clock::now();
    const bool training = batch_ < batches_;
    if (training) train_batch();
    else if (validating_) validate_batch();
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    epoch_seconds_ += dt, seconds_total_ += dt;
    if (training) {
      last_batch_.examples_per_second = static_cast<double>(seen_) / std::max(epoch_seconds_, 1e-9);
      if (options_.on_batch) options_.on_batch(last_batch_);
    }
    if (batch_ == batches_ && !validating_) end_epoch();
    if ((max_batches > 0 && ++ran >= max_batches) ||
        std::chrono::duration<double>(Clock::now() - start).count() >= budget_seconds)
      break;
  }
}

}  // namespace cs
