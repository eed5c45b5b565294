// batch_work.cpp - the shared parts of training and evaluation (batch_work.h).

#include "core/train/batch_work.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/errors.h"
#include "core/train/trainer.h"

namespace cs {

Result<BatchWork> make_batch_work(const Scene& scene, const Dataset& d, int batch_size) {
  Result<ModelPass> pass = ModelPass::create(scene, batch_size);
  if (!pass) return pass.error();
  BatchWork w{std::move(*pass), {}, {}, {}, {}};
  const std::size_t cap = static_cast<std::size_t>(batch_size);
  w.x.resize(cap * static_cast<std::size_t>(scene.input.shape.elements()));
  w.grad.resize(cap * static_cast<std::size_t>(w.pass.plan().shapes.back().elements()));
  w.y.resize(cap);
  w.order.resize(d.size());
  std::iota(w.order.begin(), w.order.end(), std::size_t{0});
  return w;
}

void gather(const Dataset& d, const std::vector<std::size_t>& order, std::size_t from, int n, BatchWork* w) {
  const std::size_t per = static_cast<std::size_t>(d.shape.elements());
  for (int i = 0; i < n; ++i) {
    const std::size_t src = order[from + static_cast<std::size_t>(i)];
    std::copy_n(d.example(src), per, w->x.data() + static_cast<std::size_t>(i) * per);
    w->y[static_cast<std::size_t>(i)] = d.y[src];
  }
}

void shuffle(std::vector<std::size_t>* order, Rng32* rng) {
  for (std::size_t i = order->size(); i > 1; --i)
    std::swap((*order)[i - 1], (*order)[rng->below(static_cast<std::uint32_t>(i))]);
}

namespace {

// Each example's argmax into the confusion matrix; the wrong ones kept.
void count_predictions(const BatchWork& w, std::size_t from, int n, ValidationDetail* detail) {
  const int classes = w.pass.plan().shapes.back().elements();
  if (detail->classes != classes) {
    detail->classes = classes;
    detail->confusion.assign(static_cast<std::size_t>(classes) * static_cast<std::size_t>(classes), 0);
  }
  for (int i = 0; i < n; ++i) {
    const float* p = w.pass.output() + static_cast<std::size_t>(i) * static_cast<std::size_t>(classes);
    const int guess = static_cast<int>(std::max_element(p, p + classes) - p);
    const int label = w.y[static_cast<std::size_t>(i)];
    if (label < 0 || label >= classes) continue;
    ++detail->confusion[static_cast<std::size_t>(label * classes + guess)];
    if (guess != label && detail->mistakes.size() < ValidationDetail::kMaxMistakes)
      detail->mistakes.push_back({from + static_cast<std::size_t>(i), label, guess, p[guess]});
  }
}

}  // namespace

BatchLoss eval_batch(Scene* scene, const Dataset& d, std::size_t from, int n, LossKind kind, BatchWork* w,
                     ValidationDetail* detail) {
  const std::size_t per = static_cast<std::size_t>(d.shape.elements());
  std::copy_n(d.example(from), per * static_cast<std::size_t>(n), w->x.data());
  std::copy_n(d.y.data() + from, n, w->y.data());
  w->pass.forward(scene, w->x.data(), n, false, 0);
  bool from_logits = false;
  const BatchLoss b = loss_and_grad(kind, w->pass, *scene, w->y.data(), w->grad.data(), &from_logits);
  if (detail) count_predictions(*w, from, n, detail);
  return b;
}

Evaluation run_eval(Scene* scene, const Dataset& d, LossKind kind, BatchWork* w) {
  BatchLoss total;
  const std::size_t cap = static_cast<std::size_t>(w->pass.capacity());
  for (std::size_t from = 0; from < d.size(); from += cap) {
    const int n = static_cast<int>(std::min(cap, d.size() - from));
    const BatchLoss b = eval_batch(scene, d, from, n, kind, w, nullptr);
    total.loss_sum += b.loss_sum, total.correct += b.correct;
  }
  const double n = static_cast<double>(d.size());
  return {total.loss_sum / n, total.correct / n};
}

Result<int> check_fit_options(const FitOptions& o) {
  if (o.epochs < 1 || o.epochs > 100000)
    return make_error("epochs", "epochs must be between 1 and 100000, got " + istr(o.epochs),
                      "train_bad_epochs", {istr(o.epochs)});
  if (o.batch_size < 1 || o.batch_size > 65536)
    return make_error("batch_size", "batch_size must be between 1 and 65536, got " + istr(o.batch_size),
                      "train_bad_batch_size", {istr(o.batch_size)});
  if (!(o.optimizer.learning_rate > 0.0f) || !std::isfinite(o.optimizer.learning_rate))
    return make_error("learning_rate", "learning_rate must be a positive number", "train_bad_learning_rate");
  if (!(o.validation_split >= 0.0 && o.validation_split < 1.0))
    return make_error("validation_split", "validation_split must be at least 0 and below 1",
                      "train_bad_validation_split");
  return 0;
}

}  // namespace cs
