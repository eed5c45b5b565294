// kernel_checks.h - what the learning-kernel tests (kernels_dense_test.cpp,
// kernels_grad_test.cpp) share: seeded data, guarded output buffers, a
// cell-by-cell comparison with a tolerance, case names, and the central
// finite difference the references are checked with.
#pragma once

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kernels/geometry.h"

namespace cs::checks {

// Written into output buffers before a kernel runs, and into guard cells
// around them: a cell still holding it was not written, a guard that lost
// it was overrun.
constexpr float kUnwritten = -12345.678f;
constexpr int kGuard = 16;

inline std::vector<float> random_values(std::size_t n, std::mt19937& gen) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

inline std::vector<float> absolute(std::vector<float> v) {
  for (float& x : v) x = std::fabs(x);
  return v;
}

// A buffer of `count` cells (filled with `fill`) between kGuard sentinels.
struct Guarded {
  explicit Guarded(std::size_t count, float fill = kUnwritten)
      : cells(count + 2 * kGuard, kUnwritten), n(count) {
    for (std::size_t i = 0; i < n; ++i) cells[kGuard + i] = fill;
  }
  Guarded(const std::vector<float>& start) : Guarded(start.size()) {
    for (std::size_t i = 0; i < n; ++i) cells[kGuard + i] = start[i];
  }
  float* data() { return cells.data() + kGuard; }
  float at(std::size_t i) const { return cells[kGuard + i]; }
  bool guards_intact() const {
    for (std::size_t i = 0; i < kGuard; ++i) {
      if (cells[i] != kUnwritten || cells[kGuard + n + i] != kUnwritten) return false;
    }
    return true;
  }
  std::vector<float> cells;
  std::size_t n;
};

// NaN must meet NaN and an infinity the same infinity; finite values must
// agree within tol. Reports at most a few cells per buffer.
class CellChecker {
 public:
  explicit CellChecker(std::string what) : what_(std::move(what)) {}
  bool check(std::size_t i, float got, float want, double tol) {
    bool ok;
    if (std::isnan(want)) {
      ok = std::isnan(got);
    } else if (std::isinf(want)) {
      ok = got == want;
    } else {
      ok = std::isfinite(got) &&
           std::fabs(static_cast<double>(got) - static_cast<double>(want)) <= tol;
    }
    if (!ok && ++failures_ <= 5) {
      ADD_FAILURE() << what_ << "[" << i << "]: got " << got << ", want " << want << " (tol " << tol
                    << ")";
    }
    return ok;
  }

 private:
  std::string what_;
  int failures_ = 0;
};

// Why this tolerance: a kernel sums `terms` products in float in its own
// order; the reference sums in double and rounds once. Recursive float
// summation of n terms errs by at most gamma_n * sum|terms| with gamma_n ~
// n * FLT_EPSILON (Higham, Accuracy and Stability, 3.1), and FMA only
// removes roundings; sum|terms| (magnitude) is the reference run on |x|.
// 4 ulps of the result more cover the kernels' sigmoid / tanh (under 2 ulps,
// kernels_test.cpp's Activations test) and a rounded 1/count.
inline double sum_tolerance(long long terms, double magnitude, float want) {
  return static_cast<double>(terms + 2) * FLT_EPSILON * magnitude +
         4 * static_cast<double>(FLT_EPSILON) * std::fabs(want);
}

inline std::string describe(const Geometry2D& g) {
  std::ostringstream s;
  s << g.in_h << "x" << g.in_w << "x" << g.in_c << " -> " << g.out_h << "x" << g.out_w << "x"
    << g.filters << ", k " << g.kh << "x" << g.kw << ", s " << g.sh << "," << g.sw << ", d " << g.dh
    << "," << g.dw << ", pad t" << g.pad_top << " b" << g.pad_bottom << " l" << g.pad_left << " r"
    << g.pad_right;
  return s.str();
}

// A GoogleTest-safe case name: letters and digits, '_' between words.
inline std::string test_name(const std::string& text, std::size_t index) {
  std::string out;
  for (char ch : text) {
    const bool alnum =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (alnum) {
      out += ch;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out + "_" + std::to_string(index);
}

// Central difference of a loss that is linear (or piecewise linear, away
// from its kinks) in x[i]: (L(x + h) - L(x - h)) / (the steps really
// taken: x +- h is rounded to float). The loss is sum_o g_o * y_o in
// double over the float outputs y of a reference forward, each rounded
// once, so L is off by at most 2^-24 * sum|g_o y_o| (`scale` returns that
// sum); a linear L has no truncation error, so that rounding, divided by
// the step, is the whole error (tolerance() below). h = 0.25: large, to
// make the quotient's rounding error small, and exact on small integers.
struct Difference {
  double slope = 0;
  double tolerance = 0;
};

inline Difference central_difference(std::vector<float>& x, std::size_t i,
                                     const std::function<double(double*)>& loss) {
  const float x0 = x[i];
  const float up = x0 + 0.25f, down = x0 - 0.25f;
  x[i] = up;
  double scale_up = 0;
  const double l_up = loss(&scale_up);
  x[i] = down;
  double scale_down = 0;
  const double l_down = loss(&scale_down);
  x[i] = x0;
  const double step = static_cast<double>(up) - static_cast<double>(down);
  // FLT_EPSILON = 2^-23: twice the 2^-24 bound on each loss.
  return {(l_up - l_down) / step, FLT_EPSILON * (scale_up + scale_down) / step};
}

}  // namespace cs::checks
