// session_test.cpp - the app's state driven without a window: what the
// canvas would show at a step (window origin, padding taps, value written),
// pinned receptive fields through two layers, undo/redo, weight refitting,
// autoplay, and the code/summary texts.
#include "model/session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/scene_edit.h"
#include "i18n/i18n.h"
#include "model/code_text.h"
#include "model/image.h"

namespace cs {
namespace {

// 6x6 input holding 1..36, one 3x3 all-ones filter, stride 2, TF 'same'.
// TF: out = ceil(6/2) = 3, total pad = (3-1)*2 + 3 - 6 = 1 -> top/left 0,
// bottom/right 1: only the bottom row and right column are padding.
std::string stride2_same_scene() {
  std::string data;
  for (int i = 1; i <= 36; ++i) data += (i > 1 ? "," : "") + std::to_string(i);
  return R"({"version": 1, "input": {"shape": [6, 6, 1], "data": [)" + data +
         R"(]}, "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 3, "strides": 2,
         "padding": "same", "use_bias": false, "kernel": [1,1,1,1,1,1,1,1,1]}]})";
}

int padding_taps(const ElementTrace& t) {
  int n = 0;
  for (const TraceTap& tap : t.taps) n += tap.padding;
  return n;
}

TEST(Session, Stride2SameWalkShowsWindowPaddingAndValue) {
  Session s;
  ASSERT_TRUE(s.load_json(stride2_same_scene())) << s.load_error();
  ASSERT_TRUE(s.valid()) << s.error();
  const Geometry2D& g = *s.geometry();
  EXPECT_EQ(g.pad_top, 0);
  EXPECT_EQ(g.pad_bottom, 1);
  EXPECT_EQ(g.pad_left, 0);
  EXPECT_EQ(g.pad_right, 1);
  EXPECT_EQ(s.step_count(), 9);

  s.set_step(2);  // output (0, 2): window columns 4, 5 and the right padding
  const ElementTrace* t = s.trace();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->origin_y, 0);
  EXPECT_EQ(t->origin_x, 4);
  EXPECT_EQ(padding_taps(*t), 3);
  for (const TraceTap& tap : t->taps) EXPECT_EQ(tap.padding, tap.kx == 2);
  EXPECT_EQ(t->value, (5 + 6) + (11 + 12) + (17 + 18));
  EXPECT_EQ(s.walk_output()->at(0, 2, 0), t->value);

  s.set_step(8);  // last window: bottom-right corner, 5 of 9 taps are padding
  t = s.trace();
  EXPECT_EQ(t->origin_y, 4);
  EXPECT_EQ(t->origin_x, 4);
  EXPECT_EQ(padding_taps(*t), 5);
  EXPECT_EQ(t->value, 29 + 30 + 35 + 36);

  s.set_step(100);  // clamped, never out of range
  EXPECT_EQ(s.step(), 8);
  s.step_by(-100);
  EXPECT_EQ(s.step(), 0);
}

TEST(Session, PinnedReceptiveFieldThroughTwoLayers) {
  Session s;  // default scene: 7x7 -> Conv2D 3x3 'same' -> MaxPooling2D 2
  ASSERT_TRUE(s.valid()) << s.error();
  ASSERT_EQ(s.scene().layers.size(), 2u);
  // Pooled output (0, 0) reads conv outputs rows/cols 0..1, which read input
  // rows/cols -1..2: padding is not part of a field, so 3x3 real cells.
  s.pin({2, 0, 0, 0});
  ASSERT_TRUE(s.pinned());
  const FieldStack* f = s.field();
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->masks.size(), 3u);
  EXPECT_EQ(f->masks[2].count, 1);
  EXPECT_EQ(f->masks[1].count, 4);
  EXPECT_EQ(f->masks[0].count, 9);
  EXPECT_TRUE(f->masks[0].at(2, 2));
  EXPECT_FALSE(f->masks[0].at(3, 0));
  // Hovering elsewhere does not move a pinned selection.
  s.hover({0, 5, 5, 0});
  EXPECT_EQ(s.selection().level, 2);
  // Pinned output (1, 1) of the pool: conv rows 2..3, input rows 1..4.
  s.pin({2, 1, 1, 0});
  EXPECT_EQ(s.field()->masks[0].count, 16);
  // The same tap again releases it; then hovering an input cell shows what
  // it feeds (projective field) through both layers.
  s.pin({2, 1, 1, 0});
  EXPECT_FALSE(s.pinned());
  s.hover({0, 0, 0, 0});
  ASSERT_NE(s.field(), nullptr);
  EXPECT_EQ(s.field()->masks[1].count, 4);  // conv outputs (0..1, 0..1)
  EXPECT_EQ(s.field()->masks[2].count, 1);  // pooled (0, 0)
}

TEST(Session, UndoRedoMergesADragIntoOneEntry) {
  Session s;
  const Scene original = s.scene();
  for (int i = 0; i < 3; ++i) {  // one drag painting three cells
    Scene sc = s.scene();
    sc.input.data[static_cast<std::size_t>(i)] = 9.0f;
    s.apply(sc, "paint input", true);
  }
  s.end_gesture();
  EXPECT_EQ(s.history().size(), 1u);
  Scene sc = s.scene();
  sc.layers[0].bias[0] = 2.0f;
  s.apply(sc, "edit bias");
  EXPECT_EQ(s.history().size(), 2u);
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(s.scene().layers[0].bias[0], 0.0f);
  ASSERT_TRUE(s.undo());
  EXPECT_EQ(s.scene().input.data, original.input.data);
  EXPECT_FALSE(s.undo());
  ASSERT_TRUE(s.redo());
  EXPECT_EQ(s.scene().input.data[2], 9.0f);
  s.reset();
  EXPECT_EQ(s.scene().input.data, original.input.data);
  EXPECT_TRUE(s.history().can_undo());  // reset itself is undoable
}

TEST(Session, InvalidEditShowsTheEngineExplanationAndUndoRecovers) {
  Session s;
  Scene sc = s.scene();
  sc.layers[0].padding = PaddingMode::kValid;
  sc.layers[0].kernel_size = {9, 9};  // 9x9 kernel on a 7x7 input, no padding
  s.apply(sc, "kernel_size");
  EXPECT_FALSE(s.valid());
  EXPECT_NE(s.error().find("9"), std::string::npos) << s.error();
  EXPECT_EQ(s.trace(), nullptr);
  ASSERT_TRUE(s.undo());
  EXPECT_TRUE(s.valid());
}

TEST(Session, RefitKeepsExistingWeightsWhenFiltersAndChannelsChange) {
  Session s;
  const std::vector<float> k0 = s.scene().layers[0].kernel;  // 3x3x1x1
  Scene sc = s.scene();
  sc.layers[0].filters = 2;
  s.apply(sc, "filters");
  ASSERT_TRUE(s.valid()) << s.error();
  const Layer& l = s.scene().layers[0];
  ASSERT_EQ(l.kernel.size(), 18u);
  ASSERT_EQ(l.bias.size(), 2u);
  for (int ky = 0; ky < 3; ++ky)
    for (int kx = 0; kx < 3; ++kx) {
      EXPECT_EQ(l.kernel[hwio_index(l, 1, ky, kx, 0, 0)], k0[static_cast<std::size_t>(ky * 3 + kx)]);
      EXPECT_EQ(l.kernel[hwio_index(l, 1, ky, kx, 0, 1)], 0.0f);
    }
  sc = s.scene();
  resize_input(&sc, 7, 7, 3);
  s.apply(sc, "channels");
  ASSERT_TRUE(s.valid()) << s.error();
  EXPECT_EQ(s.scene().layers[0].kernel.size(), 3u * 3u * 3u * 2u);
  EXPECT_EQ(s.run().outputs[0].shape.c, 2);
}

TEST(Session, ApplyKeepsAFullKernelTheEditProvides) {
  // Loading a picture replaces a 1-filter layer by an 8-filter one whose
  // weights are all given: none may be lost to refitting.
  Session s;
  Image img;
  img.w = 16, img.h = 12;
  for (int y = 0; y < img.h; ++y)
    for (int x = 0; x < img.w; ++x)
      for (int c = 0; c < 3; ++c) img.rgb.push_back(static_cast<std::uint8_t>((x * 16 + y * 5 + c * 40) % 256));
  Scene sc = make_image_scene(img, false, 8);
  const std::vector<float> kernel = sc.layers[0].kernel;
  s.apply(sc, "load image");
  ASSERT_TRUE(s.valid()) << s.error();
  EXPECT_EQ(s.scene().layers[0].kernel, kernel);
  const Tensor& out = s.run().outputs[0];
  for (int f = 0; f < 8; ++f) {
    float most = 0;
    for (std::size_t i = static_cast<std::size_t>(f); i < out.data.size(); i += 8) most = std::max(most, out.data[i]);
    EXPECT_GT(most, 0.0f) << "feature map " << f << " is all zero";
  }
}

TEST(Image, DecodeRejectsGarbageAndHugeSizesWithAMessage) {
  const std::uint8_t junk[] = {1, 2, 3, 4, 5, 6, 7, 8};
  Result<Image> r = decode_image(junk, sizeof junk);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a PNG"), std::string::npos) << r.error().message;
  // A PNG header claiming 20000x20000 pixels: refused before decoding.
  std::uint8_t png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                          0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 2, 0, 0, 0, 0, 0, 0, 0};
  r = decode_image(png, sizeof png);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("20000x20000 is too large"), std::string::npos) << r.error().message;
  Result<Image> sample = sample_image();
  ASSERT_TRUE(sample.ok()) << sample.error().message;
  EXPECT_EQ(std::max(sample->w, sample->h), kImageModeMaxSide);
}

TEST(Session, AutoplayAdvancesAtTheChosenSpeedAndStopsAtTheEnd) {
  Session s;  // opens on kDefaultSceneFirstStep, a window over ink
  const int start = s.step();
  s.set_speed(4.0f);
  s.set_playing(true);
  s.tick(0.5f);  // 4 steps/s for half a second
  EXPECT_EQ(s.step(), start + 2);
  s.tick(100.0f);
  EXPECT_EQ(s.step(), s.step_count() - 1);
  EXPECT_FALSE(s.playing());
}

TEST(Session, BadDocumentKeepsTheSceneAndSaysWhy) {
  Session s;
  const Scene before = s.scene();
  EXPECT_FALSE(s.load_json(R"({"version": 1, "input": {"shape": [2, 2, 1], "data": [1, 2, 3]}})"));
  EXPECT_NE(s.load_error().find("input"), std::string::npos) << s.load_error();
  EXPECT_EQ(s.scene().input.data, before.input.data);
}

TEST(CodeText, KerasSummaryAndFormulaUseTheCurrentNumbers) {
  Session s;
  const std::string keras = keras_model_code(s.scene());
  EXPECT_NE(keras.find("keras.Input(shape=(7, 7, 1))"), std::string::npos) << keras;
  EXPECT_NE(keras.find("keras.layers.Conv2D(1"), std::string::npos) << keras;
  EXPECT_NE(keras.find("MaxPooling2D"), std::string::npos) << keras;
  const std::string summary = model_summary_table(s.scene(), s.run().plan);
  EXPECT_NE(summary.find("(None, 7, 7, 1)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("(None, 3, 3, 1)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Total params: 10"), std::string::npos) << summary;  // 3*3*1 + 1
  const std::string f = output_size_formula(s.scene().layers[0], *s.geometry(), true);
  EXPECT_NE(f.find("out = floor((7 + 1 + 1 - 3) / 1) + 1 = 7"), std::string::npos) << f;
  ASSERT_TRUE(s.load_json(stride2_same_scene()));
  const std::string g = output_size_formula(s.scene().layers[0], *s.geometry(), false);
  EXPECT_NE(g.find("left 0, right 1"), std::string::npos) << g;
}

// Issue 15: the Walk says why the size changed, where it changes.
TEST(CodeText, OutputSizeReasonShowsTheArithmetic) {
  Session s;  // 7x7, Conv2D 3x3 'same' then pooling
  EXPECT_EQ(output_size_reason(s.scene().layers[0], *s.geometry()),
            "Output size 7 \xE2\x86\x92 7: 'same' padding, ceil(7 / 1) = 7");
  Scene sc = s.scene();
  sc.layers[0].padding = PaddingMode::kValid;
  s.apply(sc, "valid");
  ASSERT_TRUE(s.valid());
  EXPECT_EQ(output_size_reason(s.scene().layers[0], *s.geometry()),
            "Output size 7 \xE2\x86\x92 5: 'valid' padding, (7 - 3) / 1 + 1 = 5");
  sc.layers[0].strides = {2, 2};
  s.apply(sc, "stride 2");
  ASSERT_TRUE(s.valid());
  EXPECT_EQ(output_size_reason(s.scene().layers[0], *s.geometry()),
            "Output size 7 \xE2\x86\x92 3: 'valid' padding, (7 - 3) / 2 + 1 = 3");
  ASSERT_TRUE(s.load_json(stride2_same_scene()));
  const std::string same2 = output_size_reason(s.scene().layers[0], *s.geometry());
  EXPECT_NE(same2.find("'same' padding, ceil("), std::string::npos) << same2;
  i18n::set_language(i18n::Lang::kKo);
  EXPECT_NE(output_size_reason(s.scene().layers[0], *s.geometry()).find("출력 크기"), std::string::npos);
  i18n::set_language(i18n::Lang::kEn);
}

}  // namespace
}  // namespace cs
