// fault_test.cpp - what a user or a host page can hand the app that is wrong
// or extreme: damaged pictures and headers claiming 20000x20000 pixels in
// every format we read, a JPEG Huffman table that overran stb_image and a
// PNG chunk length that made it allocate 2 GB (both found by
// fuzz/image_fuzz.cpp), a scene at every limit and one past it driven through
// the session as the UI does, and NaN/Infinity weights through the engine and
// out of every writer. (Each limit and its message on the parser side is in
// scene_test.cpp; NaN/Inf inside the kernels in kernels_test.cpp.)
// [SECTION] Pictures
// [SECTION] Limits through the session
// [SECTION] Non-finite weights
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/png_writer.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/validate.h"
#include "model/image.h"
#include "model/session.h"
#include "picture_bytes.h"

namespace cs {
namespace {

// [SECTION] Pictures

std::string decode_error(const std::vector<std::uint8_t>& bytes) {
  Result<Image> r = decode_image(bytes.data(), bytes.size());
  if (r.ok()) return "decoded " + std::to_string(r->w) + "x" + std::to_string(r->h);
  EXPECT_EQ(r.error().where, "image");
  return r.error().message;
}

using test::png_of;
using test::put_le16;
using test::put_le32;

TEST(FaultImage, DamagedFilesAreRefusedWithAMessage) {
  EXPECT_EQ(decode_error({}), "the file is empty");
  const std::string text = "{\"version\": 1} is a scene, not a picture";
  EXPECT_NE(decode_error({text.begin(), text.end()}).find("not a PNG, JPEG, BMP or GIF image"),
            std::string::npos);
  // A real PNG cut short, and one with its pixel data overwritten.
  const std::vector<std::uint8_t> good = png_of(40, 30);
  ASSERT_EQ(decode_error(good), "decoded 40x30");
  for (std::size_t keep :
       {std::size_t{8}, std::size_t{33}, std::size_t{60}, good.size() / 2, good.size() - 13}) {
    SCOPED_TRACE("PNG cut to " + std::to_string(keep) + " bytes");
    const std::string m =
        decode_error({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(keep)});
    EXPECT_TRUE(m.find("damaged") != std::string::npos || m.find("not a PNG") != std::string::npos)
        << m;
  }
  std::vector<std::uint8_t> scribbled = good;
  for (std::size_t i = 45; i < 90; ++i) scribbled[i] = 0xA5;  // the zlib header and first block
  EXPECT_NE(decode_error(scribbled).find("damaged"), std::string::npos);
  // Seeded noise, with and without each format's magic bytes in front:
  // every answer is a picture or a message, never a crash.
  const std::uint32_t seed = 11u;
  std::mt19937 gen(seed);
  const std::vector<std::vector<std::uint8_t>> magic = {
      {},
      {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
      {0xFF, 0xD8, 0xFF},
      {'B', 'M'},
      {'G', 'I', 'F', '8', '9', 'a'}};
  for (int i = 0; i < 500; ++i) {
    std::vector<std::uint8_t> b = magic[static_cast<std::size_t>(i) % magic.size()];
    const std::size_t n = gen() % 300;
    for (std::size_t k = 0; k < n; ++k) b.push_back(static_cast<std::uint8_t>(gen()));
    const std::string m = decode_error(b);
    ASSERT_FALSE(m.empty()) << "seed " << seed << " case " << i;
  }
}

TEST(FaultImage, TwentyThousandSquaredIsRefusedInEveryFormat) {
  const int n = 20000;  // 400 M pixels: 1.2 GB as RGB
  std::vector<std::uint8_t> jpeg = {0xFF,    0xD8,   0xFF,    0xC0, 0, 17,   8,   n >> 8,
                                    n & 255, n >> 8, n & 255, 3,    1, 0x11, 0,   2,
                                    0x11,    1,      3,       0x11, 1, 0xFF, 0xD9};
  std::vector<std::uint8_t> bmp = {'B', 'M'};
  put_le32(bmp, 54 + 3 * 4);
  put_le32(bmp, 0);
  put_le32(bmp, 54);
  put_le32(bmp, 40);  // BITMAPINFOHEADER
  put_le32(bmp, n);
  put_le32(bmp, n);
  put_le16(bmp, 1);
  put_le16(bmp, 24);
  for (int i = 0; i < 6; ++i) put_le32(bmp, 0);
  put_le32(bmp, 0);
  std::vector<std::uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a'};
  put_le16(gif, n);
  put_le16(gif, n);
  gif.insert(gif.end(), {0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x3B});
  std::vector<std::uint8_t> png = {
      0x89, 'P',    'N',     'G', '\r', '\n',   0x1A,    '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
      0,    n >> 8, n & 255, 0,   0,    n >> 8, n & 255, 8,    2, 0, 0, 0,  0,   0,   0,   0};
  const struct {
    const char* name;
    const std::vector<std::uint8_t>& bytes;
  } cases[] = {{"PNG", png}, {"JPEG", jpeg}, {"BMP", bmp}, {"GIF", gif}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string m = decode_error(c.bytes);
    EXPECT_NE(m.find("20000x20000 is too large: at most 50 M pixels are accepted"),
              std::string::npos)
        << m;
  }
}

TEST(FaultImage, LargePictureIsDownscaledForImageMode) {
  const std::vector<std::uint8_t> png = png_of(1200, 900);
  Result<Image> img = decode_image(png.data(), png.size());
  ASSERT_TRUE(img.ok()) << img.error().message;
  const Image fit = downscale_to_fit(*img, kImageModeMaxSide);
  EXPECT_EQ(fit.w, 256);
  EXPECT_EQ(fit.h, 192);
  Session s;
  s.apply(make_image_scene(fit, false, 8), "load image");
  EXPECT_TRUE(s.valid()) << s.error();
}

TEST(FaultImage, JpegHuffmanTableWithMoreThan256CodesIsRefused) {
  // Found by fuzz/image_fuzz.cpp in Debian 12's stb_image 2.27, which wrote
  // past its 257-entry code-length list when a DHT table's 16 counts sum past
  // 256 (here 16 * 17 = 272). We build stb_image 2.30, which refuses it.
  std::vector<std::uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xC4};
  const int length = 2 + 17 + 272;
  jpeg.push_back(static_cast<std::uint8_t>(length >> 8));
  jpeg.push_back(static_cast<std::uint8_t>(length & 255));
  jpeg.push_back(0x00);  // class 0 (DC), table 0
  for (int i = 0; i < 16; ++i) jpeg.push_back(17);
  for (int i = 0; i < 272; ++i) jpeg.push_back(static_cast<std::uint8_t>(i));
  jpeg.insert(jpeg.end(), {0xFF, 0xD9});
  EXPECT_EQ(decode_error(jpeg), "the JPEG data is damaged (its header cannot be read)");
  // The same behind fill bytes (stb skips any number of 0xFF before a marker).
  jpeg.insert(jpeg.begin(), {0xFF, 0xFF, 0xFF});
  EXPECT_EQ(decode_error(jpeg), "the JPEG data is damaged (its header cannot be read)");
  // A table of exactly 256 codes is legal JPEG (stb then says what else is missing).
  std::vector<std::uint8_t> ok = {0xFF, 0xD8, 0xFF, 0xC4, (2 + 17 + 256) >> 8, (2 + 17 + 256) & 255,
                                  0x10};
  for (int i = 0; i < 16; ++i) ok.push_back(16);
  for (int i = 0; i < 256; ++i) ok.push_back(static_cast<std::uint8_t>(i));
  EXPECT_NE(decode_error(ok).find("JPEG data is damaged"), std::string::npos) << decode_error(ok);
}

TEST(FaultImage, DamagedFilesAreNamedByTheFormatTheyClaim) {
  // A PNG signature followed by rubbish is a damaged PNG, not "not a picture".
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0, 'I', 'H', 'D', 'R', 0, 0, 0, 0};
  EXPECT_EQ(decode_error(png), "the PNG data is damaged (its header cannot be read)");
  std::vector<std::uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(decode_error(gif), "the GIF data is damaged (it states a size of 0x0)");
  std::vector<std::uint8_t> jpeg = {0xFF, 0xFF, 0xD8, 0xFF, 0xD9};
  EXPECT_EQ(decode_error(jpeg), "the JPEG data is damaged (its header cannot be read)");
}

TEST(FaultImage, PngChunkLongerThanTheFileIsRefused) {
  // Found by fuzz/image_fuzz.cpp: stb_image grew its pixel-data buffer to an
  // IDAT chunk's stated length before reading it, so this 51-byte file made
  // it allocate 2 GB.
  std::vector<std::uint8_t> png = png_of(6, 4);
  png.resize(33);  // signature and IHDR
  png.insert(png.end(),
             {0x7F, 0xFF, 0xFF, 0xF0, 'I', 'D', 'A', 'T', 0x78, 0x9C, 1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(decode_error(png), "the PNG data is damaged (a chunk is longer than the file)");
  // A whole PNG is accepted, and one without its IEND chunk is not refused
  // for its lengths (stb says what is missing).
  std::vector<std::uint8_t> whole = png_of(6, 4);
  EXPECT_EQ(decode_error(whole), "decoded 6x4");
  whole.resize(whole.size() - 12);  // without IEND
  EXPECT_EQ(decode_error(whole).find("chunk is longer"), std::string::npos);
}

// [SECTION] Limits through the session

Layer conv(int filters, int kh, int kw, int in_c) {
  Layer l;
  l.type = LayerType::kConv2D;
  l.filters = filters;
  l.kernel_size = {kh, kw};
  l.kernel.assign(static_cast<std::size_t>(kh) * static_cast<std::size_t>(kw) *
                      static_cast<std::size_t>(in_c) * static_cast<std::size_t>(filters),
                  0.5f);
  l.bias.assign(static_cast<std::size_t>(filters), 0.0f);
  return l;
}

Scene input(int h, int w, int c) {
  Scene s;
  s.input.shape = TensorShape{h, w, c, false};
  s.input.data.assign(
      static_cast<std::size_t>(h) * static_cast<std::size_t>(w) * static_cast<std::size_t>(c),
      1.0f);
  return s;
}

struct SessionLimitCase {
  const char* name;
  std::function<Scene(bool past)> make;  // at the limit, or one past it
  const char* message_part;              // of the past scene's error
};

// The UI edits a Scene and hands it to Session::apply (no parser involved):
// at each limit the scene runs and the walk shows a trace; one past it the
// session explains, shows no trace, and undo brings the valid scene back.
TEST(FaultLimits, SessionRunsEachLimitAndExplainsOnePast) {
  const SessionLimitCase cases[] = {
      {"kernel 31 per axis",
       [](bool past) {
         Scene s = input(1, 40, 1);
         s.layers.push_back(conv(1, 1, past ? 32 : 31, 1));
         return s;
       },
       "between 1 and 31, got 32"},
      {"stride 16",
       [](bool past) {
         Scene s = input(40, 40, 1);
         s.layers.push_back(conv(1, 3, 3, 1));
         s.layers[0].strides = {past ? 17 : 16, 16};
         return s;
       },
       "between 1 and 16, got 17"},
      {"dilation 16 with a 31-tap kernel (spans 481 cells)",
       [](bool past) {
         Scene s = input(1, 481, 1);
         s.layers.push_back(conv(1, 1, 31, 1));
         s.layers[0].dilation_rate = {1, past ? 17 : 16};
         return s;
       },
       "between 1 and 16, got 17"},
      {"256 filters",
       [](bool past) {
         Scene s = input(3, 3, 1);
         s.layers.push_back(conv(past ? 257 : 256, 3, 3, 1));
         return s;
       },
       "between 1 and 256, got 257"},
      {"64 input channels",
       [](bool past) {
         const int c = past ? 65 : 64;
         Scene s = input(2, 2, c);
         s.layers.push_back(conv(2, 2, 2, c));
         return s;
       },
       "between 1 and 64, got 65"},
      {"16 layers",
       [](bool past) {
         Scene s = input(4, 4, 1);
         s.layers.push_back(conv(2, 3, 3, 1));
         s.layers[0].padding = PaddingMode::kSame;
         Layer pool;
         pool.type = LayerType::kMaxPooling2D;
         pool.kernel_size = {1, 1};
         for (int i = 1; i < (past ? 17 : 16); ++i) s.layers.push_back(pool);
         return s;
       },
       "17 layers; the limit is 16"},
      {"4096 columns",
       [](bool past) {
         Scene s = input(1, past ? 4097 : 4096, 1);
         s.layers.push_back(conv(1, 1, 31, 1));
         return s;
       },
       "between 1 and 4096, got 4097"},
      {"output 4096 wide through 'full' padding",
       [](bool past) {
         Scene s = input(1, past ? 4067 : 4066, 1);  // 4066 + 30 = 4096
         s.layers.push_back(conv(1, 1, 31, 1));
         s.layers[0].padding = PaddingMode::kFull;
         return s;
       },
       "the output would be 1x4097; the limit is 4096 per axis"},
  };
  for (const SessionLimitCase& c : cases) {
    SCOPED_TRACE(c.name);
    Session s;
    s.apply(c.make(false), "at the limit");
    ASSERT_TRUE(s.valid()) << s.error();
    ASSERT_GT(s.step_count(), 0);
    s.set_step(s.step_count() - 1);
    ASSERT_NE(s.trace(), nullptr);
    s.pin(CellRef{1, 0, 0, 0});
    ASSERT_NE(s.field(), nullptr);
    const std::string at_json = s.to_json();
    ASSERT_TRUE(parse_scene(at_json).ok()) << "the scene at the limit saves and reopens";

    s.apply(c.make(true), "one past");
    EXPECT_FALSE(s.valid());
    EXPECT_NE(s.error().find(c.message_part), std::string::npos) << s.error();
    EXPECT_EQ(s.trace(), nullptr);
    EXPECT_EQ(s.step_count(), 0);
    EXPECT_EQ(s.field(), nullptr);
    ASSERT_TRUE(s.undo());
    EXPECT_TRUE(s.valid()) << s.error();
    EXPECT_EQ(s.to_json(), at_json);
  }
}

TEST(FaultLimits, InputElementsAtAndPastTheLimit) {
  // 4096 x 4096 x 4 is exactly 64 M elements; checked on the shape alone
  // (the tensor itself would be 256 MB).
  EXPECT_TRUE(check_input_shape(TensorShape{4096, 4096, 4, false}).ok());
  Result<TensorShape> r = check_input_shape(TensorShape{4096, 4096, 5, false});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("the limit is 67108864"), std::string::npos)
      << r.error().message;
}

// [SECTION] Non-finite weights

TEST(FaultNonFinite, WeightsPropagateAndAreWrittenAsStrings) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Session s;
  Scene sc = input(1, 3, 1);
  sc.input.data = {0.0f, 2.0f, -1.0f};
  sc.layers.push_back(conv(3, 1, 1, 1));
  sc.layers[0].kernel = {inf, -inf, 1.0f};  // filter 0: +inf, 1: -inf, 2: 1
  sc.layers[0].bias = {0.0f, 0.0f, nan};
  s.apply(sc, "weights");
  ASSERT_TRUE(s.valid()) << s.error();
  const Tensor& out = s.run().outputs[0];
  EXPECT_TRUE(std::isnan(out.at(0, 0, 0))) << "0 * inf is NaN";
  EXPECT_EQ(out.at(0, 1, 0), inf);
  EXPECT_EQ(out.at(0, 2, 0), -inf);
  EXPECT_EQ(out.at(0, 1, 1), -inf);
  for (int x = 0; x < 3; ++x)
    EXPECT_TRUE(std::isnan(out.at(0, x, 2))) << "a NaN bias reaches every cell";

  // The scene writer and the outputs writer spell them as JSON strings, and
  // the scene reads back with the same bits.
  const std::string json = s.to_json();
  EXPECT_NE(json.find("\"kernel\": [\"Infinity\", \"-Infinity\", 1]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"bias\": [0, 0, \"NaN\"]"), std::string::npos) << json;
  Result<Scene> back = parse_scene(json);
  ASSERT_TRUE(back.ok()) << to_string(back.error());
  EXPECT_EQ(back->layers, s.scene().layers);
  const std::string outputs = outputs_to_json(s.run().outputs);
  EXPECT_NE(outputs.find("\"NaN\""), std::string::npos) << outputs;
  EXPECT_NE(outputs.find("\"Infinity\""), std::string::npos) << outputs;
  EXPECT_NE(outputs.find("\"-Infinity\""), std::string::npos) << outputs;

  // The walk's equation shows them as such.
  s.set_filter(0);
  s.set_step(0);
  ASSERT_NE(s.trace(), nullptr);
  const std::string text = explain_text(*s.trace());
  EXPECT_NE(text.find("inf"), std::string::npos) << text;
  EXPECT_NE(text.find("NaN"), std::string::npos) << text;
}

}  // namespace
}  // namespace cs
