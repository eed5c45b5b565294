// picture_input_test.cpp - a picture made into a model's input
// (model/picture_input.h): crop to the aspect, area-average resize, grey
// or RGB, the automatic inversion of light paper, and the scale a model's
// Rescaling asks for. Expected values are worked out by hand here.
#include "model/picture_input.h"

#include <gtest/gtest.h>

#include <string>

#include "core/scene.h"

namespace cs {
namespace {

Scene model_for(const std::string& shape, const std::string& first = "{\"type\": \"ReLU\"}") {
  Result<Scene> s = parse_scene("{\"version\": 1, \"input\": {\"shape\": " + shape + "}, \"layers\": [" +
                                first + "]}");
  EXPECT_TRUE(s.ok()) << to_string(s.error());
  return s.ok() ? *s : Scene{};
}

Image solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Image img{w, h, {}};
  for (int i = 0; i < w * h; ++i) img.rgb.insert(img.rgb.end(), {r, g, b});
  return img;
}

void set_pixel(Image& img, int x, int y, std::uint8_t v) {
  for (int c = 0; c < 3; ++c) img.rgb[(static_cast<std::size_t>(y) * img.w + x) * 3 + c] = v;
}

TEST(PictureInput, AreaAverageOfTheCentredCrop) {
  // 6x4 picture into 2x2: the crop is the centred 4x4 (x 1..4), each output
  // cell the mean of a 2x2 block.
  Image img = solid(6, 4, 0, 0, 0);
  set_pixel(img, 1, 0, 255);  // top-left block: one of four lit
  set_pixel(img, 0, 0, 255);  // outside the crop: ignored
  set_pixel(img, 3, 2, 255);
  set_pixel(img, 4, 3, 255);  // bottom-right block: two of four lit
  PictureSteps steps;
  Result<Tensor> t = picture_to_input(img, model_for("[2, 2, 1]"), PictureOptions{Invert::kNo, 0.0f}, &steps);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(steps.crop_x, 1);
  EXPECT_EQ(steps.crop_w, 4);
  EXPECT_EQ(steps.crop_h, 4);
  EXPECT_FLOAT_EQ(t->at(0, 0, 0), 0.25f);
  EXPECT_FLOAT_EQ(t->at(0, 1, 0), 0.0f);
  EXPECT_FLOAT_EQ(t->at(1, 1, 0), 0.5f);
  EXPECT_FALSE(steps.inverted);
}

TEST(PictureInput, LightPaperIsInvertedForOneChannelModels) {
  Image img = solid(4, 4, 255, 255, 255);
  set_pixel(img, 1, 1, 0);
  PictureSteps steps;
  Result<Tensor> t = picture_to_input(img, model_for("[4, 4, 1]"), PictureOptions{}, &steps);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(steps.auto_inverted);
  EXPECT_FLOAT_EQ(t->at(1, 1, 0), 1.0f);
  EXPECT_FLOAT_EQ(t->at(0, 0, 0), 0.0f);
  // Asked not to: the paper stays white.
  t = picture_to_input(img, model_for("[4, 4, 1]"), PictureOptions{Invert::kNo, 0.0f}, &steps);
  EXPECT_FLOAT_EQ(t->at(0, 0, 0), 1.0f);
  // RGB models see the photo as it is.
  t = picture_to_input(img, model_for("[4, 4, 3]"), PictureOptions{}, &steps);
  EXPECT_FALSE(steps.inverted);
  EXPECT_FLOAT_EQ(t->at(0, 0, 2), 1.0f);
}

TEST(PictureInput, GreyIsLumaAndRescalingAsksFor255) {
  const Image img = solid(2, 2, 255, 0, 0);
  Result<Tensor> grey = picture_to_input(img, model_for("[2, 2, 1]"), PictureOptions{Invert::kNo, 0.0f});
  ASSERT_TRUE(grey.ok());
  EXPECT_NEAR(grey->at(0, 0, 0), 0.299f, 1e-6);
  const Scene rescaled = model_for("[2, 2, 3]", "{\"type\": \"Rescaling\", \"scale\": 0.00392156862745098}");
  EXPECT_EQ(model_white(rescaled), 255.0f);
  Result<Tensor> rgb = picture_to_input(img, rescaled, PictureOptions{});
  ASSERT_TRUE(rgb.ok());
  EXPECT_FLOAT_EQ(rgb->at(1, 1, 0), 255.0f);
  EXPECT_FLOAT_EQ(rgb->at(1, 1, 1), 0.0f);
}

TEST(PictureInput, ModelsThatTakeNoPictureAreRefused) {
  const Image img = solid(3, 3, 9, 9, 9);
  EXPECT_EQ(picture_to_input(img, model_for("[5]"), {}).error().code, "picture_input_rank");
  EXPECT_EQ(picture_to_input(img, model_for("[5, 2]"), {}).error().code, "picture_input_rank");
  const Error e = picture_to_input(img, model_for("[3, 3, 2]"), {}).error();
  EXPECT_EQ(e.code, "picture_input_channels");
  EXPECT_EQ(e.message, "the model's input has 2 channels; a picture gives 1 (grey) or 3 (RGB)");
}

}  // namespace
}  // namespace cs
