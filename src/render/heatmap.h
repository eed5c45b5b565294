// heatmap.h - draws a grid of float values as a coloured texture on the GPU.
// Values go up as an R32F texture; shaders/heatmap.*.glsl colour them into an
// RGBA texture that ImGui shows with ImGui::Image. Used for grids too large
// to print numbers in (image mode) and as the colour under small grids.
#pragma once

#include <cstdint>

namespace cs {

enum class Colormap : int { kViridis = 0, kCividis = 1, kDiverging = 2 };

class Heatmap {
 public:
  Heatmap() = default;
  Heatmap(const Heatmap&) = delete;
  Heatmap& operator=(const Heatmap&) = delete;
  ~Heatmap();

  // Uploads w*h values (row-major) and renders them; returns the RGBA
  // texture id to show, or 0 if GL objects could not be made.
  std::uint32_t update(const float* values, int w, int h, float lo, float hi,
                       Colormap map);
  std::uint32_t texture() const { return color_tex_; }
  // Forgets GL objects without deleting them (after a lost context).
  void drop_gl_objects();

 private:
  bool ensure_program();
  std::uint32_t program_ = 0, vao_ = 0, vbo_ = 0;
  std::uint32_t value_tex_ = 0, color_tex_ = 0, fbo_ = 0;
  int w_ = 0, h_ = 0;
};

}  // namespace cs
