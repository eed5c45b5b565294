// png_writer_test.cpp - the PNG encoder: decoded by stb_image (independent
// of the writer) to exactly the pixels handed in, for random pixels and for
// a real walk figure, and smaller than the pixels themselves when the
// picture compresses.
#include "core/png_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/figure.h"
#include "core/scene.h"
#include "stb_image.h"

namespace {

std::uint32_t be32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

// The RGBA pixels stb_image reads back; empty when it refuses the file.
std::vector<std::uint8_t> decode_png(const std::vector<std::uint8_t>& png, int w, int h) {
  int dw = 0, dh = 0, comp = 0;
  stbi_uc* px = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &dw, &dh, &comp, 4);
  EXPECT_NE(px, nullptr) << stbi_failure_reason();
  if (!px) return {};
  EXPECT_EQ(dw, w);
  EXPECT_EQ(dh, h);
  EXPECT_EQ(comp, 4);
  std::vector<std::uint8_t> out(px, px + static_cast<std::size_t>(dw) * static_cast<std::size_t>(dh) * 4);
  stbi_image_free(px);
  return out;
}

TEST(PngWriter, HeaderAndPixelsRoundTrip) {
  const unsigned seed = 1234;
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937 rng(seed);
  for (int w : {1, 3, 200}) {
    for (int h : {1, 2, 190}) {  // 200*4*190 > 65535: more than one deflate block
      std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w * h * 4));
      for (auto& v : rgba) v = static_cast<std::uint8_t>(rng());
      const std::vector<std::uint8_t> png = cs::encode_png_rgba(rgba.data(), w, h);
      ASSERT_GT(png.size(), 33u);
      ASSERT_EQ(png[0], 0x89);
      EXPECT_EQ(be32(png, 16), static_cast<std::uint32_t>(w));
      EXPECT_EQ(be32(png, 20), static_cast<std::uint32_t>(h));
      EXPECT_EQ(png[24], 8);  // 8 bits per channel
      EXPECT_EQ(png[25], 6);  // RGBA
      ASSERT_EQ(decode_png(png, w, h), rgba) << w << "x" << h;
    }
  }
}

// A stride-walk figure as the CLI and the Figures dialog write it: the same
// pixels after the round trip, in far fewer bytes than stored deflate
// (raw rows plus 5 bytes per 64 KiB block) would take.
TEST(PngWriter, WalkFigureKeepsItsPixelsAndCompresses) {
  cs::Result<cs::Scene> sc = cs::parse_scene(R"({"version": 1, "input": {"shape": [6, 6, 1],
    "data": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36]},
    "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "strides": 2, "padding": "same",
    "use_bias": false, "kernel": [1,1,1,1,1,1,1,1,1]}]})");
  ASSERT_TRUE(sc.ok()) << cs::to_string(sc.error());
  cs::Result<cs::SceneRun> run = cs::run_scene_full(*sc);
  ASSERT_TRUE(run.ok());
  cs::Result<cs::Pixels> px = cs::render_walk_frame(*sc, *run, 0, 8, cs::FigureOptions{});
  ASSERT_TRUE(px.ok());
  const std::vector<std::uint8_t> png = cs::encode_png_rgba(px->rgba.data(), px->w, px->h);
  EXPECT_EQ(decode_png(png, px->w, px->h), px->rgba);
  const std::size_t raw = static_cast<std::size_t>(px->h) * (static_cast<std::size_t>(px->w) * 4 + 1);
  EXPECT_LT(png.size() * 10, raw) << png.size() << " bytes for " << px->w << "x" << px->h;
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
