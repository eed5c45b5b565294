// zip_io.h - zip archives in memory through minizip (zlib's contrib/minizip):
// list and read the members of an archive held in a byte buffer, and write
// a new archive of stored (uncompressed) members to bytes, as Python's
// zipfile does for a .keras file. Member sizes are bounded before reading,
// and a member that is cut short, longer than its header says, or fails its
// CRC is an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace cs::modelio::zip {

inline bool has_zip_magic(const std::vector<std::uint8_t>& b) {
  return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' &&
         ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));  // a member, or an empty archive
}

struct Entry {
  std::string name;
  std::uint64_t size = 0;  // uncompressed, as the directory says
};

class Reader {
 public:
  Reader();
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // `bytes` must outlive the reader. `where` names the archive in errors.
  Result<bool> open(const std::vector<std::uint8_t>& bytes, const std::string& where);
  const std::vector<Entry>& entries() const { return entries_; }
  bool has(const std::string& name) const;
  // One member's bytes; more than `max_bytes` is refused before reading.
  Result<std::vector<std::uint8_t>> read(const std::string& name, std::size_t max_bytes);

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::vector<Entry> entries_;
  std::string where_;
};

struct Member {
  std::string name;
  const std::vector<std::uint8_t>* bytes = nullptr;
  std::uint32_t dos_time = 0;  // MS-DOS date << 16 | time; 0 is 1980-01-01 00:00
};

// MS-DOS date and time of a calendar time (year 1980..2107).
std::uint32_t dos_time(int year, int month, int day, int hour, int minute, int second);

// A zip holding `members` in order, stored without compression.
Result<std::vector<std::uint8_t>> write_stored(const std::vector<Member>& members,
                                               const std::string& where);

}  // namespace cs::modelio::zip
