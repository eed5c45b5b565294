// batch_work.h - what fit(), evaluate() and the Trainer share (internal to
// core/train): the buffers a run allocates once, copying a batch out of a
// dataset, the seeded shuffle, evaluation over a dataset, option checks.
#pragma once

#include <cstdint>
#include <vector>

#include "core/dataset.h"
#include "core/init.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/train/fit.h"
#include "core/train/model_pass.h"

namespace cs {

struct ValidationDetail;

// Everything a run allocates once.
struct BatchWork {
  ModelPass pass;
  std::vector<float> x, grad;
  std::vector<std::int32_t> y;
  std::vector<std::size_t> order;
};

Result<BatchWork> make_batch_work(const Scene& scene, const Dataset& d, int batch_size);
// Copies examples order[from .. from + n) into the batch buffers.
void gather(const Dataset& d, const std::vector<std::size_t>& order, std::size_t from, int n, BatchWork* w);
// Fisher-Yates with the run's generator: the same seed, the same order.
void shuffle(std::vector<std::size_t>* order, Rng32* rng);
// Inference-mode loss of examples [from, from + n) (in order) of d; counts
// each prediction into *detail when given.
BatchLoss eval_batch(Scene* scene, const Dataset& d, std::size_t from, int n, LossKind kind, BatchWork* w,
                     ValidationDetail* detail);
Evaluation run_eval(Scene* scene, const Dataset& d, LossKind kind, BatchWork* w);
Result<int> check_fit_options(const FitOptions& o);

}  // namespace cs
