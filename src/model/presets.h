// presets.h - ready-made inputs and kernels a student can start from.
// Inputs are small integers so every product stays readable; kernels are
// the classic image-processing filters (identity, blur, Sobel, ...).
#pragma once

#include <cstdint>
#include <vector>

namespace cs {

enum class InputPreset : int {
  kDigit,           // a handwritten-style 7
  kLetter,          // the letter A
  kCheckerboard,
  kGradient,
  kVerticalEdge,
  kHorizontalEdge,
  kRandomIntegers,
  kCount
};

enum class KernelPreset : int {
  kIdentity,
  kBoxBlur,
  kGaussian,
  kSharpen,
  kSobelX,
  kSobelY,
  kLaplacian,
  kEmboss,
  kRandom,
  kCount
};

const char* input_preset_name(InputPreset p);
const char* kernel_preset_name(KernelPreset p);

// h*w*c values, row-major HWC; every channel gets the pattern (channel k
// shifted by k so multi-channel inputs are not identical).
std::vector<float> make_input(InputPreset p, int h, int w, int c, std::uint32_t seed);

// kh*kw values of one 2D kernel slice. Sizes other than 3x3 get the nearest
// sensible generalisation (identity centred, box of ones, ...).
std::vector<float> make_kernel(KernelPreset p, int kh, int kw, std::uint32_t seed);

}  // namespace cs
