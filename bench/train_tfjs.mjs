// train_tfjs.mjs - the TensorFlow.js side of the training benchmark (scripts/bench-train.sh):
// the chapter's CNN and the small one (models/train/*.json) built with
// @tensorflow/tfjs-layers 4.22 (its default GlorotUniform / zeros initialisers), Adam
// lr 0.001 eps 1e-7, batch 32, shuffled, model.fit on the 8,000 training digits.
// tfjs-backend-wasm is tried first (one thread); 4.22 has no Conv2DBackpropFilter
// kernel, so training falls back to tfjs-backend-cpu and the script says so. That
// backend is slow, so fit stops after --budget seconds (default 60; at least 2 batches timed) and the epoch is
// extrapolated from the batches after the first WARMUP ones; the JSON line says so.
//   node bench/train_tfjs.mjs DIGITS.bin [--budget 60]
// Prints one JSON line per model: {"who": "tfjs-<backend>", "model", "examples", "wall", "cpu", ...}.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {setThreadsCount} from '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import {trainingDigits, toFloats} from './train_data.mjs';

const args = process.argv.slice(2);
const file = args[0];
const budget = args.includes('--budget') ? Number(args[args.indexOf('--budget') + 1]) : 60;
const WARMUP = 1;  // batches left out of the timing (kernel set-up, first allocations)

function cnn(f1, f2, units) {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({inputShape: [28, 28, 1], filters: f1, kernelSize: 3, padding: 'same', activation: 'relu'}));
  m.add(tfl.layers.maxPooling2d({poolSize: 2}));
  m.add(tfl.layers.conv2d({filters: f2, kernelSize: 3, padding: 'same', activation: 'relu'}));
  m.add(tfl.layers.maxPooling2d({poolSize: 2}));
  m.add(tfl.layers.flatten());
  if (units) {
    m.add(tfl.layers.dense({units, activation: 'relu'}));
    m.add(tfl.layers.dropout({rate: 0.4}));
  }
  m.add(tfl.layers.dense({units: 10, activation: 'softmax'}));
  m.compile({optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: 'categoricalCrossentropy'});
  return m;
}

const d = trainingDigits(file);
const n = d.labels.length;
const xs = toFloats(d.pixels);
const examples = (count) => [tf.tensor4d(xs.subarray(0, count * 784), [count, 28, 28, 1]),
  tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(d.labels.subarray(0, count), 'int32'), 10), 'float32'))];

// Which backend can train: one batch of the small model on each.
setThreadsCount(1);
let backend = null;
const refused = {};
for (const b of ['wasm', 'cpu']) {
  try {
    await tf.setBackend(b);
    await tf.ready();
    const m = cnn(8, 16, 0);
    const [bx, by] = examples(32);
    await m.fit(bx, by, {batchSize: 32, epochs: 1, verbose: 0});
    m.dispose(), tf.dispose([bx, by]);
    backend = b;
    break;
  } catch (e) {
    refused[b] = String(e.message || e).split('\n')[0];
  }
}
if (!backend) throw new Error(`no TensorFlow.js backend can train: ${JSON.stringify(refused)}`);

const [x, y] = examples(n);
for (const [name, f1, f2, units] of [['chapter', 32, 64, 100], ['small', 8, 16, 0]]) {
  const m = cnn(f1, f2, units);
  let t0 = 0, c0 = null, timed = 0, batches = 0, wall = 0, cpu = 0;
  const start = performance.now();
  await m.fit(x, y, {
    batchSize: 32, epochs: 1, shuffle: true, verbose: 0, yieldEvery: 'never',
    callbacks: {
      onBatchEnd: async (batch, logs) => {
        batches = batch + 1;
        if (batches === WARMUP) {
          t0 = performance.now(), c0 = process.cpuUsage();
        } else if (batches > WARMUP) {
          timed += logs.size;
          wall = (performance.now() - t0) / 1000;
          const c = process.cpuUsage(c0);
          cpu = (c.user + c.system) / 1e6;
        }
        // at least two timed batches, however slow
        if ((performance.now() - start) / 1000 > budget && batches >= WARMUP + 2) m.stopTraining = true;
      },
    },
  });
  const whole = batches * 32 >= n;
  console.log(JSON.stringify({
    who: `tfjs-${backend}`, model: name, examples: n,
    wall: (wall / timed) * n, cpu: (cpu / timed) * n, measured_examples: timed,
    extrapolated: !whole, budget, warmup_batches: WARMUP, refused, version: tf.version_core,
  }));
  m.dispose();
}
