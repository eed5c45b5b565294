// exercises.cpp - problem generators, the checker and worked solutions.
// Every answer comes from the core: output shapes from resolve_geometry
// (TF 'same' split included), values and max-pooling results from the
// element trace, parameter counts from conv_param_count. The exercise test
// recomputes each with the engine (tests/exercises_test.cpp).
// [SECTION] Random numbers
// [SECTION] Generators
// [SECTION] Checking and text
// [SECTION] Exercise set
#include "model/exercises.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/json.h"
#include "core/validate.h"
#include "i18n/i18n.h"

namespace cs {

namespace {

// [SECTION] Random numbers

struct Rng {
  std::uint32_t s;
  explicit Rng(std::uint32_t seed) : s(seed) {}
  std::uint32_t next() {
    // splitmix32-style mixing on a Weyl sequence: good enough for problems
    // and identical on every platform.
    s += 0x9E3779B9u;
    std::uint32_t z = s;
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    return z ^ (z >> 16);
  }
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint32_t>(hi - lo + 1)); }
  bool chance(int percent) { return range(0, 99) < percent; }
  template <typename T, std::size_t N>
  T pick(const T (&v)[N]) { return v[next() % N]; }
};

// [SECTION] Generators

Tensor int_tensor(Rng& r, int h, int w, int c, int lo, int hi) {
  Tensor t;
  t.shape = {h, w, c, false};
  t.data.resize(static_cast<std::size_t>(h * w * c));
  for (float& v : t.data) v = static_cast<float>(r.range(lo, hi));
  return t;
}

Layer conv_layer(Rng& r, int k, int in_c, int filters, int stride, PaddingMode pad, int wlo, int whi) {
  Layer l;
  l.type = LayerType::kConv2D;
  l.filters = filters;
  l.kernel_size = {k, k};
  l.strides = {stride, stride};
  l.padding = pad;
  l.kernel.resize(static_cast<std::size_t>(k * k * in_c * filters));
  for (float& v : l.kernel) v = static_cast<float>(r.range(wlo, whi));
  l.bias.assign(static_cast<std::size_t>(filters), 0.0f);
  return l;
}

Layer pool_layer(LayerType type, int k, int stride, PaddingMode pad) {
  Layer l;
  l.type = type;
  l.kernel_size = {k, k};
  l.strides = {stride, stride};
  l.padding = pad;
  return l;
}

LayerPlan plan_of(const Exercise& e) {
  Result<LayerPlan> p = layer_plan(e.scene.layers[0], e.scene.input.shape);
  return p ? *p : LayerPlan{};
}

Geometry2D geometry_of(const Exercise& e) { return plan_of(e).g; }

// Convolutions have filters; pooling keeps the channels.
bool has_filters(const Layer& l) { return has_key(l.type, "filters"); }

void gen_output_shape(Rng& r, Exercise* e) {
  const bool pool = r.chance(25);
  const bool same = r.chance(55);
  const int n_h = r.range(5, 12);
  const int n_w = r.chance(70) ? n_h : r.range(5, 12);
  const int stride = same && r.chance(60) ? 2 : r.range(1, 3);
  static const int conv_k[] = {1, 2, 3, 3, 5};
  static const int pool_k[] = {2, 2, 3};
  const int k = pool ? r.pick(pool_k) : r.pick(conv_k);
  const int c = pool ? r.range(1, 4) : r.range(1, 3);
  e->scene.input = int_tensor(r, n_h, n_w, c, 0, 3);
  e->scene.layers = {pool ? pool_layer(r.chance(50) ? LayerType::kMaxPooling2D : LayerType::kAveragePooling2D, k,
                                       r.chance(70) ? k : stride, same ? PaddingMode::kSame : PaddingMode::kValid)
                          : conv_layer(r, k, c, r.range(1, 16), stride,
                                       same ? PaddingMode::kSame : PaddingMode::kValid, -1, 1)};
  const Layer& l = e->scene.layers[0];
  Geometry2D g;
  g.in_h = n_h, g.in_w = n_w, g.in_c = c;
  g.filters = pool ? c : l.filters;
  g.kh = g.kw = k;
  g.sh = g.sw = l.strides[0];
  g = resolve_geometry(g, l.padding);
  e->shape = {g.out_h, g.out_w, g.filters};
}

void gen_output_value(Rng& r, Exercise* e) {
  const int n = r.range(4, 6);
  const int k = r.chance(75) ? 3 : 2;
  const int stride = r.chance(70) ? 1 : 2;
  const PaddingMode pad = r.chance(50) ? PaddingMode::kSame : PaddingMode::kValid;
  e->scene.input = int_tensor(r, n, n, 1, -1, 3);
  Layer l = conv_layer(r, k, 1, 1, stride, pad, -1, 1);
  l.bias[0] = static_cast<float>(r.chance(40) ? r.range(-2, 2) : 0);
  l.activation = r.chance(35) ? Activation::kRelu : Activation::kLinear;
  e->scene.layers = {l};
  const Geometry2D g = geometry_of(*e);
  e->y = r.range(0, g.out_h - 1), e->x = r.range(0, g.out_w - 1), e->c = 0;
  Result<ElementTrace> t = trace_element(e->scene.layers[0], plan_of(*e), e->scene.input, e->y, e->x, 0);
  if (t) e->trace = *t, e->value = t->value;
}

void gen_keep_size(Rng& r, Exercise* e) {
  static const int ks[] = {3, 3, 5, 7};
  const int k = r.pick(ks);
  const int n = r.range(std::max(5, k), 10);
  e->scene.input = int_tensor(r, n, n, 1, 0, 3);
  e->scene.layers = {conv_layer(r, k, 1, 1, 1, PaddingMode::kValid, -1, 1)};
  // out = n + 2p - k + 1 = n  <=>  p = (k - 1) / 2; odd k makes it whole.
  e->padding = (k - 1) / 2;
}

void gen_max_pool(Rng& r, Exercise* e) {
  const int variant = r.range(0, 2);
  const int n = variant == 1 ? 6 : 4;
  const int k = variant == 1 ? 3 : 2;
  const int stride = variant == 2 ? 1 : k;
  e->scene.input = int_tensor(r, n, n, 1, 0, 9);
  e->scene.layers = {pool_layer(LayerType::kMaxPooling2D, k, stride, PaddingMode::kValid)};
  const Geometry2D g = geometry_of(*e);
  e->y = r.range(0, g.out_h - 1), e->x = r.range(0, g.out_w - 1), e->c = 0;
  Result<ElementTrace> t = trace_element(e->scene.layers[0], plan_of(*e), e->scene.input, e->y, e->x, 0);
  if (!t) return;
  e->trace = *t;
  // Distractors a student really produces: the smallest cell, the average,
  // the neighbouring window's max, the top-left cell.
  std::vector<float> window;
  for (const TraceTap& tap : t->taps) window.push_back(tap.input);
  float sum = 0;
  for (float v : window) sum += v;
  const float mx = t->value;
  std::vector<float> cand = {mx, *std::min_element(window.begin(), window.end()),
                             std::round(sum / static_cast<float>(window.size())), window.front(), mx + 1.0f};
  std::vector<float> choices;
  for (float v : cand)
    if (std::find(choices.begin(), choices.end(), v) == choices.end()) choices.push_back(v);
  choices.resize(std::min<std::size_t>(choices.size(), 4));
  for (std::size_t i = choices.size(); i > 1; --i) std::swap(choices[i - 1], choices[r.next() % i]);
  e->choices = choices;
  e->correct = static_cast<int>(std::find(choices.begin(), choices.end(), mx) - choices.begin());
}

void gen_params(Rng& r, Exercise* e) {
  static const int ks[] = {1, 3, 3, 5};
  static const int cs_in[] = {1, 1, 3, 8, 16, 32};
  static const int fs[] = {1, 4, 8, 10, 16, 32, 64};
  const int in_c = r.pick(cs_in);
  e->scene.input = int_tensor(r, 8, 8, in_c, 0, 1);
  if (r.chance(15)) {
    e->scene.layers = {pool_layer(LayerType::kMaxPooling2D, 2, 2, PaddingMode::kValid)};
    e->params = 0;
    return;
  }
  const int k = r.pick(ks), f = r.pick(fs);
  Layer l = conv_layer(r, k, in_c, f, 1, r.chance(50) ? PaddingMode::kSame : PaddingMode::kValid, 0, 0);
  l.use_bias = r.chance(80);
  if (!l.use_bias) l.bias.clear();
  e->scene.layers = {l};
  e->params = conv_param_count(k, k, in_c, f, l.use_bias);
}

// [SECTION] Checking and text

std::string shape_text(const std::array<int, 3>& s) {
  return "(" + std::to_string(s[0]) + ", " + std::to_string(s[1]) + ", " + std::to_string(s[2]) + ")";
}

const char* padding_word(PaddingMode m) { return padding_mode_name(m); }

}  // namespace

Exercise make_exercise(std::uint32_t set_seed, int index) {
  Exercise e;
  e.seed = set_seed * 2654435761u ^ (static_cast<std::uint32_t>(index) + 1u) * 0x9E3779B9u;
  e.kind = static_cast<ExerciseKind>(index % static_cast<int>(ExerciseKind::kCount));
  Rng r(e.seed);
  switch (e.kind) {
    case ExerciseKind::kOutputShape: gen_output_shape(r, &e); break;
    case ExerciseKind::kOutputValue: gen_output_value(r, &e); break;
    case ExerciseKind::kKeepSize: gen_keep_size(r, &e); break;
    case ExerciseKind::kMaxPool: gen_max_pool(r, &e); break;
    default: gen_params(r, &e); break;
  }
  e.scene.title = "exercise";
  return e;
}

bool check_answer(const Exercise& e, const ExerciseAnswer& a) {
  switch (e.kind) {
    case ExerciseKind::kOutputShape: return a.shape == e.shape;
    case ExerciseKind::kOutputValue: return std::isfinite(a.value) && std::fabs(a.value - e.value) <= 1e-4f;
    case ExerciseKind::kKeepSize: return a.padding == e.padding;
    case ExerciseKind::kMaxPool: return a.choice >= 0 && a.choice == e.correct;
    default: return a.params == e.params;
  }
}

std::string exercise_prompt(const Exercise& e) {
  using i18n::trf;
  const TensorShape& in = e.scene.input.shape;
  const Layer& l = e.scene.layers[0];
  switch (e.kind) {
    case ExerciseKind::kOutputShape: {
      std::string line = keras_line(l);
      return trf("ex.shape.prompt", in.h, in.w, in.c, line.c_str());
    }
    case ExerciseKind::kOutputValue:
      return trf("ex.value.prompt", e.y, e.x, l.kernel_size[0], l.kernel_size[1], l.strides[0],
                 padding_word(l.padding), activation_name(l.activation));
    case ExerciseKind::kKeepSize:
      return trf("ex.keep.prompt", in.h, in.w, l.kernel_size[0], l.kernel_size[1]);
    case ExerciseKind::kMaxPool:
      return trf("ex.maxpool.prompt", l.kernel_size[0], l.kernel_size[1], l.strides[0], e.y, e.x);
    default: {
      std::string line = keras_line(l);
      return trf("ex.params.prompt", in.h, in.w, in.c, line.c_str());
    }
  }
}

std::string worked_solution(const Exercise& e) {
  using i18n::trf;
  const TensorShape& in = e.scene.input.shape;
  const Layer& l = e.scene.layers[0];
  switch (e.kind) {
    case ExerciseKind::kOutputShape: {
      const Geometry2D g = geometry_of(e);
      std::string s;
      const int dims[2][4] = {{in.h, g.pad_top, g.pad_bottom, g.out_h}, {in.w, g.pad_left, g.pad_right, g.out_w}};
      for (int a = 0; a < 2; ++a) {
        const char* axis = i18n::tr(a == 0 ? "ex.rows" : "ex.cols");
        if (l.padding == PaddingMode::kSame) {
          s += trf("ex.shape.same", axis, dims[a][0], l.strides[a], dims[a][3], dims[a][1], dims[a][2]);
        } else {
          s += trf("ex.shape.valid", axis, dims[a][0], l.kernel_size[a], l.strides[a], dims[a][3]);
        }
        s += "\n";
      }
      s += has_filters(l) ? trf("ex.shape.filters", l.filters) : trf("ex.shape.channels", in.c);
      return s + "\n" + trf("ex.shape.answer", shape_text(e.shape).c_str());
    }
    case ExerciseKind::kOutputValue: {
      const ElementTrace& t = e.trace;
      std::string eq;
      int pads = 0;
      for (std::size_t i = 0; i < t.taps.size(); ++i) {
        eq += (i ? " + " : "") + std::string("(") + format_float(t.taps[i].input) + "\xC3\x97" +
              format_float(t.taps[i].weight) + ")";
        pads += t.taps[i].padding;
      }
      const SumDetail& d = *t.sum();
      if (d.has_bias) eq += " + " + std::string(i18n::tr("ex.bias")) + " " + format_float(d.bias);
      eq += " = " + format_float(d.pre_activation);
      if (d.activation != Activation::kLinear)
        eq += " \xE2\x86\x92 ReLU \xE2\x86\x92 " + format_float(t.value);
      std::string s = trf("ex.value.window", t.origin_y, t.origin_x) + "\n" + eq;
      if (pads) s += "\n" + trf("ex.value.pads", pads);
      return s;
    }
    case ExerciseKind::kKeepSize:
      return trf("ex.keep.solution", in.h, l.kernel_size[0], l.kernel_size[0], e.padding, in.h, e.padding,
                 l.kernel_size[0], in.h);
    case ExerciseKind::kMaxPool: {
      std::string list;
      for (std::size_t i = 0; i < e.trace.taps.size(); ++i)
        list += (i ? ", " : "") + format_float(e.trace.taps[i].input);
      return trf("ex.maxpool.solution", list.c_str(), format_float(e.trace.value).c_str());
    }
    default:
      if (!has_filters(l)) return i18n::tr("ex.params.pool");
      return trf("ex.params.solution", l.kernel_size[0], l.kernel_size[1], in.c, l.use_bias ? " + 1" : "",
                 l.filters, static_cast<long long>(e.params));
  }
}

// [SECTION] Exercise set

void ExerciseSet::set_seed(std::uint32_t seed) {
  seed_ = seed;
  index_ = score_ = attempted_ = 0;
  answered_ = last_correct_ = false;
  current_ = make_exercise(seed_, index_);
}

bool ExerciseSet::submit(const ExerciseAnswer& a) {
  last_correct_ = check_answer(current_, a);
  if (!answered_) {
    ++attempted_;
    score_ += last_correct_;
  }
  answered_ = true;
  return last_correct_;
}

void ExerciseSet::next() {
  current_ = make_exercise(seed_, ++index_);
  answered_ = last_correct_ = false;
}

}  // namespace cs
