// network_view_test.cpp - the pure parts of the Network view: the drawing
// pad's MNIST-style centring (model/digit_pad.h), feature maps and filters
// as tiled pictures (model/feature_mosaic.h) and the class name sets
// (model/class_names.h). Expected values are worked out here by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>

#include "core/scene.h"
#include "model/class_names.h"
#include "model/digit_pad.h"
#include "model/feature_mosaic.h"

namespace cs {
namespace {

struct Moments {
  double mass = 0, cx = 0, cy = 0;
  int x0 = 99, x1 = -1, y0 = 99, y1 = -1;
};

Moments moments(const std::vector<float>& d, int side) {
  Moments m;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const double v = d[static_cast<std::size_t>(y) * side + x];
      if (v <= 0) continue;
      m.mass += v, m.cx += v * (x + 0.5), m.cy += v * (y + 0.5);
      m.x0 = std::min(m.x0, x), m.x1 = std::max(m.x1, x), m.y0 = std::min(m.y0, y), m.y1 = std::max(m.y1, y);
    }
  }
  m.cx /= m.mass, m.cy /= m.mass;
  return m;
}

// Wherever and however large a stroke is drawn, the digit fits a 20-pixel
// box and its centre of mass is within a pixel of the field's centre.
TEST(DigitPad, StrokesAreCentredAndScaledAsMnist) {
  std::mt19937 gen(20261202);
  std::uniform_real_distribution<float> at(2.0f, DigitPad::kSide - 2.0f);
  for (int trial = 0; trial < 200; ++trial) {
    DigitPad pad;
    const int strokes = 1 + trial % 4;
    for (int k = 0; k < strokes; ++k) pad.stroke(at(gen), at(gen), at(gen), at(gen), 2.0f + (trial % 5));
    const std::vector<float> d = pad.to_mnist(28);
    const Moments m = moments(d, 28);
    SCOPED_TRACE(trial);
    EXPECT_NEAR(m.cx, 14.0, 1.0);
    EXPECT_NEAR(m.cy, 14.0, 1.0);
    EXPECT_LE(std::max(m.x1 - m.x0, m.y1 - m.y0) + 1, 21);
    EXPECT_GE(std::max(m.x1 - m.x0, m.y1 - m.y0) + 1, 19);
    for (float v : d) EXPECT_TRUE(v >= 0.0f && v <= 1.0f);
  }
}

TEST(DigitPad, ClearGivesZerosAndAVerticalBarStaysVertical) {
  DigitPad pad;
  EXPECT_TRUE(pad.empty());
  pad.stroke(56, 10, 56, 100);
  EXPECT_FALSE(pad.empty());
  const Moments m = moments(pad.to_mnist(28), 28);
  EXPECT_EQ(m.y1 - m.y0 + 1, 20);  // the long side becomes 20 pixels
  EXPECT_LE(m.x1 - m.x0 + 1, 4);   // the stroke stays a few pixels wide
  const Moments full = moments(pad.to_mnist(28, 28), 28);  // Fashion-MNIST: fills the frame
  EXPECT_EQ(full.y1 - full.y0 + 1, 28);
  pad.clear();
  const std::vector<float> z = pad.to_mnist(28);
  EXPECT_EQ(std::accumulate(z.begin(), z.end(), 0.0f), 0.0f);
}

Tensor counting(int h, int w, int c) {
  Tensor t;
  t.shape = TensorShape{h, w, c};
  t.data.resize(static_cast<std::size_t>(h) * w * c);
  for (std::size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<float>(i);
  return t;
}

// Every pixel of a tile maps back to the element it shows, and gaps to none.
TEST(FeatureMosaic, EveryPixelMapsBackToItsElement) {
  for (const auto& [h, w, c, cols] : {std::array<int, 4>{4, 3, 5, 2}, {7, 7, 32, 0}, {1, 9, 3, 3}, {5, 2, 70, 8}}) {
    const Tensor t = counting(h, w, c);
    const Mosaic m = make_mosaic(t, 64, cols);
    EXPECT_EQ(m.channels, std::min(c, 64));
    EXPECT_EQ(m.rgb.size(), static_cast<std::size_t>(m.w) * m.h * 3);
    int cells = 0;
    for (int py = 0; py < m.h; ++py) {
      for (int px = 0; px < m.w; ++px) {
        int ch = -1, y = -1, x = -1;
        if (!m.cell_at(px, py, &ch, &y, &x)) continue;
        ++cells;
        ASSERT_TRUE(ch < m.channels && y < h && x < w);
        EXPECT_EQ(px, (ch % m.cols) * (w + 1) + x);
        EXPECT_EQ(py, (ch / m.cols) * (h + 1) + y);
      }
    }
    EXPECT_EQ(cells, h * w * m.channels);
    EXPECT_FALSE(m.cell_at(m.w, 0, nullptr, nullptr, nullptr));
  }
}

TEST(FeatureMosaic, VectorsWrapAndSignedValuesUseTheDivergingMap) {
  Tensor v;
  v.shape = vector_shape(45);
  for (int i = 0; i < 45; ++i) v.data.push_back(static_cast<float>(i - 22));
  const Mosaic m = make_mosaic(v);
  EXPECT_TRUE(m.vector);
  EXPECT_EQ(m.tile_w, kVectorRow);
  EXPECT_EQ(m.tile_h, 3);
  int c = -1, y = -1, x = -1;
  ASSERT_TRUE(m.cell_at(4, 2, &c, &y, &x));
  EXPECT_EQ(x, 44);
  EXPECT_FALSE(m.cell_at(5, 2, &c, &y, &x));  // past the last unit
  EXPECT_EQ(m.lo, -22.0f);
  // Unit 22 is 0: the diverging map's near-white middle.
  const std::uint8_t* zero = &m.rgb[(static_cast<std::size_t>(1) * m.w + 2) * 3];
  EXPECT_GT(zero[0], 240);
  EXPECT_GT(zero[2], 240);
}

TEST(FeatureMosaic, FiltersAreTheKernelSlicesOfOneInputChannel) {
  Layer conv;
  conv.type = LayerType::kConv2D;
  conv.filters = 2;
  conv.kernel_size = {2, 2};
  // HWIO with 3 input channels: value = 100*y + 10*x + 3*i + o... encoded.
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x)
      for (int i = 0; i < 3; ++i)
        for (int o = 0; o < 2; ++o) conv.kernel.push_back(static_cast<float>(1000 * y + 100 * x + 10 * i + o));
  const Tensor f = filter_tensor(conv, 3, 1);
  EXPECT_EQ(f.shape.h, 2);
  EXPECT_EQ(f.shape.c, 2);
  EXPECT_EQ(f.at(1, 0, 1), 1011.0f);
  EXPECT_EQ(f.at(0, 1, 0), 110.0f);
}

TEST(ClassNames, TheBooksSetsAndTypedNames) {
  const std::vector<std::string> ko = class_names(ClassSet::kFashion, 10, true);
  EXPECT_EQ(ko[0], "티셔츠");
  EXPECT_EQ(ko[7], "스니커즈");
  EXPECT_EQ(ko[9], "앵클 부츠");
  EXPECT_EQ(class_names(ClassSet::kFashion, 10, false)[1], "Trouser");
  EXPECT_EQ(class_names(ClassSet::kDigits, 10, false)[7], "7");
  const std::vector<std::string> typed = class_names(ClassSet::kTyped, 4, false, " cat, dog ,,bird");
  EXPECT_EQ(typed, (std::vector<std::string>{"cat", "dog", "2", "bird"}));
  Scene s = parse_scene("{\"version\": 1, \"input\": {\"shape\": [28, 28, 1]}, \"layers\": [{\"type\": \"Flatten\"}]}").value();
  EXPECT_EQ(guess_class_set(s), ClassSet::kDigits);
  s.title = "best-cnn-model";
  EXPECT_EQ(guess_class_set(s), ClassSet::kFashion);
}

}  // namespace
}  // namespace cs

namespace cs {
namespace {

// Sidecar class names (labels.txt / labels.json beside a model).
TEST(ClassNamesFile, TextOneNamePerLineWithCrLfAndALastNewline) {
  Result<std::vector<std::string>> n = read_class_names_file("m/labels.txt", "cat\r\ndog\nbird\n", 3);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, (std::vector<std::string>{"cat", "dog", "bird"}));
  EXPECT_TRUE(read_class_names_file("labels.txt", "\xEF\xBB\xBF" "cat\ndog", 2).ok());  // BOM, no last newline
}

TEST(ClassNamesFile, JsonArrayOfStrings) {
  Result<std::vector<std::string>> n = read_class_names_file("labels.json", "[\"티셔츠\", \"바지\"]", 2);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ((*n)[1], "바지");
}

TEST(ClassNamesFile, WrongCountOrContentNamesTheFileAndTheProblem) {
  struct Case {
    const char* name;
    const char* text;
    const char* says;
  };
  const Case cases[] = {
      {"labels.txt", "a\nb\n", "has 2 names, but the model has 3 outputs"},
      {"labels.txt", "a\n\nc\n", "line 2 is empty"},
      {"labels.txt", "a\nb,c\nd\n", "line 2 holds a comma"},
      {"labels.json", "[\"a\", \"b\"", "is not JSON"},
      {"labels.json", "{\"a\": 1}", "must be a JSON array of strings"},
      {"labels.json", "[1, 2, 3]", "must be a JSON array of strings"},
      {"labels.json", "[\"a\", 2, \"c\"]", "item 1 is not a string"},
  };
  for (const Case& c : cases) {
    Result<std::vector<std::string>> n = read_class_names_file(c.name, c.text, 3);
    ASSERT_FALSE(n.ok()) << c.text;
    EXPECT_EQ(n.error().where, c.name);
    EXPECT_NE(n.error().message.find(c.says), std::string::npos) << n.error().message;
  }
  EXPECT_FALSE(read_class_names_file("labels.txt", std::string((1 << 20) + 1, 'a'), 1).ok());
}

TEST(ClassNamesFile, OnlyLabelsTxtAndJsonAreSidecars) {
  EXPECT_TRUE(is_class_names_file("labels.txt"));
  EXPECT_TRUE(is_class_names_file("/tmp/x/Labels.JSON"));
  EXPECT_FALSE(is_class_names_file("model.json"));
  EXPECT_FALSE(is_class_names_file("my-labels.txt"));
}

}  // namespace
}  // namespace cs
