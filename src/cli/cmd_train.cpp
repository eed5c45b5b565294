// cmd_train.cpp - convscope-cli grad / train / evaluate (see
// cmd_train.h). Argument parsing and printing only: the learning is
// core/train's, the data reading src/data's.
//
// [SECTION] Arguments
// [SECTION] Loading
// [SECTION] Commands

#include "cli/cmd_train.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

#include "core/engine.h"
#include "core/json.h"
#include "core/layers/family.h"
#include "core/scene.h"
#include "core/train/fit.h"
#include "core/train/model_pass.h"
#include "data/load.h"
#include "data/readers.h"
#include "cli/model_load.h"

namespace cs::cli {

const char kTrainUsage[] =
    "  convscope-cli grad MODEL.json --batch BATCH.json [--training] [--seed S]\n"
    "                                           loss and weight gradients as JSON\n"
    "  convscope-cli train MODEL.json --data mnist|PATH [--epochs E] [--batch-size B]\n"
    "                  [--optimizer adam|sgd|rmsprop] [--learning-rate R] [--seed S]\n"
    "                  [--validation-split F] [--patience P] [--loss NAME] [-o OUT.json]\n"
    "                                           trains; one line per epoch\n"
    "  convscope-cli evaluate MODEL.json --data mnist|PATH   loss and accuracy\n";

namespace {

constexpr int kExitBadInput = 2;

int fail(const std::string& where, const std::string& what) {
  std::cerr << "error: " << (where.empty() ? "" : where + ": ") << what << "\n";
  return kExitBadInput;
}
int fail(const Error& e) { return fail(e.where, e.message); }

// [SECTION] Arguments

// The command's file and its --options (flags map to "").
struct Args {
  std::string command, file;
  std::map<std::string, std::string> opt;
  bool has(const char* k) const { return opt.count(k) != 0; }
  std::string get(const char* k, const char* def = "") const { return has(k) ? opt.at(k) : def; }
};

const std::map<std::string, std::vector<std::string>> kOptions = {
    {"grad", {"--batch", "--seed"}},
    {"train", {"--data", "--epochs", "--batch-size", "--optimizer", "--learning-rate", "--seed",
               "--validation-split", "--patience", "--loss", "-o"}},
    {"evaluate", {"--data", "--batch-size", "--loss"}},
};

bool takes(const std::string& command, const std::string& option) {
  for (const std::string& o : kOptions.at(command))
    if (o == option) return true;
  return false;
}

int parse_args(const std::vector<std::string>& args, Args* a) {
  a->command = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& s = args[i];
    if (s == "--training" && a->command == "grad") {
      a->opt[s] = "";
    } else if (takes(a->command, s)) {
      if (i + 1 >= args.size()) return fail(s, "expects a value");
      a->opt[s] = args[++i];
    } else if ((s.size() > 1 && s[0] == '-') || !a->file.empty()) {
      return fail("command line", "unexpected argument \"" + s + "\" for " + a->command);
    } else {
      a->file = s;
    }
  }
  if (a->file.empty()) return fail("command line", a->command + " needs a MODEL.json");
  return 0;
}

bool to_int(const std::string& s, int lo, int hi, int* out) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

bool to_double(const std::string& s, double* out) {
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return !s.empty() && *end == '\0' && std::isfinite(*out);
}

// --name N in [lo, hi], or def when absent; returns an exit code.
int int_option(const Args& a, const char* name, int lo, int hi, int def, int* out) {
  *out = def;
  if (a.has(name) && !to_int(a.get(name), lo, hi, out))
    return fail(name, "expects a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got \"" +
                          a.get(name) + "\"");
  return 0;
}

// [SECTION] Loading

bool read_file(const std::string& path, std::string* text) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  text->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return !f.bad();
}

// The model; with --seed, the weights it leaves out are initialised from
// that seed (unless the document names its own "seed").
int load_model(const Args& a, Scene* scene) {
  std::string text;
  if (!read_file(a.file, &text)) return fail(a.file, "cannot open the file");
  const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos || text[first] != '{' || text.find("\"modelTopology\"") != std::string::npos ||
      text.find("\"model_config\"") != std::string::npos) {  // a .keras, .h5 or model.json: trained weights
    Result<Scene> m = load_any(a.file);
    if (!m) return fail(m.error());
    *scene = std::move(*m);
    return 0;
  }
  Result<JsonValue> doc = parse_json(text);
  if (!doc) return fail(doc.error());
  int seed = 0;
  if (a.has("--seed") && !to_int(a.get("--seed"), 0, 2147483647, &seed))
    return fail("--seed", "expects a whole number from 0, got \"" + a.get("--seed") + "\"");
  if (a.has("--seed") && doc->type == JsonType::kObject && doc->find("seed") == nullptr) {
    JsonValue v;
    v.type = JsonType::kNumber, v.number = seed;
    doc->keys.push_back("seed");
    doc->items.push_back(v);
  }
  Result<Scene> s = parse_scene_value(*doc, text);
  if (!s) return fail(s.error());
  *scene = std::move(*s);
  return 0;
}

void append_floats(std::string& out, const std::vector<float>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ", ";
    append_float(out, v[i]);
  }
  out += ']';
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// [SECTION] Commands

// One entry per layer: its trainable weights by Keras name, or {}.
std::string grads_json(const Scene& scene, const ModelGrads& grads) {
  std::string out = "[";
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const LayerInfo& info = layer_info(l.type);
    out += i > 0 ? ",\n  {" : "\n  {";
    bool first = true;
    for (std::size_t w = 0; w < info.weights.size(); ++w) {
      const WeightDef& def = info.weights[w];
      if ((def.present && !(l.*def.present)) || !layer_family(l.type).trainable(l, static_cast<int>(w))) continue;
      out += first ? "\"" : ", \"";
      out += def.name;
      out += "\": ";
      append_floats(out, grads[i][w]);
      first = false;
    }
    out += "}";
  }
  return out + "\n]";
}

int cmd_grad(const Args& a) {
  if (!a.has("--batch")) return fail("--batch", "grad needs --batch BATCH.json");
  Scene scene;
  if (int rc = load_model(a, &scene)) return rc;
  std::string text;
  if (!read_file(a.get("--batch"), &text)) return fail(a.get("--batch"), "cannot open the file");
  Result<Dataset> batch = read_batch_json(text, a.get("--batch"));
  if (!batch) return fail(batch.error());
  Result<ModelPass> pass = ModelPass::create(scene, static_cast<int>(batch->size()));
  if (!pass) return fail(pass.error());
  Result<int> classes = check_trainable(scene, pass->plan(), LossKind::kSparseCategoricalCrossentropy);
  if (!classes) return fail(classes.error());
  Result<bool> ok = check_dataset(scene, *batch, *classes, "batch");
  if (!ok) return fail(ok.error());
  int seed = 0;
  if (a.has("--seed")) to_int(a.get("--seed"), 0, 2147483647, &seed);
  pass->forward(&scene, batch->x.data(), static_cast<int>(batch->size()), a.has("--training"),
                static_cast<std::uint64_t>(seed));
  std::vector<float> grad(batch->size() * static_cast<std::size_t>(*classes));
  bool from_logits = false;
  const BatchLoss loss =
      loss_and_grad(LossKind::kSparseCategoricalCrossentropy, *pass, scene, batch->y.data(), grad.data(), &from_logits);
  pass->backward(scene, grad.data(), from_logits);
  std::cout << "{\"loss\": " << number(loss.loss_sum / static_cast<double>(batch->size()))
            << ", \"grads\": " << grads_json(scene, pass->grads()) << "}\n";
  return 0;
}

void progress_bar(const BatchReport& r) {
  if (r.batch % 4 != 0 && r.batch + 1 != r.batches) return;
  const int width = 30, done = (r.batch + 1) * width / r.batches;
  std::printf("\r%d/%d [%s%s] loss %.4f accuracy %.4f %.0f examples/s", r.batch + 1, r.batches,
              std::string(static_cast<std::size_t>(done), '=').c_str(),
              std::string(static_cast<std::size_t>(width - done), ' ').c_str(), r.loss, r.accuracy,
              r.examples_per_second);
  std::fflush(stdout);
}

void epoch_line(const EpochReport& r, int epochs, bool tty) {
  if (tty) std::printf("\r\033[K");
  std::printf("epoch %d/%d loss %.4f accuracy %.4f", r.epoch + 1, epochs, r.loss, r.accuracy);
  if (!std::isnan(r.val_loss)) std::printf(" val_loss %.4f val_accuracy %.4f", r.val_loss, r.val_accuracy);
  std::printf(" seconds %.2f\n", r.seconds);
  std::fflush(stdout);
}

int fit_options(const Args& a, FitOptions* o) {
  if (int rc = int_option(a, "--epochs", 1, 100000, 1, &o->epochs)) return rc;
  if (int rc = int_option(a, "--batch-size", 1, 65536, 32, &o->batch_size)) return rc;
  if (int rc = int_option(a, "--patience", 0, 100000, 0, &o->patience)) return rc;
  int seed = 0;
  if (int rc = int_option(a, "--seed", 0, 2147483647, 0, &seed)) return rc;
  o->seed = static_cast<std::uint64_t>(seed);
  Result<OptimizerConfig> opt = optimizer_config(a.get("--optimizer", "adam"));
  if (!opt) return fail("--optimizer", opt.error().message);
  o->optimizer = *opt;
  double v = 0.0;
  if (a.has("--learning-rate")) {
    if (!to_double(a.get("--learning-rate"), &v) || v <= 0.0)
      return fail("--learning-rate", "expects a positive number, got \"" + a.get("--learning-rate") + "\"");
    o->optimizer.learning_rate = static_cast<float>(v);
  }
  if (a.has("--validation-split")) {
    if (!to_double(a.get("--validation-split"), &v) || v < 0.0 || v >= 1.0)
      return fail("--validation-split", "expects a number from 0 to below 1");
    o->validation_split = v;
  }
  Result<LossKind> loss = parse_loss(a.get("--loss", "sparse_categorical_crossentropy"));
  if (!loss) return fail("--loss", loss.error().message);
  o->loss = *loss;
  return 0;
}

int cmd_train(const Args& a) {
  if (!a.has("--data")) return fail("--data", "train needs --data mnist or a path");
  FitOptions o;
  if (int rc = fit_options(a, &o)) return rc;
  Scene scene;
  if (int rc = load_model(a, &scene)) return rc;
  Result<DataSplit> data = load_data(a.get("--data"));
  if (!data) return fail(data.error());
  const bool tty = isatty(fileno(stdout)) != 0;
  if (tty) o.on_batch = progress_bar;
  o.on_epoch = [&](const EpochReport& r) { epoch_line(r, o.epochs, tty); };
  Result<FitHistory> h = fit(&scene, data->train, data->validation, o);
  if (!h) return fail(h.error());
  if (h->stopped_early)
    std::printf("stopped early after epoch %zu; kept the weights of epoch %d\n", h->loss.size(), h->best_epoch + 1);
  if (a.has("-o")) {
    std::ofstream f(a.get("-o"), std::ios::binary);
    f << scene_to_json(scene);
    if (!f) return fail(a.get("-o"), "cannot write the file");
  }
  return 0;
}

int cmd_evaluate(const Args& a) {
  if (!a.has("--data")) return fail("--data", "evaluate needs --data mnist or a path");
  FitOptions o;
  if (int rc = fit_options(a, &o)) return rc;
  Scene scene;
  if (int rc = load_model(a, &scene)) return rc;
  Result<DataSplit> data = load_data(a.get("--data"));
  if (!data) return fail(data.error());
  const Dataset& d = data->validation.size() > 0 ? data->validation : data->train;
  Result<Evaluation> e = evaluate(scene, d, o.loss, o.batch_size);
  if (!e) return fail(e.error());
  std::printf("loss %.6f accuracy %.6f examples %zu\n", e->loss, e->accuracy, d.size());
  return 0;
}

}  // namespace

bool is_train_command(const std::string& command) { return kOptions.count(command) != 0; }

int run_train_command(const std::vector<std::string>& args) {
  Args a;
  if (int rc = parse_args(args, &a)) return rc;
  if (a.command == "grad") return cmd_grad(a);
  if (a.command == "train") return cmd_train(a);
  return cmd_evaluate(a);
}

}  // namespace cs::cli
