// digit_pad.h - the drawing pad of the Network view, without UI: strokes
// drawn with a round brush on a fine canvas, then made into a model input
// as MNIST made its digits: the drawing's bounding box scaled so its longer
// side is 20 pixels (area-averaged, so edges are grey), placed in a 28x28
// field with its centre of mass at the centre.
#pragma once

#include <vector>

namespace cs {

class DigitPad {
 public:
  static constexpr int kSide = 112;  // canvas cells a side (4 per MNIST pixel)

  // A stroke segment in canvas coordinates [0, kSide); `radius` in cells
  // (the default gives MNIST's stroke of about 2.5 pixels).
  void stroke(float x0, float y0, float x1, float y1, float radius = 5.0f);
  void clear();
  // Shows a side x side picture (values in [0, 1], row-major) on the
  // canvas, magnified: a validation digit the student picked.
  void show(const std::vector<float>& pixels, int side);
  bool empty() const { return ink_ == 0; }
  // Canvas value at (x, y), in [0, 1].
  float at(int x, int y) const { return canvas_[static_cast<std::size_t>(y) * kSide + x]; }
  const std::vector<float>& canvas() const { return canvas_; }
  // Bumped by every stroke and clear (views re-upload the picture).
  int revision() const { return revision_; }

  // The drawing as an MNIST digit: side x side values in [0, 1] (white ink
  // on black), row-major; all zeros when nothing is drawn. `fit` is the
  // longer side of the drawing in pixels: MNIST's digits 20 of 28 (0: that
  // share of `side`); Fashion-MNIST's pictures fill the frame (fit = side).
  std::vector<float> to_mnist(int side = 28, int fit = 0) const;

 private:
  std::vector<float> canvas_ = std::vector<float>(static_cast<std::size_t>(kSide) * kSide, 0.0f);
  int ink_ = 0;
  int revision_ = 0;
};

}  // namespace cs
