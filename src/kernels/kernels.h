// kernels.h - the fast kernels' entry points: convolution, pooling, Dense,
// and the backward passes training needs. Each kernel is written once over
// the vector helpers in simd/ and compiled per instruction set; the plain
// entry points (conv2d_f32, dense_f32, ...) pick the best variant built.
// Layouts: input HWC, kernel HWIO, output HWC (out_h, out_w, filters); Dense
// x [batch, in], kernel [in, units] (Keras), out [batch, units]; row-major.
//
// [SECTION] Forward
// [SECTION] Backward (learning)
// (Named variants, for tests and benchmarks: kernels/variants.h.)
#pragma once

#include "kernels/geometry.h"

namespace cs {

// [SECTION] Forward

// out = activation(conv(in, kernel) + bias). bias may be null (no bias).
// If pre is non-null it receives the values before the activation.
// Padding taps contribute nothing (they are never read).
void conv2d_f32(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                Activation act, float* pre, float* out);

// Max pooling treats padding as -inf. Average pooling divides by the number
// of real cells in the window (Keras/TF), or by kh*kw when
// count_include_pad is set (PyTorch's default), to let the UI contrast them.
void pool2d_f32(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                float* out);

// Keras Dense: out[b, u] = activation(bias[u] + sum_i x[b, i] * kernel[i, u]).
// x [batch, in], kernel [in, units], bias [units] or null, pre (null or) and
// out [batch, units]; the activation contract of conv2d_f32. Activations
// other than relu / sigmoid / tanh (a softmax) are linear here: the caller
// normalises. batch == 1 is a matrix-vector product.
void dense_f32(int batch, int in, int units, const float* x, const float* kernel, const float* bias,
               Activation act, float* pre, float* out);

// [SECTION] Backward (learning)

// c = op(a) * op(b), or c += op(a) * op(b) when accumulate; c is m x n with
// row stride ldc, the inner dimension is k. All row-major:
//   op(a)[i, p] = trans_a ? a[p * lda + i] : a[i * lda + p]   (a is m x k, or k x m)
//   op(b)[p, j] = trans_b ? b[j * ldb + p] : b[p * ldb + j]   (b is k x n, or n x k)
// c must not overlap a or b. k == 0 gives zeros (or leaves c when accumulating).
// Dense's backward passes (dY = dL/d pre [batch, units], K [in, units], X [batch, in]):
//   dX = dY * K^T:  gemm_f32(false, true,  batch, in, units, dY, units, K, units, false, dX, in)
//   dK = X^T * dY:  gemm_f32(true,  false, in, units, batch, X, in, dY, units, acc, dK, units)
// (acc = true sums a mini-batch split over several calls into dK.)
// Fast cases: trans_b == false (any trans_a), and trans_a == false with
// trans_b == true (dot products); both transposed copies b first.
void gemm_f32(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
              const float* b, int ldb, bool accumulate, float* c, int ldc);

// grad_bias[u] = sum_b grad_out[b, u] (+ grad_bias[u] when accumulate):
// Dense's bias gradient from dL/d pre [batch, units].
void dense_backward_bias_f32(int batch, int units, const float* grad_out, float* grad_bias,
                             bool accumulate);

// dL/d in of a convolution: grad_out is dL/d(pre-activation) [out_h, out_w,
// filters], kernel HWIO, grad_in [in_h, in_w, in_c] is overwritten. g is the
// forward's geometry (every stride, dilation and padding it supports);
// input cells no window reads get 0, padding taps send nothing anywhere.
void conv2d_backward_input_f32(const Geometry2D& g, const float* grad_out, const float* kernel,
                               float* grad_in);

// dL/d kernel (HWIO) and dL/d bias ([filters], or null for none) of a
// convolution from its input and dL/d(pre-activation). Overwritten, or
// added to when accumulate: a mini-batch is one call per sample with
// accumulate = (sample > 0), which sums over the samples.
void conv2d_backward_filter_f32(const Geometry2D& g, const float* in, const float* grad_out,
                                float* grad_kernel, float* grad_bias, bool accumulate);

// dL/d in of pooling; grad_in [in_h, in_w, in_c] is overwritten, in is the
// forward's input. Max: each window's gradient goes to its chosen cell, the
// first maximum in window order (ky, kx row-major) or the first NaN, as the
// forward's trace and cs::ref choose it; a window of padding only sends
// nothing. Average: gradient / divisor to each real cell of the window
// (divisor as in pool2d_f32). Overlapping windows add up.
void pool2d_backward_f32(const Geometry2D& g, PoolKind kind, bool count_include_pad,
                         const float* in, const float* grad_out, float* grad_in);

// Which variant the plain entry points run: "wasmsimd", "sse2", "avx2", "scalar".
const char* kernels_isa_name();

}  // namespace cs
