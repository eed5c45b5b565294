// scene_edit.cpp - weight and input resizing that preserves what overlaps.
#include "core/scene_edit.h"

#include <algorithm>

namespace cs {

int layer_in_channels(const Scene& scene, int index) {
  int c = scene.input.shape.c;
  for (int i = 0; i < index && i < static_cast<int>(scene.layers.size()); ++i) {
    const Layer& l = scene.layers[static_cast<std::size_t>(i)];
    if (is_conv(l.type)) c = l.filters;
  }
  return c;
}

void fit_weights(const Scene& before, Scene* after, float fill) {
  for (std::size_t i = 0; i < after->layers.size(); ++i) {
    Layer& l = after->layers[i];
    if (!is_conv(l.type)) continue;
    const int in_c = layer_in_channels(*after, static_cast<int>(i));
    const std::size_t want = static_cast<std::size_t>(l.kernel_size[0]) *
                             static_cast<std::size_t>(l.kernel_size[1]) *
                             static_cast<std::size_t>(in_c) * static_cast<std::size_t>(l.filters);
    const Layer* old = i < before.layers.size() && is_conv(before.layers[i].type)
                           ? &before.layers[i]
                           : nullptr;
    const int old_in = old ? layer_in_channels(before, static_cast<int>(i)) : 0;
    // A kernel of the right size is the editor's own (an edit that set the
    // weights); only a kernel left at the old size is remapped.
    if (l.kernel.size() != want) {
      std::vector<float> fresh(want, fill);
      if (old) {
        const std::size_t old_want = static_cast<std::size_t>(old->kernel_size[0]) *
                                     static_cast<std::size_t>(old->kernel_size[1]) *
                                     static_cast<std::size_t>(old_in) *
                                     static_cast<std::size_t>(old->filters);
        if (old->kernel.size() == old_want) {
          for (int ky = 0; ky < std::min(l.kernel_size[0], old->kernel_size[0]); ++ky)
            for (int kx = 0; kx < std::min(l.kernel_size[1], old->kernel_size[1]); ++kx)
              for (int ci = 0; ci < std::min(in_c, old_in); ++ci)
                for (int f = 0; f < std::min(l.filters, old->filters); ++f)
                  fresh[hwio_index(l, in_c, ky, kx, ci, f)] =
                      old->kernel[hwio_index(*old, old_in, ky, kx, ci, f)];
        }
      }
      l.kernel = std::move(fresh);
    }
    if (l.use_bias) {
      l.bias.resize(static_cast<std::size_t>(l.filters), 0.0f);
    } else {
      l.bias.clear();
    }
  }
}

void resize_input(Scene* scene, int h, int w, int c) {
  Tensor& t = scene->input;
  std::vector<float> fresh(static_cast<std::size_t>(h) * static_cast<std::size_t>(w) *
                               static_cast<std::size_t>(c),
                           0.0f);
  for (int y = 0; y < std::min(h, t.shape.h); ++y)
    for (int x = 0; x < std::min(w, t.shape.w); ++x)
      for (int ch = 0; ch < std::min(c, t.shape.c); ++ch)
        fresh[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
               static_cast<std::size_t>(x)) *
                  static_cast<std::size_t>(c) +
              static_cast<std::size_t>(ch)] = t.at(y, x, ch);
  t.data = std::move(fresh);
  t.shape.h = h, t.shape.w = w, t.shape.c = c;
}

}  // namespace cs
