// idx.cpp - MNIST / Fashion-MNIST idx files (LeCun's format): a big-endian
// header (two zero bytes, a type byte, the number of dimensions, then each
// dimension as u32) and the values. Images: unsigned bytes, [N, rows, cols];
// labels: unsigned bytes, [N]. Plain or gzip'd, told apart by content.

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/errors.h"
#include "data/readers.h"

namespace cs {

namespace {

constexpr std::size_t kMaxUnpacked = std::size_t{512} << 20;  // MNIST's 60,000 training images are 47 MB
constexpr int kIdxClasses = 10;

std::uint32_t be32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

const char* idx_type_name(std::uint8_t t) {
  switch (t) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default: return nullptr;
  }
}

// The header of an idx file whose values are unsigned bytes in `rank`
// dimensions; `what` is "images" or "labels". Fills dims, returns the
// offset of the first value.
Result<std::size_t> idx_header(const std::vector<std::uint8_t>& b, const std::string& where, std::uint8_t rank,
                               const char* what, std::vector<std::uint32_t>& dims) {
  const std::string want = "0x0000080" + std::to_string(rank);
  if (b.size() < 4) {
    return make_error(where, "is cut short: " + istr(static_cast<std::int64_t>(b.size())) +
                                 " bytes, not even an idx header");
  }
  if (b[0] != 0 || b[1] != 0 || !idx_type_name(b[2]) || b[3] == 0) {
    return make_error(where, std::string("is not an idx file (it does not start with the magic number ") + want +
                                 " of MNIST " + what + ")");
  }
  if (b[2] != 0x08) {
    return make_error(where, std::string("holds ") + idx_type_name(b[2]) +
                                 " values; MNIST " + what + " are unsigned bytes (magic " + want + ")");
  }
  if (b[3] != rank) {
    return make_error(where, "has " + istr(b[3]) + " dimensions; MNIST " + what + " have " + istr(rank) +
                                 " (magic " + want + ")" +
                                 (b[3] == 3 ? ": is this the images file?" : b[3] == 1 ? ": is this the labels file?" : ""));
  }
  const std::size_t start = 4 + std::size_t{rank} * 4;
  if (b.size() < start) return make_error(where, "is cut short inside its header");
  dims.clear();
  for (std::uint8_t i = 0; i < rank; ++i) dims.push_back(be32(b.data() + 4 + std::size_t{i} * 4));
  return start;
}

Result<std::vector<std::uint8_t>> maybe_gunzip(const std::vector<std::uint8_t>& b, const std::string& where) {
  if (has_gzip_magic(b)) return gunzip(b, where, kMaxUnpacked);
  return b;
}

}  // namespace

Result<Dataset> read_idx_pair(const std::vector<std::uint8_t>& images_in, const std::string& images_name,
                              const std::vector<std::uint8_t>& labels_in, const std::string& labels_name) {
  Result<std::vector<std::uint8_t>> images = maybe_gunzip(images_in, images_name);
  if (!images) return images.error();
  Result<std::vector<std::uint8_t>> labels = maybe_gunzip(labels_in, labels_name);
  if (!labels) return labels.error();
  std::vector<std::uint32_t> idims, ldims;
  Result<std::size_t> istart = idx_header(*images, images_name, 3, "images", idims);
  if (!istart) return istart.error();
  Result<std::size_t> lstart = idx_header(*labels, labels_name, 1, "labels", ldims);
  if (!lstart) return lstart.error();
  const std::uint32_t n = idims[0], rows = idims[1], cols = idims[2];
  if (n == 0) return make_error(images_name, "holds no images (its count is 0)");
  if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096) {
    return make_error(images_name, "says its images are " + istr(rows) + "x" + istr(cols) +
                                       " pixels; 1 to 4096 per side are accepted");
  }
  const std::uint64_t pixels = std::uint64_t{rows} * cols;
  const std::uint64_t iwant = *istart + std::uint64_t{n} * pixels;
  if (images->size() != iwant) {
    return make_error(images_name, std::string(images->size() < iwant ? "is cut short" : "is longer than its header says") +
                                       ": " + istr(n) + " images of " + istr(rows) + "x" + istr(cols) + " need " +
                                       istr(static_cast<std::int64_t>(iwant)) + " bytes, it has " +
                                       istr(static_cast<std::int64_t>(images->size())));
  }
  const std::uint64_t lwant = *lstart + std::uint64_t{ldims[0]};
  if (labels->size() != lwant) {
    return make_error(labels_name, std::string(labels->size() < lwant ? "is cut short" : "is longer than its header says") +
                                       ": " + istr(ldims[0]) + " labels need " + istr(static_cast<std::int64_t>(lwant)) +
                                       " bytes, it has " + istr(static_cast<std::int64_t>(labels->size())));
  }
  if (ldims[0] != n) {
    return make_error(labels_name, "holds " + istr(ldims[0]) + " labels but " + images_name + " holds " + istr(n) +
                                       " images; the two files must belong together");
  }
  Dataset d;
  d.shape.h = static_cast<int>(rows);
  d.shape.w = static_cast<int>(cols);
  d.shape.c = 1;
  d.classes = kIdxClasses;
  for (int c = 0; c < kIdxClasses; ++c) d.class_names.push_back(std::to_string(c));
  d.y.resize(n);
  const std::uint8_t* l = labels->data() + *lstart;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (l[i] >= kIdxClasses) {
      return make_error(labels_name, "label " + istr(l[i]) + " of example " + istr(i) + " is outside 0..9");
    }
    d.y[i] = l[i];
  }
  d.x.resize(static_cast<std::size_t>(std::uint64_t{n} * pixels));
  const std::uint8_t* px = images->data() + *istart;
  for (std::size_t i = 0; i < d.x.size(); ++i) d.x[i] = static_cast<float>(px[i]) / 255.0f;
  return d;
}

namespace {

namespace fs = std::filesystem;


// "train" for "train-images-idx3-ubyte.gz"; "" when the name is no idx name.

// The file `prefix` + tag with or without ".gz" in `dir`, or "".
std::string find_partner(const fs::path& dir, const std::string& prefix, const char* tag) {
  std::error_code ec;
  for (const char* ext : {"", ".gz"}) {
    const fs::path p = dir / (prefix + tag + ext);
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return {};
}

Result<Dataset> read_pair_files(const std::string& images, const std::string& labels) {
  Result<std::vector<std::uint8_t>> ib = read_file_bytes(images);
  if (!ib) return ib.error();
  Result<std::vector<std::uint8_t>> lb = read_file_bytes(labels);
  if (!lb) return lb.error();
  return read_idx_pair(*ib, images, *lb, labels);
}

}  // namespace

Result<DataSplit> read_idx_path(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  DataSplit out;
  if (fs::is_directory(p, ec)) {
    std::vector<std::string> prefixes;  // of images files that have their labels
    for (const fs::directory_entry& e : fs::directory_iterator(p, ec)) {
      const std::string pre = idx_prefix(e.path().filename().string(), kImagesTag);
      if (!pre.empty() && !find_partner(p, pre, kLabelsTag).empty() &&
          std::find(prefixes.begin(), prefixes.end(), pre) == prefixes.end())
        prefixes.push_back(pre);
    }
    std::sort(prefixes.begin(), prefixes.end());
    const auto read = [&](const std::string& pre) {
      return read_pair_files(find_partner(p, pre, kImagesTag), find_partner(p, pre, kLabelsTag));
    };
    if (prefixes.size() == 1) {
      Result<Dataset> d = read(prefixes[0]);
      if (!d) return d.error();
      out.train = std::move(*d);
      return out;
    }
    const bool has_train = std::count(prefixes.begin(), prefixes.end(), "train") > 0;
    const bool has_test = std::count(prefixes.begin(), prefixes.end(), "t10k") > 0;
    if (prefixes.size() == 2 && has_train && has_test) {
      Result<Dataset> tr = read("train");
      if (!tr) return tr.error();
      Result<Dataset> te = read("t10k");
      if (!te) return te.error();
      if (!(te->shape == tr->shape)) {
        return make_error(path, "the t10k images are " + istr(te->shape.h) + "x" + istr(te->shape.w) +
                                    " but the train images are " + istr(tr->shape.h) + "x" + istr(tr->shape.w));
      }
      out.train = std::move(*tr);
      out.validation = std::move(*te);
      return out;
    }
    if (prefixes.empty()) {
      return make_error(path, "holds no pair of idx files (NAME-images-idx3-ubyte[.gz] with NAME-labels-idx1-ubyte[.gz])");
    }
    std::string list;
    for (const std::string& s : prefixes) list += (list.empty() ? "" : ", ") + s;
    return make_error(path, "holds " + istr(static_cast<std::int64_t>(prefixes.size())) + " idx sets (" + list +
                                "); only one, or a train and a t10k set, can be read from one folder");
  }
  const std::string name = p.filename().string();
  std::string images, labels;
  if (const std::string pre = idx_prefix(name, kImagesTag); !pre.empty()) {
    images = path;
    labels = find_partner(p.parent_path().empty() ? fs::path(".") : p.parent_path(), pre, kLabelsTag);
    if (labels.empty()) {
      return make_error(path, "has no labels file beside it (" + pre + kLabelsTag + " or " + pre + kLabelsTag + ".gz)");
    }
  } else if (const std::string lpre = idx_prefix(name, kLabelsTag); !lpre.empty()) {
    labels = path;
    images = find_partner(p.parent_path().empty() ? fs::path(".") : p.parent_path(), lpre, kImagesTag);
    if (images.empty()) {
      return make_error(path, "has no images file beside it (" + lpre + kImagesTag + " or " + lpre + kImagesTag + ".gz)");
    }
  } else {
    return make_error(path, "is not named like an idx file (NAME-images-idx3-ubyte[.gz] or NAME-labels-idx1-ubyte[.gz]), "
                            "so its partner cannot be found");
  }
  Result<Dataset> d = read_pair_files(images, labels);
  if (!d) return d.error();
  out.train = std::move(*d);
  return out;
}

// The set name of an idx file ("train" of "train-images-idx3-ubyte.gz"), or "".
std::string idx_prefix(const std::string& name, const char* tag) {
  const std::size_t at = name.find(tag);
  if (at == std::string::npos || at == 0) return {};
  const std::string rest = name.substr(at + std::char_traits<char>::length(tag));
  if (!rest.empty() && rest != ".gz") return {};
  return name.substr(0, at);
}

}  // namespace cs
