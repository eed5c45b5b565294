#!/usr/bin/python3
"""keras_layout.py - compares a .keras file written by ConvScope with one
written by Keras, as an independent reader sees them (Python's zipfile and
h5py, Debian python3-h5py): the zip members and how they are stored,
metadata.json's keys, and model.weights.h5 group by group (every group and
dataset with its shape, dtype, layout and attributes). optimizer/ is left
out: a ModelFile carries no optimizer state. With --same-weights the
dataset values must be equal too (the file was written from that model).

    keras_layout.py REFERENCE.keras WRITTEN.keras [--same-weights]
"""
import io
import json
import sys
import zipfile

import h5py
import numpy as np


def layout(h5):
    rows = []

    def visit(name, obj):
        if name == "optimizer" or name.startswith("optimizer/"):
            return
        attrs = sorted(obj.attrs.keys())
        if isinstance(obj, h5py.Dataset):
            dcpl = obj.id.get_create_plist()
            rows.append(("dataset", name, obj.shape, str(obj.dtype), dcpl.get_layout(), attrs))
        else:
            rows.append(("group", name, attrs))

    rows.append(("group", "/", sorted(h5.attrs.keys())))
    h5.visititems(visit)
    return rows


def members(z):
    return [(i.filename, i.compress_type) for i in z.infolist()]


def main():
    ref_path, out_path = sys.argv[1], sys.argv[2]
    same_weights = "--same-weights" in sys.argv[3:]
    problems = []
    with zipfile.ZipFile(ref_path) as ref, zipfile.ZipFile(out_path) as out:
        if members(ref) != members(out):
            problems.append(f"zip members differ: {members(ref)} vs {members(out)}")
        meta_ref = json.loads(ref.read("metadata.json"))
        meta_out = json.loads(out.read("metadata.json"))
        if sorted(meta_ref) != sorted(meta_out):
            problems.append(f"metadata.json keys differ: {sorted(meta_ref)} vs {sorted(meta_out)}")
        json.loads(out.read("config.json"))
        h5_ref = h5py.File(io.BytesIO(ref.read("model.weights.h5")), "r")
        h5_out = h5py.File(io.BytesIO(out.read("model.weights.h5")), "r")
        rows_ref, rows_out = layout(h5_ref), layout(h5_out)
        for row in rows_ref:
            if row not in rows_out:
                problems.append(f"missing from {out_path}: {row}")
        for row in rows_out:
            if row not in rows_ref:
                problems.append(f"not in {ref_path}: {row}")
        if same_weights:
            for row in rows_ref:
                if row[0] == "dataset":
                    a, b = h5_ref[row[1]][()], h5_out[row[1]][()]
                    if a.tobytes() != b.tobytes():
                        problems.append(f"values of {row[1]} differ")
        print(f"{out_path}: {len(rows_out)} groups and datasets, "
              f"{sum(r[0] == 'dataset' for r in rows_out)} datasets")
    for p in problems:
        print("keras_layout: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
