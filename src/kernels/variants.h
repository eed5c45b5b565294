// variants.h - every kernel's named variants, for the dispatcher
// (dispatch.cpp), the kernel tests and the benchmarks; app code calls the
// plain entry points of kernels.h only. __scalar: the one-lane build, on
// every target. __simd: the vector build for this target (wasmsimd with
// -msimd128, sse2 on x86-64, else the scalar helpers again). __avx2: AVX2 +
// FMA, native x86-64 only, picked at run time when the CPU has both.
#pragma once

#include "kernels/geometry.h"

// Native x86-64 builds compile the *__avx2.cpp files (with -mavx2 -mfma);
// WebAssembly and other targets do not.
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#define CS_KERNELS_HAVE_AVX2 1
#else
#define CS_KERNELS_HAVE_AVX2 0
#endif

namespace cs {

// conv2d_f32* picks one of two paths by shape (conv2d_f32.inc, "Choosing
// the path"): _filters, vectorised over filters, and _rows, along the
// window's rows; both are named here so tests run each on every shape.

// "wasmsimd", "sse2" or "scalar": the helpers the __simd variants were built on.
const char* kernels_simd_isa();

// [SECTION] __scalar
void conv2d_f32__scalar(const Geometry2D& g, const float* in, const float* kernel,
                        const float* bias, Activation act, float* pre, float* out);
void conv2d_f32_filters__scalar(const Geometry2D& g, const float* in, const float* kernel,
                                const float* bias, Activation act, float* pre, float* out);
void conv2d_f32_rows__scalar(const Geometry2D& g, const float* in, const float* kernel,
                             const float* bias, Activation act, float* pre, float* out);
void pool2d_f32__scalar(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                        float* out);
void dense_f32__scalar(int batch, int in, int units, const float* x, const float* kernel,
                       const float* bias, Activation act, float* pre, float* out);
void gemm_f32__scalar(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
                      const float* b, int ldb, bool accumulate, float* c, int ldc);
void dense_backward_bias_f32__scalar(int batch, int units, const float* grad_out, float* grad_bias,
                                     bool accumulate);
void conv2d_backward_input_f32__scalar(const Geometry2D& g, const float* grad_out,
                                       const float* kernel, float* grad_in);
void conv2d_backward_filter_f32__scalar(const Geometry2D& g, const float* in, const float* grad_out,
                                        float* grad_kernel, float* grad_bias, bool accumulate);
void pool2d_backward_f32__scalar(const Geometry2D& g, PoolKind kind, bool count_include_pad,
                                 const float* in, const float* grad_out, float* grad_in);

// [SECTION] __simd
void conv2d_f32__simd(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                      Activation act, float* pre, float* out);
void conv2d_f32_filters__simd(const Geometry2D& g, const float* in, const float* kernel,
                              const float* bias, Activation act, float* pre, float* out);
void conv2d_f32_rows__simd(const Geometry2D& g, const float* in, const float* kernel,
                           const float* bias, Activation act, float* pre, float* out);
void pool2d_f32__simd(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                      float* out);
void dense_f32__simd(int batch, int in, int units, const float* x, const float* kernel,
                     const float* bias, Activation act, float* pre, float* out);
void gemm_f32__simd(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
                    const float* b, int ldb, bool accumulate, float* c, int ldc);
void dense_backward_bias_f32__simd(int batch, int units, const float* grad_out, float* grad_bias,
                                   bool accumulate);
void conv2d_backward_input_f32__simd(const Geometry2D& g, const float* grad_out,
                                     const float* kernel, float* grad_in);
void conv2d_backward_filter_f32__simd(const Geometry2D& g, const float* in, const float* grad_out,
                                      float* grad_kernel, float* grad_bias, bool accumulate);
void pool2d_backward_f32__simd(const Geometry2D& g, PoolKind kind, bool count_include_pad,
                               const float* in, const float* grad_out, float* grad_in);

#if CS_KERNELS_HAVE_AVX2
// [SECTION] __avx2
void conv2d_f32__avx2(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                      Activation act, float* pre, float* out);
void conv2d_f32_filters__avx2(const Geometry2D& g, const float* in, const float* kernel,
                              const float* bias, Activation act, float* pre, float* out);
void conv2d_f32_rows__avx2(const Geometry2D& g, const float* in, const float* kernel,
                           const float* bias, Activation act, float* pre, float* out);
void pool2d_f32__avx2(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                      float* out);
void dense_f32__avx2(int batch, int in, int units, const float* x, const float* kernel,
                     const float* bias, Activation act, float* pre, float* out);
void gemm_f32__avx2(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
                    const float* b, int ldb, bool accumulate, float* c, int ldc);
void dense_backward_bias_f32__avx2(int batch, int units, const float* grad_out, float* grad_bias,
                                   bool accumulate);
void conv2d_backward_input_f32__avx2(const Geometry2D& g, const float* grad_out,
                                     const float* kernel, float* grad_in);
void conv2d_backward_filter_f32__avx2(const Geometry2D& g, const float* in, const float* grad_out,
                                      float* grad_kernel, float* grad_bias, bool accumulate);
void pool2d_backward_f32__avx2(const Geometry2D& g, PoolKind kind, bool count_include_pad,
                               const float* in, const float* grad_out, float* grad_in);
// Whether this CPU (and OS) can run the AVX2 + FMA variants.
bool kernels_cpu_has_avx2();
#endif

}  // namespace cs
