// png_writer_test.cpp - the PNG encoder's structure, checksums and payload.
#include "core/png_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

std::uint32_t be32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

// Reassembles the filtered scanlines from the stored deflate blocks.
std::vector<std::uint8_t> stored_payload(const std::vector<std::uint8_t>& png) {
  std::size_t pos = 8;
  std::vector<std::uint8_t> z;
  while (pos < png.size()) {
    const std::uint32_t len = be32(png, pos);
    if (std::string(png.begin() + static_cast<long>(pos + 4), png.begin() + static_cast<long>(pos + 8)) == "IDAT") {
      z.insert(z.end(), png.begin() + static_cast<long>(pos + 8), png.begin() + static_cast<long>(pos + 8 + len));
    }
    pos += 12 + len;
  }
  std::vector<std::uint8_t> out;
  std::size_t p = 2;
  for (;;) {
    const bool last = z[p] & 1;
    const std::size_t n = z[p + 1] | (z[p + 2] << 8);
    EXPECT_EQ(n ^ 0xFFFF, static_cast<std::size_t>(z[p + 3] | (z[p + 4] << 8)));
    out.insert(out.end(), z.begin() + static_cast<long>(p + 5), z.begin() + static_cast<long>(p + 5 + n));
    p += 5 + n;
    if (last) break;
  }
  return out;
}

TEST(PngWriter, HeaderAndPixelsRoundTrip) {
  const unsigned seed = 1234;
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937 rng(seed);
  for (int w : {1, 3, 200}) {
    for (int h : {1, 2, 190}) {  // 200*4*190 > 65535: several stored blocks
      std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w * h * 4));
      for (auto& v : rgba) v = static_cast<std::uint8_t>(rng());
      const std::vector<std::uint8_t> png = cs::encode_png_rgba(rgba.data(), w, h);
      ASSERT_EQ(png[0], 0x89);
      EXPECT_EQ(be32(png, 16), static_cast<std::uint32_t>(w));
      EXPECT_EQ(be32(png, 20), static_cast<std::uint32_t>(h));
      const std::vector<std::uint8_t> raw = stored_payload(png);
      ASSERT_EQ(raw.size(), static_cast<std::size_t>(h * (w * 4 + 1)));
      for (int y = 0; y < h; ++y) {
        EXPECT_EQ(raw[static_cast<std::size_t>(y * (w * 4 + 1))], 0);
        for (int i = 0; i < w * 4; ++i) {
          ASSERT_EQ(raw[static_cast<std::size_t>(y * (w * 4 + 1) + 1 + i)], rgba[static_cast<std::size_t>(y * w * 4 + i)]);
        }
      }
    }
  }
}

TEST(PngWriter, KnownCrcOfIend) {
  const std::uint8_t px[4] = {1, 2, 3, 4};
  const std::vector<std::uint8_t> png = cs::encode_png_rgba(px, 1, 1);
  // Every PNG ends with the same IEND chunk: length 0, "IEND", CRC AE426082.
  EXPECT_EQ(be32(png, png.size() - 4), 0xAE426082u);
}

TEST(PngWriter, UnwritablePathIsAnError) {
  const std::uint8_t px[4] = {0, 0, 0, 255};
  std::string error;
  EXPECT_FALSE(cs::write_png_file("/nonexistent-dir/x.png", px, 1, 1, &error));
  EXPECT_NE(error.find("/nonexistent-dir/x.png"), std::string::npos);
}

}  // namespace
