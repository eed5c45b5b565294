// main.cpp - convscope-cli: run, explain, shape, render, predict and convert
// a scene or a model file (.keras, .h5, TensorFlow.js model.json) from a terminal.
// A thin shell over the core: argument parsing and file reading live here,
// everything printed is rendered by core/report.h. Bad input: exit code 2
// and one line "error: <where>: <what>" on stderr; never a crash.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "cli/model_load.h"
#include "cli/cmd_train.h"
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

namespace {

constexpr int kExitBadInput = 2;

const char kUsage[] =
    "usage:\n"
    "  convscope-cli run FILE|-                 outputs of every layer as JSON\n"
    "  convscope-cli explain FILE|- --layer L --at y,x,c [--json]\n"
    "                                           worked arithmetic of one output\n"
    "                                           element (1D layers: --at x,c)\n"
    "  convscope-cli shape FILE|- [--json]      shapes, padding, params, MACs,\n"
    "                                           Keras line per layer\n"
    "  convscope-cli render FILE|- --layer L [--filter F] [--step S]\n"
    "                  [--gif OUT.gif] [--png OUT.png] [--cell PX]\n"
    "                                           figures for slides: the stride\n"
    "                                           walk as an animated GIF, one step\n"
    "                                           (default: the last) as PNG\n"
    "  convscope-cli predict FILE --input INPUT.json|PICTURE\n"
    "                                           {\"probabilities\": [...], \"class\": k}\n"
    "  convscope-cli convert FILE -o MODEL.keras|model.json|SCENE.json\n"
    "                                           the model in another format\n"
    "FILE is a scene JSON or a model file: Keras .keras or .h5, TensorFlow.js\n"
    "model.json (its .bin shards beside it). Model files print their Keras\n"
    "summary in shape.\n"
    "Layers are counted from 0, as in the JSON paths (layers[0]).\n"
    "The scene format is described in docs/scene-format.md.\n";

int fail(const std::string& where, const std::string& what) {
  std::cerr << "error: " << (where.empty() ? "" : where + ": ") << what << "\n";
  return kExitBadInput;
}

int fail(const cs::Error& e) { return fail(e.where, e.message); }

bool parse_int(const std::string& s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
  }
  out = std::atoi(s.c_str());
  return true;
}

bool parse_coords(const std::string& s, std::vector<int>& out) {
  std::string part;
  std::istringstream ss(s);
  while (std::getline(ss, part, ',')) {
    int v = 0;
    if (!parse_int(part, v)) return false;
    out.push_back(v);
  }
  return !s.empty() && s.back() != ',';
}

struct Args {
  std::string command;
  std::string file;
  bool json = false;
  bool has_layer = false;
  int layer = 0;
  std::string at;
  // render
  int filter = 0, step = -1, cell = 44;
  std::string gif, png;
  // predict, convert
  std::string input, output;
};

int load_scene(const Args& a, cs::Scene& scene, bool* model_file = nullptr) {
  cs::Result<cs::Scene> s = cs::cli::load_any(a.file, model_file);
  if (!s) return fail(s.error());
  scene = std::move(s).value();
  return 0;
}

int cmd_run(const Args& a) {
  cs::Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  cs::Result<std::vector<cs::Tensor>> out = cs::run_scene(scene);
  if (!out) return fail(out.error());
  std::cout << cs::outputs_to_json(*out);
  return 0;
}

int cmd_shape(const Args& a) {
  cs::Scene scene;
  bool model_file = false;
  if (int rc = load_scene(a, scene, &model_file)) return rc;
  cs::Result<cs::ScenePlan> plan = cs::validate_scene(scene);
  if (!plan) return fail(plan.error());
  if (a.json) {
    std::cout << cs::shape_report_json(scene, *plan);
  } else if (model_file) {
    std::cout << cs::model_summary_table(scene, *plan);  // as Keras' model.summary() prints it
  } else {
    std::cout << cs::shape_report_text(scene, *plan);
  }
  return 0;
}

// {"probabilities": [...], "class": k}: the last layer's output for one input.
int cmd_predict(const Args& a) {
  if (a.input.empty()) return fail("--input", "predict needs --input INPUT.json or a picture");
  cs::Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  cs::Result<cs::Tensor> x = cs::cli::load_prediction_input(a.input, scene);
  if (!x) return fail(x.error());
  scene.input = std::move(x).value();
  cs::Result<std::vector<cs::Tensor>> out = cs::run_scene(scene);
  if (!out) return fail(out.error());
  const std::vector<float>& p = out->back().data;
  std::size_t best = 0;
  std::string text = "{\"probabilities\": [";
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] > p[best]) best = i;
    text += (i ? ", " : "") + cs::format_float(p[i]);
  }
  std::cout << text << "], \"class\": " << best << "}\n";
  return 0;
}

// The model in another format: .keras, model.json (+ shard) or scene JSON.
int cmd_convert(const Args& a) {
  if (a.output.empty()) return fail("-o", "convert needs -o MODEL.keras, model.json or SCENE.json");
  cs::Result<cs::modelio::SaveFormat> format = cs::modelio::format_for_name(a.output);
  if (!format) return fail(format.error());
  cs::Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  cs::Result<std::vector<cs::modelio::InputFile>> files = cs::modelio::save_model(scene, *format, a.output);
  if (!files) return fail(files.error());
  const std::size_t slash = a.output.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : a.output.substr(0, slash + 1);
  std::string why;
  for (const cs::modelio::InputFile& f : *files) {
    const std::string path = f.name.find('/') == std::string::npos ? dir + f.name : f.name;
    if (!cs::write_file_bytes(path, f.bytes, &why)) return fail(path, why);
    std::cout << path << ": " << f.bytes.size() << " bytes\n";
  }
  return 0;
}

int cmd_explain(const Args& a) {
  if (!a.has_layer) return fail("--layer", "explain needs --layer L (counted from 0)");
  if (a.at.empty()) return fail("--at", "explain needs --at y,x,c");
  std::vector<int> at;
  if (!parse_coords(a.at, at) || at.size() < 2 || at.size() > 3) {
    return fail("--at", "expected y,x,c (or x,c for 1D layers), got \"" + a.at + "\"");
  }
  cs::Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  const int n = static_cast<int>(scene.layers.size());
  if (a.layer < 0 || a.layer >= n) {
    return fail("--layer", "layer " + std::to_string(a.layer) + " does not exist; the scene has " +
                               std::to_string(n) + " layer" + (n == 1 ? "" : "s") +
                               " (counted from 0)");
  }
  const bool one_d = cs::is_1d(scene.layers[static_cast<std::size_t>(a.layer)].type);
  if (at.size() == 2) {
    if (!one_d) return fail("--at", "a 2D layer needs y,x,c, got \"" + a.at + "\"");
    at.insert(at.begin(), 0);
  }
  // Only the layers up to the one explained need to run.
  scene.layers.resize(static_cast<std::size_t>(a.layer) + 1);
  cs::Result<cs::SceneRun> run = cs::run_scene_full(scene);
  if (!run) return fail(run.error());
  const cs::TensorShape& out = run->plan.shapes.back();
  if (at[0] < 0 || at[0] >= out.h || at[1] < 0 || at[1] >= out.w || at[2] < 0 || at[2] >= out.c) {
    std::string shape;
    for (int d : out.dims()) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    return fail("--at", "position " + a.at + " is outside the output of layers[" +
                            std::to_string(a.layer) + "], shape [" + shape + "]");
  }
  cs::Result<cs::ElementTrace> t =
      cs::trace_scene_element(scene, *run, a.layer, at[0], at[1], at[2]);
  if (!t) return fail(t.error());
  std::cout << (a.json ? cs::trace_to_json(*t) : cs::explain_text(*t));
  return 0;
}

int cmd_render(const Args& a) {
  if (!a.has_layer) return fail("--layer", "render needs --layer L (counted from 0)");
  if (a.gif.empty() && a.png.empty()) return fail("command line", "render needs --gif OUT.gif and/or --png OUT.png");
  cs::Scene scene;
  if (int rc = load_scene(a, scene)) return rc;
  const int n = static_cast<int>(scene.layers.size());
  if (a.layer < 0 || a.layer >= n) {
    return fail("--layer", "layer " + std::to_string(a.layer) + " does not exist; the scene has " +
                               std::to_string(n) + " layer" + (n == 1 ? "" : "s") + " (counted from 0)");
  }
  scene.layers.resize(static_cast<std::size_t>(a.layer) + 1);
  cs::Result<cs::SceneRun> run = cs::run_scene_full(scene);
  if (!run) return fail(run.error());
  cs::FigureOptions o;
  o.filter = a.filter;
  o.cell = a.cell;
  const cs::Geometry2D& g = run->plan.geometry.back();
  std::string why;
  if (!a.gif.empty()) {
    cs::Result<cs::WalkGif> anim = cs::render_walk_gif(scene, *run, a.layer, o);
    if (!anim) return fail("--" + anim.error().where, anim.error().message);
    if (!cs::write_file_bytes(a.gif, anim->bytes, &why)) return fail(a.gif, why);
    std::cout << a.gif << ": " << anim->frames << " frames, " << anim->w << "x" << anim->h << "\n";
  }
  if (!a.png.empty()) {
    const int step = a.step < 0 ? g.out_h * g.out_w - 1 : a.step;
    cs::Result<cs::Pixels> px = cs::render_walk_frame(scene, *run, a.layer, step, o);
    if (!px) return fail("--" + px.error().where, px.error().message);
    if (!cs::write_png_file(a.png, px->rgba.data(), px->w, px->h, &why)) return fail(a.png, why);
    std::cout << a.png << ": step " << step + 1 << " of " << g.out_h * g.out_w << ", " << px->w << "x" << px->h
              << "\n";
  }
  return 0;
}

int run_cli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    return fail("command line", "missing command (run, explain, shape, render, predict or convert; see --help)");
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage << cs::cli::kTrainUsage;
    return 0;
  }
  if (cs::cli::is_train_command(args[0])) return cs::cli::run_train_command(args);
  Args a;
  a.command = args[0];
  if (a.command != "run" && a.command != "explain" && a.command != "shape" && a.command != "render" &&
      a.command != "predict" && a.command != "convert") {
    return fail("command line", "unknown command \"" + a.command +
                                    "\"; expected run, explain, shape, render, predict or convert");
  }
  const bool render = a.command == "render";
  bool have_file = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& s = args[i];
    const bool has_value = i + 1 < args.size();
    if (s == "--json" && a.command != "run") {
      a.json = true;
    } else if (render && (s == "--filter" || s == "--step" || s == "--cell")) {
      int v = 0;
      if (!has_value || !parse_int(args[i + 1], v) || v < 0) return fail(s, "expects a number, e.g. " + s + " 0");
      (s == "--filter" ? a.filter : s == "--step" ? a.step : a.cell) = v;
      ++i;
    } else if (render && (s == "--gif" || s == "--png")) {
      if (!has_value) return fail(s, "expects an output file name");
      (s == "--gif" ? a.gif : a.png) = args[++i];
    } else if (s == "--layer" && (a.command == "explain" || render)) {
      if (!has_value || !parse_int(args[i + 1], a.layer)) {
        return fail("--layer", "expects a layer index, e.g. --layer 0");
      }
      a.has_layer = true;
      ++i;
    } else if (s == "--at" && a.command == "explain") {
      if (!has_value) return fail("--at", "expects y,x,c, e.g. --at 0,1,0");
      a.at = args[++i];
    } else if ((s == "--input" && a.command == "predict") || (s == "-o" && a.command == "convert")) {
      if (!has_value) return fail(s, s == "-o" ? "expects an output file name" : "expects INPUT.json or a picture");
      (s == "-o" ? a.output : a.input) = args[++i];
    } else if ((s.size() > 1 && s[0] == '-') || have_file) {
      return fail("command line", "unexpected argument \"" + s + "\" for " + a.command);
    } else {
      a.file = s;
      have_file = true;
    }
  }
  if (!have_file) return fail("command line", a.command + " needs a FILE (or - for stdin)");
  if (a.command == "run") return cmd_run(a);
  if (a.command == "shape") return cmd_shape(a);
  if (render) return cmd_render(a);
  if (a.command == "predict") return cmd_predict(a);
  if (a.command == "convert") return cmd_convert(a);
  return cmd_explain(a);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_cli(argc, argv);
  } catch (const std::bad_alloc&) {
    return fail("(engine)", "out of memory; try a smaller scene");
  } catch (const std::exception& e) {
    return fail("(engine)", e.what());
  }
}
