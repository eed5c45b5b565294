// app_share.cpp - [SECTION] Shareable state of App (issue 5): the state a
// link, an embed or the JS API carries (model/url_state.h), read from and
// applied to the session all-or-nothing, and the Copy link / Copy embed code
// buttons. The browser side (hash, postMessage) is in platform/webapi.cpp.
#include <string>

#include "app/app.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "ui/theme.h"

namespace cs {

using i18n::tr;

namespace {
// Scenes beyond this much JSON (big pictures in image mode) stay out of links:
// the link then reproduces the view over the default scene, not the picture.
constexpr std::size_t kMaxLinkSceneJson = 48 * 1024;
}  // namespace

UrlState App::shareable_state(bool with_scene) const {
  UrlState s;
  s.tab = kUrlTabs[tab_ >= 0 && tab_ < kUrlTabCount ? tab_ : 0];
  s.layer = session_.layer();
  s.step = session_.step_count() > 0 ? session_.step() : -1;
  const Geometry2D* g = session_.geometry();
  s.filter = g ? session_.filter() : -1;
  s.lang = i18n::code(i18n::language());
  s.lesson = lesson_;
  if (with_scene) {
    if (share_scene_revision_ != session_.revision()) {
      share_scene_json_ = compact_json(session_.to_json());
      share_scene_revision_ = session_.revision();
    }
    if (share_scene_json_.size() <= kMaxLinkSceneJson) s.scene_json = share_scene_json_;
  }
  return s;
}

bool App::apply_shareable_state(const UrlState& s, std::string* error) {
  // 1. Check on a copy of the session: nothing below touches session_.
  Session probe = session_;
  if (!s.scene_json.empty() && !probe.load_json(s.scene_json)) {
    *error = "scene: " + probe.load_error();
    return false;
  }
  const bool check_view =
      s.lesson.empty() || !s.scene_json.empty();  // a lesson alone brings its own scene
  if (check_view && s.layer >= 0) {
    const int n = static_cast<int>(probe.scene().layers.size());
    if (s.layer >= n) {
      *error = "layer: " + std::to_string(s.layer) + " does not exist (the scene has " +
               std::to_string(n) + " layers, numbered from 0)";
      return false;
    }
    probe.set_layer(s.layer);
  }
  if (check_view && s.filter >= 0) {
    const Geometry2D* g = probe.geometry();
    const int n = g ? g->filters : 0;
    if (s.filter >= n) {
      *error = "filter: " + std::to_string(s.filter) + " does not exist (this layer has " +
               std::to_string(n) + " filters, numbered from 0)";
      return false;
    }
  }
  if (check_view && s.step >= 0 && s.step >= probe.step_count()) {
    *error = "step: " + std::to_string(s.step) + " does not exist (this layer has " +
             std::to_string(probe.step_count()) + " steps, numbered from 0)";
    return false;
  }
  // 2. Apply. The lesson goes first: open_lesson changes nothing when it
  // fails, and everything after it was checked above.
  if (!s.lesson.empty() && s.lesson != lesson_) {
    if (!open_lesson(s.lesson)) {
      *error = "lesson: '" + s.lesson + "' is not a lesson";
      return false;
    }
    lesson_ = s.lesson;
  }
  if (!s.lang.empty()) {
    set_language(s.lang);
  }
  if (!s.scene_json.empty() && compact_json(s.scene_json) != compact_json(session_.to_json())) {
    session_.load_json(s.scene_json);
  }
  if (s.layer >= 0) session_.set_layer(s.layer);
  if (s.filter >= 0) session_.set_filter(s.filter);
  if (s.step >= 0) session_.set_step(s.step);
  if (!s.tab.empty()) requested_tab_ = url_tab_index(s.tab);
  notice_.clear();
  return true;
}

int App::tab_flags(int tab) {
  if (requested_tab_ != tab) return 0;
  requested_tab_ = -1;
  return ImGuiTabItemFlags_SetSelected;
}

void App::draw_share_buttons() {
  if (!share_sink_ || minimal_) return;
  same_line_if_fits(button_width(tr("share.copy_link")));
  if (ImGui::Button(tr("share.copy_link"))) share_sink_(0, encode_url_state(shareable_state()).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("share.link_tip"));
  same_line_if_fits(button_width(tr("share.copy_embed")));
  if (ImGui::Button(tr("share.copy_embed"))) share_sink_(1, encode_url_state(shareable_state()).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("share.embed_tip"));
}

}  // namespace cs
