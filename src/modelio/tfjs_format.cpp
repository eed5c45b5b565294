// tfjs_format.cpp - TensorFlow.js layers models: model.json (modelTopology:
// the Keras model config, possibly wrapped as {"model_config": ...} by the
// converter; weightsManifest: groups of shard paths and weight specs) and
// the .bin shards, concatenated per group in order. Dequantisation follows
// tfjs-core's io_utils.ts decodeWeight: uint8/uint16 values v become
// v * scale + min (computed in double, stored as float32), float16 is
// widened exactly (its lookup tables are the IEEE conversion).
//
// [SECTION] JSON helpers
// [SECTION] Weight specs and dequantisation
// [SECTION] Reading
// [SECTION] Writing

#include <climits>
#include <cmath>
#include <cstring>
#include <map>

#include "core/json.h"
#include "modelio/errors.h"
#include "modelio/formats.h"

namespace cs::modelio {
namespace {

constexpr std::size_t kMaxGroups = 100000;
constexpr std::size_t kMaxRank = 32;

// [SECTION] JSON helpers

// The text of the JSON value starting at `offset` in already-validated JSON.
std::string_view json_span(std::string_view text, std::size_t offset) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = offset; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return text.substr(offset, i + 1 - offset);
    }
  }
  return text.substr(offset);
}

const JsonValue* member(const JsonValue& obj, const char* key, JsonType type) {
  const JsonValue* v = obj.find(key);
  return v && v->type == type ? v : nullptr;
}

// A JSON array of non-negative integers ("shape": [3, 3, 1, 32]).
Result<std::vector<int>> int_list(const JsonValue* v, const std::string& where) {
  if (!v || v->type != JsonType::kArray || !v->items.empty() || v->numbers.size() > kMaxRank) {
    return fail(where, "is not a list of sizes");
  }
  std::vector<int> out;
  for (double d : v->numbers) {
    if (!(d >= 0 && d <= INT_MAX) || d != std::floor(d)) {
      return fail(where, "holds " + format_float(static_cast<float>(d)) + ", not a size");
    }
    out.push_back(static_cast<int>(d));
  }
  return out;
}

// [SECTION] Weight specs and dequantisation

// How a weight's values are stored; kSkip4/kSkip1 are optimizer state
// (int32/float32, bool) that is stepped over, not read.
enum class Storage { kFloat32, kUint8, kUint16, kFloat16, kSkip4, kSkip1 };

struct Spec {
  std::string name;
  std::vector<int> shape;
  std::size_t count = 0;
  Storage storage = Storage::kFloat32;
  double scale = 1.0;
  double min = 0.0;
  std::string where;

  std::size_t value_bytes() const {
    switch (storage) {
      case Storage::kUint8:
      case Storage::kSkip1:
        return 1;
      case Storage::kUint16:
      case Storage::kFloat16:
        return 2;
      default:
        return 4;
    }
  }
  bool skipped() const { return storage == Storage::kSkip4 || storage == Storage::kSkip1; }
};

Result<Storage> quantization(const JsonValue& q, Spec& spec, const std::string& where) {
  const JsonValue* dtype = member(q, "dtype", JsonType::kString);
  const std::string kind = dtype ? dtype->text : "";
  if (kind == "float16") return Storage::kFloat16;
  if (kind != "uint8" && kind != "uint16") {
    return fail(where, "quantizes '" + spec.name + "' as '" + kind +
                           "'; only uint8, uint16 and float16 are known");
  }
  const JsonValue* scale = member(q, "scale", JsonType::kNumber);
  const JsonValue* min = member(q, "min", JsonType::kNumber);
  if (!scale || !min) {
    return fail(where, "quantizes '" + spec.name + "' as " + kind +
                           " without both 'min' and 'scale' (TensorFlow.js needs both)");
  }
  spec.scale = scale->number;
  spec.min = min->number;
  return kind == "uint8" ? Storage::kUint8 : Storage::kUint16;
}

Result<Spec> read_spec(const JsonValue& w, std::size_t& budget, const std::string& where) {
  Spec spec;
  spec.where = where;
  const JsonValue* name =
      w.type == JsonType::kObject ? member(w, "name", JsonType::kString) : nullptr;
  if (!name) return fail(where, "has no name");
  spec.name = name->text;
  Result<std::vector<int>> shape = int_list(w.find("shape"), join_where(where, "shape"));
  if (!shape) return shape.error();
  spec.shape = std::move(*shape);
  spec.count = 1;
  for (int d : spec.shape) {
    if (d > 0 && spec.count > budget / static_cast<std::size_t>(d)) {
      return fail(join_where(where, "shape"), "claims " + shape_text(spec.shape) + " for '" +
                                                  spec.name + "', more values than can be read");
    }
    spec.count *= static_cast<std::size_t>(d);
  }
  budget -= spec.count;
  const JsonValue* dtype = member(w, "dtype", JsonType::kString);
  const JsonValue* group = member(w, "group", JsonType::kString);
  const JsonValue* q = w.find("quantization");
  // Optimizer state (tfjs' save with includeOptimizer) is not part of the
  // model: its bytes are stepped over, whatever plain dtype it has.
  if (group && group->text == "optimizer" && dtype && (!q || q->type == JsonType::kNull)) {
    if (dtype->text == "float32" || dtype->text == "int32") spec.storage = Storage::kSkip4;
    if (dtype->text == "bool") spec.storage = Storage::kSkip1;
    if (spec.skipped()) return spec;
  }
  if (!dtype || dtype->text != "float32") {
    return fail(join_where(where, "dtype"), "weight '" + spec.name + "' is " +
                                                (dtype ? dtype->text : std::string("untyped")) +
                                                "; only float32 weights can be read");
  }
  if (q && q->type != JsonType::kNull) {
    if (q->type != JsonType::kObject)
      return fail(join_where(where, "quantization"), "is not an object");
    Result<Storage> s = quantization(*q, spec, join_where(where, "quantization"));
    if (!s) return s.error();
    spec.storage = *s;
  }
  return spec;
}

float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  std::uint32_t exponent = (h >> 10) & 0x1Fu;
  std::uint32_t mantissa = h & 0x3FFu;
  std::uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);  // infinity, NaN (payload kept)
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;  // signed zero
  } else {        // subnormal: normalise
    exponent = 113;
    while (!(mantissa & 0x400u)) {
      mantissa <<= 1;
      --exponent;
    }
    bits = sign | (exponent << 23) | ((mantissa & 0x3FFu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

NamedArray decode(const Spec& spec, const std::uint8_t* p) {
  NamedArray a;
  a.shape = spec.shape;
  a.data.resize(spec.count);
  for (std::size_t i = 0; i < spec.count; ++i) {
    switch (spec.storage) {
      case Storage::kFloat32:
        std::memcpy(&a.data[i], p + 4 * i, 4);
        break;
      case Storage::kUint8:
        a.data[i] = static_cast<float>(p[i] * spec.scale + spec.min);
        break;
      case Storage::kUint16:
      case Storage::kFloat16: {
        const auto v = static_cast<std::uint16_t>(p[2 * i] | p[2 * i + 1] << 8);  // little-endian
        a.data[i] = spec.storage == Storage::kFloat16
                        ? half_to_float(v)
                        : static_cast<float>(v * spec.scale + spec.min);
        break;
      }
      case Storage::kSkip4:
      case Storage::kSkip1:
        break;  // never decoded
    }
  }
  return a;
}

// [SECTION] Reading

// The shard a manifest path names: the file of that name (relative to
// model.json), else the only one with that base name.
const Shard* find_shard(const std::vector<Shard>& shards, std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  for (const Shard& s : shards) {
    if (s.name == path) return &s;
  }
  auto base = [](const std::string& p) { return p.substr(p.rfind('/') + 1); };
  const Shard* found = nullptr;
  for (const Shard& s : shards) {
    if (base(s.name) == base(path)) {
      if (found) return nullptr;  // two candidates: do not guess
      found = &s;
    }
  }
  return found;
}

// The config layer a weight belongs to: "conv2d/kernel" is conv2d's; a
// model-name prefix ("sequential/conv2d/kernel") is allowed.
const ConfigLayer* owner(const ModelConfig& config, const std::string& weight) {
  const std::size_t slash = weight.rfind('/');
  if (slash == std::string::npos) return nullptr;
  const std::string prefix = weight.substr(0, slash);
  const ConfigLayer* best = nullptr;
  for (const ConfigLayer& layer : config.layers) {
    if (layer.name == prefix) return &layer;
    const bool suffix =
        prefix.size() > layer.name.size() &&
        prefix.compare(prefix.size() - layer.name.size(), std::string::npos, layer.name) == 0 &&
        prefix[prefix.size() - layer.name.size() - 1] == '/';
    if (suffix && (!best || layer.name.size() > best->name.size())) best = &layer;
  }
  return best;
}

struct Group {
  std::vector<std::uint8_t> bytes;  // the shards, concatenated
  std::vector<Spec> specs;
};

Result<Group> read_group(const JsonValue& g, const std::vector<Shard>& shards, std::size_t& budget,
                         const std::string& where) {
  Group out;
  const JsonValue* paths =
      g.type == JsonType::kObject ? member(g, "paths", JsonType::kArray) : nullptr;
  const JsonValue* weights =
      g.type == JsonType::kObject ? member(g, "weights", JsonType::kArray) : nullptr;
  if (!paths || !weights || paths->is_packed() || weights->is_packed()) {
    return fail(where, "is not a weights group ({\"paths\": [...], \"weights\": [...]})");
  }
  std::string shard_names;
  for (std::size_t i = 0; i < paths->items.size(); ++i) {
    const JsonValue& p = paths->items[i];
    const std::string at = join_where(where, "paths[" + std::to_string(i) + "]");
    if (p.type != JsonType::kString) return fail(at, "is not a file name");
    const Shard* shard = find_shard(shards, p.text);
    if (!shard) {
      return fail(at, "names the shard '" + p.text + "', which was not given; open model.json " +
                          "together with its .bin files (or one zip of them)");
    }
    if (out.bytes.size() + shard->bytes->size() > kMaxFileBytes)
      return fail(at, "the shards are too large");
    out.bytes.insert(out.bytes.end(), shard->bytes->begin(), shard->bytes->end());
    shard_names += (shard_names.empty() ? "" : ", ") + shard->name;
  }
  std::size_t needed = 0;
  for (std::size_t i = 0; i < weights->items.size(); ++i) {
    Result<Spec> s = read_spec(weights->items[i], budget,
                               join_where(where, "weights[" + std::to_string(i) + "]"));
    if (!s) return s.error();
    needed += s->count * s->value_bytes();
    out.specs.push_back(std::move(*s));
  }
  if (needed != out.bytes.size()) {
    return fail(join_where(where, "paths"),
                "the shards (" + (shard_names.empty() ? std::string("none") : shard_names) +
                    ") hold " + std::to_string(out.bytes.size()) + " bytes, but the weights " +
                    "they list need " + std::to_string(needed) +
                    "; a shard is cut short, missing or not this model's");
  }
  return out;
}

Result<bool> read_manifest(const JsonValue& manifest, const ModelConfig& config,
                           const std::vector<Shard>& shards, ModelFile& m,
                           const std::string& where) {
  if (manifest.type != JsonType::kArray || manifest.is_packed() || manifest.size() > kMaxGroups) {
    return fail(where, "is not a list of weight groups");
  }
  std::map<const ConfigLayer*, std::size_t> index;
  for (std::size_t i = 0; i < config.layers.size(); ++i) index[&config.layers[i]] = i;
  std::size_t budget = kMaxWeightValues;
  for (std::size_t gi = 0; gi < manifest.items.size(); ++gi) {
    Result<Group> g = read_group(manifest.items[gi], shards, budget,
                                 join_where(where, "[" + std::to_string(gi) + "]"));
    if (!g) return g.error();
    std::size_t offset = 0;
    for (const Spec& spec : g->specs) {
      if (spec.skipped()) {
        offset += spec.count * spec.value_bytes();
        continue;
      }
      const ConfigLayer* layer = owner(config, spec.name);
      if (!layer) {
        return fail(spec.where,
                    "weight '" + spec.name + "' belongs to no layer of the model config");
      }
      NamedArray a = decode(spec, g->bytes.data() + offset);
      offset += spec.count * spec.value_bytes();
      a.name = variable_name(spec.name);
      m.layers[index[layer]].arrays.push_back(std::move(a));
    }
  }
  return true;
}

// modelTopology, or the model_config the converter wraps in it.
const JsonValue* model_config_of(const JsonValue& topology, std::string& keras_version) {
  const JsonValue* wrapped = member(topology, "model_config", JsonType::kObject);
  const JsonValue& config = wrapped ? *wrapped : topology;
  const JsonValue* version =
      member(wrapped ? topology : config, "keras_version", JsonType::kString);
  keras_version = version ? version->text : "";
  return &config;
}

Result<const JsonValue*> find_topology(const JsonValue& root, const std::string& where) {
  if (root.type != JsonType::kObject) return fail(where, "is JSON but not an object");
  const JsonValue* format = member(root, "format", JsonType::kString);
  if (format && format->text == "graph-model") {
    return fail(where,
                "is a TensorFlow.js graph model (converted from a SavedModel); only "
                "layers models (from Keras or tfjs-layers) can be read");
  }
  const JsonValue* topology = member(root, "modelTopology", JsonType::kObject);
  if (topology) return topology;
  if (root.find("class_name") && root.find("config")) {
    return fail(where,
                "is a Keras model config alone, without weights; open the .keras or .h5 "
                "file itself");
  }
  return fail(where, "has no modelTopology: it is not a TensorFlow.js model.json");
}

}  // namespace

Result<ModelFile> read_tfjs(std::string_view model_json, const std::string& where,
                            const std::vector<Shard>& shards) {
  Result<JsonValue> root = parse_json(model_json);
  if (!root) return fail(join_where(where, root.error().where), root.error().message);
  Result<const JsonValue*> topology = find_topology(*root, where);
  if (!topology) return topology.error();
  ModelFile m;
  m.format = "tfjs";
  const JsonValue* config_value = model_config_of(**topology, m.keras_version);
  m.model_config_json = std::string(json_span(model_json, config_value->offset));
  const bool wrapped = config_value != *topology;
  Result<ModelConfig> config = read_model_config(
      *config_value, join_where(where, wrapped ? "modelTopology.model_config" : "modelTopology"));
  if (!config) return config.error();
  for (const ConfigLayer& layer : config->layers)
    m.layers.push_back({layer.name, layer.class_name, {}});
  if (const JsonValue* manifest = root->find("weightsManifest")) {
    Result<bool> ok =
        read_manifest(*manifest, *config, shards, m, join_where(where, "weightsManifest"));
    if (!ok) return ok.error();
  }
  for (std::size_t i = 0; i < m.layers.size(); ++i) {
    order_by_class(config->layers[i], m.layers[i].arrays);
    Result<bool> counted = check_array_count(config->layers[i], m.layers[i].arrays.size(),
                                             join_where(where, "weightsManifest"));
    if (!counted) return counted.error();
  }
  return m;
}

// [SECTION] Writing

namespace {

// The config text without a byte-order mark or surrounding blanks, so it
// can stand inside model.json.
std::string_view bare_json(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && std::strchr(" \t\r\n", text.front())) text.remove_prefix(1);
  while (!text.empty() && std::strchr(" \t\r\n", text.back())) text.remove_suffix(1);
  return text;
}

// The converter's wrapper carries the Keras version; a config that already
// names the same version (tfjs-layers writes its own) is kept as it is.
std::string topology_json(const ModelFile& m) {
  const std::string_view config = bare_json(m.model_config_json);
  Result<JsonValue> parsed = parse_json(config);
  const JsonValue* own = parsed ? member(*parsed, "keras_version", JsonType::kString) : nullptr;
  if (m.keras_version.empty() || (own && own->text == m.keras_version)) return std::string(config);
  std::string out = "{\"keras_version\": ";
  append_json_string(out, m.keras_version);
  out += ", \"backend\": \"tensorflow\", \"model_config\": ";
  out.append(config);
  return out + "}";
}

void append_spec(std::string& out, const std::string& name, const std::vector<int>& shape) {
  out += "{\"name\": ";
  append_json_string(out, name);
  out += ", \"shape\": " + shape_text(shape) + ", \"dtype\": \"float32\"}";
}

void append_floats(std::vector<std::uint8_t>& bin, const std::vector<float>& data) {
  const std::size_t at = bin.size();
  bin.resize(at + data.size() * 4);
  for (std::size_t i = 0; i < data.size(); ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &data[i], 4);
    for (int b = 0; b < 4; ++b) bin[at + 4 * i + b] = static_cast<std::uint8_t>(bits >> (8 * b));
  }
}

}  // namespace

Result<std::vector<InputFile>> write_tfjs(const ModelFile& m, const std::string& shard_name) {
  if (shard_name.empty()) return fail("shard_name", "is empty");
  Result<WritableModel> w = prepare_for_writing(m, "model");
  if (!w) return w.error();
  InputFile json{"model.json", {}};
  InputFile bin{shard_name, {}};
  std::string weights;
  for (std::size_t i = 0; i < w->config.layers.size(); ++i) {
    for (const NamedArray* a : w->arrays[i]) {
      if (!weights.empty()) weights += ", ";
      append_spec(weights, w->config.layers[i].name + "/" + a->name, a->shape);
      append_floats(bin.bytes, a->data);
    }
  }
  std::string text = "{\"format\": \"layers-model\", \"generatedBy\": ";
  append_json_string(text, m.keras_version.empty() ? "ConvScope" : "keras v" + m.keras_version);
  text += ", \"convertedBy\": \"ConvScope modelio\", \"modelTopology\": " + topology_json(m);
  text += ", \"weightsManifest\": [{\"paths\": [";
  append_json_string(text, shard_name);
  text += "], \"weights\": [" + weights + "]}]}";
  json.bytes.assign(text.begin(), text.end());
  return std::vector<InputFile>{std::move(json), std::move(bin)};
}

}  // namespace cs::modelio
