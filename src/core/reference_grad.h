// reference_grad.h - the plain references for learning: Dense forward, the
// matrix product of its backward passes, and the backward passes of
// convolution and pooling. The oracle of tests/kernels_grad_test.cpp and
// kernels_dense_test.cpp, as core/reference.h is for the forward kernels:
// double accumulation, explicit bounds checks, no code shared with src/kernels.
#pragma once

#include "core/shape.h"

namespace cs::ref {

// Same contract as cs::dense_f32 (kernels/kernels.h): x [batch, in],
// kernel [in, units] (Keras' Dense layout), bias [units] or null.
void dense(int batch, int in, int units, const float* x, const float* kernel, const float* bias,
           Activation act, float* pre, float* out);

// Same contract as cs::gemm_f32: c[i, j] = sum_p op(a)[i, p] * op(b)[p, j]
// (+ c[i, j] when accumulate), op(a)[i, p] = trans_a ? a[p*lda + i] : a[i*lda + p].
void gemm(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b,
          int ldb, bool accumulate, float* c, int ldc);

// Same contract as cs::conv2d_backward_input_f32: grad_in overwritten.
void conv2d_backward_input(const Geometry2D& g, const float* grad_out, const float* kernel,
                           float* grad_in);

// Same contract as cs::conv2d_backward_filter_f32.
void conv2d_backward_filter(const Geometry2D& g, const float* in, const float* grad_out,
                            float* grad_kernel, float* grad_bias, bool accumulate);

// Same contract as cs::pool2d_backward_f32: grad_in overwritten.
void pool2d_backward(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                     const float* grad_out, float* grad_in);

// The tap of one max-pooling window that receives its gradient, as an index
// into the window (ky * kw + kx), or -1 when the window holds no real cell.
int max_pool_chosen_tap(const Geometry2D& g, const float* in, int oy, int ox, int c);

}  // namespace cs::ref
