// desktop_models.h - model files on the desktop: the app's ModelReader
// over src/modelio (the web build reads models in a Worker instead), and
// the Network tab's bundled-model buttons, and the digits Train learns from.
#pragma once

#include "app/app.h"

namespace cs {

// Native builds only (a no-op in WebAssembly, whose page does this itself).
void install_desktop_models(App* app);

}  // namespace cs
