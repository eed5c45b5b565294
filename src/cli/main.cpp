// main.cpp - convscope-cli: run, explain, shape, render, predict and convert
// a scene or a model file (.keras, .h5, TensorFlow.js model.json) from a terminal;
// grad, train and evaluate live in cmd_train.cpp. A thin shell over the core:
// what is printed is rendered by core/report.h; arguments, files and the
// one error line are cli_common.h's. Exit codes: 0, 2 for bad input, 64 for
// a usage error; never a crash.
//
// [SECTION] Help
// [SECTION] Scene commands
// [SECTION] Dispatch

#include <exception>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "cli/cmd_train.h"
#include "cli/model_load.h"
#include "core/engine.h"
#include "core/figure.h"
#include "core/gif_writer.h"
#include "core/png_writer.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/trace.h"
#include "core/validate.h"
#include "model/code_text.h"
#include "modelio/model_scene.h"

#ifndef CONVSCOPE_VERSION
#define CONVSCOPE_VERSION "0.0.0"
#endif

namespace cs::cli {
namespace {

// [SECTION] Help

const char kVersion[] = "convscope-cli " CONVSCOPE_VERSION " (scene format version 1)\n";

const char kFooter[] =
    "FILE is a scene JSON or a model file: Keras .keras or .h5, TensorFlow.js\n"
    "model.json (its .bin shards beside it). Model files print their Keras\n"
    "summary in shape.\n"
    "Layers are counted from 0, as in the JSON paths (layers[0]).\n"
    "The scene format is described in docs/scene-format.md.\n"
    "convscope-cli COMMAND --help: that command's help; --version: the version.\n"
    "Exit codes: 0 done; 2 bad input (scene, model, data, a file that cannot be\n"
    "read or written), one line \"FILE:LINE:COLUMN: error: <where>: <what>\" (or\n"
    "\"error: <where>: <what>\" when there is no position); 64 usage error (the\n"
    "command line itself), one line \"usage error: ...\".\n";

const char kFile[] = "a FILE (or - for stdin)";

// [SECTION] Scene commands

// --name N >= 0 (absent: `def`), a usage error otherwise.
int count_option(const Args& a, const char* name, int def, int* out) {
  return int_option(a, name, 0, 1 << 30, def, out);
}

// --layer L, which `a.command` needs.
int layer_option(const Args& a, int* layer) {
  if (!a.has("--layer")) return usage_error(a.command, "--layer", a.command + " needs --layer L (counted from 0)");
  if (!to_int(a.get("--layer"), -(1 << 30), 1 << 30, layer)) {
    return usage_error(a.command, "--layer", "expects a layer index, e.g. --layer 0");
  }
  return kExitOk;
}

int load_scene(const Args& a, Scene& scene, bool* model_file = nullptr) {
  Result<Scene> s = load_any(a.file, model_file);
  if (!s) return fail(s.error(), a.file);
  scene = std::move(s).value();
  return kExitOk;
}

// Keeps layers 0..layer (all that must run); bad input when it is not one.
int cut_at_layer(Scene& scene, int layer) {
  const int n = static_cast<int>(scene.layers.size());
  if (layer < 0 || layer >= n) {
    return fail("--layer", "layer " + std::to_string(layer) + " does not exist; the scene has " +
                               std::to_string(n) + " layer" + (n == 1 ? "" : "s") + " (counted from 0)");
  }
  scene.layers.resize(static_cast<std::size_t>(layer) + 1);
  return kExitOk;
}

int cmd_run(const Args& a) {
  Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  Result<std::vector<Tensor>> out = run_scene(scene);
  if (!out) return fail(out.error(), a.file);
  std::cout << outputs_to_json(*out);
  return kExitOk;
}

int cmd_shape(const Args& a) {
  Scene scene;
  bool model_file = false;
  if (int rc = load_scene(a, scene, &model_file)) return rc;
  Result<ScenePlan> plan = validate_scene(scene);
  if (!plan) return fail(plan.error(), a.file);
  if (a.has("--json")) {
    std::cout << shape_report_json(scene, *plan);
  } else if (model_file) {
    std::cout << model_summary_table(scene, *plan);  // as Keras' model.summary() prints it
  } else {
    std::cout << shape_report_text(scene, *plan);
  }
  return kExitOk;
}

// {"probabilities": [...], "class": k}: the last layer's output for one input.
int cmd_predict(const Args& a) {
  if (!a.has("--input")) return usage_error(a.command, "--input", "predict needs --input INPUT.json or a picture");
  Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  Result<Tensor> x = load_prediction_input(a.get("--input"), scene);
  if (!x) return fail(x.error(), a.get("--input"));
  scene.input = std::move(x).value();
  Result<std::vector<Tensor>> out = run_scene(scene);
  if (!out) return fail(out.error());
  const std::vector<float>& p = out->back().data;
  std::size_t best = 0;
  std::string text = "{\"probabilities\": [";
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] > p[best]) best = i;
    text += (i ? ", " : "") + format_float(p[i]);
  }
  std::cout << text << "], \"class\": " << best << "}\n";
  return kExitOk;
}

// The model in another format: .keras, model.json (+ shard) or scene JSON.
int cmd_convert(const Args& a) {
  const std::string output = a.get("-o");
  if (output.empty()) return usage_error(a.command, "-o", "convert needs -o MODEL.keras, model.json or SCENE.json");
  Result<modelio::SaveFormat> format = modelio::format_for_name(output);
  if (!format) return usage_error(a.command, "-o", to_string(format.error()));
  Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  Result<std::vector<modelio::InputFile>> files = modelio::save_model(scene, *format, output);
  if (!files) return fail(files.error());
  const std::size_t slash = output.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : output.substr(0, slash + 1);
  for (const modelio::InputFile& f : *files) {
    const std::string path = f.name.find('/') == std::string::npos ? dir + f.name : f.name;
    Result<bool> written = write_file(path, f.bytes);
    if (!written) return fail(written.error());
    std::cout << path << ": " << f.bytes.size() << " bytes\n";
  }
  return kExitOk;
}

// "y,x,c" (or "x,c") as numbers; false when it is not of that form.
bool parse_at(const std::string& s, std::vector<int>& out) {
  std::string part;
  std::istringstream ss(s);
  while (std::getline(ss, part, ',')) {
    int v = 0;
    if (!to_int(part, -(1 << 30), 1 << 30, &v)) return false;
    out.push_back(v);
  }
  return !s.empty() && s.back() != ',' && out.size() >= 2 && out.size() <= 3;
}

int cmd_explain(const Args& a) {
  int layer = 0;
  if (int rc = layer_option(a, &layer)) return rc;
  if (!a.has("--at")) return usage_error(a.command, "--at", "explain needs --at y,x,c");
  std::vector<int> at;
  if (!parse_at(a.get("--at"), at)) {
    return usage_error(a.command, "--at", "expected y,x,c (or x,c for 1D layers), got \"" + a.get("--at") + "\"");
  }
  Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  if (int rc = cut_at_layer(scene, layer)) return rc;
  if (at.size() == 2) {
    if (!is_1d(scene.layers.back().type)) return fail("--at", "a 2D layer needs y,x,c, got \"" + a.get("--at") + "\"");
    at.insert(at.begin(), 0);
  }
  Result<SceneRun> run = run_scene_full(scene);
  if (!run) return fail(run.error(), a.file);
  const TensorShape& out = run->plan.shapes.back();
  if (at[0] < 0 || at[0] >= out.h || at[1] < 0 || at[1] >= out.w || at[2] < 0 || at[2] >= out.c) {
    std::string shape;
    for (int d : out.dims()) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    return fail("--at", "position " + a.get("--at") + " is outside the output of layers[" + std::to_string(layer) +
                            "], shape [" + shape + "]");
  }
  Result<ElementTrace> t = trace_scene_element(scene, *run, layer, at[0], at[1], at[2]);
  if (!t) return fail(t.error());
  std::cout << (a.has("--json") ? trace_to_json(*t) : explain_text(*t));
  return kExitOk;
}

int render_gif(const Args& a, const Scene& scene, const SceneRun& run, int layer, const FigureOptions& o) {
  Result<WalkGif> anim = render_walk_gif(scene, run, layer, o);
  if (!anim) return fail("--" + anim.error().where, anim.error().message);
  Result<bool> written = write_file(a.get("--gif"), anim->bytes);
  if (!written) return fail(written.error());
  std::cout << a.get("--gif") << ": " << anim->frames << " frames, " << anim->w << "x" << anim->h << "\n";
  return kExitOk;
}

// `step` < 0: the last step.
int render_png(const Args& a, const Scene& scene, const SceneRun& run, int layer, int step, const FigureOptions& o) {
  const Geometry2D& g = run.plan.geometry.back();
  if (step < 0) step = g.out_h * g.out_w - 1;
  Result<Pixels> px = render_walk_frame(scene, run, layer, step, o);
  if (!px) return fail("--" + px.error().where, px.error().message);
  Result<bool> written = write_file(a.get("--png"), encode_png_rgba(px->rgba.data(), px->w, px->h));
  if (!written) return fail(written.error());
  std::cout << a.get("--png") << ": step " << step + 1 << " of " << g.out_h * g.out_w << ", " << px->w << "x"
            << px->h << "\n";
  return kExitOk;
}

int cmd_render(const Args& a) {
  int layer = 0;
  if (int rc = layer_option(a, &layer)) return rc;
  if (!a.has("--gif") && !a.has("--png")) {
    return usage_error(a.command, "", "render needs --gif OUT.gif and/or --png OUT.png");
  }
  FigureOptions o;
  if (int rc = count_option(a, "--filter", 0, &o.filter)) return rc;
  if (int rc = count_option(a, "--cell", 44, &o.cell)) return rc;
  int step = -1;
  if (int rc = count_option(a, "--step", -1, &step)) return rc;
  Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  if (int rc = cut_at_layer(scene, layer)) return rc;
  Result<SceneRun> run = run_scene_full(scene);
  if (!run) return fail(run.error(), a.file);
  if (a.has("--gif")) {
    if (int rc = render_gif(a, scene, *run, layer, o)) return rc;
  }
  return a.has("--png") ? render_png(a, scene, *run, layer, step, o) : kExitOk;
}

const std::vector<Command>& scene_commands() {
  static const std::vector<Command> commands = {
      {"run", {}, kFile,
       "  convscope-cli run FILE|-                 outputs of every layer as JSON\n", cmd_run},
      {"explain", {{"--layer"}, {"--at"}, {"--json", true}}, kFile,
       "  convscope-cli explain FILE|- --layer L --at y,x,c [--json]\n"
       "                                           worked arithmetic of one output\n"
       "                                           element (1D layers: --at x,c)\n",
       cmd_explain},
      {"shape", {{"--json", true}}, kFile,
       "  convscope-cli shape FILE|- [--json]      shapes, padding, params, MACs,\n"
       "                                           Keras line per layer\n",
       cmd_shape},
      {"render", {{"--layer"}, {"--filter"}, {"--step"}, {"--cell"}, {"--gif"}, {"--png"}}, kFile,
       "  convscope-cli render FILE|- --layer L [--filter F] [--step S]\n"
       "                  [--gif OUT.gif] [--png OUT.png] [--cell PX]\n"
       "                                           figures for slides: the stride\n"
       "                                           walk as an animated GIF, one step\n"
       "                                           (default: the last) as PNG\n",
       cmd_render},
      {"predict", {{"--input"}}, "a model FILE",
       "  convscope-cli predict FILE --input INPUT.json|PICTURE\n"
       "                                           {\"probabilities\": [...], \"class\": k}\n",
       cmd_predict},
      {"convert", {{"-o"}}, "a model FILE",
       "  convscope-cli convert FILE -o MODEL.keras|model.json|SCENE.json\n"
       "                                           the model in another format\n",
       cmd_convert},
  };
  return commands;
}

// [SECTION] Dispatch

const Command* find_command(const std::string& name) {
  for (const std::vector<Command>* list : {&scene_commands(), &train_commands()}) {
    for (const Command& c : *list) {
      if (name == c.name) return &c;
    }
  }
  return nullptr;
}

void print_help() {
  std::cout << "usage:\n";
  for (const std::vector<Command>* list : {&scene_commands(), &train_commands()}) {
    for (const Command& c : *list) std::cout << c.help;
  }
  std::cout << kFooter;
}

const char kCommandList[] = "run, explain, shape, render, predict, convert, grad, train or evaluate";

int run_cli(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("", "", std::string("missing command (") + kCommandList + ")");
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    print_help();
    return kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << kVersion;
    return kExitOk;
  }
  const Command* c = find_command(args[0]);
  if (!c) return usage_error("", "", "unknown command \"" + args[0] + "\"; expected " + kCommandList);
  if (wants_help(args)) {
    std::cout << "usage:\n" << c->help << kFooter;
    return kExitOk;
  }
  Args a;
  if (int rc = parse_args(args, c->options, c->file_name, &a)) return rc;
  return c->run(a);
}

}  // namespace
}  // namespace cs::cli

int main(int argc, char** argv) {
  try {
    return cs::cli::run_cli(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    return cs::cli::fail("(engine)", "out of memory; try a smaller scene");
  } catch (const std::exception& e) {
    return cs::cli::fail("(engine)", e.what());
  }
}
