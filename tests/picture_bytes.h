// picture_bytes.h - small picture files built in tests (fault_test.cpp,
// error_text_test.cpp): a real PNG of any size and little-endian writers for
// hand-made BMP / GIF headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/png_writer.h"

namespace cs::test {

inline std::vector<std::uint8_t> png_of(int w, int h) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  for (std::size_t i = 0; i < rgba.size(); ++i) rgba[i] = static_cast<std::uint8_t>(i * 7 % 251);
  return encode_png_rgba(rgba.data(), w, h);
}

inline void put_le16(std::vector<std::uint8_t>& b, int v) {
  b.push_back(static_cast<std::uint8_t>(v & 255));
  b.push_back(static_cast<std::uint8_t>(v >> 8 & 255));
}

inline void put_le32(std::vector<std::uint8_t>& b, int v) {
  put_le16(b, v & 0xFFFF);
  put_le16(b, v >> 16 & 0xFFFF);
}

}  // namespace cs::test
