// family.h - what a layer family computes: the interface each family
// module (core/layers/<family>.cpp) implements once for all its types.
// A family owns its output-shape rule, its forward pass (through the
// kernels, or the reference for tests), the trace of one output element,
// the receptive field through it, the Keras and PyTorch lines, and its
// part in learning: a mini-batch forward that keeps what backward needs,
// and the backward pass (the chain rule through the layer).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/layers/table.h"
#include "core/result.h"
#include "core/trace_types.h"

namespace cs {

enum class Backend : std::uint8_t {
  kFast,       // the kernels (kernels/kernels.h): best instruction set built
  kReference,  // the plain reference (core/reference.h): the oracle, for tests
};

// One layer applied to its input: shapes and the geometry its kernels get.
// Families without a sliding window still describe their element mapping
// here (out_h, out_w and filters are the output's display dims).
struct LayerPlan {
  TensorShape in, out;
  Geometry2D g;
};

struct TorchWeights {
  const char* module = nullptr;  // e.g. "nn.Conv"; null: no weights to give
  struct Param {
    int weight = 0;          // index into the table row's weights
    const char* attribute;   // "weight", "bias", "running_mean", ...
    std::string transform;   // ".reshape(3, 3, 1, 2).permute(3, 2, 0, 1)"
  };
  std::vector<Param> params;
};

struct WeightLayout {
  const char* code = "";
  const char* text = "";
};

// Which output cells a receptive field starts from, or which input cells a
// projective field starts from (core/trace.h).
struct CellMask;

// A mini-batch through one layer: n examples, one after the other, each
// plan.in.elements() floats in and plan.out.elements() out (and pre).
struct BatchPass {
  int n = 0;
  const float* in = nullptr;
  float* pre = nullptr;  // n pre-activations where has_pre_activation, else null
  float* out = nullptr;
  bool training = false;  // Dropout drops; BatchNormalization uses batch statistics
  std::uint64_t seed = 0;  // this batch's and layer's dropout masks
  // What the family keeps from forward for backward (the dropout mask, the
  // normalised values); owned by the caller so it is allocated once.
  std::vector<float>* saved = nullptr;
};

// The gradients of one layer for a mini-batch.
struct BatchGrad {
  const float* grad_out = nullptr;  // n times dL/d out
  // grad_out is dL/d(the logits of the layer's softmax) (softmax_logits):
  // the loss folded the softmax in, so the layer skips its derivative.
  bool from_logits = false;
  float* grad_in = nullptr;  // n times dL/d in; null when nobody needs it
  // One per table weight, each sized as the weight (empty for one that is
  // switched off): overwritten with the sum over the batch.
  std::vector<std::vector<float>>* grads = nullptr;
  // Room the family may use during backward (resized, kept by the caller
  // from batch to batch, so a run allocates it once).
  std::vector<float>* scratch = nullptr;
};

class Family {
 public:
  virtual ~Family() = default;

  // After the keys are read: derived defaults (pool strides = pool_size).
  virtual void normalise(Layer&) const {}
  // The Keras shape of weight `index` for `in_channels` input channels
  // (-1 when not known yet: the reader checks nesting only), and what each
  // axis is called in messages ("kernel rows", ...).
  virtual std::vector<int> weight_dims(const Layer& l, int index, int in_channels) const;
  virtual std::vector<const char*> weight_axis_names(const Layer& l, int index) const;
  // The layout of weight `index` for messages: a code ("hwio") and its
  // English text ("HWIO: kernel rows x ..."); other languages render the
  // catalogue's "err.layout.<code>".
  virtual WeightLayout weight_layout(const Layer& l, int index) const;
  // Checks the layer against its input (`at` is its JSON path, for errors)
  // and returns the plan. Key ranges are already checked.
  virtual Result<LayerPlan> plan(const Layer& l, const TensorShape& in, const std::string& at) const = 0;
  virtual void forward(const Layer& l, const LayerPlan& p, Backend b, const float* in, float* pre,
                       float* out) const = 0;
  // Whether the layer slides a window over its input (Geometry2D's kernel,
  // strides and padding mean what they say): slide figures need one.
  virtual bool slides_window() const { return false; }
  // Whether its kernel is a stack of 2-D filters over an image's channels
  // (HWIO), drawn as pictures: the Network tab's filters, image mode's
  // first layer. Only the conv family says yes, for its 2-D type.
  virtual bool has_image_filters(const Layer&) const { return false; }
  // Whether it is a pooling window (max or average), for lessons and exercises.
  virtual bool pools() const { return false; }
  // Whether forward() writes a pre-activation tensor worth showing.
  virtual bool has_pre_activation(const Layer&) const { return false; }
  virtual std::int64_t param_count(const Layer& l, const LayerPlan& p) const;
  virtual std::int64_t macs(const Layer&, const LayerPlan&) const { return 0; }

  // Element (y, x, c) of the output, in display coordinates (display_dims).
  virtual Result<ElementTrace> trace(const Layer& l, const LayerPlan& p, const Tensor& in, int y,
                                     int x, int c) const = 0;
  // The worked arithmetic of a trace in plain text, as convscope-cli
  // explain prints it after the header line.
  virtual std::string explain(const ElementTrace& t) const = 0;
  // Receptive field: every input cell (display coordinates) the marked
  // output cells read. Projective field: every output cell the marked
  // input cells feed.
  virtual void field_down(const Layer& l, const LayerPlan& p, const CellMask& above,
                          CellMask* below) const = 0;
  virtual void field_up(const Layer& l, const LayerPlan& p, const CellMask& below,
                        CellMask* above) const = 0;

  // The Keras line(s) that build the layer; notes start with '#'.
  virtual std::string keras_line(const Layer& l) const = 0;
  // The PyTorch equivalent for this plan (needs in_channels and pads).
  virtual std::string pytorch_line(const Layer& l, const LayerPlan& p) const = 0;
  // How Keras' weights become the PyTorch module's (model/weights_code.h):
  // the module (the line of pytorch_line starting with `module`), and per
  // weight of the table its attribute and the reshaping after torch.tensor.
  virtual TorchWeights torch_weights(const Layer&, const LayerPlan&) const { return {}; }

  // [SECTION] Learning
  // Forward over a batch. In training it may update the layer's state
  // (BatchNormalization's moving statistics). The default runs forward()
  // per example on the kernels.
  virtual void forward_batch(Layer& l, const LayerPlan& p, const BatchPass& b) const;
  // Backward over the batch forward_batch just ran (b as it was).
  virtual void backward_batch(const Layer& l, const LayerPlan& p, const BatchPass& b,
                              const BatchGrad& g) const = 0;
  // Whether weight `index` of the table row learns (BatchNormalization's
  // moving statistics do not).
  virtual bool trainable(const Layer&, int) const { return true; }
  // Whether the output is a softmax; if so *logits points at its logits in b
  // (the pre-activations or the input), for a cross-entropy computed stably.
  virtual bool softmax_logits(const Layer&, const BatchPass&, const float** logits) const {
    (void)logits;
    return false;
  }
};

// dL/d pre of `count` values at `offset` of a layer with a fused
// activation: through the activation, or as given when from_logits.
void pre_activation_grad(Activation act, const BatchGrad& g, const BatchPass& b, std::size_t offset,
                         std::size_t count, int channels, float* grad_pre);

}  // namespace cs
