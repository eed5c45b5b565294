// dispatch.cpp - conv2d_f32 / pool2d_f32: the best variant built for this
// target and CPU. WebAssembly has no run-time feature test, so there the
// choice is made at build time (*__simd.cpp is wasmsimd or scalar); native
// x86-64 asks the CPU once for AVX2 + FMA and falls back to SSE2.
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace cs {

namespace {

struct KernelTable {
  decltype(&conv2d_f32__simd) conv;
  decltype(&pool2d_f32__simd) pool;
  const char* isa;
};

KernelTable pick_kernels() {
#if CS_KERNELS_HAVE_AVX2
  if (kernels_cpu_has_avx2()) {
    return {&conv2d_f32__avx2, &pool2d_f32__avx2, "avx2"};
  }
#endif
  return {&conv2d_f32__simd, &pool2d_f32__simd, kernels_simd_isa()};
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

const char* kernels_isa_name() { return kernels().isa; }

}  // namespace cs
