// json_fuzz.cpp - libFuzzer target: the strict JSON reader (core/json.h)
// with default and with tight limits, and the float writer's round trip on
// every 4-byte window of the input read as a float.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/json.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "json_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

// Walks the tree: every offset lies inside the text, sizes add up.
void walk(const cs::JsonValue& v, std::size_t text_size, int depth) {
  check(v.offset < text_size, "offset inside the text");
  check(depth <= 64, "depth limit holds");
  if (v.type == cs::JsonType::kObject) check(v.keys.size() == v.items.size(), "one key per member");
  if (v.type == cs::JsonType::kArray) check(v.items.empty() || v.numbers.empty(), "packed or not");
  if (v.type == cs::JsonType::kNumber) check(std::isfinite(v.number), "numbers are finite");
  for (const cs::JsonValue& item : v.items) walk(item, text_size, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cs::Result<cs::JsonValue> r = cs::parse_json(text);
  if (r) {
    walk(*r, size, 0);
  } else {
    check(!r.error().message.empty(), "an error has a message");
    check(r.error().line >= 1 && r.error().column >= 1, "an error has a position");
  }
  cs::JsonLimits tight;
  tight.max_depth = 4;
  tight.max_nodes = 16;
  tight.max_string_bytes = 8;
  cs::Result<cs::JsonValue> t = cs::parse_json(text, tight);
  if (t) check(r.ok(), "what passes tight limits passes the defaults");
  (void)cs::line_column(text, size / 2);

  // The float writer: shortest text that reads back to the same bits.
  for (std::size_t i = 0; i + 4 <= size; i += 4) {
    float f;
    std::memcpy(&f, data + i, 4);
    const std::string s = cs::format_float(f);
    cs::Result<cs::JsonValue> back = cs::parse_json(s);
    check(back.ok(), "a written float parses");
    if (std::isfinite(f)) {
      check(back->type == cs::JsonType::kNumber, "finite floats are numbers");
      const float g = static_cast<float>(back->number);
      check(std::memcmp(&f, &g, 4) == 0 || (f == 0.0f && g == 0.0f), "floats round-trip");
    } else {
      check(back->type == cs::JsonType::kString, "non-finite floats are strings");
    }
    std::string quoted;
    cs::append_json_string(quoted, text.substr(0, i));
    (void)quoted;
  }
  return 0;
}
