// hdf5_io.h - the HDF5 C library (1.14.5) over files held in memory: open a
// file image read-only, read string attributes and float datasets with every
// return value checked and every size bounded, and build a new file in
// memory (core driver, no backing store) whose image is returned as bytes.
// Used by keras_format.cpp (model.weights.h5) and h5_format.cpp (legacy .h5).
// HDF5's own error printing is switched off; its innermost message is
// carried into our errors instead.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "modelio/model_file.h"

namespace cs::modelio::h5 {

// One HDF5 identifier, closed with the call that matches its kind.
class Hid {
 public:
  Hid() = default;
  explicit Hid(hid_t id) : id_(id) {}
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  Hid(Hid&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
  Hid& operator=(Hid&& o) noexcept;
  ~Hid() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void reset();

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// The innermost message of HDF5's current error stack ("truncated file:
// eof = 1000, ..."), or "" if there is none; the stack is cleared.
std::string last_error();

// An HDF5 file opened read-only over a caller's buffer, which HDF5 reads in
// place (no copy) and which must outlive the file. `file` is declared last
// so that it closes before `buffer` goes.
struct ImageBuffer {
  void* data = nullptr;
  std::size_t size = 0;
};
struct ImageFile {
  std::unique_ptr<ImageBuffer> buffer;
  Hid file;
  hid_t get() const { return file.get(); }
};

// Opens `bytes` as an HDF5 file, read-only. `where` names it in errors.
Result<ImageFile> open_image(const std::vector<std::uint8_t>& bytes, const std::string& where);

// Opens the group at `path` ("layers/conv2d/vars") below `loc`, walking one
// link at a time; an invalid Hid if any part is missing or not a group. When
// a part exists but cannot be read (a damaged or cut-short file), `damage`
// (if given) receives what HDF5 said; it stays empty for a plain absence.
Hid open_group(hid_t loc, const std::string& path, std::string* damage = nullptr);

// Number of links in a group (bounded by the caller).
Result<std::size_t> link_count(hid_t group, const std::string& where);

bool has_attribute(hid_t obj, const std::string& name);

// A string attribute as a list: a scalar gives one string, an array one per
// element. Fixed- or variable-length, ASCII or UTF-8; an attribute of another
// type with no elements (h5py writes an empty list as float64[0]) gives [].
Result<std::vector<std::string>> read_strings(hid_t obj, const std::string& name,
                                              const std::string& where);

// Keras' save_attributes_to_hdf5_group splits a long list over `name0`,
// `name1`, ... when it would not fit one object header; joins them back.
Result<std::vector<std::string>> read_string_list(hid_t obj, const std::string& name,
                                                  const std::string& where);

// A floating-point dataset at `path` below `loc` as float32 (HDF5 converts
// float16/float64). Refuses other types, shapes of more than
// `max_values` elements (before allocating), and storage that does not
// match the shape or lies past the end of the file.
Result<NamedArray> read_floats(hid_t loc, const std::string& path, std::size_t file_bytes,
                               std::size_t max_values, const std::string& where);

// A new HDF5 file in memory (what h5py writes by default: superblock 0,
// old-style groups, contiguous little-endian float32 datasets).
class MemoryFileWriter {
 public:
  Result<bool> create(const std::string& where);
  Result<bool> group(const std::string& path);  // creates missing parents too
  Result<bool> dataset(const std::string& path, const NamedArray& array);
  Result<std::vector<std::uint8_t>> image();  // flushes and copies the file out

 private:
  Hid file_;
  std::string where_;
};

}  // namespace cs::modelio::h5
