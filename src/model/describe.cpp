// describe.cpp - see describe.h. Sentences come from the catalogue
// ("desc.*"); numbers are written with format_float, exactly as on screen.
#include "model/describe.h"

#include "core/json.h"
#include "i18n/i18n.h"

namespace cs {

std::string describe_step(const Session& session) {
  using i18n::tr;
  using i18n::trf;
  const ElementTrace* t = session.trace();
  const Geometry2D* g = session.geometry();
  if (!t || !g || !session.valid()) return tr("desc.none");
  const bool conv = is_conv(t->type);
  std::string s = trf("desc.step", t->step + 1, session.step_count(), t->y, t->x,
                      tr(conv ? "desc.filter" : "desc.channel"), t->c + 1);
  s += " " + trf("desc.window", t->origin_y, t->origin_x);
  int pads = 0;
  std::string list;
  for (std::size_t i = 0; i < t->taps.size(); ++i) {
    const TraceTap& tap = t->taps[i];
    pads += tap.padding;
    if (conv) {
      list += (i ? ", " : "") + trf("desc.times", format_float(tap.input).c_str(), format_float(tap.weight).c_str());
    } else if (!(pool_kind(t->type) == PoolKind::kAverage && tap.padding)) {
      list += (list.empty() ? "" : ", ") + format_float(tap.input);
    }
  }
  if (conv) {
    s += " " + (t->has_bias ? trf("desc.conv", list.c_str(), format_float(t->sum).c_str(),
                                  format_float(t->bias).c_str(), format_float(t->pre_activation).c_str())
                            : trf("desc.conv_nobias", list.c_str(), format_float(t->pre_activation).c_str()));
    if (t->activation != Activation::kLinear)
      s += " " + trf("desc.activation", activation_name(t->activation), format_float(t->value).c_str());
  } else if (pool_kind(t->type) == PoolKind::kMax) {
    s += " " + trf("desc.max", list.c_str(), format_float(t->value).c_str());
  } else {
    s += " " + trf("desc.avg", list.c_str(), format_float(t->pool_sum).c_str(),
                   t->count_include_pad ? t->count_window : t->count_real, format_float(t->value).c_str());
  }
  if (pads) s += " " + trf("desc.pads", pads);
  return s;
}

}  // namespace cs
