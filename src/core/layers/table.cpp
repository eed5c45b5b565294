// table.cpp - the rows of layers.inc gathered into one table, and the
// family defaults every family may keep.
#include "core/layers/table.h"

#include <algorithm>

#include "core/activation.h"

#include "core/layers/family.h"

namespace cs {

#define LAYER(name, family) extern const LayerInfo k##name##Info;
#include "core/layers/layers.inc"
#undef LAYER

namespace {

const LayerInfo* const kTable[] = {
#define LAYER(name, family) &k##name##Info,
#include "core/layers/layers.inc"
#undef LAYER
};

}  // namespace

const LayerInfo& layer_info(LayerType type) { return *kTable[static_cast<std::size_t>(type)]; }
const Family& layer_family(LayerType type) { return *layer_info(type).family; }
const char* layer_type_name(LayerType type) { return layer_info(type).keras_name; }
Span<const LayerInfo*> layer_table() { return kTable; }
bool is_1d(LayerType type) { return layer_info(type).input_rank == 2; }

const LayerInfo* find_layer_info(std::string_view name) {
  for (const LayerInfo* info : kTable) {
    if (name == info->keras_name) return info;
  }
  return nullptr;
}

std::string layer_type_list() {
  std::string s;
  const std::size_t n = std::size(kTable);
  for (std::size_t i = 0; i < n; ++i) {
    s += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + std::string(kTable[i]->keras_name);
  }
  return s;
}

const KeyDef* find_key(const LayerInfo& info, std::string_view key) {
  for (const KeyDef& k : info.keys) {
    if (key == k.name) return &k;
  }
  return nullptr;
}

// [SECTION] Family defaults: no weights, parameters = weight sizes.

std::vector<int> Family::weight_dims(const Layer&, int, int) const { return {}; }
std::vector<const char*> Family::weight_axis_names(const Layer&, int) const { return {}; }
WeightLayout Family::weight_layout(const Layer&, int) const { return {}; }

std::int64_t Family::param_count(const Layer& l, const LayerPlan& p) const {
  const LayerInfo& info = layer_info(l.type);
  std::int64_t n = 0;
  for (std::size_t i = 0; i < info.weights.size(); ++i) {
    const WeightDef& w = info.weights[i];
    if (w.present && !(l.*w.present)) continue;
    std::int64_t count = 1;
    for (int d : weight_dims(l, static_cast<int>(i), p.in.c)) count *= d;
    n += count;
  }
  return n;
}

void Family::forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const {
  const std::size_t in_n = static_cast<std::size_t>(p.in.elements());
  const std::size_t out_n = static_cast<std::size_t>(p.out.elements());
  for (std::size_t i = 0; i < static_cast<std::size_t>(b.n); ++i) {
    float* pre = b.pre != nullptr ? b.pre + i * out_n : nullptr;
    forward(l, p, Backend::kFast, b.in + i * in_n, pre, b.out + i * out_n);
  }
}

void pre_activation_grad(Activation act, const BatchGrad& g, const BatchPass& b, std::size_t offset,
                         std::size_t count, int channels, float* grad_pre) {
  const float* go = g.grad_out + offset;
  if (g.from_logits) {
    std::copy(go, go + count, grad_pre);
    return;
  }
  activation_backward(act, count, channels, b.pre + offset, b.out + offset, go, grad_pre);
}

}  // namespace cs
