// json.cpp - strict recursive-descent JSON reader and the float writer.
// Recursion depth is bounded by JsonLimits::max_depth, so hostile input cannot
// overflow the stack; every read is bounds-checked against the text.
//
// [SECTION] Tree helpers
// [SECTION] Reader
// [SECTION] Writer

#include "core/json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cs {

// [SECTION] Tree helpers

const char* json_type_name(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "a boolean";
    case JsonType::kNumber:
      return "a number";
    case JsonType::kString:
      return "a string";
    case JsonType::kArray:
      return "an array";
    case JsonType::kObject:
      return "an object";
  }
  return "?";
}

const JsonValue* JsonValue::find(std::string_view key) const {
  if (type != JsonType::kObject) return nullptr;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// [SECTION] Reader

namespace {

class Reader {
 public:
  Reader(std::string_view text, const JsonLimits& limits) : text_(text), limits_(limits) {}

  Result<JsonValue> run() {
    if (text_.size() > limits_.max_bytes) {
      return make_error(0, "the document is " + std::to_string(text_.size()) +
                               " bytes; the limit is " + std::to_string(limits_.max_bytes));
    }
    // A UTF-8 byte-order mark is common in files saved on Windows.
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    JsonValue root;
    skip_ws();
    if (!parse_value(root, 0)) return error_;
    skip_ws();
    if (pos_ != text_.size()) {
      fail("unexpected " + describe_here() + " after the end of the document");
      return error_;
    }
    return root;
  }

 private:
  Error make_error(std::size_t at, std::string message) const {
    const auto [line, col] = line_column(text_, at);
    Error e;
    e.where = "line " + std::to_string(line) + ", column " + std::to_string(col);
    e.message = std::move(message);
    e.line = line;
    e.column = col;
    return e;
  }
  bool fail(std::string message) { return fail_at(pos_, std::move(message)); }
  bool fail_at(std::size_t at, std::string message) {
    error_ = make_error(at, std::move(message));
    return false;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  std::string describe_here() const {
    if (at_end()) return "end of input";
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    char buf[16];
    std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
    return buf;
  }

  void skip_ws() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool count_node() {
    if (++nodes_ > limits_.max_nodes) {
      return fail("more than " + std::to_string(limits_.max_nodes) +
                  " values (limit); large numeric arrays must be flat");
    }
    return true;
  }

  bool parse_value(JsonValue& v, int depth) {
    v.offset = static_cast<std::uint32_t>(pos_);
    if (at_end()) return fail("expected a value but found end of input");
    const char c = text_[pos_];
    switch (c) {
      case '{':
        return parse_object(v, depth + 1);
      case '[':
        return parse_array(v, depth + 1);
      case '"':
        v.type = JsonType::kString;
        return parse_string(v.text);
      case 't':
        return parse_literal(v, "true", JsonType::kBool, true);
      case 'f':
        return parse_literal(v, "false", JsonType::kBool, false);
      case 'n':
        return parse_literal(v, "null", JsonType::kNull, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          v.type = JsonType::kNumber;
          return parse_number(v.number);
        }
        if (c == 'N' || c == 'I') {
          return fail(
              "bare NaN/Infinity is not JSON; write the string \"NaN\", "
              "\"Infinity\" or \"-Infinity\"");
        }
        return fail("expected a value but found " + describe_here());
    }
  }

  bool parse_literal(JsonValue& v, std::string_view word, JsonType type, bool value) {
    if (text_.substr(pos_, word.size()) != word) {
      return fail("expected a value but found " + describe_here());
    }
    pos_ += word.size();
    v.type = type;
    v.boolean = value;
    return true;
  }

  bool parse_object(JsonValue& v, int depth) {
    if (depth > limits_.max_depth) {
      return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    v.type = JsonType::kObject;
    ++pos_;  // '{'
    skip_ws();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      if (peek() != '"') {
        return fail("expected a quoted key but found " + describe_here());
      }
      const std::size_t key_pos = pos_;
      std::string key;
      if (!parse_string(key)) return false;
      for (const std::string& k : v.keys) {
        if (k == key) return fail_at(key_pos, "duplicate key \"" + key + "\"");
      }
      skip_ws();
      if (peek() != ':') {
        return fail("expected ':' after a key but found " + describe_here());
      }
      ++pos_;
      skip_ws();
      if (!count_node()) return false;
      v.keys.push_back(std::move(key));
      v.items.emplace_back();
      if (!parse_value(v.items.back(), depth)) return false;
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}' in an object but found " + describe_here());
    }
  }

  bool parse_array(JsonValue& v, int depth) {
    if (depth > limits_.max_depth) {
      return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    v.type = JsonType::kArray;
    ++pos_;  // '['
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    // Numbers go to the packed list until the first non-number; then the
    // array is unpacked into items.
    while (true) {
      skip_ws();
      const char c = peek();
      if (v.items.empty() && (c == '-' || (c >= '0' && c <= '9'))) {
        double d = 0.0;
        if (!parse_number(d)) return false;
        v.numbers.push_back(d);
      } else {
        if (v.items.empty() && !v.numbers.empty()) unpack(v);
        if (!count_node()) return false;
        v.items.emplace_back();
        if (!parse_value(v.items.back(), depth)) return false;
      }
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']' in an array but found " + describe_here());
    }
  }

  // Packed numbers lost their offsets; the array's offset stands in for them.
  void unpack(JsonValue& v) {
    v.items.reserve(v.numbers.size() + 1);
    for (double d : v.numbers) {
      JsonValue n;
      n.type = JsonType::kNumber;
      n.number = d;
      n.offset = v.offset;
      v.items.push_back(std::move(n));
    }
    nodes_ += v.numbers.size();
    v.numbers.clear();
    v.numbers.shrink_to_fit();
  }

  bool parse_number(double& out) {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (peek() >= '0' && peek() <= '9') {
        return fail_at(start, "numbers may not have leading zeros");
      }
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      return fail("expected a digit but found " + describe_here());
    }
    if (peek() == '.') {
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) {
        return fail("expected a digit after '.' but found " + describe_here());
      }
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) {
        return fail("expected a digit in the exponent but found " + describe_here());
      }
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    // The grammar above is stricter than strtod's, so strtod sees only valid
    // JSON numbers. It needs a terminated copy; strtod honours the C locale,
    // which the app and CLI never change.
    char small[64];
    std::string big;
    const std::size_t len = pos_ - start;
    const char* buf = nullptr;
    if (len < sizeof small) {
      std::memcpy(small, text_.data() + start, len);
      small[len] = '\0';
      buf = small;
    } else {
      big.assign(text_.data() + start, len);
      buf = big.c_str();
    }
    out = std::strtod(buf, nullptr);
    if (!std::isfinite(out)) {
      const std::string shown(text_.substr(start, std::min<std::size_t>(len, 40)));
      return fail_at(start, "number " + shown + " is out of range");
    }
    return true;
  }

  static bool hex4(std::string_view s, unsigned& out) {
    if (s.size() < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s[static_cast<std::size_t>(i)];
      unsigned d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<unsigned>(c - 'A' + 10);
      } else {
        return false;
      }
      out = out * 16 + d;
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Length of the valid UTF-8 sequence at pos_, or 0 (overlongs, surrogates
  // and code points above U+10FFFF are invalid).
  std::size_t utf8_length() const {
    const auto byte = [&](std::size_t i) -> unsigned {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    const auto cont = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
    const unsigned b0 = byte(0);
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (b0 == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
      if (b0 == 0xED && byte(1) >= 0xA0) return 0;  // surrogate
      return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (b0 == 0xF0 && byte(1) < 0x90) return 0;   // overlong
      if (b0 == 0xF4 && byte(1) >= 0x90) return 0;  // > U+10FFFF
      return 4;
    }
    return 0;
  }

  bool parse_string(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;  // opening quote
    while (true) {
      if (at_end()) return fail_at(start, "unterminated string");
      if (out.size() > limits_.max_string_bytes) {
        return fail_at(start,
                       "string longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
      }
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        return fail("control character " + describe_here() + " inside a string (escape it)");
      }
      if (c == '\\') {
        ++pos_;
        const char e = peek();
        ++pos_;
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            unsigned cp = 0;
            if (!hex4(text_.substr(std::min(pos_, text_.size())), cp)) {
              return fail_at(pos_ - 2, "\\u must be followed by 4 hex digits");
            }
            pos_ += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return fail_at(pos_ - 6, "lone low surrogate \\u escape");
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              unsigned lo = 0;
              if (text_.substr(pos_, 2) != "\\u" ||
                  !hex4(text_.substr(std::min(pos_ + 2, text_.size())), lo) || lo < 0xDC00 ||
                  lo > 0xDFFF) {
                return fail_at(pos_ - 6,
                               "high surrogate \\u escape without "
                               "its low surrogate");
              }
              pos_ += 6;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            append_utf8(out, cp);
            break;
          }
          default:
            return fail_at(pos_ - 2, "invalid escape in a string");
        }
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      const std::size_t n = utf8_length();
      if (n == 0) return fail("invalid UTF-8 " + describe_here() + " in a string");
      out.append(text_.data() + pos_, n);
      pos_ += n;
    }
  }

  std::string_view text_;
  JsonLimits limits_;
  std::size_t pos_ = 0;
  std::size_t nodes_ = 0;
  Error error_;
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text, const JsonLimits& limits) {
  JsonLimits l = limits;
  // Offsets are 32-bit; larger documents are refused whatever the caller set.
  if (l.max_bytes > 0xFFFFFFF0u) l.max_bytes = 0xFFFFFFF0u;
  Reader reader(text, l);
  return reader.run();
}

// [SECTION] Writer

namespace {

// "%.{p}g" of a float for p in 1..9; the clamp lets the compiler prove the
// text fits in 24 bytes.
void print_g(char (&buf)[24], int precision, float v) {
  const int p = precision < 1 ? 1 : (precision > 9 ? 9 : precision);
  std::snprintf(buf, sizeof buf, "%.*g", p, static_cast<double>(v));
}

}  // namespace

void append_float(std::string& out, float v) {
  if (std::isnan(v)) {
    out += "\"NaN\"";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  // Small integers (the common case for teaching data) print directly.
  if (v == std::nearbyint(v) && std::fabs(v) < 1e7f) {
    if (v == 0.0f && std::signbit(v)) {
      out += "-0";
      return;
    }
    out += std::to_string(static_cast<long>(v));
    return;
  }
  // Shortest precision whose text reads back to the same float; 9 significant
  // digits always suffice for binary32. Round-tripping is monotonic in the
  // precision (the correctly rounded p-digit decimal is also a (p+1)-digit
  // one, so p+1 digits are never farther from v), hence a binary search
  // (tests/scene_test.cpp checks it against a linear search).
  // std::to_chars would be faster but Emscripten 3.1.6's libc++ lacks it for
  // floats, and one algorithm everywhere keeps the text identical natively
  // and in the browser.
  // Buffers fit any %g of 1..9 digits: sign, digits, point, "e-45", NUL.
  char buf[24];
  char found[24] = "";  // the text at precision hi, once one read back
  int lo = 1, hi = 9;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    print_g(buf, mid, v);
    if (std::strtof(buf, nullptr) == v) {
      std::memcpy(found, buf, sizeof buf);
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  if (found[0] == '\0') print_g(found, 9, v);  // only 9 digits read back
  out += found;
}

std::string fitted_number_text(float v, const std::function<bool(const std::string&)>& fits) {
  std::string s = number_text(v);
  if (fits(s) || !std::isfinite(v)) return s;
  for (int digits = 6; digits >= 1; --digits) {
    char rounded[24];
    std::snprintf(rounded, sizeof rounded, "%.*g", digits, static_cast<double>(v));
    s = "~" + number_text(std::strtof(rounded, nullptr));
    if (fits(s)) return s;
  }
  return s;
}

std::string number_text(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0.0f) return "0";  // -0 (0 times a negative weight) equals 0: shown as 0
  return format_float(v);
}

std::string format_float(float v) {
  std::string s;
  append_float(s, v);
  return s;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace cs
