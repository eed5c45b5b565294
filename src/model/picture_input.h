// picture_input.h - a picture made into a model's input, in the steps a
// student can see and change: crop to the input's aspect, resize to its
// rows x columns, grey or RGB by its channels, invert (MNIST-style models
// see a light digit on black), scale to [0, 1] or [0, 255] (a model that
// starts with Rescaling(1/255) takes raw pixel values).
#pragma once

#include <vector>

#include "core/layer.h"
#include "core/result.h"
#include "core/scene.h"
#include "model/image.h"

namespace cs {

enum class Invert { kAuto, kYes, kNo };

struct PictureOptions {
  Invert invert = Invert::kAuto;
  // Values of a white pixel: 1 ([0, 1]) or 255; 0 = what the model says
  // (255 when its first layer is Rescaling, else 1).
  float white = 0.0f;
};

// What was done, for the UI and the CLI to show.
struct PictureSteps {
  int crop_x = 0, crop_y = 0, crop_w = 0, crop_h = 0;  // in the original
  int out_w = 0, out_h = 0, channels = 0;
  bool inverted = false;
  bool auto_inverted = false;  // inversion chosen by kAuto (light background)
  float white = 1.0f;
};

// The value of white a model expects: 255 when its first layer rescales.
float model_white(const Scene& model);

// The picture as the model's input (model.input.shape: rows x columns x
// 1 or 3 channels). Errors: a 1D or vector input, channels other than 1/3.
Result<Tensor> picture_to_input(const Image& img, const Scene& model, const PictureOptions& o,
                                PictureSteps* steps = nullptr);

}  // namespace cs
