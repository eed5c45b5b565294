// picture_input.cpp - a picture made into a model's input (picture_input.h).
#include "model/picture_input.h"

#include "core/layers/table.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace cs {

namespace {

Error input_error(std::string message, const char* code, std::vector<std::string> args) {
  Error e{"image", std::move(message)};
  e.code = code;
  e.args = std::move(args);
  return e;
}

// The largest window of the input's aspect, centred.
void centre_crop(const Image& img, int want_h, int want_w, PictureSteps& s) {
  const double aspect = static_cast<double>(want_w) / want_h;
  s.crop_w = img.w;
  s.crop_h = static_cast<int>(std::lround(img.w / aspect));
  if (s.crop_h > img.h) {
    s.crop_h = img.h;
    s.crop_w = std::max(1, static_cast<int>(std::lround(img.h * aspect)));
  }
  s.crop_h = std::max(1, s.crop_h);
  s.crop_x = (img.w - s.crop_w) / 2;
  s.crop_y = (img.h - s.crop_h) / 2;
}

// Area-average of the crop's pixels over one output cell, channel ch (0-2),
// in [0, 1].
float cell_mean(const Image& img, const PictureSteps& s, int oy, int ox, int ch) {
  const double y0 = s.crop_y + static_cast<double>(oy) * s.crop_h / s.out_h;
  const double y1 = s.crop_y + static_cast<double>(oy + 1) * s.crop_h / s.out_h;
  const double x0 = s.crop_x + static_cast<double>(ox) * s.crop_w / s.out_w;
  const double x1 = s.crop_x + static_cast<double>(ox + 1) * s.crop_w / s.out_w;
  double sum = 0.0, area = 0.0;
  for (int y = static_cast<int>(y0); y < img.h && y < y1; ++y) {
    const double wy = std::min<double>(y + 1, y1) - std::max<double>(y, y0);
    for (int x = static_cast<int>(x0); x < img.w && x < x1; ++x) {
      const double wx = std::min<double>(x + 1, x1) - std::max<double>(x, x0);
      const std::uint8_t* p = &img.rgb[(static_cast<std::size_t>(y) * img.w + x) * 3];
      const double v = ch < 3 ? p[ch] : 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      sum += v * wx * wy;
      area += wx * wy;
    }
  }
  return area > 0.0 ? static_cast<float>(sum / area / 255.0) : 0.0f;
}

// A light border means dark strokes on white paper: MNIST wants the reverse.
bool light_background(const Tensor& t) {
  double sum = 0.0;
  int n = 0;
  for (int y = 0; y < t.shape.h; ++y) {
    for (int x = 0; x < t.shape.w; ++x) {
      if (y != 0 && x != 0 && y != t.shape.h - 1 && x != t.shape.w - 1) continue;
      for (int c = 0; c < t.shape.c; ++c, ++n) sum += t.at(y, x, c);
    }
  }
  return n > 0 && sum / n > 0.5;
}

}  // namespace

float model_white(const Scene& model) {
  // A model that rescales its input itself (Keras' Rescaling(1./255), a
  // layer with an "offset" key) takes the raw 0..255 pixels.
  return !model.layers.empty() && has_key(model.layers[0].type, "offset") ? 255.0f : 1.0f;
}

Result<Tensor> picture_to_input(const Image& img, const Scene& model, const PictureOptions& o,
                                PictureSteps* steps) {
  const TensorShape& want = model.input.shape;
  if (want.flat || want.one_d) {
    return input_error("the model's input is not a picture: it takes a vector or a sequence, "
                       "not rows x columns x channels",
                       "picture_input_rank", {});
  }
  if (want.c != 1 && want.c != 3) {
    return input_error("the model's input has " + std::to_string(want.c) +
                           " channels; a picture gives 1 (grey) or 3 (RGB)",
                       "picture_input_channels", {std::to_string(want.c)});
  }
  if (img.w <= 0 || img.h <= 0) return input_error("the file is empty", "image_empty", {});
  PictureSteps s;
  centre_crop(img, want.h, want.w, s);
  s.out_h = want.h;
  s.out_w = want.w;
  s.channels = want.c;
  Tensor t;
  t.shape = want;
  t.data.resize(static_cast<std::size_t>(want.elements()));
  for (int y = 0; y < want.h; ++y) {
    for (int x = 0; x < want.w; ++x) {
      for (int c = 0; c < want.c; ++c) {
        t.data[(static_cast<std::size_t>(y) * want.w + x) * want.c + c] =
            cell_mean(img, s, y, x, want.c == 1 ? 3 : c);
      }
    }
  }
  s.auto_inverted = o.invert == Invert::kAuto && want.c == 1 && light_background(t);
  s.inverted = o.invert == Invert::kYes || s.auto_inverted;
  s.white = o.white > 0.0f ? o.white : model_white(model);
  for (float& v : t.data) v = (s.inverted ? 1.0f - v : v) * s.white;
  if (steps) *steps = s;
  return t;
}

}  // namespace cs
