// describe.cpp - see describe.h. Sentences come from the catalogue
// ("desc.*"); numbers are written with number_text, exactly as on screen.
// The sentence follows how the trace combines its taps (core/trace_types.h).
#include "model/describe.h"

#include "core/json.h"
#include "i18n/i18n.h"

namespace cs {

namespace {

using i18n::tr;
using i18n::trf;

std::string products(const ElementTrace& t) {
  std::string list;
  for (const TraceTap& tap : t.taps) {
    list += (list.empty() ? "" : ", ") +
            trf("desc.times", number_text(tap.input).c_str(), number_text(tap.weight).c_str());
  }
  return list;
}

std::string inputs(const ElementTrace& t, bool skip_padding) {
  std::string list;
  for (const TraceTap& tap : t.taps) {
    if (skip_padding && tap.padding) continue;
    list += (list.empty() ? "" : ", ") + number_text(tap.input);
  }
  return list;
}

std::string combined(const ElementTrace& t) {
  if (const SumDetail* d = t.sum()) {
    std::string s = d->has_bias ? trf("desc.conv", products(t).c_str(), number_text(d->sum).c_str(),
                                      number_text(d->bias).c_str(), number_text(d->pre_activation).c_str())
                                : trf("desc.conv_nobias", products(t).c_str(),
                                      number_text(d->pre_activation).c_str());
    if (d->activation != Activation::kLinear)
      s += " " + trf("desc.activation", activation_name(d->activation), number_text(t.value).c_str());
    return s;
  }
  if (t.max()) return trf("desc.max", inputs(t, false).c_str(), number_text(t.value).c_str());
  if (const AverageDetail* a = t.average()) {
    return trf("desc.avg", inputs(t, true).c_str(), number_text(a->sum).c_str(),
               a->count_include_pad ? a->count_window : a->count_real, number_text(t.value).c_str());
  }
  if (const SoftmaxDetail* d = t.softmax()) {
    return trf("desc.softmax", inputs(t, false).c_str(), number_text(d->stats.sum).c_str(),
               number_text(t.value).c_str());
  }
  if (const NormDetail* n = t.norm()) return trf("desc.rule", n->formula.c_str());
  return trf("desc.rule", t.formula()->formula.c_str());
}

}  // namespace

std::string describe_step(const Session& session) {
  const ElementTrace* t = session.trace();
  const Geometry2D* g = session.geometry();
  if (!t || !g || !session.valid()) return tr("desc.none");
  std::string s = trf("desc.step", t->step + 1, session.step_count(), t->y, t->x,
                      tr(t->sum() ? "desc.filter" : "desc.channel"), t->c + 1);
  s += " " + trf("desc.window", t->origin_y, t->origin_x);
  s += " " + combined(*t);
  int pads = 0;
  for (const TraceTap& tap : t->taps) pads += tap.padding;
  if (pads) s += " " + trf("desc.pads", pads);
  return s;
}

}  // namespace cs
