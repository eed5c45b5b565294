// lesson_panel.cpp - see lesson_panel.h. All text from the catalogue
// ("lesson.<id>.<part>"); every control is a button or radio button, so the
// whole lesson is usable with the keyboard (ImGui navigation).
#include "ui/lesson_panel.h"

#include <string>

#include "imgui.h"
#include "ui/format.h"
#include "ui/theme.h"

namespace cs {

namespace {

void wrapped(const char* text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
}

void draw_list(const LessonTrack& track, LessonAction* a) {
  const std::vector<Lesson>& ls = all_lessons();
  theme_heading(tr("lessons.heading"));
  ImGui::TextDisabled(tr("lessons.progress"), track.completed(), static_cast<int>(ls.size()));
  for (int i = 0; i < static_cast<int>(ls.size()); ++i) {
    ImGui::PushID(i);
    const bool done = track.task_done(i) && track.answered_right(i);
    if (ImGui::Button(lbl("lessons.open", "open").c_str())) a->open = i;
    ImGui::SameLine();
    ImGui::Text("%d. %s", i + 1, tr(lesson_key(ls[static_cast<std::size_t>(i)], "title").c_str()));
    if (done) {
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(20, 120, 60, 255));
      theme_check_mark();
      ImGui::SameLine(0, 4);
      ImGui::TextUnformatted(tr("lessons.done_mark"));
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
}

}  // namespace

LessonAction draw_lesson_panel(const LessonTrack& track, float width) {
  LessonAction a;
  const int i = track.current();
  const std::vector<Lesson>& ls = all_lessons();
  if (i < 0) {
    draw_list(track, &a);
    return a;
  }
  const Lesson& l = ls[static_cast<std::size_t>(i)];
  const int n = static_cast<int>(ls.size());
  ImGui::TextDisabled(tr("lessons.n_of"), i + 1, n);
  ImGui::SameLine();
  if (ImGui::SmallButton(lbl("lessons.all", "all").c_str())) a.list = true;
  theme_heading(tr(lesson_key(l, "title").c_str()));
  ImGui::PushTextWrapPos(width > 700 ? ImGui::GetCursorPosX() + 680.0f : 0.0f);
  ImGui::TextUnformatted(tr(lesson_key(l, "text").c_str()));
  ImGui::PopTextWrapPos();

  theme_heading(tr("lessons.try"));
  wrapped(tr(lesson_key(l, "task").c_str()));
  ImGui::TextDisabled("%s", tr(lesson_key(l, "hint").c_str()));
  if (track.task_done(i)) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(20, 120, 60, 255));
    theme_check_mark();
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(tr("lessons.task_done"));
    ImGui::PopStyleColor();
  } else {
    ImGui::TextDisabled("%s", tr("lessons.task_open"));
  }
  if (ImGui::SmallButton(lbl("lessons.reload", "reload").c_str())) a.reload = true;

  theme_heading(tr("lessons.question"));
  wrapped(tr(lesson_key(l, "question").c_str()));
  const int chosen = track.answer(i);
  for (int c = 0; c < l.choices; ++c) {
    const std::string key = lesson_key(l, ("a" + std::to_string(c)).c_str());
    ImGui::PushID(c);
    if (ImGui::RadioButton(tr(key.c_str()), chosen == c)) a.answer_choice = c;
    ImGui::PopID();
  }
  if (chosen >= 0) {
    const bool right = track.answered_right(i);
    ImGui::PushStyleColor(ImGuiCol_Text, right ? IM_COL32(20, 120, 60, 255) : IM_COL32(170, 20, 20, 255));
    wrapped(tr(right ? "lessons.right" : "lessons.wrong"));
    ImGui::PopStyleColor();
    if (right) wrapped(tr(lesson_key(l, "why").c_str()));
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::BeginDisabled(i == 0);
  if (ImGui::Button(lbl("lessons.prev", "prev").c_str())) a.open = i - 1;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(i + 1 >= n);
  if (ImGui::Button(lbl("lessons.next", "nextlesson").c_str())) a.open = i + 1;
  ImGui::EndDisabled();
  return a;
}

}  // namespace cs
