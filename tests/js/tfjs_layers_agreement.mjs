// tfjs_layers_agreement.mjs - the layers beyond convolution and pooling, through our JS
// module's run(sceneJson), against TensorFlow.js (tfjs-core ops on tfjs-backend-cpu) on seeded
// random cases: Dense (every activation, softmax included), Flatten, Activation, ReLU with
// max_value, LeakyReLU, Softmax, Dropout, Rescaling, BatchNormalization, global pooling,
// ZeroPadding2D, UpSampling2D (nearest, and bilinear with half-pixel centres, which is what Keras 3
// calls: tf.image.resizeBilinear(x, size, false, true)) and Conv2DTranspose (tf.conv2dTranspose).
//   node tests/js/tfjs_layers_agreement.mjs [--build build/wasm] [--seed N] [--cases N] [--verbose]
//
// What TF.js cannot be the reference for, and is checked by hand-worked cases from Keras' formulas
// in tests/layers_test.cpp instead: ReLU's negative_slope and threshold (tfjs' ReLU layer has only
// maxValue), Conv2DTranspose's output_padding (TF.js ignores it), Keras' exact Conv2DTranspose
// output size when it differs from TF.js' (we pass the output shape explicitly, as Keras does).
// Tolerance: |ours - tfjs| <= 1e-4 * (1 + |tfjs|) for sums of products and transcendental
// functions (float32 with other summation orders); copies (Flatten, padding, nearest, Dropout,
// max) must match exactly.
import path from 'node:path';
import {pathToFileURL, fileURLToPath} from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = {build: path.join(ROOT, 'build/wasm'), seed: 0x1a7e5, cases: 0, verbose: false};
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--build') args.build = path.resolve(process.argv[++i]);
  else if (a === '--seed') args.seed = Number(process.argv[++i]);
  else if (a === '--cases') args.cases = Number(process.argv[++i]);
  else if (a === '--verbose') args.verbose = true;
  else {
    console.error('usage: tfjs_layers_agreement.mjs [--build DIR] [--seed N] [--cases N] [--verbose]');
    process.exit(2);
  }
}

function rng(seed) {  // mulberry32
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    floats: (n, scale = 1) => Array.from({length: n}, () => Math.fround((next() * 2 - 1) * scale)),
  };
}

const ACTS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax'];
function act(t, name) {
  if (name === 'relu') return tf.relu(t);
  if (name === 'sigmoid') return tf.sigmoid(t);
  if (name === 'tanh') return tf.tanh(t);
  if (name === 'softmax') return tf.softmax(t, -1);
  return t;
}

// Each family: a random layer for input shape `shape` (HWC or [n]) and its tfjs reference.
// `exact`: the layer only moves values.
const FAMILIES = {
  dense(r, n) {
    const units = r.int(1, 12);
    const a = r.pick(ACTS);
    const kernel = r.floats(n * units, 1 / Math.sqrt(n));
    const bias = r.floats(units, 0.5);
    return {
      shape: [n],
      layer: {type: 'Dense', units, activation: a, kernel, bias},
      ref: (x) => tf.reshape(act(tf.add(tf.matMul(tf.reshape(x, [1, n]), tf.tensor2d(kernel, [n, units])), tf.tensor1d(bias)), a), [units]),
    };
  },
  flatten(r) {
    const s = [r.int(1, 5), r.int(1, 5), r.int(1, 4)];
    return {shape: s, exact: true, layer: {type: 'Flatten'}, ref: (x) => tf.reshape(x, [s[0] * s[1] * s[2]])};
  },
  activation(r) {
    const a = r.pick(ACTS);
    return {shape: [r.int(1, 4), r.int(1, 4), r.int(1, 5)], layer: {type: 'Activation', activation: a}, ref: (x) => act(x, a)};
  },
  relu_max(r) {
    const m = Math.fround(r.next() * 0.8);
    return {shape: [r.int(1, 4), r.int(1, 4), r.int(1, 3)], layer: {type: 'ReLU', max_value: m},
      ref: (x) => tf.clipByValue(tf.relu(x), 0, m)};
  },
  leaky(r) {
    const s = Math.fround(r.next() * 0.5);
    return {shape: [r.int(1, 6)], layer: {type: 'LeakyReLU', negative_slope: s}, ref: (x) => tf.leakyRelu(x, s)};
  },
  softmax(r) {
    return {shape: r.pick([[r.int(2, 9)], [r.int(1, 3), r.int(1, 3), r.int(2, 6)]]), layer: {type: 'Softmax'},
      ref: (x) => tf.softmax(x, -1)};
  },
  dropout(r) {
    return {shape: [r.int(1, 4), r.int(1, 4), r.int(1, 3)], exact: true, layer: {type: 'Dropout', rate: 0.4}, ref: (x) => x};
  },
  rescaling(r) {
    const scale = Math.fround(r.next() * 2 - 1), offset = Math.fround(r.next() - 0.5);
    return {shape: [r.int(1, 4), r.int(1, 4), r.int(1, 3)], layer: {type: 'Rescaling', scale, offset},
      ref: (x) => tf.add(tf.mul(x, scale), offset)};
  },
  batch_norm(r) {
    const s = r.pick([[r.int(1, 4), r.int(1, 4), r.int(1, 5)], [r.int(1, 8)]]);
    const c = s[s.length - 1];
    const gamma = r.floats(c, 2), beta = r.floats(c), mean = r.floats(c);
    const variance = Array.from({length: c}, () => Math.fround(0.05 + r.next()));
    const epsilon = r.pick([0.001, 0.00001, 0.1]);
    return {shape: s,
      layer: {type: 'BatchNormalization', epsilon, gamma, beta, moving_mean: mean, moving_variance: variance},
      ref: (x) => tf.batchNorm(x, tf.tensor1d(mean), tf.tensor1d(variance), tf.tensor1d(beta), tf.tensor1d(gamma), epsilon)};
  },
  global_pool(r) {
    const max = r.next() < 0.5;
    const s = [r.int(1, 6), r.int(1, 6), r.int(1, 5)];
    return {shape: s, exact: max, layer: {type: max ? 'GlobalMaxPooling2D' : 'GlobalAveragePooling2D'},
      ref: (x) => (max ? tf.max(x, [0, 1]) : tf.mean(x, [0, 1]))};
  },
  zero_padding(r) {
    const p = [[r.int(0, 2), r.int(0, 2)], [r.int(0, 2), r.int(0, 2)]];
    return {shape: [r.int(1, 4), r.int(1, 4), r.int(1, 3)], exact: true, layer: {type: 'ZeroPadding2D', padding: p},
      ref: (x) => tf.pad(x, [...p, [0, 0]])};
  },
  upsampling(r) {
    const size = [r.int(1, 3), r.int(1, 3)];
    const bilinear = r.next() < 0.6;
    const s = [r.int(1, 5), r.int(1, 5), r.int(1, 3)];
    const out = [s[0] * size[0], s[1] * size[1]];
    return {shape: s, exact: !bilinear,
      layer: {type: 'UpSampling2D', size, interpolation: bilinear ? 'bilinear' : 'nearest'},
      ref: (x) => (bilinear ? tf.image.resizeBilinear(x, out, false, true) : tf.image.resizeNearestNeighbor(x, out, false, false))};
  },
  conv_transpose(r) {
    const k = [r.int(1, 4), r.int(1, 4)], s = [r.int(1, 3), r.int(1, 3)];
    const padding = r.pick(['valid', 'same']);
    const shape = [r.int(1, 5), r.int(1, 5), r.int(1, 3)];
    const filters = r.int(1, 4);
    const kernel = r.floats(k[0] * k[1] * filters * shape[2], 0.5);
    const bias = r.floats(filters, 0.5);
    // Keras' deconv_output_length without output_padding.
    const len = (n, kk, ss) => (padding === 'same' ? n * ss : n * ss + Math.max(kk - ss, 0));
    const out = [len(shape[0], k[0], s[0]), len(shape[1], k[1], s[1]), filters];
    return {shape,
      layer: {type: 'Conv2DTranspose', filters, kernel_size: k, strides: s, padding, kernel, bias},
      ref: (x) => tf.add(tf.conv2dTranspose(x, tf.tensor4d(kernel, [k[0], k[1], filters, shape[2]]), out, s, padding),
        tf.tensor1d(bias))};
  },
};

const core = await import(pathToFileURL(path.join(args.build, 'convscope_core.mjs')).href);
await tf.setBackend('cpu');
tf.env().set('PROD', true);

const names = Object.keys(FAMILIES);
const perFamily = 30;
const total = args.cases > 0 ? args.cases : names.length * perFamily;
let passed = 0, failed = 0;
for (let i = 0; i < total; ++i) {
  const family = names[i % names.length];
  const seed = (args.seed + i) >>> 0;
  const r = rng(seed);
  const c = FAMILIES[family](r, r.int(1, 40));
  const n = c.shape.reduce((a, b) => a * b, 1);
  const input = r.floats(n, 2);
  const scene = {version: 1, input: {shape: c.shape, data: input}, layers: [c.layer]};
  const result = JSON.parse(core.run(JSON.stringify(scene)));
  const problems = [];
  if (result.error) {
    problems.push(`run: ${result.error.where}: ${result.error.message}`);
  } else {
    const want = tf.tidy(() => c.ref(tf.tensor(input, c.shape)));
    const wantData = want.dataSync(), wantShape = want.shape;
    want.dispose();
    const got = result.outputs[0];
    if (got.shape.join() !== wantShape.join()) problems.push(`shape [${got.shape}] vs tfjs [${wantShape}]`);
    for (let j = 0; j < wantData.length && !problems.length; ++j) {
      const a = Math.fround(Number(got.data[j])), b = wantData[j];  // shortest text of a float32
      const ok = c.exact ? a === b || (Number.isNaN(a) && Number.isNaN(b)) : Math.abs(a - b) <= 1e-4 * (1 + Math.abs(b));
      if (!ok) problems.push(`element ${j}: ours ${a}, tfjs ${b}`);
    }
  }
  if (problems.length) {
    failed++;
    console.error(`FAIL ${family} seed ${seed}: ${problems.join('; ')}\n  ${JSON.stringify({...c.layer, kernel: undefined})} on [${c.shape}]`);
  } else {
    passed++;
    if (args.verbose) console.log(`ok ${family} seed ${seed} [${c.shape}]`);
  }
}
console.log(`tfjs layers agreement (base seed ${args.seed}): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
