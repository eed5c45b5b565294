# train_torch.py - the PyTorch side of the training benchmark (scripts/bench-train.sh):
# the chapter's CNN and the small one (models/train/*.json) with Keras' defaults
# (GlorotUniform kernels, zero biases; Adam lr 0.001, betas 0.9 / 0.999, eps 1e-7),
# batch 32, shuffled, one thread, on the 8,000 training digits bench/train_data.mjs
# wrote. Runs EPOCHS epochs per model and prints one JSON line per model, timed on the
# last epoch (the first also pays for PyTorch's warm-up; its time is in first_wall):
# {"who": "pytorch", "model": ..., "epoch": e, "examples": n, "wall": s, "cpu": s, ...}.
#   /usr/bin/python3 bench/train_torch.py TRAIN.u8 [EPOCHS]
import json
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(1)


def cnn(f1, f2, units):
    layers = [nn.Conv2d(1, f1, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
              nn.Conv2d(f1, f2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()]
    flat = f2 * 7 * 7
    if units:
        layers += [nn.Linear(flat, units), nn.ReLU(), nn.Dropout(0.4), nn.Linear(units, 10)]
    else:
        layers += [nn.Linear(flat, 10)]
    model = nn.Sequential(*layers)  # softmax: inside the loss (from logits)
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)  # Keras GlorotUniform (same fans)
            nn.init.zeros_(m.bias)
    return model


def main():
    path = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    raw = np.fromfile(path, dtype=np.uint8)
    n = 8000
    y = torch.from_numpy(raw[:n].astype(np.int64))
    x = torch.from_numpy((raw[n:].astype(np.float32) / 255.0).reshape(n, 1, 28, 28))
    for name, f1, f2, units in (('chapter', 32, 64, 100), ('small', 8, 16, 0)):
        model = cnn(f1, f2, units)
        opt = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
        loss_fn = nn.CrossEntropyLoss()
        model.train()
        first_wall = None
        for epoch in range(epochs):
            w0, c0 = time.perf_counter(), time.process_time()
            order = torch.randperm(n)
            for start in range(0, n, 32):
                idx = order[start:start + 32]
                opt.zero_grad()
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            first_wall = wall if first_wall is None else first_wall
        print(json.dumps({'who': 'pytorch', 'model': name, 'epoch': epochs, 'examples': n,
                          'wall': wall, 'cpu': cpu, 'first_wall': first_wall, 'last_batch_loss': float(loss),
                          'version': torch.__version__, 'threads': torch.get_num_threads()}),
              flush=True)


main()
