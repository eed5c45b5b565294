// window.h - what the sliding-window families (convolution, pooling,
// transposed convolution) share: their geometry from the Keras keys and its
// checks, the taps a window reads, receptive fields through a window, and
// the size/padding text of their code lines.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/layers/family.h"
#include "core/result.h"
#include "core/trace_types.h"

namespace cs::window {

// What slides, for messages: "kernel" (conv) or "pool" (pooling window).
enum class What { kKernel, kPool };

// The geometry of a window layer over `in`: explicit pads checked, padding
// resolved, the (dilated) window checked to fit the padded input, output
// size limits. `channels_out` is filters (conv) or in.c (pooling).
Result<Geometry2D> geometry(const Layer& l, const TensorShape& in, int channels_out, What what,
                            const std::string& at);

// The output shape of a window layer (1D stays 1D).
TensorShape output_shape(const Layer& l, const Geometry2D& g);

// The pooling backward over a batch, example by example (pooling and
// global pooling): max to the chosen cell, average over the real cells.
void pool_backward_batch(const Geometry2D& g, PoolKind kind, bool include_pad, const LayerPlan& p,
                         const BatchPass& b, const BatchGrad& grad);

// Input coordinate of tap k along one axis of window o, or -1 if padding.
int tap_coord(int o, int stride, int k, int dilation, int pad_before, int n);

// Fills the window fields of a trace for output (y, x, c) and one tap per
// (ky, kx) x `channels` input channels (ci = first_channel + k), without
// values: the caller reads inputs and combines.
void start_trace(const Layer& l, const Geometry2D& g, int index_channels, int first_channel,
                 int y, int x, int c, ElementTrace* t);

// Receptive field through a window: every real input cell some tap of a
// marked output cell reads. `per_channel`: pooling keeps the channel.
void field_down(const Geometry2D& g, bool per_channel, const CellMask& above, CellMask* below);
void field_up(const Geometry2D& g, bool per_channel, const CellMask& below, CellMask* above);

// "Conv2D layers[0], output y=2 x=1 filter=1 (step 17 of 64 ...)", the
// window origin and the padding line: the first lines of explain text.
std::string explain_header(const ElementTrace& t, bool conv, bool max_pool);

// Keras size arguments: an int for equal sizes, a pair otherwise; 1D an int.
std::string keras_size(const Layer& l, const std::array<int, 2>& s);
std::string pair_text(int a, int b);
// The pads of modes whose split does not depend on the input size
// (explicit, full), for a ZeroPadding line before a 'valid' layer.
std::array<int, 4> fixed_pads(const Layer& l);
bool padded_outside(const Layer& l);  // 'full' or non-zero explicit pads
std::string keras_zero_padding(const Layer& l, const std::array<int, 4>& p);
bool pads_are_zero(const Geometry2D& g);

}  // namespace cs::window
