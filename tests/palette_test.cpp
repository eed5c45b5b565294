// palette_test.cpp - one palette for the screen, the GPU heatmaps and slide
// figures: the shader's diverging stops are core/palette.h's, and a figure
// colours a negative value blue and a positive one orange, as the screen.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "core/palette.h"

namespace cs {
namespace {

Rgb shader_stop(const std::string& text, const char* name) {
  const std::regex re(std::string("vec3 ") + name + R"( = vec3\(([0-9.]+), ([0-9.]+), ([0-9.]+)\))");
  std::smatch m;
  EXPECT_TRUE(std::regex_search(text, m, re)) << name;
  if (m.size() < 4) return {};
  return {std::stof(m[1]), std::stof(m[2]), std::stof(m[3])};
}

void expect_same(const Rgb& a, const Rgb& b) {
  EXPECT_FLOAT_EQ(a.r, b.r);
  EXPECT_FLOAT_EQ(a.g, b.g);
  EXPECT_FLOAT_EQ(a.b, b.b);
}

TEST(Palette, TheShaderUsesTheSameDivergingStops) {
  std::ifstream f(std::filesystem::path(CONVSCOPE_SOURCE_DIR) / "shaders/heatmap.frag.glsl");
  ASSERT_TRUE(f);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  expect_same(shader_stop(text, "neg"), kDivergingNegative);
  expect_same(shader_stop(text, "mid"), kDivergingZero);
  expect_same(shader_stop(text, "pos"), kDivergingPositive);
}

TEST(Palette, NegativeIsBlueAndPositiveOrange) {
  const Rgb neg = diverging_rgb(0.0f), zero = diverging_rgb(0.5f), pos = diverging_rgb(1.0f);
  EXPECT_GT(neg.b, neg.r);
  EXPECT_GT(pos.r, pos.b);
  expect_same(zero, kDivergingZero);
}

}  // namespace
}  // namespace cs
