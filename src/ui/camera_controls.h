// camera_controls.h - the camera's buttons, shared by image mode and the
// Network tab: Camera, or Freeze / Live again and Stop with the frames per
// second and the engine's milliseconds; a failure in red. Where there is
// no camera (the desktop) a line says it is a web feature.
#pragma once

#include "model/camera_feed.h"

namespace cs {

// `buttons`: where Camera, Freeze and Stop were drawn (x, y, w, h; w 0 when
// not drawn), for browser tests.
void draw_camera_controls(CameraFeed* cam, float (*buttons)[4]);

}  // namespace cs
