// share_state.h - a decoded link / embed / postMessage state (UrlState)
// checked against the session before anything is applied: the session part
// (scene, layer, filter, step) is worked out on a copy and handed back whole,
// or an error names the first field that does not fit. Used by
// App::apply_shareable_state (links, embeds, postMessage and the JS API) and
// fuzzed by fuzz/message_fuzz.cpp.
#pragma once

#include "core/result.h"
#include "model/session.h"
#include "model/url_state.h"

namespace cs {

// The session `current` becomes once `s` is applied. A lesson without a
// scene or image brings its own scene: the view numbers are then checked
// against the lesson's scene (the caller opens the lesson and sets them).
// Errors: where = "scene" / "image" / "layers" / "layer" / "filter" / "step"
// / "lesson".
Result<Session> plan_shared_state(const Session& current, const UrlState& s);

// The image-mode scene of the built-in sample photo (downscaled as image
// mode does), through `layers_json` (a "layers" array; empty: image mode's
// eight classic filters). Links carry this instead of the picture's numbers.
Result<Scene> sample_image_scene(bool grayscale);
Result<std::string> sample_image_scene_json(bool grayscale, std::string_view layers_json);

// The `state` of a postMessage or JS API call, as the JSON text the page
// hands over: an object with any of scene (a scene document, or its JSON
// text), layer, step, filter (whole numbers), tab, lang, lesson (strings),
// plus "fragment" (ignored: getState returns it) and "version" (must be 1);
// a bare scene document (it has "input" and "layers");
// either of those as JSON text in a string; or a "v=1&..." fragment string. Each value is checked as a link's would be
// (set_url_state_field) and every error names the key. Scenes are not held
// to the link's length limit (image-mode pictures travel this way).
Result<UrlState> url_state_from_message(std::string_view json);

}  // namespace cs
