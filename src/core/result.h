// result.h - Error and Result<T>: how the core reports bad input.
// Every fallible core call (JSON, scene, validation, engine, traces) returns
// a Result. An Error names *where* (a JSON path such as layers[1].kernel_size,
// or "line 3, column 7" for syntax) and *what* is wrong, in one line.
// The sentence is English; `code` and `args` let the UI say it in another
// language (src/i18n/error_text.h) without the core knowing of languages.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cs {

struct Error {
  std::string where;    // JSON path, "line L, column C", or a CLI option
  std::string message;  // one sentence, names the allowed range if any
  int line = 0;         // 1-based source position when known, else 0
  int column = 0;
  // A stable id of the kind of problem ("kernel_exceeds_padded_input") and
  // the values the message names, as plain text: numbers, Keras keys and
  // short codes ("row", "pool"), never English words a reader must see.
  // The catalogue's template "err.<code>" turns them into a sentence.
  // Empty for messages that exist in English only (JSON syntax errors).
  std::string code = {};
  std::vector<std::string> args = {};
};

// "where: message" (or just the message when where is empty): the text the
// CLI prints after "error: ".
inline std::string to_string(const Error& e) {
  return e.where.empty() ? e.message : e.where + ": " + e.message;
}

// A value or an Error. Deliberately tiny: no exceptions, no monadic sugar.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace cs
