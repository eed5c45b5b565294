// walk_view.h - the walk views, one per layer family, chosen through the
// layer table: each family named in core/layers/layers.inc has a view
// `walk_<family>` in src/ui/walk/, drawn by draw_walk_panel (walk_panel.h).
// A view reads the Session (the walked layer, its trace) and queues edits.
#pragma once

#include "core/layer.h"
#include "ui/walk_panel.h"

namespace cs {

using WalkView = void (*)(const Session& s, const WalkPanelOptions& o, CommandQueue& q);

#define LAYER(name, family) void walk_##family(const Session& s, const WalkPanelOptions& o, CommandQueue& q);
#include "core/layers/layers.inc"
#undef LAYER

// The view of a layer type's family.
WalkView walk_view(LayerType type);

}  // namespace cs
