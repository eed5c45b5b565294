// texture.h - an RGB picture as a GL texture for ImGui::Image.
#pragma once

#include <cstdint>

namespace cs {

class RgbTexture {
 public:
  RgbTexture() = default;
  RgbTexture(const RgbTexture&) = delete;
  RgbTexture& operator=(const RgbTexture&) = delete;
  ~RgbTexture();
  // Uploads w*h*3 bytes; returns the texture id.
  std::uint32_t upload(const std::uint8_t* rgb, int w, int h);
  std::uint32_t id() const { return tex_; }
  void drop_gl_objects() { tex_ = 0; }

 private:
  std::uint32_t tex_ = 0;
};

}  // namespace cs
