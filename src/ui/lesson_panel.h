// lesson_panel.h - the guided track: the list of lessons, or the open
// lesson's text, its "try this" task (ticked when the Session shows it
// done) and its closing question. Reads the track; returns what the student
// asked for as an action that the app applies after the frame.
#pragma once

#include "model/lessons.h"

namespace cs {

struct LessonAction {
  int open = -1;          // open this lesson (loads its scene)
  bool list = false;      // back to the list
  bool reload = false;    // reload the open lesson's scene
  int answer_choice = -1; // answer to the open lesson's question
};

LessonAction draw_lesson_panel(const LessonTrack& track, float width);

}  // namespace cs
