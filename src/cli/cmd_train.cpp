// cmd_train.cpp - convscope-cli grad / train / evaluate (see
// cmd_train.h). Options and printing only: arguments, files and errors are
// cli_common.h's, loading the model is model_load.h's, the learning is
// core/train's, the data reading src/data's.
//
// [SECTION] Arguments
// [SECTION] Commands

#include "cli/cmd_train.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/cli_common.h"
#include "cli/model_load.h"
#include "core/engine.h"
#include "core/json.h"  // append_float
#include "core/layers/family.h"
#include "core/scene.h"
#include "core/train/fit.h"
#include "core/train/model_pass.h"
#include "data/load.h"
#include "data/readers.h"

namespace cs::cli {

namespace {

// [SECTION] Arguments

const char kModelFile[] = "a MODEL (scene JSON, .keras, .h5 or model.json)";

int seed_option(const Args& a, int* seed) { return int_option(a, "--seed", 0, 2147483647, 0, seed); }

// The model; with --seed, the weights an architecture leaves out are
// initialised from that seed (unless it names its own "seed").
int load_model(const Args& a, Scene* scene) {
  int seed = 0;
  if (int rc = seed_option(a, &seed)) return rc;
  Result<Scene> s = load_any(a.file, nullptr, a.has("--seed") ? seed : -1);
  if (!s) return fail(s.error(), a.file);
  *scene = std::move(*s);
  return kExitOk;
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
  if (!a.has("--batch")) return usage_error(a.command, "--batch", "grad needs --batch BATCH.json");
  Scene scene;
  if (int rc = load_model(a, &scene)) return rc;
  Result<std::string> text = read_file(a.get("--batch"));
  if (!text) return fail(text.error());
  Result<Dataset> batch = read_batch_json(*text, a.get("--batch"));
  if (!batch) return fail(batch.error(), a.get("--batch"));
  Result<ModelPass> pass = ModelPass::create(scene, static_cast<int>(batch->size()));
  if (!pass) return fail(pass.error());
  Result<int> classes = check_trainable(scene, pass->plan(), LossKind::kSparseCategoricalCrossentropy);
  if (!classes) return fail(classes.error());
  Result<bool> ok = check_dataset(scene, *batch, *classes, "batch");
  if (!ok) return fail(ok.error());
  int seed = 0;
  if (int rc = seed_option(a, &seed)) return rc;
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
  if (int rc = seed_option(a, &seed)) return rc;
  o->seed = static_cast<std::uint64_t>(seed);
  Result<OptimizerConfig> opt = optimizer_config(a.get("--optimizer", "adam"));
  if (!opt) return usage_error(a.command, "--optimizer", opt.error().message);
  o->optimizer = *opt;
  double v = 0.0;
  if (a.has("--learning-rate")) {
    if (!to_double(a.get("--learning-rate"), &v) || v <= 0.0)
      return usage_error(a.command, "--learning-rate", "expects a positive number, got \"" + a.get("--learning-rate") + "\"");
    o->optimizer.learning_rate = static_cast<float>(v);
  }
  if (a.has("--validation-split")) {
    if (!to_double(a.get("--validation-split"), &v) || v < 0.0 || v >= 1.0)
      return usage_error(a.command, "--validation-split", "expects a number from 0 to below 1");
    o->validation_split = v;
  }
  Result<LossKind> loss = parse_loss(a.get("--loss", "sparse_categorical_crossentropy"));
  if (!loss) return usage_error(a.command, "--loss", loss.error().message);
  o->loss = *loss;
  return 0;
}

int cmd_train(const Args& a) {
  if (!a.has("--data")) return usage_error(a.command, "--data", "train needs --data mnist or a path");
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
    Result<bool> written = write_file(a.get("-o"), scene_to_json(scene));
    if (!written) return fail(written.error());
  }
  return kExitOk;
}

int cmd_evaluate(const Args& a) {
  if (!a.has("--data")) return usage_error(a.command, "--data", "evaluate needs --data mnist or a path");
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

const std::vector<Command>& train_commands() {
  static const std::vector<Command> commands = {
      {"grad", {{"--batch"}, {"--seed"}, {"--training", true}}, kModelFile,
       "  convscope-cli grad MODEL.json --batch BATCH.json [--training] [--seed S]\n"
       "                                           loss and weight gradients as JSON\n",
       cmd_grad},
      {"train",
       {{"--data"}, {"--epochs"}, {"--batch-size"}, {"--optimizer"}, {"--learning-rate"}, {"--seed"},
        {"--validation-split"}, {"--patience"}, {"--loss"}, {"-o"}},
       kModelFile,
       "  convscope-cli train MODEL.json --data mnist|PATH [--epochs E] [--batch-size B]\n"
       "                  [--optimizer adam|sgd|rmsprop] [--learning-rate R] [--seed S]\n"
       "                  [--validation-split F] [--patience P] [--loss NAME] [-o OUT.json]\n"
       "                                           trains; one line per epoch\n",
       cmd_train},
      {"evaluate", {{"--data"}, {"--batch-size"}, {"--loss"}}, kModelFile,
       "  convscope-cli evaluate MODEL.json --data mnist|PATH   loss and accuracy\n", cmd_evaluate},
  };
  return commands;
}

}  // namespace cs::cli
