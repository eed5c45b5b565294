// scene_edit.h - structural edits that keep a scene consistent.
// When the UI changes an input's channels, a layer's filters or kernel size,
// the weights of every conv layer below must change shape with it. These
// helpers do that, keeping every weight whose (ky, kx, ci, f) still exists.
#pragma once

#include "core/scene.h"

namespace cs {

// Resizes each conv layer's kernel (HWIO) and bias in `after` to match its
// kernel_size, filters and the channels flowing into it. A kernel that
// already has the right size is left alone; otherwise weights whose
// (ky, kx, ci, f) existed in the same layer of `before` are kept, new
// weights are `fill`, new biases 0.
void fit_weights(const Scene& before, Scene* after, float fill = 0.0f);

// Resizes the input to h x w x c, keeping overlapping values, new cells 0.
void resize_input(Scene* scene, int h, int w, int c);

// Channels flowing into layer `index` (the input's for 0).
int layer_in_channels(const Scene& scene, int index);

// Index of kernel tap (ky, kx, ci, f) in a layer's flat HWIO kernel.
inline std::size_t hwio_index(const Layer& l, int in_c, int ky, int kx, int ci, int f) {
  return ((static_cast<std::size_t>(ky) * static_cast<std::size_t>(l.kernel_size[1]) +
           static_cast<std::size_t>(kx)) *
              static_cast<std::size_t>(in_c) +
          static_cast<std::size_t>(ci)) *
             static_cast<std::size_t>(l.filters) +
         static_cast<std::size_t>(f);
}

}  // namespace cs
