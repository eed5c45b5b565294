// report.h - text and JSON renderings of runs, traces and shapes.
// What convscope-cli prints, kept in the core so the JS module, the UI
// (an "explain" panel) and the tests render exactly the same text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/scene.h"
#include "core/trace.h"
#include "core/validate.h"

namespace cs {

// {"outputs": [{"shape": [...], "data": [...]}, ...]}, one entry per layer.
std::string outputs_to_json(const std::vector<Tensor>& outputs);

// {"error": {"where": ..., "message": ..., "line": L, "column": C}}
std::string error_to_json(const Error& error);

// Parse, run (fast kernels) and render: outputs_to_json or error_to_json.
std::string run_scene_json(std::string_view scene_json);

// The trace as JSON (schema in docs/scene-format.md, "Traces").
std::string trace_to_json(const ElementTrace& trace);

// The worked arithmetic, the way a teacher writes it on the board, e.g.
//   row 0: (1x0) + (2x1) + (pad x -1) = 2    running 2
//   sum 6 + bias 1 = 7 -> relu -> 7
std::string explain_text(const ElementTrace& trace);

// Per layer: output shape, padding on each side, parameters, MACs and the
// Keras line. Text (one block per layer) or JSON.
std::string shape_report_text(const Scene& scene, const ScenePlan& plan);
std::string shape_report_json(const Scene& scene, const ScenePlan& plan);

}  // namespace cs
