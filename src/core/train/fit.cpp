// fit.cpp - the training loop (see fit.h).
//
// [SECTION] Data checks
// [SECTION] fit and evaluate (fit is a Trainer run to its end)

#include "core/train/fit.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/errors.h"
#include "core/init.h"
#include "core/train/batch_work.h"
#include "core/train/trainer.h"

namespace cs {

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

// [SECTION] fit and evaluate

Result<FitHistory> fit(Scene* scene, const Dataset& train_in, const Dataset& validation_in, const FitOptions& o) {
  // The data is copied only when validation_split cuts it; else shared
  // without ownership (the caller's sets outlive the trainer).
  auto train = std::shared_ptr<const Dataset>(std::shared_ptr<void>(), &train_in);
  auto validation = std::shared_ptr<const Dataset>(std::shared_ptr<void>(), &validation_in);
  if (validation_in.size() == 0 && o.validation_split > 0.0 && o.validation_split < 1.0) {
    auto t = std::make_shared<Dataset>(), v = std::make_shared<Dataset>();
    split_dataset(train_in, o.validation_split, t.get(), v.get());
    train = t, validation = v;
  }
  // The caller's on_epoch sees the epoch's weights in *scene, as in place.
  const Trainer* running = nullptr;
  FitOptions inner = o;
  if (o.on_epoch) {
    inner.on_epoch = [&](const EpochReport& r) {
      scene->layers = running->scene().layers;
      o.on_epoch(r);
    };
  }
  Result<Trainer> trainer = Trainer::create(*scene, train, validation, inner);
  if (!trainer) return trainer.error();
  running = &*trainer;
  while (!trainer->done()) trainer->step(1e9);
  scene->layers = trainer->scene().layers;
  return trainer->history();
}

Result<Evaluation> evaluate(const Scene& scene_in, const Dataset& data, LossKind loss, int batch_size) {
  Scene scene = scene_in;
  Result<BatchWork> w = make_batch_work(scene, data, std::max(1, batch_size));
  if (!w) return w.error();
  Result<int> classes = check_trainable(scene, w->pass.plan(), loss);
  if (!classes) return classes.error();
  Result<bool> data_ok = check_dataset(scene, data, *classes, "data");
  if (!data_ok) return data_ok.error();
  return run_eval(&scene, data, loss, &*w);
}

}  // namespace cs
