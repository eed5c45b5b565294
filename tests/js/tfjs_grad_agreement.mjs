// tfjs_grad_agreement.mjs - the gradient contract (convscope-cli grad) against TensorFlow.js'
// tf.grads (tfjs-core on tfjs-backend-cpu) on seeded random small CNNs: Conv2D (strides 1-2,
// valid / same, relu / tanh / linear, with and without bias), max or average pooling, Flatten,
// Dense (relu / tanh), and a Dense softmax end, on a batch of 2-4 examples. The loss is the mean
// sparse categorical cross-entropy from the logits (what Keras computes for a softmax output).
//   node tests/js/tfjs_grad_agreement.mjs [--cli build/native/convscope-cli | convscope-cli.cjs]
//                                         [--seed N] [--cases N]
// Average pooling is 'valid' only (see makeCase: tfjs' AvgPoolGrad ignores Keras' real-cell count).
// Tolerance: |ours - tfjs| <= 1e-4 * (the largest |tfjs| of that weight): float32 sums in
// other orders differ by a few ulps of the largest terms; a wrong index, factor or sign is off
// by far more.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';  // its bundle registers tfjs-core's gradient functions

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = {cli: path.join(ROOT, 'build/native/convscope-cli'), seed: 0x96ad, cases: 40};
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--cli') args.cli = path.resolve(process.argv[++i]);
  else if (a === '--seed') args.seed = Number(process.argv[++i]);
  else if (a === '--cases') args.cases = Number(process.argv[++i]);
  else {
    console.error('usage: tfjs_grad_agreement.mjs [--cli PATH] [--seed N] [--cases N]');
    process.exit(2);
  }
}
await tf.setBackend('cpu');

function rng(seed) {  // mulberry32
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs_grad_'));

function grad(modelPath, batchPath) {
  // A wasm build's .cjs runs under this Node; its Emscripten glue must not fetch file paths.
  const [file, pre] = args.cli.endsWith('.cjs') ? [process.execPath, ['--no-experimental-fetch', args.cli]] : [args.cli, []];
  return JSON.parse(execFileSync(file, [...pre, 'grad', modelPath, '--batch', batchPath], {encoding: 'utf8'}));
}

const activate = (y, a) => (a === 'relu' ? tf.relu(y) : a === 'tanh' ? tf.tanh(y) : y);
const outSize = (len, k, s, p) => (p === 'same' ? Math.ceil(len / s) : Math.floor((len - k) / s) + 1);

// One random case: our scene (weights included) and the same model as tf ops on its weights.
function makeCase(seed) {
  const r = rng(seed);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = (...v) => v[int(0, v.length - 1)];
  const vals = (n, s = 0.5) => Array.from({length: n}, () => (r() * 2 - 1) * s);
  const h = int(5, 8), w = int(5, 8), c = int(1, 3), n = int(2, 4);
  const layers = [];
  const steps = [];  // (x, weights) -> y, in tf
  const weights = [];  // {data, shape, layer, name} in our order
  const f = int(1, 4), k = int(1, 3), s = int(1, 2), pad = pick('valid', 'same');
  const act = pick('relu', 'tanh', 'linear'), useBias = r() < 0.7;
  const conv = {type: 'Conv2D', filters: f, kernel_size: k, strides: s, padding: pad, activation: act,
    use_bias: useBias, kernel: vals(k * k * c * f)};
  weights.push({data: conv.kernel, shape: [k, k, c, f], layer: 0, name: 'kernel'});
  if (useBias) {
    conv.bias = vals(f);
    weights.push({data: conv.bias, shape: [f], layer: 0, name: 'bias'});
  }
  layers.push(conv);
  steps.push((x, ws) => {
    let y = tf.conv2d(x, ws[0], s, pad);
    if (useBias) y = tf.add(y, ws[1]);
    return activate(y, act);
  });
  let shape = [outSize(h, k, s, pad), outSize(w, k, s, pad), f];
  if (r() < 0.7 && shape[0] >= 2 && shape[1] >= 2) {
    // Average pooling only 'valid': tfjs-backend-cpu's AvgPoolGrad divides every window by
    // its full size (avgMultiplier = 1 / (filterHeight * filterWidth)) while its forward, like
    // Keras and ours, divides by the real cells, so with 'same' padding tfjs' own gradient
    // disagrees with its forward at the edges (our finite-difference sweeps check ours there).
    const kind = pick('max', 'average'), pp = kind === 'max' ? pick('valid', 'same') : 'valid';
    layers.push({type: kind === 'max' ? 'MaxPooling2D' : 'AveragePooling2D', pool_size: 2, padding: pp});
    steps.push((x) => (kind === 'max' ? tf.maxPool(x, 2, 2, pp) : tf.avgPool(x, 2, 2, pp)));
    shape = [outSize(shape[0], 2, 2, pp), outSize(shape[1], 2, 2, pp), f];
  }
  layers.push({type: 'Flatten'});
  let inputs = shape[0] * shape[1] * shape[2];
  const flat = inputs;
  steps.push((x) => tf.reshape(x, [n, flat]));
  const dense = (units, a) => {
    const layer = layers.length, i = weights.length;
    const kk = vals(inputs * units), b = vals(units, 0.1);
    weights.push({data: kk, shape: [inputs, units], layer, name: 'kernel'}, {data: b, shape: [units], layer, name: 'bias'});
    layers.push({type: 'Dense', units, activation: a, kernel: kk, bias: b});
    steps.push((x, ws) => activate(tf.add(tf.matMul(x, ws[i]), ws[i + 1]), a === 'softmax' ? 'linear' : a));
    inputs = units;
  };
  if (r() < 0.6) dense(int(2, 8), pick('relu', 'tanh'));
  const classes = int(2, 5);
  dense(classes, 'softmax');  // tf gets the logits; the loss folds the softmax in
  const x = vals(n * h * w * c, 1);
  const y = Array.from({length: n}, () => int(0, classes - 1));
  return {model: {version: 1, input: {shape: [h, w, c]}, layers}, batch: {x: {shape: [n, h, w, c], data: x}, y},
    steps, weights, classes, dims: [n, h, w, c]};
}

function tfGrads(cs) {
  const x = tf.tensor4d(cs.batch.x.data, cs.dims);
  const onehot = tf.oneHot(tf.tensor1d(cs.batch.y, 'int32'), cs.classes);
  const loss = (...ws) => {
    let z = x;
    for (const step of cs.steps) z = step(z, ws);
    return tf.mean(tf.sub(tf.logSumExp(z, 1), tf.sum(tf.mul(z, onehot), 1)));
  };
  const ws = cs.weights.map((w) => tf.tensor(w.data, w.shape));
  const {value, grads} = tf.valueAndGrads(loss)(ws);
  return {loss: value.dataSync()[0], grads: grads.map((g) => g.dataSync())};
}

// The problems of one case, as text.
function compare(cs, ours, theirs) {
  const bad = [];
  if (Math.abs(ours.loss - theirs.loss) > 1e-4 * (1 + Math.abs(theirs.loss))) bad.push(`loss ${ours.loss} vs ${theirs.loss}`);
  cs.weights.forEach((w, j) => {
    const a = ours.grads[w.layer]?.[w.name], b = theirs.grads[j];
    if (!a || a.length !== b.length) {
      bad.push(`layers[${w.layer}].${w.name}: ${a ? a.length : 'no'} values, expected ${b.length}`);
      return;
    }
    let scale = 1e-6;
    for (const v of b) scale = Math.max(scale, Math.abs(v));
    for (let e = 0; e < b.length; ++e) {
      const err = Math.abs(a[e] - b[e]) / scale;
      stats.worst = Math.max(stats.worst, err);
      ++stats.values;
      if (err > 1e-4) {
        bad.push(`layers[${w.layer}].${w.name}[${e}]: ${a[e]} vs tfjs ${b[e]}`);
        break;
      }
    }
  });
  if (ours.grads.length !== cs.model.layers.length) bad.push(`${ours.grads.length} grads entries for ${cs.model.layers.length} layers`);
  ours.grads.forEach((g, l) => {
    const expected = cs.weights.filter((w) => w.layer === l).length;
    if (Object.keys(g).length !== expected) bad.push(`layers[${l}]: {${Object.keys(g).join(', ')}}, expected ${expected} weights`);
  });
  return bad;
}

const stats = {worst: 0, values: 0};
let failed = 0;
for (let i = 0; i < args.cases; ++i) {
  const seed = args.seed + i;
  const cs = makeCase(seed);
  const modelPath = path.join(tmp, 'model.json'), batchPath = path.join(tmp, 'batch.json');
  fs.writeFileSync(modelPath, JSON.stringify(cs.model));
  fs.writeFileSync(batchPath, JSON.stringify(cs.batch));
  const bad = compare(cs, grad(modelPath, batchPath), tf.tidy(() => tfGrads(cs)));
  if (bad.length) {
    ++failed;
    console.log(`FAIL seed ${seed} (${cs.model.layers.map((l) => l.type).join(' > ')}): ${bad.join('; ')}`);
  }
}
fs.rmSync(tmp, {recursive: true, force: true});
console.log(`gradients vs tf.grads: ${args.cases - failed} of ${args.cases} cases agree, ${stats.values} values, ` +
  `worst relative error ${stats.worst.toExponential(2)}`);
process.exit(failed ? 1 : 0);
