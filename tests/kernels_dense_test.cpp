// kernels_dense_test.cpp - Dense, the matrix product and the bias gradient:
// every compiled variant (scalar, simd, avx2 where the CPU has it, and the
// dispatcher) against cs::ref in seeded sweeps, the reference against
// numbers by hand, and the reference's gradients against central finite
// differences of ref::dense. Runs natively and as WebAssembly under Node.
//
// Index
// [SECTION] Variants
// [SECTION] Dense by hand
// [SECTION] Dense sweep
// [SECTION] Matrix product sweep
// [SECTION] Bias gradient
// [SECTION] The references are the gradients of ref::dense

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/reference.h"
#include "core/reference_grad.h"
#include "kernel_checks.h"
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace cs {
namespace {

using checks::CellChecker;
using checks::Guarded;
using checks::random_values;
using checks::sum_tolerance;

// [SECTION] Variants

struct DenseVariant {
  const char* name;
  decltype(&dense_f32) dense;
  decltype(&gemm_f32) gemm;
  decltype(&dense_backward_bias_f32) bias;
};

std::vector<DenseVariant> variants() {
  std::vector<DenseVariant> v = {
      {"scalar", &dense_f32__scalar, &gemm_f32__scalar, &dense_backward_bias_f32__scalar},
      {"simd", &dense_f32__simd, &gemm_f32__simd, &dense_backward_bias_f32__simd},
  };
#if CS_KERNELS_HAVE_AVX2
  if (kernels_cpu_has_avx2()) {
    v.push_back({"avx2", &dense_f32__avx2, &gemm_f32__avx2, &dense_backward_bias_f32__avx2});
  }
#endif
  v.push_back({"dispatch", &dense_f32, &gemm_f32, &dense_backward_bias_f32});
  return v;
}

// [SECTION] Dense by hand

TEST(DenseByHand, TwoSamplesThreeUnitsBiasRelu) {
  // x = [[1, 2], [-1, 0.5]], K = [[1, 2, 3], [4, 5, 6]] (in 2 x units 3),
  // bias [0.5, -10, 0]: [1+8+0.5, 2+10-10, 3+12] = [9.5, 2, 15] and
  // [-1+2+0.5, -2+2.5-10, -3+3] = [1.5, -9.5, 0] -> relu [1.5, 0, 0].
  const std::vector<float> x = {1, 2, -1, 0.5f}, k = {1, 2, 3, 4, 5, 6}, b = {0.5f, -10, 0};
  const std::vector<float> want_pre = {9.5f, 2, 15, 1.5f, -9.5f, 0};
  const std::vector<float> want = {9.5f, 2, 15, 1.5f, 0, 0};
  std::vector<float> out(6), pre(6);
  ref::dense(2, 2, 3, x.data(), k.data(), b.data(), Activation::kRelu, pre.data(), out.data());
  EXPECT_EQ(out, want);
  EXPECT_EQ(pre, want_pre);
  for (const DenseVariant& v : variants()) {
    std::vector<float> got(6), got_pre(6);
    v.dense(2, 2, 3, x.data(), k.data(), b.data(), Activation::kRelu, got_pre.data(), got.data());
    EXPECT_EQ(got, want) << v.name;
    EXPECT_EQ(got_pre, want_pre) << v.name;
  }
}

TEST(DenseByHand, BackwardPasses) {
  // dY = [[1, 0, -1]], K as above, X = [[1, 2]]: dX = dY K^T = [1-3, 4-6]
  // = [-2, -2]; dK = X^T dY = [[1, 0, -1], [2, 0, -2]]; db = [1, 0, -1].
  const std::vector<float> dy = {1, 0, -1}, k = {1, 2, 3, 4, 5, 6}, x = {1, 2};
  for (const DenseVariant& v : variants()) {
    std::vector<float> dx(2), dk(6), db(3);
    v.gemm(false, true, 1, 2, 3, dy.data(), 3, k.data(), 3, false, dx.data(), 2);
    v.gemm(true, false, 2, 3, 1, x.data(), 2, dy.data(), 3, false, dk.data(), 3);
    v.bias(1, 3, dy.data(), db.data(), false);
    EXPECT_EQ(dx, (std::vector<float>{-2, -2})) << v.name;
    EXPECT_EQ(dk, (std::vector<float>{1, 0, -1, 2, 0, -2})) << v.name;
    EXPECT_EQ(db, (std::vector<float>{1, 0, -1})) << v.name;
  }
}

// [SECTION] Dense sweep

struct DenseCase {
  int batch, in, units;
  Activation act;
  bool bias, want_pre;
  std::uint32_t seed;
};

void expect_dense_matches_reference(const DenseCase& dc) {
  SCOPED_TRACE("seed " + std::to_string(dc.seed) + ", batch " + std::to_string(dc.batch) + ", in " +
               std::to_string(dc.in) + ", units " + std::to_string(dc.units));
  std::mt19937 gen(dc.seed);
  const std::size_t n = static_cast<std::size_t>(dc.batch) * dc.units;
  const auto x = random_values(static_cast<std::size_t>(dc.batch) * dc.in, gen);
  const auto k = random_values(static_cast<std::size_t>(dc.in) * dc.units, gen);
  const auto bias = random_values(static_cast<std::size_t>(dc.units), gen);
  const float* b = dc.bias ? bias.data() : nullptr;
  std::vector<float> want(n), want_pre(n), magnitude(n);
  ref::dense(dc.batch, dc.in, dc.units, x.data(), k.data(), b, dc.act, want_pre.data(),
             want.data());
  const auto ax = checks::absolute(x), ak = checks::absolute(k), ab = checks::absolute(bias);
  ref::dense(dc.batch, dc.in, dc.units, ax.data(), ak.data(), b ? ab.data() : nullptr,
             Activation::kLinear, nullptr, magnitude.data());
  for (const DenseVariant& v : variants()) {
    SCOPED_TRACE(v.name);
    Guarded out(n), pre(n);
    v.dense(dc.batch, dc.in, dc.units, x.data(), k.data(), b, dc.act,
            dc.want_pre ? pre.data() : nullptr, out.data());
    EXPECT_TRUE(out.guards_intact()) << "wrote outside out";
    EXPECT_TRUE(pre.guards_intact()) << "wrote outside pre";
    CellChecker out_check("out"), pre_check("pre");
    for (std::size_t i = 0; i < n; ++i) {
      out_check.check(i, out.at(i), want[i], sum_tolerance(dc.in + 1, magnitude[i], want[i]));
      if (dc.want_pre) {
        pre_check.check(i, pre.at(i), want_pre[i],
                        sum_tolerance(dc.in + 1, magnitude[i], want_pre[i]));
      } else if (pre.at(i) != checks::kUnwritten) {
        ADD_FAILURE() << "pre written although null";
        break;
      }
    }
  }
}

// Batch 1 (matrix-vector) to 5 and 32; inputs and units below, at and above
// 4, 8 and the register tiles (16 and 32 columns, 6 and 12 rows).
TEST(DenseSweep, MatchesReference) {
  std::uint32_t seed = 100;
  for (int batch : {1, 2, 3, 4, 5, 7, 13, 32}) {
    for (int in : {1, 3, 4, 8, 9, 33}) {
      for (int units : {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 33, 40}) {
        const Activation act = static_cast<Activation>(seed % 4);
        expect_dense_matches_reference({batch, in, units, act, seed % 3 != 0, seed % 2 == 0, seed});
        ++seed;
      }
    }
  }
}

TEST(DenseSweep, ChapterShapes) {
  // A drawn digit through Dense(100) over a 7x7x64 feature map, then the
  // classifier; a mini-batch of 32 through the same layers.
  for (int batch : {1, 32}) {
    expect_dense_matches_reference({batch, 3136, 100, Activation::kRelu, true, true, 3136u});
    expect_dense_matches_reference({batch, 100, 10, Activation::kLinear, true, false, 100u});
  }
}

// [SECTION] Matrix product sweep

struct GemmCase {
  bool ta, tb;
  int m, n, k;
  int pad;  // extra floats per row of a, b and c (leading dimensions > minimal)
  bool accumulate;
  std::uint32_t seed;
};

void expect_gemm_matches_reference(const GemmCase& gc) {
  SCOPED_TRACE("seed " + std::to_string(gc.seed) + ", " + (gc.ta ? "T" : "N") +
               (gc.tb ? "T" : "N") + " m " + std::to_string(gc.m) + " n " + std::to_string(gc.n) +
               " k " + std::to_string(gc.k) + " pad " + std::to_string(gc.pad) +
               (gc.accumulate ? " accumulate" : ""));
  std::mt19937 gen(gc.seed);
  const int a_rows = gc.ta ? gc.k : gc.m, a_cols = gc.ta ? gc.m : gc.k;
  const int b_rows = gc.tb ? gc.n : gc.k, b_cols = gc.tb ? gc.k : gc.n;
  const int lda = a_cols + gc.pad, ldb = b_cols + gc.pad, ldc = gc.n + gc.pad;
  const auto a = random_values(static_cast<std::size_t>(a_rows) * lda, gen);
  const auto b = random_values(static_cast<std::size_t>(b_rows) * ldb, gen);
  const auto c0 = random_values(static_cast<std::size_t>(gc.m) * ldc, gen);
  std::vector<float> want = c0, magnitude = checks::absolute(c0);
  ref::gemm(gc.ta, gc.tb, gc.m, gc.n, gc.k, a.data(), lda, b.data(), ldb, gc.accumulate,
            want.data(), ldc);
  const auto aa = checks::absolute(a), ab = checks::absolute(b);
  ref::gemm(gc.ta, gc.tb, gc.m, gc.n, gc.k, aa.data(), lda, ab.data(), ldb, gc.accumulate,
            magnitude.data(), ldc);
  for (const DenseVariant& v : variants()) {
    SCOPED_TRACE(v.name);
    Guarded c(c0);
    v.gemm(gc.ta, gc.tb, gc.m, gc.n, gc.k, a.data(), lda, b.data(), ldb, gc.accumulate, c.data(),
           ldc);
    EXPECT_TRUE(c.guards_intact()) << "wrote outside c";
    CellChecker check("c");
    for (int i = 0; i < gc.m; ++i) {
      for (int j = 0; j < ldc; ++j) {
        const std::size_t at = static_cast<std::size_t>(i) * ldc + j;
        if (j >= gc.n) {
          // The padding between rows belongs to the caller.
          check.check(at, c.at(at), c0[at], 0.0);
          continue;
        }
        check.check(at, c.at(at), want[at], sum_tolerance(gc.k + 1, magnitude[at], want[at]));
      }
    }
  }
}

TEST(GemmSweep, EveryTransposeMatchesReference) {
  std::uint32_t seed = 7000;
  for (int t = 0; t < 4; ++t) {
    for (int m : {1, 2, 3, 5, 7, 13}) {
      for (int n : {1, 3, 4, 5, 8, 9, 16, 17, 33}) {
        for (int k : {0, 1, 3, 4, 5, 8, 9, 32, 37}) {
          expect_gemm_matches_reference(
              {t % 2 == 1, t / 2 == 1, m, n, k, static_cast<int>(seed % 3), seed % 2 == 1, seed});
          ++seed;
        }
      }
    }
  }
}

TEST(GemmSweep, DenseBackwardShapes) {
  // dX = dY K^T and dK = X^T dY of Dense(100) over 3136 inputs, batch 1 and 32.
  for (int batch : {1, 32}) {
    expect_gemm_matches_reference({false, true, batch, 3136, 100, 0, false, 11u});
    expect_gemm_matches_reference({true, false, 3136, 100, batch, 0, true, 12u});
    expect_gemm_matches_reference({true, false, 100, 10, batch, 0, false, 13u});
  }
}

// [SECTION] Bias gradient

TEST(DenseBiasGradient, MatchesColumnSums) {
  std::uint32_t seed = 300;
  for (int batch : {0, 1, 2, 5, 32}) {
    for (int units : {1, 3, 4, 7, 8, 9, 17, 100}) {
      for (bool accumulate : {false, true}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", batch " + std::to_string(batch) +
                     ", units " + std::to_string(units));
        std::mt19937 gen(seed++);
        const auto dy = random_values(static_cast<std::size_t>(batch) * units, gen);
        const auto start = random_values(static_cast<std::size_t>(units), gen);
        for (const DenseVariant& v : variants()) {
          Guarded db(start);
          v.bias(batch, units, dy.data(), db.data(), accumulate);
          EXPECT_TRUE(db.guards_intact()) << v.name;
          CellChecker check(std::string(v.name) + " grad_bias");
          for (int u = 0; u < units; ++u) {
            double want = accumulate ? start[static_cast<std::size_t>(u)] : 0.0,
                   mag = std::fabs(want);
            for (int b = 0; b < batch; ++b) {
              want += dy[static_cast<std::size_t>(b) * units + u];
              mag += std::fabs(dy[static_cast<std::size_t>(b) * units + u]);
            }
            check.check(static_cast<std::size_t>(u), db.at(static_cast<std::size_t>(u)),
                        static_cast<float>(want),
                        sum_tolerance(batch + 1, mag, static_cast<float>(want)));
          }
        }
      }
    }
  }
}

// [SECTION] The references are the gradients of ref::dense

// L = sum g[b, u] * pre[b, u] over ref::dense's pre-activations, so
// dL/d pre = g; its gradients by ref::gemm (dX = g K^T, dK = X^T g) and the
// column sums (db) must match central differences of L. See
// checks::central_difference for why the tolerance is what it is.
TEST(DenseGradients, ReferenceMatchesFiniteDifferences) {
  struct Shape {
    int batch, in, units;
  };
  std::uint32_t seed = 40;
  for (const Shape s : {Shape{1, 5, 3}, Shape{3, 4, 7}, Shape{2, 9, 1}, Shape{5, 2, 6}}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 gen(seed++);
    auto x = random_values(static_cast<std::size_t>(s.batch) * s.in, gen);
    auto k = random_values(static_cast<std::size_t>(s.in) * s.units, gen);
    auto bias = random_values(static_cast<std::size_t>(s.units), gen);
    const auto g = random_values(static_cast<std::size_t>(s.batch) * s.units, gen);
    auto loss = [&](double* scale) {
      std::vector<float> pre(g.size()), out(g.size());
      ref::dense(s.batch, s.in, s.units, x.data(), k.data(), bias.data(), Activation::kLinear,
                 pre.data(), out.data());
      double l = 0;
      *scale = 0;
      for (std::size_t i = 0; i < g.size(); ++i) {
        l += static_cast<double>(g[i]) * pre[i];
        *scale += std::fabs(static_cast<double>(g[i]) * pre[i]);
      }
      return l;
    };
    std::vector<float> dx(x.size()), dk(k.size()), db(bias.size());
    ref::gemm(false, true, s.batch, s.in, s.units, g.data(), s.units, k.data(), s.units, false,
              dx.data(), s.in);
    ref::gemm(true, false, s.in, s.units, s.batch, x.data(), s.in, g.data(), s.units, false,
              dk.data(), s.units);
    for (int u = 0; u < s.units; ++u) {
      double sum = 0;
      for (int b = 0; b < s.batch; ++b) sum += g[static_cast<std::size_t>(b) * s.units + u];
      db[static_cast<std::size_t>(u)] = static_cast<float>(sum);
    }
    auto expect_slopes = [&](std::vector<float>& param, const std::vector<float>& grad,
                             const char* what) {
      CellChecker check(what);
      for (std::size_t i = 0; i < param.size(); ++i) {
        const checks::Difference d = checks::central_difference(param, i, loss);
        check.check(i, grad[i], static_cast<float>(d.slope),
                    d.tolerance + FLT_EPSILON * std::fabs(grad[i]) + 1e-9);
      }
    };
    expect_slopes(x, dx, "dL/dx");
    expect_slopes(k, dk, "dL/dkernel");
    expect_slopes(bias, db, "dL/dbias");
  }
}

}  // namespace
}  // namespace cs
