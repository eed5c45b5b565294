// fit.cpp - the training loop (see fit.h).
//
// [SECTION] Data checks
// [SECTION] One epoch
// [SECTION] fit and evaluate

#include "core/train/fit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "core/errors.h"
#include "core/init.h"
#include "core/train/model_pass.h"

namespace cs {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

// [SECTION] Data checks

Result<bool> check_dataset(const Scene& scene, const Dataset& data, int classes, const char* what) {
  if (data.size() == 0)
    return make_error(what, "there are no examples to learn from", "train_no_examples");
  if (data.shape != scene.input.shape)
    return make_error(what,
                      "examples are " + shape_text(data.shape) + " but the model takes " +
                          shape_text(scene.input.shape),
                      "train_shape_mismatch", {shape_text(data.shape), shape_text(scene.input.shape)});
  if (data.x.size() != data.size() * static_cast<std::size_t>(data.shape.elements()))
    return make_error(what, "the example data does not match the example count", "train_data_size");
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data.y[i] < 0 || data.y[i] >= classes)
      return make_error(std::string(what) + ".y[" + istr(static_cast<std::int64_t>(i)) + "]",
                        "label " + istr(data.y[i]) + " is outside 0 .. " + istr(classes - 1) +
                            " (the model has " + istr(classes) + " outputs)",
                        "train_label_out_of_range", {istr(data.y[i]), istr(classes - 1), istr(classes)});
  }
  return true;
}

void split_dataset(const Dataset& all, double share, Dataset* train, Dataset* validation) {
  const std::size_t n = all.size();
  const std::size_t val = static_cast<std::size_t>(std::floor(static_cast<double>(n) * share));
  const std::size_t keep = n - val, per = static_cast<std::size_t>(all.shape.elements());
  for (Dataset* d : {train, validation}) {
    d->shape = all.shape, d->classes = all.classes, d->class_names = all.class_names;
  }
  train->x.assign(all.x.begin(), all.x.begin() + static_cast<std::ptrdiff_t>(keep * per));
  train->y.assign(all.y.begin(), all.y.begin() + static_cast<std::ptrdiff_t>(keep));
  validation->x.assign(all.x.begin() + static_cast<std::ptrdiff_t>(keep * per), all.x.end());
  validation->y.assign(all.y.begin() + static_cast<std::ptrdiff_t>(keep), all.y.end());
}

namespace {

// [SECTION] One epoch

// Everything a run allocates once.
struct Workspace {
  ModelPass pass;
  std::vector<float> x, grad;
  std::vector<std::int32_t> y;
  std::vector<std::size_t> order;
};

// Copies examples order[from .. from + n) into the batch buffers.
void gather(const Dataset& d, const std::vector<std::size_t>& order, std::size_t from, int n, Workspace* w) {
  const std::size_t per = static_cast<std::size_t>(d.shape.elements());
  for (int i = 0; i < n; ++i) {
    const std::size_t src = order[from + static_cast<std::size_t>(i)];
    std::copy_n(d.example(src), per, w->x.data() + static_cast<std::size_t>(i) * per);
    w->y[static_cast<std::size_t>(i)] = d.y[src];
  }
}

// Fisher-Yates with the run's generator: the same seed, the same order.
void shuffle(std::vector<std::size_t>* order, Rng32* rng) {
  for (std::size_t i = order->size(); i > 1; --i)
    std::swap((*order)[i - 1], (*order)[rng->below(static_cast<std::uint32_t>(i))]);
}

Evaluation run_eval(Scene* scene, const Dataset& d, LossKind kind, Workspace* w) {
  std::vector<std::size_t> order(d.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  BatchLoss total;
  bool from_logits = false;
  for (std::size_t from = 0; from < d.size(); from += static_cast<std::size_t>(w->pass.capacity())) {
    const int n = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(w->pass.capacity()), d.size() - from));
    gather(d, order, from, n, w);
    w->pass.forward(scene, w->x.data(), n, false, 0);
    const BatchLoss b = loss_and_grad(kind, w->pass, *scene, w->y.data(), w->grad.data(), &from_logits);
    total.loss_sum += b.loss_sum, total.correct += b.correct;
  }
  const double n = static_cast<double>(d.size());
  return {total.loss_sum / n, total.correct / n};
}

EpochReport train_epoch(Scene* scene, const Dataset& d, const FitOptions& o, int epoch, Rng32* rng,
                        Optimizer* opt, Workspace* w) {
  const Clock::time_point start = Clock::now();
  if (o.shuffle) shuffle(&w->order, rng);
  const std::size_t bs = static_cast<std::size_t>(o.batch_size);
  const int batches = static_cast<int>((d.size() + bs - 1) / bs);
  BatchLoss total;
  std::size_t seen = 0;
  const std::vector<Param> params = trainable_params(scene, w->pass.grads());
  for (int b = 0; b < batches; ++b) {
    const std::size_t from = static_cast<std::size_t>(b) * bs;
    const int n = static_cast<int>(std::min(bs, d.size() - from));
    gather(d, w->order, from, n, w);
    w->pass.forward(scene, w->x.data(), n, true, rng->next());
    bool from_logits = false;
    const BatchLoss bl = loss_and_grad(o.loss, w->pass, *scene, w->y.data(), w->grad.data(), &from_logits);
    w->pass.backward(*scene, w->grad.data(), from_logits);
    opt->step(params);
    // Keras reports the mean of the per-batch losses weighted by batch size.
    total.loss_sum += bl.loss_sum, total.correct += bl.correct, seen += static_cast<std::size_t>(n);
    if (o.on_batch)
      o.on_batch({epoch, b, batches, total.loss_sum / static_cast<double>(seen),
                  total.correct / static_cast<double>(seen), static_cast<double>(seen) / seconds_since(start)});
  }
  EpochReport r;
  r.epoch = epoch;
  r.loss = total.loss_sum / static_cast<double>(seen);
  r.accuracy = total.correct / static_cast<double>(seen);
  r.seconds = seconds_since(start);
  return r;
}

Result<Workspace> workspace(const Scene& scene, const Dataset& d, int batch_size) {
  Result<ModelPass> pass = ModelPass::create(scene, batch_size);
  if (!pass) return pass.error();
  Workspace w{std::move(*pass), {}, {}, {}, {}};
  const std::size_t cap = static_cast<std::size_t>(batch_size);
  w.x.resize(cap * static_cast<std::size_t>(scene.input.shape.elements()));
  w.grad.resize(cap * static_cast<std::size_t>(w.pass.plan().shapes.back().elements()));
  w.y.resize(cap);
  w.order.resize(d.size());
  std::iota(w.order.begin(), w.order.end(), std::size_t{0});
  return w;
}

Result<int> check_options(const FitOptions& o) {
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

// Early stopping: whether this epoch is the best so far (lower monitored
// loss), and whether patience has run out.
bool improved(const FitHistory& h, std::size_t epoch) {
  const std::vector<double>& m = h.val_loss.empty() || std::isnan(h.val_loss[0]) ? h.loss : h.val_loss;
  return h.best_epoch < 0 || m[epoch] < m[static_cast<std::size_t>(h.best_epoch)];
}

}  // namespace

// [SECTION] fit and evaluate

Result<FitHistory> fit(Scene* scene, const Dataset& train_in, const Dataset& validation_in, const FitOptions& o) {
  Result<int> ok = check_options(o);
  if (!ok) return ok.error();
  // The data is copied only when validation_split cuts it.
  Dataset split_train, split_validation;
  const bool split = validation_in.size() == 0 && o.validation_split > 0.0;
  if (split) split_dataset(train_in, o.validation_split, &split_train, &split_validation);
  const Dataset& train = split ? split_train : train_in;
  const Dataset& validation = split ? split_validation : validation_in;
  Result<ModelPass> probe = ModelPass::create(*scene, 1);
  if (!probe) return probe.error();
  Result<int> classes = check_trainable(*scene, probe->plan(), o.loss);
  if (!classes) return classes.error();
  Result<bool> data_ok = check_dataset(*scene, train, *classes, "data");
  if (!data_ok) return data_ok.error();
  if (validation.size() > 0) {
    data_ok = check_dataset(*scene, validation, *classes, "validation");
    if (!data_ok) return data_ok.error();
  }
  Result<Workspace> w = workspace(*scene, train, o.batch_size);
  if (!w) return w.error();
  Rng32 rng(o.seed, 0x66697421u);  // "fit!"
  Optimizer opt(o.optimizer);
  FitHistory h;
  std::vector<Layer> best;
  int waited = 0;
  for (int e = 0; e < o.epochs; ++e) {
    EpochReport r = train_epoch(scene, train, o, e, &rng, &opt, &*w);
    r.val_loss = r.val_accuracy = std::nan("");
    if (validation.size() > 0) {
      const Evaluation v = run_eval(scene, validation, o.loss, &*w);
      r.val_loss = v.loss, r.val_accuracy = v.accuracy;
    }
    h.loss.push_back(r.loss), h.accuracy.push_back(r.accuracy);
    h.val_loss.push_back(r.val_loss), h.val_accuracy.push_back(r.val_accuracy);
    if (o.on_epoch) o.on_epoch(r);
    if (improved(h, static_cast<std::size_t>(e))) {
      h.best_epoch = e, waited = 0;
      if (o.patience > 0 && o.restore_best_weights) best = scene->layers;
    } else if (o.patience > 0 && ++waited >= o.patience) {
      h.stopped_early = true;
      break;
    }
  }
  if (o.patience > 0 && o.restore_best_weights && !best.empty()) scene->layers = best;
  return h;
}

Result<Evaluation> evaluate(const Scene& scene_in, const Dataset& data, LossKind loss, int batch_size) {
  Scene scene = scene_in;
  Result<Workspace> w = workspace(scene, data, std::max(1, batch_size));
  if (!w) return w.error();
  Result<int> classes = check_trainable(scene, w->pass.plan(), loss);
  if (!classes) return classes.error();
  Result<bool> data_ok = check_dataset(scene, data, *classes, "data");
  if (!data_ok) return data_ok.error();
  return run_eval(&scene, data, loss, &*w);
}

}  // namespace cs
