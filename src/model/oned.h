// oned.h - the chapter's opening contrast, as data: one dense neuron (a
// weight for every input, one output) next to a 1D convolution (k shared
// weights sliding, n - k + 1 outputs). Both run through the engine: a dense
// neuron is exactly a Conv1D whose kernel spans the whole input.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.h"

namespace cs {

struct OneDDemo {
  std::vector<float> x;        // n inputs
  std::vector<float> dense_w;  // n weights of the dense neuron
  std::vector<float> kernel;   // k shared weights of the convolution
  // Filled by compute():
  float dense_out = 0.0f;
  std::vector<float> conv_out;  // n - k + 1 values
  ElementTrace dense_trace;
  std::vector<ElementTrace> conv_traces;  // one per output position
  std::string error;
};

// A demo with n inputs and a kernel of k, small integers from `seed`.
OneDDemo make_oned_demo(int n, int k, std::uint32_t seed);
// Runs both through the engine (Conv1D, 'valid', no bias, linear).
void compute_oned(OneDDemo* demo);

}  // namespace cs
