// camera_controls.cpp - the camera's buttons (camera_controls.h).

#include "ui/camera_controls.h"

#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/format.h"
#include "ui/theme.h"

namespace cs {

namespace {

// A button that also notes where it was drawn (the caller's `buttons`).
bool camera_button(const char* key, const char* id, float* rect) {
  const bool pressed = ImGui::Button(lbl(key, id).c_str());
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rect[0] = a.x, rect[1] = a.y, rect[2] = b.x - a.x, rect[3] = b.y - a.y;
  return pressed;
}

}  // namespace

void draw_camera_controls(CameraFeed* cam, float (*buttons)[4]) {
  for (int i = 0; i < 3; ++i) buttons[i][2] = 0.0f;
  if (!cam->available()) {
    ImGui::TextDisabled("%s", tr("camera.web_only"));
    return;
  }
  using Mode = CameraFeed::Mode;
  if (cam->mode == Mode::kOff) {
    if (camera_button("camera.start", "camera", buttons[0])) cam->press_start();
  } else {
    const bool frozen = cam->mode == Mode::kFrozen;
    if (cam->mode != Mode::kAsking) {
      if (camera_button(frozen ? "camera.live" : "camera.freeze", "freeze", buttons[1]))
        cam->press_freeze(!frozen);
      ImGui::SameLine();
    }
    if (camera_button("camera.stop", "stop", buttons[2])) cam->press_stop();
    ImGui::SameLine();
    if (cam->mode == Mode::kAsking) ImGui::TextDisabled("%s", tr("camera.asking"));
    else if (frozen) ImGui::TextDisabled("%s", tr("camera.frozen"));
    else ImGui::TextUnformatted(i18n::trf("camera.status", cam->width, cam->height, cam->fps, cam->engine_ms).c_str());
  }
  if (cam->failure == CameraFeed::Failure::kNone) return;
  static const char* const kWhy[] = {"", "camera.refused", "camera.missing", "camera.failed"};
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(170, 20, 20, 255));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(i18n::trf(kWhy[static_cast<int>(cam->failure)], cam->detail.c_str()).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}


}  // namespace cs
