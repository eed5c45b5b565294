// app_share.cpp - [SECTION] Shareable state of App: the state a
// link, an embed or the JS API carries (model/url_state.h), read from and
// applied to the session all-or-nothing, and the Copy link / Copy embed code
// buttons. The browser side (hash, postMessage) is in platform/webapi.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/layers/family.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "model/share_state.h"
#include "ui/theme.h"

namespace cs {

using i18n::tr;

namespace {
// Scenes beyond this much JSON (pictures in image mode) do not go into links
// whole: image mode's are carried as the sample photo's name and the layers.
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
      share_image_.clear();
      share_layers_json_.clear();
      share_own_picture_ = false;
      const Scene& sc = session_.scene();
      const int c = sc.input.shape.c;
      if (share_scene_json_.size() > kMaxLinkSceneJson && !sc.input.shape.one_d && (c == 1 || c == 3)) {
        // Image mode: the picture travels by name (model/share_state.h).
        share_layers_json_ = compact_json(layers_to_json(sc.layers));
        if (share_layers_json_.size() <= kMaxLinkSceneJson) {
          share_image_ = c == 1 ? "sample-gray" : "sample";
          Result<Scene> sample = sample_image_scene(c == 1);
          share_own_picture_ = !sample || !(sample->input.shape == sc.input.shape) ||
                               sample->input.data != sc.input.data;
        } else {
          share_layers_json_.clear();
        }
      }
    }
    if (share_scene_json_.size() <= kMaxLinkSceneJson) {
      s.scene_json = share_scene_json_;
    } else {
      s.image = share_image_;
      s.layers_json = share_layers_json_;
    }
  }
  return s;
}

Result<bool> App::apply_shareable_state(const UrlState& s, bool allow_undo) {
  // 1. Everything is checked on a copy of the session (model/share_state.h).
  Result<Session> plan = plan_shared_state(session_, s);
  if (!plan) return plan.error();
  // A link or an embed to a scene or a step is the teacher's chosen start:
  // no "Start the first lesson" offer over it (this visit only).
  if (!s.scene_json.empty() || s.step >= 0 || !s.image.empty()) start_offer_hidden_ = true;
  const bool opens_lesson = !s.lesson.empty() && s.lesson != lesson_;
  if (allow_undo && opens_lesson) {
    return Error{"lesson", "opens its own scene with a new undo history: it cannot be set with allowUndo"};
  }
  if (allow_undo && read_only_) return Error{"allowUndo", "a readonly embed keeps no undo history"};
  // 2. Apply. A lesson without a scene brings its own (the view numbers were
  // checked against it); otherwise the planned session replaces ours.
  const bool lesson_scene = !s.lesson.empty() && s.scene_json.empty() && s.image.empty();
  if (opens_lesson) {
    if (!open_lesson(s.lesson)) return Error{"lesson", "'" + s.lesson + "' could not be opened"};
    lesson_ = s.lesson;
  }
  if (!s.lang.empty()) set_language(s.lang);
  if (lesson_scene) {
    set_view(s.layer, s.filter, s.step);
  } else if (allow_undo) {
    adopt_as_edit(*plan);
  } else {
    session_ = std::move(*plan);
  }
  if (!lesson_scene && !s.image.empty()) sync_image_panel(s.image == "sample-gray");
  if (!s.tab.empty()) requested_tab_ = url_tab_index(s.tab);
  notice_.clear();
  return true;
}

// The planned scene as one undoable edit (Session::apply), then its view:
// the student's Undo takes the host's change back.
void App::adopt_as_edit(const Session& plan) {
  if (compact_json(plan.to_json()) != compact_json(session_.to_json())) session_.apply(plan.scene(), "host state");
  set_view(plan.layer(), plan.filter(), plan.step());
}

void App::set_view(int layer, int filter, int step) {
  if (layer >= 0) session_.set_layer(layer);
  if (filter >= 0) session_.set_filter(filter);
  if (step >= 0) session_.set_step(step);
}

// Image mode's panel works on the picture itself: the sample photo.
void App::sync_image_panel(bool grayscale) {
  Result<Image> img = sample_image();
  if (!img) return;
  image_ui_.image = downscale_to_fit(*img, kImageModeMaxSide);
  image_ui_.grayscale = grayscale;
  image_ui_.sample = true;
  const std::vector<Layer>& layers = session_.scene().layers;
  if (!layers.empty() && layer_family(layers[0].type).has_image_filters(layers[0])) image_ui_.filters = std::clamp(layers[0].filters, 1, 8);
  image_ui_.revision = 0;
}

int App::tab_flags(int tab) {
  if (requested_tab_ != tab) return 0;
  requested_tab_ = -1;
  return ImGuiTabItemFlags_SetSelected;
}

// The share part of the toolbar's menu (app.cpp, draw_tools_menu).
void App::draw_share_items() {
  if (!share_sink_ || minimal_) return;
  if (ImGui::MenuItem(tr("share.copy_link"))) {
    share_sink_(0, encode_url_state(shareable_state()).c_str());
    if (share_own_picture_) notice_ = tr("share.own_picture");
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", share_own_picture_ ? tr("share.own_picture") : tr("share.link_tip"));
  }
  if (ImGui::MenuItem(tr("share.copy_embed"))) {
    share_sink_(1, encode_url_state(shareable_state()).c_str());
    if (share_own_picture_) notice_ = tr("share.own_picture");
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("share.embed_tip"));
  ImGui::Separator();
}

}  // namespace cs
