// main.cpp - convscope-cli: run, explain, shape and render a scene from a terminal.
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

#include "cli/cmd_train.h"
#include "core/engine.h"
#include "core/figure.h"
#include "core/gif_writer.h"
#include "core/png_writer.h"
#include "core/report.h"
#include "core/scene.h"
#include "core/trace.h"
#include "core/validate.h"

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
    "Layers are counted from 0, as in the JSON paths (layers[0]).\n"
    "The scene format is described in docs/scene-format.md.\n";

int fail(const std::string& where, const std::string& what) {
  std::cerr << "error: " << (where.empty() ? "" : where + ": ") << what << "\n";
  return kExitBadInput;
}

int fail(const cs::Error& e) { return fail(e.where, e.message); }

// Whole file (or stdin for "-") as bytes; false with a message on failure.
bool read_input(const std::string& path, std::string& text, std::string& why) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
    if (std::cin.bad()) {
      why = "cannot read standard input";
      return false;
    }
    return true;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    why = "cannot open the file";
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  if (f.bad()) {
    why = "cannot read the file";
    return false;
  }
  return true;
}

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
};

int load_scene(const Args& a, cs::Scene& scene) {
  std::string text;
  std::string why;
  if (!read_input(a.file, text, why)) return fail(a.file, why);
  cs::Result<cs::Scene> s = cs::parse_scene(text);
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
  if (int rc = load_scene(a, scene)) return rc;
  cs::Result<cs::ScenePlan> plan = cs::validate_scene(scene);
  if (!plan) return fail(plan.error());
  std::cout << (a.json ? cs::shape_report_json(scene, *plan) : cs::shape_report_text(scene, *plan));
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
    return fail("command line", "missing command (run, explain, shape or render; see --help)");
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage << cs::cli::kTrainUsage;
    return 0;
  }
  if (cs::cli::is_train_command(args[0])) return cs::cli::run_train_command(args);
  Args a;
  a.command = args[0];
  if (a.command != "run" && a.command != "explain" && a.command != "shape" && a.command != "render") {
    return fail("command line",
                "unknown command \"" + a.command + "\"; expected run, explain, shape or render");
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
