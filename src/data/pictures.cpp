// pictures.cpp - a dataset as pictures sorted into one folder per class, on
// disk or inside a .zip (minizip through modelio's zip reader). Class k is
// the k-th folder name in byte order; every picture is a PNG, made grey,
// and all share the first picture's size.

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "core/errors.h"
#include "data/readers.h"
#include "model/image.h"
#include "modelio/errors.h"
#include "modelio/zip_io.h"

namespace cs {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxPictureBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxClasses = 1000;

bool is_png(const std::vector<std::uint8_t>& b) {
  static const std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  return b.size() >= 8 && std::equal(sig, sig + 8, b.begin());
}

bool skipped_name(const std::string& name) { return name.empty() || name[0] == '.' || name == "__MACOSX"; }

// Adds pictures class by class, checking each against the first.
class Builder {
 public:
  explicit Builder(std::string where) : where_(std::move(where)) {}

  void begin_class(const std::string& name) {
    d_.class_names.push_back(name);
    d_.classes = static_cast<int>(d_.class_names.size());
  }

  // `name` is the picture's place in errors.
  Result<bool> add(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    if (!is_png(bytes)) {
      return make_error(name, "is not a PNG picture; a class folder may hold only .png files");
    }
    Result<Image> img = decode_image(bytes.data(), bytes.size());
    if (!img) {  // the decoder's sentence (and its catalogue code), about this file
      Error e = img.error();
      e.where = name;
      return e;
    }
    if (d_.y.empty()) {
      d_.shape.h = img->h;
      d_.shape.w = img->w;
      d_.shape.c = 1;
      first_ = name;
    } else if (img->w != d_.shape.w || img->h != d_.shape.h) {
      return make_error(name, "is " + istr(img->w) + "x" + istr(img->h) + " pixels but " + first_ + " is " +
                                  istr(d_.shape.w) + "x" + istr(d_.shape.h) + "; all pictures must share one size");
    }
    const std::size_t n = static_cast<std::size_t>(img->w) * static_cast<std::size_t>(img->h);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t r = img->rgb[3 * i], g = img->rgb[3 * i + 1], b = img->rgb[3 * i + 2];
      // Grey pixels stay exactly k / 255 (as the idx and digits readers give).
      const float v = (r == g && g == b) ? static_cast<float>(r) / 255.0f
                                         : static_cast<float>((0.299 * r + 0.587 * g + 0.114 * b) / 255.0);
      d_.x.push_back(v);
    }
    d_.y.push_back(d_.classes - 1);
    return true;
  }

  Result<Dataset> finish() {
    if (d_.class_names.empty()) {
      return make_error(where_, "holds no class folders (expected one folder per class, each with PNG pictures)");
    }
    return std::move(d_);
  }

  std::size_t size() const { return d_.y.size(); }

 private:
  std::string where_, first_;
  Dataset d_;
};

Result<bool> too_many_classes(const std::string& where, std::size_t n) {
  if (n <= kMaxClasses) return true;
  return make_error(where, "has " + istr(static_cast<std::int64_t>(n)) + " class folders; at most " +
                               istr(static_cast<std::int64_t>(kMaxClasses)) + " are accepted");
}

}  // namespace

Result<Dataset> read_picture_folder(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error(dir, "is not a folder");
  std::vector<std::string> classes;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (skipped_name(name)) continue;
    if (!e.is_directory(ec)) {
      return make_error((fs::path(dir) / name).string(),
                        "is not in a class folder (expected one folder per class, each with PNG pictures)");
    }
    classes.push_back(name);
  }
  if (ec) return make_error(dir, "cannot be listed (" + ec.message() + ")");
  std::sort(classes.begin(), classes.end());
  if (Result<bool> r = too_many_classes(dir, classes.size()); !r) return r.error();
  Builder b(dir);
  for (const std::string& cls : classes) {
    b.begin_class(cls);
    const fs::path cdir = fs::path(dir) / cls;
    std::vector<std::string> files;
    for (const fs::directory_entry& e : fs::directory_iterator(cdir, ec)) {
      const std::string name = e.path().filename().string();
      if (skipped_name(name)) continue;
      files.push_back(name);
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) return make_error(cdir.string(), "holds no pictures (class " + cls + ")");
    for (const std::string& f : files) {
      const std::string path = (cdir / f).string();
      if (fs::is_directory(path, ec)) {
        return make_error(path, "is a folder inside a class folder; pictures must sit directly in their class folder");
      }
      Result<std::vector<std::uint8_t>> bytes = read_file_bytes(path);
      if (!bytes) return bytes.error();
      if (Result<bool> r = b.add(*bytes, path); !r) return r.error();
    }
  }
  return b.finish();
}

Result<Dataset> read_picture_zip(const std::vector<std::uint8_t>& bytes, const std::string& where) {
  modelio::zip::Reader zip;
  if (Result<bool> r = zip.open(bytes, where); !r) return r.error();
  // Member paths split at '/', without directories, hidden files and __MACOSX.
  struct File {
    std::string member;
    std::vector<std::string> parts;
  };
  std::vector<File> files;
  for (const modelio::zip::Entry& e : zip.entries()) {
    if (e.name.empty() || e.name.back() == '/') continue;
    File f{e.name, {}};
    std::size_t at = 0;
    for (std::size_t slash; (slash = e.name.find('/', at)) != std::string::npos; at = slash + 1) {
      f.parts.push_back(e.name.substr(at, slash - at));
    }
    f.parts.push_back(e.name.substr(at));
    if (std::none_of(f.parts.begin(), f.parts.end(), skipped_name)) files.push_back(std::move(f));
  }
  // One folder around everything ("digits/0/a.png") is stepped into.
  while (!files.empty() && std::all_of(files.begin(), files.end(), [&](const File& f) {
           return f.parts.size() > 2 && f.parts[0] == files[0].parts[0];
         })) {
    for (File& f : files) f.parts.erase(f.parts.begin());
  }
  // Sorted by class, then by picture name.
  std::map<std::string, std::map<std::string, std::string>> by_class;
  for (const File& f : files) {
    if (f.parts.size() != 2) {
      return make_error(modelio::join_where(where, f.member),
                        f.parts.size() < 2 ? "is not in a class folder (expected CLASS/PICTURE.png)"
                                           : "is in a folder inside a class folder (expected CLASS/PICTURE.png)");
    }
    by_class[f.parts[0]][f.parts[1]] = f.member;
  }
  if (Result<bool> r = too_many_classes(where, by_class.size()); !r) return r.error();
  Builder b(where);
  for (const auto& [cls, pics] : by_class) {
    b.begin_class(cls);
    for (const auto& [pic, member] : pics) {
      (void)pic;
      Result<std::vector<std::uint8_t>> data = zip.read(member, kMaxPictureBytes);
      if (!data) return data.error();
      if (Result<bool> r = b.add(*data, modelio::join_where(where, member)); !r) return r.error();
    }
  }
  return b.finish();
}

}  // namespace cs
