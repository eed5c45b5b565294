// image_panel.h - image mode: a real picture through the first conv layer,
// every feature map at full resolution on the GPU (shaders/heatmap.*),
// recomputed live while a kernel value is dragged; a lens that zooms in
// until the cell values are readable, under the mouse or at a keyboard
// cursor. Pictures zoom in their box (pinch, Ctrl + wheel). On the web the
// camera is an input too: each frame goes the picture's way, Freeze keeps one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "imgui.h"
#include "model/camera_feed.h"
#include "model/image.h"
#include "model/session.h"
#include "render/heatmap.h"
#include "render/texture.h"
#include "ui/grid_view.h"

namespace cs {

struct ImagePanelState {
  Image image;               // the picture in use (downscaled)
  bool sample = false;       // it is the built-in sample photo
  bool grayscale = false;
  int filters = 8;
  int colormap = 0;          // Colormap
  int selected = 0;          // filter whose kernel is edited
  std::string message;       // last load result
  void (*open_picker)() = nullptr;  // the platform's file picker, if any
  CameraFeed camera;         // the live camera (web; model/camera_feed.h)
  // Where Camera, Freeze / Live again and Stop were drawn this frame
  // (x, y, w, h; w 0: not shown), for browser tests.
  float camera_buttons[3][4] = {};
  GridCursor lens;           // the keyboard's lens position, shared by all pictures
  // GPU objects, refreshed when the session's revision changes.
  std::uint64_t revision = 0;
  int rendered_colormap = -1;
  RgbTexture picture;
  std::vector<std::unique_ptr<Heatmap>> maps;
  std::vector<float> scratch;
  void drop_gl_objects();
};

// Loads a picture into the session as the image scene.
void load_image_scene(const Image& img, ImagePanelState* st, Session* s);
// A camera frame, the same way: the first one (or one of another shape)
// loads the image scene, later ones only swap its input (no undo entry).
void load_camera_frame(const Image& frame, ImagePanelState* st, Session* s);

void draw_image_panel(const Session& s, ImagePanelState* st, float width, CommandQueue& q);

// One picture of the panel (the input, or a feature map: channel c of t)
// as an item of `size` pixels that zooms, and takes keyboard focus: the
// lens shows the cells under the mouse, or at `cursor` while the picture
// has keyboard focus (arrow keys move it). Returns the cell the lens shows
// (y < 0: none). tex may be null (tests: no GPU).
struct LensAt {
  int y = -1, x = -1;
  bool keyboard = false;
};
LensAt draw_picture(const char* id, ImTextureID tex, ImVec2 size, const Tensor& t, int c, const char* what,
                    GridCursor* cursor);

}  // namespace cs
