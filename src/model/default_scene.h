// default_scene.h - the scene the app opens with: the chapter's first example.
#pragma once

namespace cs {

// A 7x7 handwritten-style "7", one 3x3 vertical-edge filter with ReLU and
// 'same' padding, then 2x2 max pooling. Valid scene JSON (docs/scene-format.md).
extern const char* const kDefaultSceneJson;
// Its title, as written in kDefaultSceneJson (the UI shows it translated).
inline constexpr const char* kDefaultSceneTitle = "A handwritten 7 through Conv2D + ReLU + MaxPooling2D";

}  // namespace cs
