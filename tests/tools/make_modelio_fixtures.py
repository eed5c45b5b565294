#!/usr/bin/python3
"""make_modelio_fixtures.py - writes the h5py-made fixtures of
tests/modelio_test.cpp into tests/data/modelio/ (committed; run again only to
change them, after tests/tools/make_tfjs_fixtures.mjs):

    /usr/bin/python3 tests/tools/make_modelio_fixtures.py      (Debian python3-h5py)

1. real-expected.json: what h5py, an independent reader, sees in the
   textbook's models/best-cnn-model.keras and tests/data/best-cnn-model.h5:
   the config's layers and, per weight array, its path, shape, first and last
   5 values, exact sum (math.fsum) and sum of magnitudes.
2. From the weights of the tfjs-float32 fixture, files in the other layouts
   the reader must handle, written the way each Keras version does:
   - legacy-vlen.h5: tf.keras 2.11 (variable-length str attributes,
     weight names "conv2d/kernel:0");
   - legacy-fixed-split.h5: fixed-length bytes attributes, layer_names and one
     weight_names split over name0, name1 (Keras' save_attributes_to_hdf5_group
     for long lists), names without ":0" (Keras 3's legacy writer);
   - tf213.keras: tf.keras 2.13's .keras layout,
     _layer_checkpoint_dependencies/<class>/vars/<i>, members deflated;
   - functional.keras: a Keras 3 Functional model (its InputLayer keeps a
     layers/input_layer/vars group);
   - tfjs-float32.zip: the tfjs-float32 fixture in one zip, in a folder.
3. Damaged legacy files (the same model with one dataset changed):
   bad-huge-shape.h5 (a chunked conv2d kernel claiming 10^12 values, a few
   bytes on disk), bad-int-kernel.h5 (int32 values), bad-size.h5 (conv2d's
   bias is float32[13] whose stored shape was then patched to [26], so the
   shape claims more bytes than the dataset holds), bad-ghost-layer.h5
   (layer_names lists a layer the config lacks), bad-missing-group.h5
   (layer_names lists dense, whose group is gone).
"""
import io
import json
import math
import os
import zipfile

import h5py
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "tests", "data", "modelio")


def summary(path, a):
    flat = np.asarray(a, dtype=np.float32).reshape(-1)
    return {"path": path, "shape": list(a.shape),
            "first": [float(v) for v in flat[:5]], "last": [float(v) for v in flat[-5:]],
            "sum": math.fsum(float(v) for v in flat), "sum_abs": math.fsum(abs(float(v)) for v in flat)}


def layers_of(config):
    return [{"name": l["config"]["name"], "class_name": l["class_name"]} for l in config["config"]["layers"]]


def real_keras():
    with zipfile.ZipFile(os.path.join(ROOT, "models", "best-cnn-model.keras")) as z:
        config = json.loads(z.read("config.json"))
        h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
        arrays = {}
        for name in h5["layers"]:
            for i in range(len(h5["layers"][name]["vars"])):
                p = f"layers/{name}/vars/{i}"
                arrays.setdefault(name, []).append(summary(p, h5[p][()]))
    return {"layers": layers_of(config), "arrays": arrays}


def real_h5():
    h5 = h5py.File(os.path.join(ROOT, "tests", "data", "best-cnn-model.h5"), "r")
    config = json.loads(h5.attrs["model_config"])
    mw = h5["model_weights"]
    arrays = {}
    for name in mw.attrs["layer_names"]:
        for w in mw[name].attrs["weight_names"]:
            arrays.setdefault(name, []).append(summary(f"model_weights/{name}/{w}", mw[name][w][()]))
    return {"layers": layers_of(config), "keras_version": h5.attrs["keras_version"], "arrays": arrays}


def tfjs_weights():
    d = os.path.join(OUT, "tfjs-float32")
    model = json.load(open(os.path.join(d, "model.json")))
    group = model["weightsManifest"][0]
    data = b"".join(open(os.path.join(d, p), "rb").read() for p in group["paths"])
    out, at = {}, 0
    for spec in group["weights"]:
        n = int(np.prod(spec["shape"]))
        out[spec["name"]] = np.frombuffer(data, "<f4", n, at).reshape(spec["shape"])
        at += 4 * n
    return model["modelTopology"], out


def by_layer(weights, config):
    """Per config layer, [(variable name, array)] in Keras get_weights() order."""
    order = ["kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"]
    out = []
    for layer in config["config"]["layers"]:
        name = layer["config"]["name"]
        mine = [(k.split("/")[-1], v) for k, v in weights.items() if k.split("/")[0] == name]
        out.append((name, layer["class_name"], sorted(mine, key=lambda kv: order.index(kv[0]))))
    return out


def legacy_h5(path, config, layers, fixed, split):
    def text(v):
        return np.bytes_(v) if fixed else v

    def texts(vs):
        return np.array([v.encode() for v in vs]) if fixed else vs

    def put_list(obj, name, values):
        if split and len(values) > 1:
            half = len(values) // 2
            obj.attrs[name + "0"] = texts(values[:half])
            obj.attrs[name + "1"] = texts(values[half:])
        else:
            obj.attrs[name] = texts(values) if values else np.array([])

    with h5py.File(path, "w") as f:
        f.attrs["backend"] = text("tensorflow")
        f.attrs["keras_version"] = text("2.11.0" if not fixed else "3.4.1")
        f.attrs["model_config"] = text(json.dumps(config))
        mw = f.create_group("model_weights")
        put_list(mw, "layer_names", [n for n, _, _ in layers])
        for name, _, arrays in layers:
            g = mw.create_group(name)
            names = [f"{name}/{v}" + ("" if fixed else ":0") for v, _ in arrays]
            put_list(g, "weight_names", names)
            for wn, (_, a) in zip(names, arrays):
                g[wn] = a


def keras_zip(path, config, layers, version, root, functional_input=False):
    h5bytes = io.BytesIO()
    with h5py.File(h5bytes, "w") as f:
        f.create_group("vars")
        used = {}
        if functional_input:
            f.create_group(f"{root}/input_layer/vars")
        for name, cls, arrays in layers:
            snake = {"Conv2D": "conv2d", "BatchNormalization": "batch_normalization",
                     "MaxPooling2D": "max_pooling2d", "Flatten": "flatten", "Dense": "dense",
                     "InputLayer": "input_layer"}[cls]
            if cls == "InputLayer":
                continue
            if snake in used:
                used[snake] += 1
                snake = f"{snake}_{used[snake]}"
            else:
                used[snake] = 0
            g = f.create_group(f"{root}/{snake}/vars")
            for i, (_, a) in enumerate(arrays):
                g[str(i)] = a
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", json.dumps({"keras_version": version, "date_saved": "2026-12-01@12:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", h5bytes.getvalue())


def functional_config(config):
    layers = [{"class_name": "InputLayer", "name": "input_layer",
               "config": {"batch_shape": [None, 6, 6, 1], "dtype": "float32", "name": "input_layer"},
               "inbound_nodes": []}]
    prev = "input_layer"
    for l in config["config"]["layers"]:
        l = json.loads(json.dumps(l))
        l["name"] = l["config"]["name"]
        l["inbound_nodes"] = [[[prev, 0, 0, {}]]]
        prev = l["name"]
        layers.append(l)
    return {"class_name": "Functional",
            "config": {"name": "functional", "layers": layers,
                       "input_layers": [["input_layer", 0, 0]], "output_layers": [[prev, 0, 0]]}}


def tfjs_zip(path):
    d = os.path.join(OUT, "tfjs-float32")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(os.listdir(d)):
            z.write(os.path.join(d, name), "my-model/" + name)


def damaged(config, layers):
    legacy_h5(os.path.join(OUT, "bad-huge-shape.h5"), config, layers, fixed=False, split=False)
    with h5py.File(os.path.join(OUT, "bad-huge-shape.h5"), "a") as f:
        del f["model_weights/conv2d/conv2d/kernel:0"]
        f.create_dataset("model_weights/conv2d/conv2d/kernel:0", shape=(1000000, 1000000), dtype="<f4",
                         chunks=(1, 1))
    legacy_h5(os.path.join(OUT, "bad-int-kernel.h5"), config, layers, fixed=False, split=False)
    with h5py.File(os.path.join(OUT, "bad-int-kernel.h5"), "a") as f:
        del f["model_weights/conv2d/conv2d/kernel:0"]
        f["model_weights/conv2d/conv2d/kernel:0"] = np.arange(27, dtype="<i4").reshape(3, 3, 1, 3)
    legacy_h5(os.path.join(OUT, "bad-ghost-layer.h5"), config, layers, fixed=False, split=False)
    with h5py.File(os.path.join(OUT, "bad-ghost-layer.h5"), "a") as f:
        f["model_weights"].attrs["layer_names"] = [n for n, _, _ in layers] + ["ghost"]
        f["model_weights"].create_group("ghost").attrs["weight_names"] = np.array([])
    legacy_h5(os.path.join(OUT, "bad-missing-group.h5"), config, layers, fixed=False, split=False)
    with h5py.File(os.path.join(OUT, "bad-missing-group.h5"), "a") as f:
        del f["model_weights/dense"]
    path = os.path.join(OUT, "bad-size.h5")
    legacy_h5(path, config, layers, fixed=False, split=False)
    with h5py.File(path, "a") as f:
        del f["model_weights/conv2d/conv2d/bias:0"]
        f["model_weights/conv2d/conv2d/bias:0"] = np.arange(13, dtype="<f4")
    data = bytearray(open(path, "rb").read())
    # Dataspace message, version 1: version 1, rank 1, flags 1 (maximum sizes
    # follow), 5 reserved bytes, then the size and the maximum size.
    pattern = bytes([1, 1, 1, 0, 0, 0, 0, 0]) + (13).to_bytes(8, "little") * 2
    at = data.find(pattern)
    assert at >= 0 and data.find(pattern, at + 1) < 0, "the bias's dataspace must be found once"
    data[at + 8:at + 24] = (26).to_bytes(8, "little") * 2
    open(path, "wb").write(data)


def main():
    expected = {"keras": real_keras(), "h5": real_h5()}
    with open(os.path.join(OUT, "real-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    topology, weights = tfjs_weights()
    config = {"class_name": topology["class_name"], "config": topology["config"]}
    layers = by_layer(weights, config)
    legacy_h5(os.path.join(OUT, "legacy-vlen.h5"), config, layers, fixed=False, split=False)
    legacy_h5(os.path.join(OUT, "legacy-fixed-split.h5"), config, layers, fixed=True, split=True)
    keras_zip(os.path.join(OUT, "tf213.keras"), config, layers, "2.13.1", "_layer_checkpoint_dependencies")
    fconfig = functional_config(config)
    keras_zip(os.path.join(OUT, "functional.keras"), fconfig, by_layer(weights, fconfig), "3.4.1",
              "layers", functional_input=True)
    tfjs_zip(os.path.join(OUT, "tfjs-float32.zip"))
    damaged(config, layers)
    for name in sorted(os.listdir(OUT)):
        p = os.path.join(OUT, name)
        if os.path.isfile(p):
            print(f"{os.path.getsize(p):8d} {name}")


if __name__ == "__main__":
    main()
