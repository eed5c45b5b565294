// weights_code.cpp - set_weights / copy_ lines for the exported models.
#include "model/weights_code.h"

#include "core/json.h"
#include "core/layers/family.h"
#include "core/trace.h"

namespace cs {

namespace {

// The numbers of one weight, or where the scene file keeps them.
std::string values(const std::vector<float>& v, std::size_t layer, const char* name, bool* from_file) {
  if (v.size() > kMaxInlineWeights) {
    *from_file = true;
    return "scene_layers[" + std::to_string(layer) + "][\"" + name + "\"]";
  }
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + format_float(v[i]);
  return s + "]";
}

std::string shape_of(const std::vector<int>& d) {
  std::string s;
  for (int x : d) s += (s.empty() ? "" : ", ") + std::to_string(x);
  return d.size() == 1 ? s + "," : s;
}

const char* kFilePreamble =
    "# Large weights come from the scene ConvScope computes with: press \"Copy scene JSON\"\n"
    "# (Formulas & code) and save it as convscope-scene.json beside this script.\n"
    "import json\n"
    "scene_layers = json.load(open(\"convscope-scene.json\"))[\"layers\"]\n";

// Lines of one weight-holding Keras layer; `index` counts model.layers
// (keras.Input is not among them, nor our InputLayer rows).
std::string keras_layer(const Layer& l, const LayerPlan& p, std::size_t scene_index, int index,
                        bool* from_file) {
  const LayerInfo& info = layer_info(l.type);
  std::string arrays;
  for (std::size_t w = 0; w < info.weights.size(); ++w) {
    const WeightDef& def = info.weights[w];
    if (def.present && !(l.*def.present)) continue;
    const std::vector<int> dims = info.family->weight_dims(l, static_cast<int>(w), p.in.c);
    arrays += (arrays.empty() ? "" : ",\n    ") + std::string("np.array(") +
              values(l.*def.field, scene_index, def.name, from_file) + ", \"float32\").reshape(" +
              shape_of(dims) + ")";
  }
  if (arrays.empty()) return "";
  return "model.layers[" + std::to_string(index) + "].set_weights([\n    " + arrays + "])\n";
}

int torch_modules(const std::string& lines) {
  int n = 0;
  std::size_t start = 0;
  while (start <= lines.size()) {
    const std::size_t end = lines.find('\n', start);
    const std::string line = lines.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line[0] != '#') ++n;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return n;
}

// The module index of the line starting with `prefix` among `lines`.
int torch_offset(const std::string& lines, const char* prefix) {
  int n = 0;
  std::size_t start = 0;
  while (start < lines.size()) {
    const std::size_t end = lines.find('\n', start);
    const std::string line = lines.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.rfind(prefix, 0) == 0) return n;
    if (!line.empty() && line[0] != '#') ++n;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return 0;
}

}  // namespace

std::string keras_weights_code(const Scene& scene, const ScenePlan& plan) {
  std::string body;
  bool from_file = false;
  int index = 0;
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    if (l.type == LayerType::kInputLayer) continue;
    body += keras_layer(l, plan.layer(i), i, index++, &from_file);
  }
  if (body.empty()) return "";
  return std::string("\n# ConvScope's weights, so Keras computes the numbers on screen:\nimport numpy as np\n") +
         (from_file ? kFilePreamble : "") + body;
}

std::string pytorch_weights_code(const Scene& scene, const ScenePlan& plan) {
  std::string body;
  bool from_file = false;
  int module = 0;
  for (std::size_t i = 0; i < scene.layers.size(); ++i) {
    const Layer& l = scene.layers[i];
    const LayerPlan p = plan.layer(i);
    const Family& family = layer_family(l.type);
    const std::string lines = family.pytorch_line(l, p);
    const TorchWeights tw = family.torch_weights(l, p);
    const std::string m = "model[" + std::to_string(module + (tw.module ? torch_offset(lines, tw.module) : 0)) + "]";
    const LayerInfo& info = layer_info(l.type);
    for (const TorchWeights::Param& param : tw.params) {
      const WeightDef& def = info.weights[static_cast<std::size_t>(param.weight)];
      if (def.present && !(l.*def.present)) continue;
      body += "    " + m + "." + param.attribute + ".copy_(torch.tensor(" +
              values(l.*def.field, i, def.name, &from_file) + ")" + param.transform + ")\n";
    }
    module += torch_modules(lines);
  }
  if (body.empty()) return "";
  return std::string("\n# ConvScope's weights (Keras' layouts turned into PyTorch's):\n") +
         (from_file ? kFilePreamble : "") + "with torch.no_grad():\n" + body;
}

}  // namespace cs
