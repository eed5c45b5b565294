// hdf5_io.cpp - HDF5 files in memory: reading (file image, no copy) and
// writing (core driver without backing store), with every return checked.
//
// [SECTION] Handles and errors
// [SECTION] Opening a file image without copying it
// [SECTION] Groups and attributes
// [SECTION] Float datasets
// [SECTION] Writing a file in memory

#include "modelio/hdf5_io.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstring>
#include <memory>

#include "modelio/errors.h"

namespace cs::modelio::h5 {
namespace {

constexpr std::size_t kMaxListEntries = std::size_t{1} << 20;  // strings in one attribute
constexpr std::size_t kMaxAttributeBytes = std::size_t{64} << 20;
constexpr int kMaxRank = 32;  // H5S_MAX_RANK

// Once per process: HDF5 would otherwise print its error stack to stderr
// for every failed call, including the ones we expect (a missing link).
void quiet_hdf5() {
  static const bool done = [] {
    H5open();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)done;
}

// HDF5 keeps one open file per name, so every memory file gets its own; and
// the core driver refuses to open an image under the name of a file that
// exists on disk, so the name is in a folder that does not.
std::string unique_name(const char* kind) {
  static std::atomic<unsigned> counter{0};
  return std::string("/nonexistent-convscope-memory-files/") + kind + "-" +
         std::to_string(counter++) + ".h5";
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string with_detail(const std::string& message) {
  const std::string detail = last_error();
  return detail.empty() ? message : message + " (HDF5: " + detail + ")";
}

}  // namespace

// [SECTION] Handles and errors

Hid& Hid::operator=(Hid&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Hid::reset() {
  if (id_ < 0) return;
  switch (H5Iget_type(id_)) {
    case H5I_FILE:
      H5Fclose(id_);
      break;
    case H5I_GROUP:
    case H5I_DATASET:
      H5Oclose(id_);
      break;
    case H5I_DATATYPE:
      H5Tclose(id_);
      break;
    case H5I_DATASPACE:
      H5Sclose(id_);
      break;
    case H5I_ATTR:
      H5Aclose(id_);
      break;
    case H5I_GENPROP_LST:
      H5Pclose(id_);
      break;
    default:
      break;
  }
  id_ = H5I_INVALID_HID;
}

namespace {
herr_t innermost(unsigned n, const H5E_error2_t* e, void* out) {
  if (n == 0 && e && e->desc) *static_cast<std::string*>(out) = e->desc;
  return 0;
}
}  // namespace

std::string last_error() {
  std::string out;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &out);  // upward: innermost first
  H5Eclear2(H5E_DEFAULT);
  return out;
}

// [SECTION] Opening a file image without copying it
// HDF5 copies a file image into the property list, again into each copy of
// the list and again into the driver. These callbacks (after H5LT's
// H5LT_FILE_IMAGE_DONT_COPY mode) hand out the caller's buffer instead; the
// file is opened read-only, so HDF5 never writes to it.

namespace {

void* image_malloc(std::size_t size, H5FD_file_image_op_t op, void* udata) {
  auto* img = static_cast<ImageBuffer*>(udata);
  if (size != img->size) return nullptr;
  switch (op) {
    case H5FD_FILE_IMAGE_OP_PROPERTY_LIST_SET:
    case H5FD_FILE_IMAGE_OP_PROPERTY_LIST_COPY:
    case H5FD_FILE_IMAGE_OP_FILE_OPEN:
      return img->data;
    default:
      return nullptr;
  }
}

void* image_memcpy(void* dest, const void* src, std::size_t, H5FD_file_image_op_t, void*) {
  return dest == src ? dest : nullptr;  // the "copy" is the buffer itself
}

void* image_realloc(void*, std::size_t, H5FD_file_image_op_t, void*) { return nullptr; }
herr_t image_free(void*, H5FD_file_image_op_t, void*) { return 0; }
void* udata_copy(void* udata) { return udata; }
herr_t udata_free(void*) { return 0; }

}  // namespace

Result<ImageFile> open_image(const std::vector<std::uint8_t>& bytes, const std::string& where) {
  quiet_hdf5();
  if (bytes.empty()) return fail(where, "the file is empty");
  ImageFile out;
  out.buffer = std::make_unique<ImageBuffer>();
  out.buffer->data = const_cast<std::uint8_t*>(bytes.data());  // read-only: never written
  out.buffer->size = bytes.size();
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
  H5FD_file_image_callbacks_t callbacks = {image_malloc, image_memcpy, image_realloc,   image_free,
                                           udata_copy,   udata_free,   out.buffer.get()};
  if (!fapl.valid() || H5Pset_fapl_core(fapl.get(), 1 << 16, 0) < 0 ||
      H5Pset_file_image_callbacks(fapl.get(), &callbacks) < 0 ||
      H5Pset_file_image(fapl.get(), out.buffer->data, bytes.size()) < 0 ||
      H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG) < 0) {
    return fail(where, with_detail("HDF5 could not be set up to read from memory"));
  }
  out.file = Hid(H5Fopen(unique_name("in").c_str(), H5F_ACC_RDONLY, fapl.get()));
  if (!out.file.valid()) {
    return fail(where, with_detail("is not a readable HDF5 file; it may be damaged or cut short"));
  }
  return out;
}

// [SECTION] Groups and attributes

Hid open_group(hid_t loc, const std::string& path, std::string* damage) {
  Hid current;
  hid_t at = loc;
  for (const std::string& part : split_path(path)) {
    const htri_t exists = H5Lexists(at, part.c_str(), H5P_DEFAULT);
    Hid next(exists > 0 ? H5Oopen(at, part.c_str(), H5P_DEFAULT) : H5I_INVALID_HID);
    if (exists < 0 || (exists > 0 && !next.valid())) {
      const std::string detail = last_error();
      if (damage)
        *damage = "cannot be read; the file is damaged or cut short" +
                  (detail.empty() ? std::string() : " (HDF5: " + detail + ")");
      return Hid();
    }
    if (!next.valid() || H5Iget_type(next.get()) != H5I_GROUP) return Hid();
    current = std::move(next);
    at = current.get();
  }
  H5Eclear2(H5E_DEFAULT);
  if (!current.valid()) return Hid(H5Oopen(loc, ".", H5P_DEFAULT));
  return current;
}

Result<std::size_t> link_count(hid_t group, const std::string& where) {
  H5G_info_t info;
  if (H5Gget_info(group, &info) < 0) return fail(where, with_detail("the group cannot be listed"));
  return static_cast<std::size_t>(info.nlinks);
}

bool has_attribute(hid_t obj, const std::string& name) {
  const htri_t e = H5Aexists(obj, name.c_str());
  H5Eclear2(H5E_DEFAULT);
  return e > 0;
}

namespace {

const char* type_class_name(H5T_class_t c) {
  switch (c) {
    case H5T_INTEGER:
      return "integer";
    case H5T_FLOAT:
      return "floating-point";
    case H5T_STRING:
      return "string";
    case H5T_BITFIELD:
      return "bitfield";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_COMPOUND:
      return "compound";
    case H5T_REFERENCE:
      return "reference";
    case H5T_ENUM:
      return "enum";
    case H5T_VLEN:
      return "variable-length";
    case H5T_ARRAY:
      return "array";
    default:
      return "unknown";
  }
}

Result<std::vector<std::string>> read_variable_strings(hid_t attr, hid_t type, hid_t space,
                                                       std::size_t n, const std::string& where) {
  Hid mem(H5Tcopy(H5T_C_S1));
  const H5T_cset_t cset = H5Tget_cset(type);
  if (!mem.valid() || cset < 0 || H5Tset_size(mem.get(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(mem.get(), cset) < 0) {
    return fail(where, with_detail("the text type cannot be handled"));
  }
  std::vector<char*> ptrs(n, nullptr);
  if (H5Aread(attr, mem.get(), ptrs.data()) < 0) {
    return fail(where, with_detail("cannot be read; the file is damaged"));
  }
  std::vector<std::string> out;
  std::size_t total = 0;
  bool too_big = false;
  for (char* p : ptrs) {
    const std::size_t len = p ? std::strlen(p) : 0;
    total += len;
    too_big = too_big || total > kMaxAttributeBytes;
    if (!too_big) out.emplace_back(p ? p : "", len);
  }
  H5Treclaim(mem.get(), space, H5P_DEFAULT, ptrs.data());
  if (too_big) return fail(where, "holds more than 64 MB of text");
  return out;
}

Result<std::vector<std::string>> read_fixed_strings(hid_t attr, hid_t type, std::size_t n,
                                                    const std::string& where) {
  const std::size_t size = H5Tget_size(type);
  if (size == 0) return fail(where, with_detail("the text type has no size"));
  if (size > kMaxAttributeBytes / std::max<std::size_t>(n, 1)) {
    return fail(where, "holds more than 64 MB of text");
  }
  Hid mem(H5Tcopy(type));
  std::vector<char> buf(n * size);
  if (!mem.valid() || H5Aread(attr, mem.get(), buf.data()) < 0) {
    return fail(where, with_detail("cannot be read; the file is damaged"));
  }
  const bool space_padded = H5Tget_strpad(type) == H5T_STR_SPACEPAD;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    const char* s = buf.data() + i * size;
    std::size_t len = 0;
    while (len < size && s[len] != '\0') ++len;
    while (space_padded && len > 0 && s[len - 1] == ' ') --len;
    out.emplace_back(s, len);
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> read_strings(hid_t obj, const std::string& name,
                                              const std::string& where_in) {
  const std::string where = join_where(where_in, "attribute " + name);
  Hid attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  if (!attr.valid()) return fail(where, with_detail("cannot be opened"));
  Hid type(H5Aget_type(attr.get()));
  Hid space(H5Aget_space(attr.get()));
  if (!type.valid() || !space.valid()) return fail(where, with_detail("has no readable type"));
  const H5S_class_t shape_class = H5Sget_simple_extent_type(space.get());
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (shape_class == H5S_NO_CLASS || points < 0) {
    return fail(where, with_detail("has no readable shape"));
  }
  const std::size_t n = shape_class == H5S_NULL ? 0 : static_cast<std::size_t>(points);
  if (n > kMaxListEntries) return fail(where, "holds more than 1048576 entries");
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_STRING) {
    if (n == 0) return std::vector<std::string>{};  // h5py's empty list: float64[0]
    return fail(where, std::string("holds ") + type_class_name(type_class) +
                           " values where text was expected");
  }
  if (n == 0) return std::vector<std::string>{};
  const htri_t variable = H5Tis_variable_str(type.get());
  if (variable < 0) return fail(where, with_detail("has an unreadable text type"));
  return variable ? read_variable_strings(attr.get(), type.get(), space.get(), n, where)
                  : read_fixed_strings(attr.get(), type.get(), n, where);
}

Result<std::vector<std::string>> read_string_list(hid_t obj, const std::string& name,
                                                  const std::string& where) {
  if (has_attribute(obj, name)) return read_strings(obj, name, where);
  std::vector<std::string> joined;
  for (int chunk = 0; has_attribute(obj, name + std::to_string(chunk)); ++chunk) {
    Result<std::vector<std::string>> part = read_strings(obj, name + std::to_string(chunk), where);
    if (!part) return part.error();
    if (joined.size() + part->size() > kMaxListEntries) {
      return fail(join_where(where, "attribute " + name), "holds more than 1048576 entries");
    }
    joined.insert(joined.end(), part->begin(), part->end());
  }
  return joined;
}

// [SECTION] Float datasets

namespace {

// Shape from a dataspace, each extent an int, the product bounded.
Result<std::vector<int>> dataset_shape(hid_t space, std::size_t max_values, std::size_t& count,
                                       const std::string& where) {
  const H5S_class_t shape_class = H5Sget_simple_extent_type(space);
  if (shape_class == H5S_NULL) return fail(where, "has no values (a null dataspace)");
  const int rank = H5Sget_simple_extent_ndims(space);
  if (shape_class == H5S_NO_CLASS || rank < 0 || rank > kMaxRank) {
    return fail(where, with_detail("has no readable shape"));
  }
  hsize_t dims[kMaxRank] = {};
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims, nullptr) < 0) {
    return fail(where, with_detail("has no readable shape"));
  }
  std::vector<int> shape;
  count = 1;
  for (int i = 0; i < rank; ++i)
    shape.push_back(dims[i] > INT_MAX ? -1 : static_cast<int>(dims[i]));
  for (int i = 0; i < rank; ++i) {
    if (dims[i] > INT_MAX || (dims[i] > 0 && count > max_values / dims[i])) {
      std::string text = "[";
      for (int j = 0; j < rank; ++j) text += (j ? ", " : "") + std::to_string(dims[j]);
      return fail(where, "claims a shape of " + text + "], more than " +
                             std::to_string(max_values) +
                             " values; the file is damaged or too large");
    }
    count *= static_cast<std::size_t>(dims[i]);
  }
  return shape;
}

// A contiguous dataset's bytes must be exactly its shape's and inside the
// file; HDF5 would otherwise read fill values or fail with an address error.
Result<bool> check_contiguous_storage(hid_t ds, std::size_t needed, std::size_t file_bytes,
                                      const std::string& where) {
  Hid dcpl(H5Dget_create_plist(ds));
  if (!dcpl.valid()) return fail(where, with_detail("has no readable layout"));
  if (H5Pget_layout(dcpl.get()) != H5D_CONTIGUOUS || needed == 0) return true;
  const hsize_t stored = H5Dget_storage_size(ds);
  if (stored != needed) {
    return fail(where, "stores " + std::to_string(stored) + " bytes, but its shape needs " +
                           std::to_string(needed));
  }
  const haddr_t offset = H5Dget_offset(ds);
  H5Eclear2(H5E_DEFAULT);
  if (offset == HADDR_UNDEF || offset > file_bytes || file_bytes - offset < needed) {
    return fail(where, "has its values past the end of the file; the file is cut short");
  }
  return true;
}

}  // namespace

Result<NamedArray> read_floats(hid_t loc, const std::string& path, std::size_t file_bytes,
                               std::size_t max_values, const std::string& where_in) {
  const std::string where = join_where(where_in, path);
  const std::size_t slash = path.rfind('/');
  Hid parent = open_group(loc, slash == std::string::npos ? "" : path.substr(0, slash));
  const std::string leaf = path.substr(slash == std::string::npos ? 0 : slash + 1);
  if (!parent.valid() || leaf.empty() || H5Lexists(parent.get(), leaf.c_str(), H5P_DEFAULT) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return fail(where, "is missing");
  }
  Hid ds(H5Oopen(parent.get(), leaf.c_str(), H5P_DEFAULT));
  if (!ds.valid()) return fail(where, with_detail("cannot be opened; the file is damaged"));
  if (H5Iget_type(ds.get()) != H5I_DATASET) return fail(where, "is a group, not a dataset");
  Hid type(H5Dget_type(ds.get()));
  Hid space(H5Dget_space(ds.get()));
  if (!type.valid() || !space.valid()) return fail(where, with_detail("has no readable type"));
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_FLOAT) {
    return fail(where, std::string("holds ") + type_class_name(type_class) +
                           " values; only floating-point weights can be read");
  }
  std::size_t count = 0;
  Result<std::vector<int>> shape = dataset_shape(space.get(), max_values, count, where);
  if (!shape) return shape.error();
  const std::size_t value_bytes = H5Tget_size(type.get());
  if (value_bytes == 0 || value_bytes > 16) return fail(where, "has floats of an unknown size");
  Result<bool> stored = check_contiguous_storage(ds.get(), count * value_bytes, file_bytes, where);
  if (!stored) return stored.error();
  NamedArray out;
  out.shape = std::move(*shape);
  out.data.resize(count);
  if (count > 0 &&
      H5Dread(ds.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data.data()) < 0) {
    return fail(where, with_detail("cannot be read"));
  }
  return out;
}

// [SECTION] Writing a file in memory

Result<bool> MemoryFileWriter::create(const std::string& where) {
  quiet_hdf5();
  where_ = where;
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS));
  if (!fapl.valid() || H5Pset_fapl_core(fapl.get(), 1 << 20, 0) < 0 ||
      H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG) < 0) {
    return fail(where_, with_detail("HDF5 could not be set up to write to memory"));
  }
  file_ = Hid(H5Fcreate(unique_name("out").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()));
  if (!file_.valid()) return fail(where_, with_detail("HDF5 could not create a file in memory"));
  return true;
}

Result<bool> MemoryFileWriter::group(const std::string& path) {
  Hid current;
  hid_t at = file_.get();
  for (const std::string& part : split_path(path)) {
    const htri_t exists = H5Lexists(at, part.c_str(), H5P_DEFAULT);
    Hid next(exists > 0 ? H5Gopen2(at, part.c_str(), H5P_DEFAULT)
                        : H5Gcreate2(at, part.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (exists < 0 || !next.valid()) {
      return fail(join_where(where_, path), with_detail("the group cannot be created"));
    }
    current = std::move(next);
    at = current.get();
  }
  return true;
}

Result<bool> MemoryFileWriter::dataset(const std::string& path, const NamedArray& array) {
  const std::string where = join_where(where_, path);
  const std::size_t slash = path.rfind('/');
  const std::string parent = slash == std::string::npos ? "" : path.substr(0, slash);
  Result<bool> made = group(parent);
  if (!made) return made;
  Hid at = open_group(file_.get(), parent);
  std::vector<hsize_t> dims(array.shape.begin(), array.shape.end());
  Hid space(dims.empty() ? H5Screate(H5S_SCALAR)
                         : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
  if (!at.valid() || !space.valid()) return fail(where, with_detail("cannot be created"));
  const std::string leaf = path.substr(slash == std::string::npos ? 0 : slash + 1);
  Hid ds(H5Dcreate2(at.get(), leaf.c_str(), H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                    H5P_DEFAULT));
  const float none = 0.0f;
  const void* data = array.data.empty() ? &none : array.data.data();
  if (!ds.valid() ||
      H5Dwrite(ds.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
    return fail(where, with_detail("cannot be written"));
  }
  return true;
}

Result<std::vector<std::uint8_t>> MemoryFileWriter::image() {
  if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0) {
    return fail(where_, with_detail("the file cannot be finished"));
  }
  const ssize_t size = H5Fget_file_image(file_.get(), nullptr, 0);
  if (size <= 0) return fail(where_, with_detail("the file image cannot be taken"));
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  if (H5Fget_file_image(file_.get(), out.data(), out.size()) != size) {
    return fail(where_, with_detail("the file image cannot be copied"));
  }
  file_.reset();
  return out;
}

}  // namespace cs::modelio::h5
