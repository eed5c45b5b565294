// wasm/kernels_module.cpp - kernel entry points as a small WebAssembly module
// for the Node benchmarks: Dense for bench/sweep_web.mjs (the JS module has
// no Dense layer yet; its core validates scenes of up to 64 input channels)
// and each convolution path alone for bench/conv_paths.mjs, which measures
// the rule conv2d_f32 picks its path by. JS copies the operands into this
// heap, calls, and copies the result out, as the typed conv2d() call does.
// Also a whole model's forward pass on one example, the model read once, for
// bench/train_web.mjs (the JS module's predict() reads the model on every call).
// Built beside the JS module by the wasm and wasm-scalar presets.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/init.h"
#include "core/scene.h"
#include "core/train/model_pass.h"
#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace {

std::vector<float>& buffer(int which) {
  static std::vector<float> buffers[3];  // input (x), kernel, out
  return buffers[which < 0 || which > 2 ? 2 : which];
}

struct Model {
  cs::Scene scene;
  std::unique_ptr<cs::ModelPass> pass;
};

Model& model() {
  static Model m;
  return m;
}

std::string& model_text() {
  static std::string text;
  return text;
}

}  // namespace

extern "C" {

// Room for `count` floats in buffer 0 (input), 1 (kernel) or 2 (out); the
// pointer is valid until the next call that may grow the heap.
EMSCRIPTEN_KEEPALIVE float* bench_buffer(int which, int count) {
  std::vector<float>& v = buffer(which);
  v.resize(static_cast<std::size_t>(count < 0 ? 0 : count));
  return v.data();
}

// out = x [batch, in] * kernel [in, units], no bias, linear.
EMSCRIPTEN_KEEPALIVE void bench_dense(int batch, int in, int units) {
  cs::dense_f32(batch, in, units, buffer(0).data(), buffer(1).data(), nullptr,
                cs::Activation::kLinear, nullptr, buffer(2).data());
}

// One convolution (no bias, linear) by path: 0 the rule (conv2d_f32),
// 1 vectorised over filters, 2 along window rows. Padding as given; the
// caller sizes out to out_h * out_w * filters.
EMSCRIPTEN_KEEPALIVE void bench_conv(int path, int h, int w, int c, int f, int kh, int kw, int sh,
                                     int sw, int dh, int dw, int pt, int pl, int out_h, int out_w) {
  cs::Geometry2D g;
  g.in_h = h, g.in_w = w, g.in_c = c, g.filters = f, g.kh = kh, g.kw = kw;
  g.sh = sh, g.sw = sw, g.dh = dh, g.dw = dw, g.pad_top = pt, g.pad_left = pl;
  g.out_h = out_h, g.out_w = out_w;
  auto fn = path == 1   ? &cs::conv2d_f32_filters__simd
            : path == 2 ? &cs::conv2d_f32_rows__simd
                        : &cs::conv2d_f32;
  fn(g, buffer(0).data(), buffer(1).data(), nullptr, cs::Activation::kLinear, nullptr,
     buffer(2).data());
}

// Room for the model's scene JSON (`bytes` long, UTF-8).
EMSCRIPTEN_KEEPALIVE char* bench_model_text(int bytes) {
  model_text().resize(static_cast<std::size_t>(bytes < 0 ? 0 : bytes));
  return model_text().data();
}

// Reads the scene JSON written there, initialises the weights it leaves out
// (Keras' initialisers, from its seed) and sizes a pass for one example:
// 0, or 1 when the scene is refused.
EMSCRIPTEN_KEEPALIVE int bench_model_load() {
  cs::Result<cs::Scene> scene = cs::parse_scene(model_text());
  if (!scene) return 1;
  Model& m = model();
  m.scene = std::move(*scene);
  cs::init_missing_weights(&m.scene);
  cs::Result<cs::ModelPass> pass = cs::ModelPass::create(m.scene, 1);
  if (!pass) return 1;
  m.pass = std::make_unique<cs::ModelPass>(std::move(*pass));
  return 0;
}

// The loaded model at inference on buffer 0 (one example); returns its output.
EMSCRIPTEN_KEEPALIVE const float* bench_model_forward() {
  Model& m = model();
  m.pass->forward(&m.scene, buffer(0).data(), 1, false, 0);
  return m.pass->output();
}

EMSCRIPTEN_KEEPALIVE const char* bench_isa() { return cs::kernels_isa_name(); }

}  // extern "C"
