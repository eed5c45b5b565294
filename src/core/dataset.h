// dataset.h - labelled examples for training and evaluation: n inputs of
// one shape (floats, already scaled as the model takes them) and their
// class labels. Readers live outside the core (src/data/: the bundled
// digits, MNIST idx files, folders of PNGs); the training code
// (core/train/) only reads this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/layer.h"

namespace cs {

struct Dataset {
  TensorShape shape;                     // one example's shape (Keras' without the batch)
  std::vector<float> x;                  // size() * shape.elements() values, example after example
  std::vector<std::int32_t> y;           // one label per example, 0 .. classes - 1
  int classes = 0;
  std::vector<std::string> class_names;  // optional; "" where unknown

  std::size_t size() const { return y.size(); }
  const float* example(std::size_t i) const {
    return x.data() + i * static_cast<std::size_t>(shape.elements());
  }
};

}  // namespace cs
