// layer_kinds.h - what the tests ask of a layer type, through the table:
// a convolution (it has filters) or a pooling layer (max or average).
#pragma once

#include "core/layers/table.h"

namespace cs::testing {

inline bool is_conv(LayerType t) {
  return t == LayerType::kConv2D || t == LayerType::kConv1D;
}
inline bool is_pool(LayerType t) {
  return t == LayerType::kMaxPooling2D || t == LayerType::kAveragePooling2D ||
         t == LayerType::kMaxPooling1D || t == LayerType::kAveragePooling1D;
}
inline PoolKind pool_kind(LayerType t) { return static_cast<PoolKind>(layer_info(t).variant); }

}  // namespace cs::testing
