// image.h - pictures as input: decoding (PNG, JPEG, BMP, GIF via Debian's
// stb_image), size checks before decoding, downscaling, and the image scene
// (the picture through one Conv2D layer of classic filters).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/scene.h"
#include "model/presets.h"  // KernelPreset

namespace cs {

struct Image {
  int w = 0, h = 0;
  std::vector<std::uint8_t> rgb;  // w*h*3, row-major
};

// Largest picture accepted before decoding (pixels); larger ones are
// rejected with a message instead of allocating gigabytes.
inline constexpr std::int64_t kMaxImagePixels = std::int64_t{50} << 20;
// Image mode works on at most this many cells per side (downscaled above).
inline constexpr int kImageModeMaxSide = 256;

// Decodes a file's bytes. Errors name the problem ("not a PNG, JPEG, BMP or
// GIF image", "20000x20000 is too large", ...).
Result<Image> decode_image(const std::uint8_t* bytes, std::size_t size);
// From RGBA pixels (what a browser's canvas gives).
Image image_from_rgba(const std::uint8_t* rgba, int w, int h);
// Box-filter downscale so the longer side is at most max_side; unchanged if
// already small enough.
Image downscale_to_fit(const Image& img, int max_side);

// The image-mode scene: the picture (grayscale: 1 channel, else RGB) in
// [0, 1], through Conv2D(filters, 3x3, 'same', relu) whose filters are the
// classic kernels (edges, blur, sharpen, ...).
// Its title is kImageSceneTitle with the filter count, kSampleSceneTitle
// for the built-in sample photo (the UI translates both).
Scene make_image_scene(const Image& img, bool grayscale, int filters, bool sample = false);
inline constexpr const char* kImageSceneTitle = "Your picture through Conv2D(%d, 3x3, 'same', ReLU)";
inline constexpr const char* kSampleSceneTitle = "The sample photo through Conv2D(%d, 3x3, 'same', ReLU)";
// The classic kernel filter f of the image-mode scene starts as (its name:
// kernel_preset_name).
KernelPreset image_filter_preset(int f);

// The built-in sample photo (CC0), decoded and downscaled.
Result<Image> sample_image();

}  // namespace cs
