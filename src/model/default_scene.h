// default_scene.h - the scene the app opens with: the chapter's first example.
#pragma once

namespace cs {

// A 7x7 handwritten-style "7", one 3x3 vertical-edge filter with ReLU and
// 'same' padding, then 2x2 max pooling. Valid scene JSON (docs/scene-format.md).
extern const char* const kDefaultSceneJson;
// The step the app opens on: output (2, 5), whose window (rows 1-3, columns
// 4-6) lies on the 7's top bar and stroke and reads 9 7 0 / 7 5 0 / 8 0 0,
// giving 9 + 7 + 8 = 24: the first screen shows real arithmetic, not an
// all-padding corner that gives 0 (a shared state with a step keeps it).
inline constexpr int kDefaultSceneFirstStep = 19;
// Its title, as written in kDefaultSceneJson (the UI shows it translated).
inline constexpr const char* kDefaultSceneTitle = "A handwritten 7 through Conv2D + ReLU + MaxPooling2D";

}  // namespace cs
