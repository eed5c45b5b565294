// walk_view.cpp - the family views gathered by layer type, and the panel
// that draws the walked layer's view.
#include "ui/walk/walk_view.h"

namespace cs {

namespace {

const WalkView kViews[] = {
#define LAYER(name, family) &walk_##family,
#include "core/layers/layers.inc"
#undef LAYER
};

}  // namespace

WalkView walk_view(LayerType type) { return kViews[static_cast<std::size_t>(type)]; }

void draw_walk_panel(const Session& s, const WalkPanelOptions& o, CommandQueue& q) {
  if (!s.geometry() || s.scene().layers.empty()) return;
  walk_view(s.scene().layers[static_cast<std::size_t>(s.layer())].type)(s, o, q);
}

}  // namespace cs
