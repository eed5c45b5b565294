// core_exports.cpp - the C entry points of the JS module (convscope_core.mjs).
// The whole JS <-> wasm interop of the engine-only module lives here and in
// src/js/convscope_core.mjs; the core itself knows nothing of JavaScript.
// Typed-array calls go through one persistent Scene, so JS writes inputs and
// weights straight into the vectors the core validates and runs (no second
// copy) and a repeated call of the same shape allocates nothing.
//
// [SECTION] State shared with JS
// [SECTION] Buffers JS writes into
// [SECTION] Scene JSON
// [SECTION] conv2d / pool2d on raw buffers
// [SECTION] Training and prediction
// [SECTION] Results and errors

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine.h"
#include "core/json.h"
#include "core/train/fit.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/validate.h"
#include "kernels/kernels.h"

namespace {

// [SECTION] State shared with JS

// One input and one layer; JS fills input.data, layers[0].kernel/bias.
struct TypedCall {
  cs::Scene scene;
  std::vector<float> output;
  std::int32_t output_shape[3] = {0, 0, 0};
  std::string error_where;
  std::string error_message;
};

TypedCall& call() {
  static TypedCall c = [] {
    TypedCall t;
    t.scene.layers.resize(1);
    return t;
  }();
  return c;
}

// The scene JSON JS writes in, and the result JSON it reads back.
std::string& text_in() {
  static std::string s;
  return s;
}
std::string& text_out() {
  static std::string s;
  return s;
}

cs::PaddingMode padding_mode(int mode) {
  switch (mode) {
    case 1: return cs::PaddingMode::kSame;
    case 2: return cs::PaddingMode::kFull;
    case 3: return cs::PaddingMode::kExplicit;
    default: return cs::PaddingMode::kValid;
  }
}

cs::Activation activation(int act) {
  switch (act) {
    case 1: return cs::Activation::kRelu;
    case 2: return cs::Activation::kSigmoid;
    case 3: return cs::Activation::kTanh;
    default: return cs::Activation::kLinear;
  }
}

// The core names scene paths ("input.shape[0]", "layers[0].strides"); a
// typed call has no scene, so the path is shortened to the option's name.
std::string typed_where(const std::string& where) {
  const std::string_view layer0 = "layers[0]";
  if (where.compare(0, layer0.size(), layer0) == 0) {
    std::string rest = where.substr(layer0.size());
    return rest.empty() ? rest : rest.substr(1);  // drop the '.'
  }
  const std::string_view input = "input.";
  if (where.compare(0, input.size(), input) == 0) {
    const std::string rest = where.substr(input.size());  // data, shape, shape[i]
    return rest == "data" ? "input" : "inputShape" + rest.substr(5);
  }
  return where;
}

// Validates the one-layer scene, then runs it into `output`. 0 on success.
int run_typed(TypedCall& c) {
  c.error_where.clear();
  c.error_message.clear();
  cs::Result<cs::ScenePlan> plan = cs::validate_scene(c.scene);
  if (!plan) {
    c.error_where = typed_where(plan.error().where);
    c.error_message = plan.error().message;
    return 1;
  }
  const cs::TensorShape& out = plan->shapes[1];
  c.output_shape[0] = out.h;
  c.output_shape[1] = out.w;
  c.output_shape[2] = out.c;
  // resize, not assign: a repeated shape costs nothing, and the kernels
  // write every output element.
  c.output.resize(static_cast<std::size_t>(out.elements()));
  cs::run_layer(c.scene.layers[0], plan->layer(0), cs::Backend::kFast,
                c.scene.input.data.data(), nullptr, c.output.data());
  return 0;
}

void set_input(cs::Scene& scene, int h, int w, int ch, int one_d) {
  scene.input.shape = cs::TensorShape{one_d ? 1 : h, w, ch, one_d != 0};
}

void set_window(cs::Layer& l, int kh, int kw, int sh, int sw, int mode, int pt,
                int pb, int pl, int pr) {
  l.kernel_size = {kh, kw};
  l.strides = {sh, sw};
  l.padding = padding_mode(mode);
  l.pads = mode == 3 ? std::array<int, 4>{pt, pb, pl, pr}
                     : std::array<int, 4>{0, 0, 0, 0};
}

// Examples JS writes for train / predict, and predict's result.
struct Examples {
  std::vector<float> x;
  std::vector<std::int32_t> y;
  std::vector<float> out;
  std::int32_t out_shape[4] = {0, 0, 0, 0};  // [N, ...] of the last output, rank + 1 used
  std::int32_t out_rank = 0;
};

Examples& examples() {
  static Examples e;
  return e;
}

std::string error_json(const cs::Error& e) {
  std::string out = "{\"error\": {\"where\": ";
  cs::append_json_string(out, e.where);
  out += ", \"message\": ";
  cs::append_json_string(out, e.message);
  out += ", \"code\": ";
  cs::append_json_string(out, e.code);
  return out + "}}";
}

// One example's shape from xShape without N: [H, W, C], [steps, C] or [units].
cs::TensorShape example_shape(int rank, int h, int w, int c) {
  if (rank == 1) return cs::vector_shape(h);
  if (rank == 2) return cs::TensorShape{1, h, w, true, false};
  return cs::TensorShape{h, w, c, false, false};
}

// The model in the text buffer, or an error.
cs::Result<cs::Scene> model_in(int bytes) {
  const std::string& in = text_in();
  const std::size_t n = static_cast<std::size_t>(bytes < 0 ? 0 : bytes);
  return cs::parse_scene(std::string_view(in.data(), n < in.size() ? n : in.size()));
}

cs::Dataset dataset_of(int n, const cs::TensorShape& shape) {
  cs::Dataset d;
  d.shape = shape;
  const std::size_t count = static_cast<std::size_t>(n < 0 ? 0 : n);
  d.x.assign(examples().x.begin(), examples().x.begin() +
                                       static_cast<std::ptrdiff_t>(count * static_cast<std::size_t>(shape.elements())));
  d.y.assign(examples().y.begin(), examples().y.begin() + static_cast<std::ptrdiff_t>(count));
  return d;
}

void append_list(std::string& out, const char* name, const std::vector<double>& v, bool first) {
  out += first ? "\"" : ", \"";
  out += name;
  out += "\": [";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ", ";
    cs::append_float(out, static_cast<float>(v[i]));
  }
  out += "]";
}

std::string history_json(const cs::FitHistory& h, bool validation) {
  std::string out = "{";
  append_list(out, "loss", h.loss, true);
  append_list(out, "accuracy", h.accuracy, false);
  append_list(out, "val_loss", validation ? h.val_loss : std::vector<double>{}, false);
  append_list(out, "val_accuracy", validation ? h.val_accuracy : std::vector<double>{}, false);
  return out + "}";
}

}  // namespace

extern "C" {

// [SECTION] Buffers JS writes into
// Each returns a pointer valid until the next call that may grow the heap.
// Counts are element counts; growing zero-fills only the new tail.

EMSCRIPTEN_KEEPALIVE float* cs_input_buffer(int count) {
  std::vector<float>& v = call().scene.input.data;
  v.resize(static_cast<std::size_t>(count < 0 ? 0 : count));
  return v.data();
}

EMSCRIPTEN_KEEPALIVE float* cs_kernel_buffer(int count) {
  std::vector<float>& v = call().scene.layers[0].kernel;
  v.resize(static_cast<std::size_t>(count < 0 ? 0 : count));
  return v.data();
}

EMSCRIPTEN_KEEPALIVE float* cs_bias_buffer(int count) {
  std::vector<float>& v = call().scene.layers[0].bias;
  v.resize(static_cast<std::size_t>(count < 0 ? 0 : count));
  return v.data();
}

// Room for `bytes` of UTF-8 scene text (plus a terminator).
EMSCRIPTEN_KEEPALIVE char* cs_text_buffer(int bytes) {
  std::string& s = text_in();
  s.resize(static_cast<std::size_t>(bytes < 0 ? 0 : bytes) + 1);
  return s.data();
}

// [SECTION] Scene JSON

// Runs the first `bytes` of the text buffer as a scene. The result JSON
// (outputs or error) stays valid until the next call; its length is
// cs_text_out_length().
EMSCRIPTEN_KEEPALIVE const char* cs_run_scene(int bytes) {
  std::string& in = text_in();
  const std::size_t n = static_cast<std::size_t>(bytes < 0 ? 0 : bytes);
  text_out() = cs::run_scene_json(std::string_view(in.data(), n < in.size() ? n : in.size()));
  return text_out().c_str();
}

EMSCRIPTEN_KEEPALIVE int cs_text_out_length() {
  return static_cast<int>(text_out().size());
}

// [SECTION] conv2d / pool2d on raw buffers
// padding: 0 valid, 1 same, 2 full, 3 explicit (pt, pb, pl, pr).
// activation: 0 linear, 1 relu, 2 sigmoid, 3 tanh.
// one_d: a Conv1D / pooling 1D call (h must be 1, kh = sh = dh = 1).
// Return 0 on success, else 1 with cs_error_where / cs_error_message set.

EMSCRIPTEN_KEEPALIVE int cs_conv2d(int h, int w, int c, int kh, int kw,
                                   int filters, int use_bias, int sh, int sw,
                                   int dh, int dw, int padding, int pt, int pb,
                                   int pl, int pr, int act, int one_d) {
  TypedCall& t = call();
  set_input(t.scene, h, w, c, one_d);
  cs::Layer& l = t.scene.layers[0];
  l.type = one_d ? cs::LayerType::kConv1D : cs::LayerType::kConv2D;
  l.filters = filters;
  set_window(l, kh, kw, sh, sw, padding, pt, pb, pl, pr);
  l.dilation_rate = {dh, dw};
  l.activation = activation(act);
  l.use_bias = use_bias != 0;
  l.count_include_pad = false;
  if (!l.use_bias) l.bias.clear();
  return run_typed(t);
}

// kind: 0 max, 1 average.
EMSCRIPTEN_KEEPALIVE int cs_pool2d(int h, int w, int c, int kind, int ph,
                                   int pw, int sh, int sw, int padding, int pt,
                                   int pb, int pl, int pr,
                                   int count_include_pad, int one_d) {
  TypedCall& t = call();
  set_input(t.scene, h, w, c, one_d);
  cs::Layer& l = t.scene.layers[0];
  if (kind == 1) {
    l.type = one_d ? cs::LayerType::kAveragePooling1D
                   : cs::LayerType::kAveragePooling2D;
  } else {
    l.type = one_d ? cs::LayerType::kMaxPooling1D : cs::LayerType::kMaxPooling2D;
  }
  l.filters = 0;
  set_window(l, ph, pw, sh, sw, padding, pt, pb, pl, pr);
  l.dilation_rate = {1, 1};
  l.activation = cs::Activation::kLinear;
  l.use_bias = false;
  l.count_include_pad = count_include_pad != 0;
  // Pooling layers have no weights; keep the capacity for the next conv.
  l.kernel.clear();
  l.bias.clear();
  return run_typed(t);
}

// [SECTION] Training and prediction
// x [N, ...xShape] and y [N] go into cs_examples_x / cs_examples_y, the
// model JSON into the text buffer. rank: 3 (H, W, C), 2 (steps, C), 1 (units).

EMSCRIPTEN_KEEPALIVE float* cs_examples_x(int count) {
  examples().x.resize(static_cast<std::size_t>(count < 0 ? 0 : count));
  return examples().x.data();
}

EMSCRIPTEN_KEEPALIVE std::int32_t* cs_examples_y(int count) {
  examples().y.resize(static_cast<std::size_t>(count < 0 ? 0 : count));
  return examples().y.data();
}

// optimizer: "sgd", "rmsprop" or "adam" (case-insensitive), passed as the
// text after the model's `bytes` in the text buffer. learning_rate <= 0:
// the optimizer's Keras default. Returns {"model": scene, "history": {...}}
// or {"error": {...}} as text (length: cs_text_out_length).
EMSCRIPTEN_KEEPALIVE const char* cs_train(int bytes, int optimizer_bytes, int n, int rank, int h, int w, int c,
                                          int epochs, int batch_size, double learning_rate, int seed,
                                          double validation_split) {
  std::string& out = text_out();
  cs::Result<cs::Scene> scene = model_in(bytes);
  const std::string name = text_in().substr(static_cast<std::size_t>(bytes), static_cast<std::size_t>(optimizer_bytes));
  cs::Result<cs::OptimizerConfig> opt = cs::optimizer_config(name);
  if (!scene || !opt) {
    out = error_json(!scene ? scene.error() : opt.error());
    return out.c_str();
  }
  cs::FitOptions o;
  o.epochs = epochs, o.batch_size = batch_size, o.optimizer = *opt;
  if (learning_rate > 0.0) o.optimizer.learning_rate = static_cast<float>(learning_rate);
  o.seed = static_cast<std::uint64_t>(seed < 0 ? 0 : seed);
  o.validation_split = validation_split;
  cs::Result<cs::FitHistory> h_or = cs::fit(&*scene, dataset_of(n, example_shape(rank, h, w, c)), cs::Dataset{}, o);
  if (!h_or) {
    out = error_json(h_or.error());
    return out.c_str();
  }
  out = "{\"model\": " + cs::scene_to_json(*scene) + ", \"history\": " + history_json(*h_or, validation_split > 0.0) + "}";
  return out.c_str();
}

// The last layer's output for each of the n examples (inference: no
// dropout, moving statistics): 0, or 1 with cs_error_where / message.
EMSCRIPTEN_KEEPALIVE int cs_predict(int bytes, int n, int rank, int h, int w, int c) {
  TypedCall& t = call();
  t.error_where.clear(), t.error_message.clear();
  cs::Result<cs::Scene> scene = model_in(bytes);
  // Batches of at most 64: the buffers of every layer stay small for any n.
  const int chunk = n < 1 ? 1 : n < 64 ? n : 64;
  cs::Result<cs::ModelPass> pass = scene ? cs::ModelPass::create(*scene, chunk) : scene.error();
  const cs::TensorShape shape = example_shape(rank, h, w, c);
  if (pass && shape != scene->input.shape) {
    pass = cs::Error{"xShape", "examples are " + cs::shape_text(shape) + " but the model takes " +
                                   cs::shape_text(scene->input.shape)};
  }
  if (!pass) {
    t.error_where = pass.error().where, t.error_message = pass.error().message;
    return 1;
  }
  const cs::TensorShape& o = pass->plan().shapes.back();
  Examples& e = examples();
  const std::size_t in_n = static_cast<std::size_t>(shape.elements());
  const std::size_t out_n = static_cast<std::size_t>(o.elements());
  e.out.resize(static_cast<std::size_t>(n) * out_n);
  for (int from = 0; from < n; from += chunk) {
    const int count = n - from < chunk ? n - from : chunk;
    pass->forward(&*scene, examples().x.data() + static_cast<std::size_t>(from) * in_n, count, false, 0);
    std::copy(pass->output(), pass->output() + static_cast<std::size_t>(count) * out_n,
              e.out.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(from) * out_n));
  }
  const std::vector<int> dims = o.dims();
  e.out_rank = static_cast<std::int32_t>(dims.size() + 1);
  e.out_shape[0] = n;
  for (std::size_t i = 0; i < dims.size(); ++i) e.out_shape[i + 1] = dims[i];
  return 0;
}

EMSCRIPTEN_KEEPALIVE const float* cs_predict_data() { return examples().out.data(); }
EMSCRIPTEN_KEEPALIVE const std::int32_t* cs_predict_shape() { return examples().out_shape; }
EMSCRIPTEN_KEEPALIVE int cs_predict_rank() { return examples().out_rank; }

// [SECTION] Results and errors

EMSCRIPTEN_KEEPALIVE const float* cs_output_data() {
  return call().output.data();
}

// [out_h, out_w, out_c] of the last successful call (1D: out_h == 1).
EMSCRIPTEN_KEEPALIVE const std::int32_t* cs_output_shape() {
  return call().output_shape;
}

EMSCRIPTEN_KEEPALIVE const char* cs_error_where() {
  return call().error_where.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* cs_error_message() {
  return call().error_message.c_str();
}

// Which kernels conv2d_f32 runs: "wasmsimd" or "scalar".
EMSCRIPTEN_KEEPALIVE const char* cs_isa() { return cs::kernels_isa_name(); }

}  // extern "C"
