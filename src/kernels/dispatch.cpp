// dispatch.cpp - the plain entry points of kernels.h: the best variant built
// for this target and CPU. WebAssembly has no run-time feature test, so there
// the choice is made at build time (*__simd.cpp is wasmsimd or scalar);
// native x86-64 asks the CPU once for AVX2 + FMA and falls back to SSE2.
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace cs {

namespace {

struct KernelTable {
  decltype(&conv2d_f32__simd) conv;
  decltype(&pool2d_f32__simd) pool;
  decltype(&dense_f32__simd) dense;
  decltype(&gemm_f32__simd) gemm;
  decltype(&dense_backward_bias_f32__simd) dense_bias;
  decltype(&conv2d_backward_input_f32__simd) conv_input;
  decltype(&conv2d_backward_filter_f32__simd) conv_filter;
  decltype(&pool2d_backward_f32__simd) pool_backward;
  const char* isa;
};

KernelTable pick_kernels() {
#if CS_KERNELS_HAVE_AVX2
  if (kernels_cpu_has_avx2()) {
    return {&conv2d_f32__avx2,
            &pool2d_f32__avx2,
            &dense_f32__avx2,
            &gemm_f32__avx2,
            &dense_backward_bias_f32__avx2,
            &conv2d_backward_input_f32__avx2,
            &conv2d_backward_filter_f32__avx2,
            &pool2d_backward_f32__avx2,
            "avx2"};
  }
#endif
  return {&conv2d_f32__simd,
          &pool2d_f32__simd,
          &dense_f32__simd,
          &gemm_f32__simd,
          &dense_backward_bias_f32__simd,
          &conv2d_backward_input_f32__simd,
          &conv2d_backward_filter_f32__simd,
          &pool2d_backward_f32__simd,
          kernels_simd_isa()};
}

const KernelTable& kernels() {
  static const KernelTable table = pick_kernels();
  return table;
}

}  // namespace

#if CS_KERNELS_HAVE_AVX2
bool kernels_cpu_has_avx2() {
  // GCC's cpu model (and clang's compiler-rt) only report AVX features the
  // OS has enabled via XSAVE, so this is safe to act on.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif

void conv2d_f32(const Geometry2D& g, const float* in, const float* kernel, const float* bias,
                Activation act, float* pre, float* out) {
  kernels().conv(g, in, kernel, bias, act, pre, out);
}

void pool2d_f32(const Geometry2D& g, PoolKind kind, bool count_include_pad, const float* in,
                float* out) {
  kernels().pool(g, kind, count_include_pad, in, out);
}

void dense_f32(int batch, int in, int units, const float* x, const float* kernel, const float* bias,
               Activation act, float* pre, float* out) {
  kernels().dense(batch, in, units, x, kernel, bias, act, pre, out);
}

void gemm_f32(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
              const float* b, int ldb, bool accumulate, float* c, int ldc) {
  kernels().gemm(trans_a, trans_b, m, n, k, a, lda, b, ldb, accumulate, c, ldc);
}

void dense_backward_bias_f32(int batch, int units, const float* grad_out, float* grad_bias,
                             bool accumulate) {
  kernels().dense_bias(batch, units, grad_out, grad_bias, accumulate);
}

void conv2d_backward_input_f32(const Geometry2D& g, const float* grad_out, const float* kernel,
                               float* grad_in) {
  kernels().conv_input(g, grad_out, kernel, grad_in);
}

void conv2d_backward_filter_f32(const Geometry2D& g, const float* in, const float* grad_out,
                                float* grad_kernel, float* grad_bias, bool accumulate) {
  kernels().conv_filter(g, in, grad_out, grad_kernel, grad_bias, accumulate);
}

void pool2d_backward_f32(const Geometry2D& g, PoolKind kind, bool count_include_pad,
                         const float* in, const float* grad_out, float* grad_in) {
  kernels().pool_backward(g, kind, count_include_pad, in, grad_out, grad_in);
}

const char* kernels_isa_name() { return kernels().isa; }

}  // namespace cs
