// png_writer.cpp - PNGs through stb_image_write's encoder (compression
// level 8, adaptive row filters): the same pixels, a fraction of the
// stored-deflate size.
#include "core/png_writer.h"

#include "core/gif_writer.h"  // write_file_bytes
#include "stb_image_write.h"

namespace cs {

namespace {

void append(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

}  // namespace

std::vector<std::uint8_t> encode_png_rgba(const std::uint8_t* rgba, int w,
                                          int h) {
  std::vector<std::uint8_t> png;
  if (stbi_write_png_to_func(append, &png, w, h, 4, rgba, w * 4) == 0) png.clear();
  return png;
}

bool write_png_file(const std::string& path, const std::uint8_t* rgba, int w,
                    int h, std::string* error) {
  const std::vector<std::uint8_t> png = encode_png_rgba(rgba, w, h);
  if (png.empty()) {
    if (error) *error = "cannot encode a " + std::to_string(w) + "x" + std::to_string(h) + " PNG for " + path;
    return false;
  }
  return write_file_bytes(path, png, error);
}

}  // namespace cs
