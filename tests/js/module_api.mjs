// module_api.mjs - the JS module's own contract (convscope_core.mjs), under Node.
// Shapes, hand-worked values, Keras shorthands, errors thrown with the core's clear
// messages, buffer reuse and heap growth, run(sceneJson), and the scalar build loading
// and agreeing with the SIMD one. Values against TensorFlow.js: tfjs_agreement.mjs.
//   node tests/js/module_api.mjs [--build build/wasm] [--scalar build/wasm-scalar]
// Prints one line per failure and `N passed, M failed`; exits 1 on any failure.
//
// [SECTION] Loading
// [SECTION] Shapes and hand-worked values
// [SECTION] Keras shorthands and input forms
// [SECTION] Buffers: results are copies, heap growth, `out`
// [SECTION] Errors: ConvScopeError with the core's message
// [SECTION] run(sceneJson)
// [SECTION] Instances and the scalar build

import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL, fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let buildDir = path.join(ROOT, 'build/wasm');
let scalarDir = path.join(ROOT, 'build/wasm-scalar');
for (let i = 2; i < process.argv.length; ++i) {
  if (process.argv[i] === '--build') buildDir = path.resolve(process.argv[++i]);
  else if (process.argv[i] === '--scalar') scalarDir = path.resolve(process.argv[++i]);
  else {
    console.error('usage: module_api.mjs [--build DIR] [--scalar DIR]');
    process.exit(2);
  }
}

// A plain import, as a course site would write it.
const cs = await import(pathToFileURL(path.join(buildDir, 'convscope_core.mjs')).href);

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
  } catch (e) {
    failed++;
    console.error(`FAIL ${name}: ${e.message}`);
  }
}
async function checkAsync(name, fn) {
  try {
    await fn();
    passed++;
  } catch (e) {
    failed++;
    console.error(`FAIL ${name}: ${e.message}`);
  }
}
function eq(got, want, what = 'value') {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}
function close(got, want, tol = 1e-6) {
  if (got.length !== want.length) throw new Error(`length ${got.length}, want ${want.length}`);
  for (let i = 0; i < want.length; ++i) {
    if (!(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])))) {
      throw new Error(`[${i}] = ${got[i]}, want ${want[i]}`);
    }
  }
}
// fn() must throw a ConvScopeError whose message is exactly `message`.
function throws(fn, message, where) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (!error) throw new Error(`did not throw; expected "${message}"`);
  if (!(error instanceof cs.ConvScopeError) || !(error instanceof Error)) {
    throw new Error(`threw ${error?.constructor?.name}: ${error?.message}`);
  }
  if (error.message !== message) throw new Error(`message "${error.message}", want "${message}"`);
  if (where !== undefined && error.where !== where) throw new Error(`where "${error.where}", want "${where}"`);
}

const seq = (n, f = (i) => i + 1) => Float32Array.from({length: n}, (_, i) => f(i));
const ones = (n) => new Float32Array(n).fill(1);
const x33 = seq(9);  // 1..9 as a 3x3x1 image

// [SECTION] Loading

check('default import runs the SIMD build', () => {
  eq(cs.isa, 'wasmsimd', 'isa');
  eq(cs.variant, 'simd', 'variant');
  eq(cs.simdSupported(), true, 'simdSupported()');
});

// [SECTION] Shapes and hand-worked values

check('conv2d same: 3x3 ones over 1..9', () => {
  const r = cs.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same'});
  eq(r.shape, [3, 3, 1], 'shape');
  if (!(r.data instanceof Float32Array)) throw new Error('data is not a Float32Array');
  close(r.data, [12, 21, 16, 27, 45, 33, 24, 39, 28]);
});

check('conv2d valid (the default) with bias and relu', () => {
  const r = cs.conv2d(x33, [3, 3, 1], ones(18).map((v, i) => (i % 2 ? -1 : 1)), [3, 3, 1, 2],
    new Float32Array([1, 2]), {activation: 'relu'});
  eq(r.shape, [1, 1, 2], 'shape');
  close(r.data, [46, 0]);  // 45 + 1, relu(-45 + 2)
});

check("conv2d 'same' stride 2: TF puts the extra cell bottom/right", () => {
  // 4x4, 3x3 kernel, stride 2: out 2, padding total 1 -> 0 before, 1 after.
  const r = cs.conv2d(seq(16), [4, 4, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same', strides: 2});
  eq(r.shape, [2, 2, 1], 'shape');
  // (0,0) sums rows 0-2, cols 0-2 of 1..16; (0,1) cols 2-3 and the pad; (1,0) rows 2-3.
  close(r.data, [54, 45, 72, 54]);
});

check("conv2d 'same' stride 2 on 5x5 -> 3x3, 'full' and explicit shapes", () => {
  const k = ones(9);
  eq(cs.conv2d(seq(25), [5, 5, 1], k, [3, 3, 1, 1], null, {padding: 'same', strides: 2}).shape, [3, 3, 1]);
  eq(cs.conv2d(seq(25), [5, 5, 1], k, [3, 3, 1, 1], null, {padding: 'full'}).shape, [7, 7, 1]);
  eq(cs.conv2d(seq(25), [5, 5, 1], k, [3, 3, 1, 1], null, {padding: [[1, 0], [2, 2]]}).shape, [4, 7, 1]);
  eq(cs.conv2d(seq(25), [5, 5, 1], k, [3, 3, 1, 1], null, {dilation_rate: 2}).shape, [1, 1, 1]);
});

check('conv2d multi-channel HWIO order', () => {
  // 1x1 input with 2 channels [a, b]; kernel [1,1,2,3]: out_f = a*w[0][f] + b*w[1][f]
  const r = cs.conv2d(new Float32Array([2, 3]), [1, 1, 2], new Float32Array([1, 2, 3, 10, 20, 30]), [1, 1, 2, 3], null);
  eq(r.shape, [1, 1, 3]);
  close(r.data, [32, 64, 96]);
});

check('conv1d shapes and values', () => {
  const r = cs.conv1d(seq(5), [5, 1], ones(3), [3, 1, 1], [0.5], {padding: 'same'});
  eq(r.shape, [5, 1], 'shape');
  close(r.data, [3.5, 6.5, 9.5, 12.5, 9.5]);
  eq(cs.conv1d(seq(10), [10, 1], ones(6), [3, 1, 2], null, {strides: 3}).shape, [3, 2]);
  eq(cs.conv1d(seq(10), [10, 1], ones(3), [3, 1, 1], null, {padding: [2, 0]}).shape, [10, 1]);
});

check('pool2d max: strides default to pool_size; padding is -inf', () => {
  const r = cs.pool2d(seq(16), [4, 4, 1], {type: 'max', pool_size: 2});
  eq(r.shape, [2, 2, 1]);
  close(r.data, [6, 8, 14, 16]);
  const neg = cs.pool2d(seq(9, (i) => -(i + 1)), [3, 3, 1], {type: 'max', padding: 'same'});
  eq(neg.shape, [2, 2, 1]);
  close(neg.data, [-1, -3, -7, -9]);  // never the 0 of a zero pad
});

check("pool2d average 'same' counts only real cells; count_include_pad divides by the window", () => {
  const keras = cs.pool2d(x33, [3, 3, 1], {type: 'average', padding: 'same'});
  close(keras.data, [3, 4.5, 7.5, 9]);
  const torch = cs.pool2d(x33, [3, 3, 1], {type: 'average', padding: 'same', count_include_pad: true});
  close(torch.data, [3, 9 / 4, 15 / 4, 9 / 4]);
});

check('pool1d', () => {
  const r = cs.pool1d(seq(7), [7, 1], {type: 'average', pool_size: 3, strides: 2});
  eq(r.shape, [3, 1]);
  close(r.data, [2, 4, 6]);
  eq(cs.pool1d(seq(7), [7, 1], {type: 'max', padding: 'same'}).shape, [4, 1]);
});

// [SECTION] Keras shorthands and input forms

check('shorthands: int == list; strides null == pool_size; activation null == linear', () => {
  const x = seq(64, (i) => Math.sin(i));
  const k = seq(18, (i) => Math.cos(i));
  const a = cs.conv2d(x, [8, 8, 1], k, [3, 3, 1, 2], null, {strides: 2, dilation_rate: 1, padding: 'same'});
  const b = cs.conv2d(x, [8, 8, 1], k, [3, 3, 1, 2], null, {strides: [2, 2], dilation_rate: [1, 1], padding: 'same', activation: null});
  const c = cs.conv2d(x, [8, 8, 1], k, [3, 3, 1, 2], new Float32Array(2), {strides: [2, 2], padding: 'same', activation: 'linear'});
  eq(Array.from(a.data), Array.from(b.data), 'int vs list');
  eq(Array.from(a.data), Array.from(c.data), 'no bias vs zero bias');
  const p = cs.pool2d(x, [8, 8, 1], {type: 'max', pool_size: 3});
  const q = cs.pool2d(x, [8, 8, 1], {type: 'max', pool_size: [3, 3], strides: null});
  eq(Array.from(p.data), Array.from(q.data), 'pool strides');
  eq(cs.conv1d(seq(9), [9, 1], ones(3), [3, 1, 1], null, {strides: [2]}).shape,
    cs.conv1d(seq(9), [9, 1], ones(3), [3, 1, 1], null, {strides: 2}).shape, '1D [s] vs s');
});

check('plain arrays are accepted for input, kernel and bias', () => {
  const r = cs.conv2d([1, 2, 3, 4], [2, 2, 1], [1, 1, 1, 1], [2, 2, 1, 1], [1]);
  close(r.data, [11]);
});

check('activations: relu, sigmoid, tanh', () => {
  const x = new Float32Array([-2, 0.5]);
  const k = new Float32Array([1]);
  close(cs.conv2d(x, [1, 2, 1], k, [1, 1, 1, 1], null, {activation: 'relu'}).data, [0, 0.5]);
  close(cs.conv2d(x, [1, 2, 1], k, [1, 1, 1, 1], null, {activation: 'sigmoid'}).data, [1 / (1 + Math.exp(2)), 1 / (1 + Math.exp(-0.5))]);
  close(cs.conv2d(x, [1, 2, 1], k, [1, 1, 1, 1], null, {activation: 'tanh'}).data, [Math.tanh(-2), Math.tanh(0.5)]);
});

check('NaN and Infinity propagate as IEEE says', () => {
  const x = new Float32Array([1, NaN, 3, Infinity]);
  const c = cs.conv2d(x, [1, 4, 1], ones(2), [1, 2, 1, 1], null);
  if (!Number.isNaN(c.data[0]) || !Number.isNaN(c.data[1]) || c.data[2] !== Infinity) {
    throw new Error(`got ${Array.from(c.data)}`);
  }
  const m = cs.pool2d(x, [1, 4, 1], {type: 'max', pool_size: [1, 2]});
  if (!Number.isNaN(m.data[0]) || m.data[1] !== Infinity) throw new Error(`max got ${Array.from(m.data)}`);
});

// [SECTION] Buffers: results are copies, heap growth, `out`

check('results are independent copies, not views of the wasm heap', () => {
  const a = cs.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same'});
  const b = cs.conv2d(x33, [3, 3, 1], ones(9).fill(2), [3, 3, 1, 1], null, {padding: 'same'});
  close(a.data, [12, 21, 16, 27, 45, 33, 24, 39, 28]);
  close(b.data, [24, 42, 32, 54, 90, 66, 48, 78, 56]);
  if (a.data.buffer === b.data.buffer) throw new Error('shared buffer');
});

check('a call that grows the heap, then small calls again', () => {
  const big = new Float32Array(1024 * 1024 * 8).fill(1);
  const r = cs.pool2d(big, [1024, 1024, 8], {type: 'average', pool_size: 2});
  eq(r.shape, [512, 512, 8]);
  if (r.data[12345] !== 1) throw new Error(`average of ones = ${r.data[12345]}`);
  close(cs.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same'}).data, [12, 21, 16, 27, 45, 33, 24, 39, 28]);
});

check('options.out receives the result', () => {
  const out = new Float32Array(9);
  const r = cs.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same', out});
  if (r.data !== out) throw new Error('data is not `out`');
  close(out, [12, 21, 16, 27, 45, 33, 24, 39, 28]);
  throws(() => cs.pool2d(x33, [3, 3, 1], {type: 'max', out: new Float32Array(3)}),
    'out: expected a Float32Array of 1 numbers (shape [1, 1, 1]), got 3 numbers', 'out');
});

// [SECTION] Errors: ConvScopeError with the core's message

const conv = (o = {}, k = ones(9), ks = [3, 3, 1, 1], x = x33, xs = [3, 3, 1], b = null) => () => cs.conv2d(x, xs, k, ks, b, o);
check('error: strides out of range', () => throws(conv({strides: 0}), 'strides: strides must be between 1 and 16, got 0', 'strides'));
check('error: dilation out of range', () => throws(conv({dilation_rate: [1, 17]}), 'dilation_rate: dilation_rate must be between 1 and 16, got 17'));
check('error: kernel larger than the input', () => throws(conv({}, ones(25), [5, 5, 1, 1]),
  'the kernel spans 5 rows but the padded input has only 3 (3 rows, no padding)', ''));
check('error: dilated kernel larger than the padded input', () => throws(conv({dilation_rate: 2, padding: [[1, 0], [2, 2]]}),
  'the dilated kernel spans 5 rows but the padded input has only 4 (3 rows + 1 padding)', ''));
check('error: kernel length', () => throws(conv({}, ones(8)), 'kernel: expected 9 numbers for kernelShape [3, 3, 1, 1], got 8', 'kernel'));
check('error: kernel channels vs input channels', () => throws(conv({}, ones(18), [3, 3, 2, 1]),
  'kernelShape[2]: the kernel takes 2 input channels but the input has 1'));
check('error: input length', () => throws(conv({}, ones(9), [3, 3, 1, 1], seq(8)), 'input: expected 9 numbers, got 8', 'input'));
check('error: input too large', () => throws(conv({}, ones(1), [1, 1, 1, 1], seq(5000), [5000, 1, 1]),
  'inputShape[0]: rows must be between 1 and 4096, got 5000', 'inputShape[0]'));
check('error: too many channels', () => throws(conv({}, ones(65), [1, 1, 65, 1], seq(65), [1, 1, 65]),
  'inputShape[2]: channels must be between 1 and 64, got 65'));
check('error: too many filters', () => throws(conv({}, ones(300), [1, 1, 1, 300]),
  'kernelShape (filters): must be between 1 and 256, got 300'));
check('error: kernel size 0', () => throws(conv({}, ones(0), [0, 3, 1, 1]),
  'kernelShape: kernel_size must be between 1 and 31, got 0'));
check('error: bias length', () => throws(conv({}, ones(9), [3, 3, 1, 1], x33, [3, 3, 1], [1, 2]),
  'bias: expected 1 numbers (one per filter), got 2', 'bias'));
check('error: non-integer shape', () => throws(conv({}, ones(9), [3, 3, 1, 1], x33, [3, 2.5, 1]),
  'inputShape[1]: expected an integer, got 2.5'));
check('error: shape rank', () => throws(conv({}, ones(9), [3, 3, 1, 1], x33, [9]),
  'inputShape: expected 3 integers [rows, columns, channels], got [9]'));
check('error: padding name', () => throws(conv({padding: 'SAME'}),
  'padding: expected "valid", "same", "full" or explicit padding [[top, bottom], [left, right]], got "SAME"'));
// A convolution computes padding beyond its kernel's reach (those rows hold
// the bias), up to 64 cells a side.
check('error: explicit padding past the limit', () => throws(conv({padding: [[70, 0], [0, 0]]}),
  'padding: top padding must be between 0 and 64, got 70'));
check('error: activation', () => throws(conv({activation: 'softmax'}),
  'activation: expected "linear", "relu", "sigmoid", "tanh" or null, got "softmax"'));
check('error: unknown option (a typo is not ignored)', () => throws(conv({stride: 2}),
  'options.stride: unknown option for conv2d; expected one of strides, padding, dilation_rate, activation, out'));
check('error: input of the wrong type', () => throws(conv({}, ones(9), [3, 3, 1, 1], 'pixels'),
  'input: expected a Float32Array (or an array of numbers), got "pixels"'));
check('error: pool type', () => throws(() => cs.pool2d(x33, [3, 3, 1], {pool_size: 2}),
  'type: expected "max" or "average", got undefined'));
check('error: count_include_pad on max pooling', () => throws(() => cs.pool2d(x33, [3, 3, 1], {type: 'max', count_include_pad: true}),
  'count_include_pad: only average pooling has count_include_pad'));
check('error: pooling window larger than the input', () => throws(() => cs.pool2d(x33, [3, 3, 1], {type: 'max', pool_size: 4}),
  'the pooling window spans 4 rows but the padded input has only 3 (3 rows, no padding)'));
check('error: 1D explicit padding', () => throws(() => cs.conv1d(seq(5), [5, 1], ones(3), [3, 1, 1], null, {padding: [[0, 0], [1, 1]]}),
  'padding[0]: expected an integer, got [0, 0]'));
check('the engine works after errors', () => {
  close(cs.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same'}).data, [12, 21, 16, 27, 45, 33, 24, 39, 28]);
  close(cs.pool2d(x33, [3, 3, 1], {type: 'average', padding: 'same'}).data, [3, 4.5, 7.5, 9]);
});

// [SECTION] run(sceneJson)

const scene = {
  version: 1,
  input: {shape: [3, 3, 1], data: Array.from(x33)},
  layers: [
    {type: 'Conv2D', filters: 1, kernel_size: 3, padding: 'same', activation: 'relu', kernel: Array(9).fill(1), bias: [-20]},
    {type: 'MaxPooling2D', pool_size: 2, padding: 'same'},
  ],
};
check('run: outputs per layer, same numbers as the typed calls', () => {
  const result = JSON.parse(cs.run(JSON.stringify(scene)));
  eq(result.outputs.length, 2, 'outputs');
  eq(result.outputs[0].shape, [3, 3, 1]);
  eq(result.outputs[0].data, [0, 1, 0, 7, 25, 13, 4, 19, 8]);
  eq(result.outputs[1], {shape: [2, 2, 1], data: [25, 13, 19, 8]});
  const typed = cs.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], [-20], {padding: 'same', activation: 'relu'});
  eq(Array.from(typed.data), result.outputs[0].data, 'typed vs run');
});

check('run: a scene object is accepted as well as JSON text', () => {
  eq(cs.run(scene), cs.run(JSON.stringify(scene)));
});

check('run: errors come back as {"error": {where, message, line, column}}', () => {
  const bad = JSON.stringify({...scene, layers: [{...scene.layers[0], strides: 0}]}, null, 1);
  const {error} = JSON.parse(cs.run(bad));
  eq(error.where, 'layers[0].strides', 'where');
  eq(error.message, 'strides must be between 1 and 16, got 0', 'message');
  const typo = JSON.parse(cs.run('{"version": 1, "input": {"shape": [1, 1, 1], "data": [1]}, "layers": [{"type": "Conv2d"}]}'));
  if (!typo.error || !/unknown layer type "Conv2d"/.test(typo.error.message)) throw new Error(JSON.stringify(typo));
  const syntax = JSON.parse(cs.run('{"version": 1,'));
  if (!syntax.error || syntax.error.line !== 1) throw new Error(JSON.stringify(syntax));
});

check('run: non-ASCII text (a title in Korean) round-trips through the heap', () => {
  const r = JSON.parse(cs.run({...scene, title: '합성곱 예제'}));
  eq(r.outputs[1].data, [25, 13, 19, 8]);
});

check('run: a raw lone surrogate is encoded as U+FFFD, an escaped one is a clean error', () => {
  for (const raw of ['\ud800', 'x\udc00y', '\ud800\ud800\ud800']) {
    const text = JSON.stringify({...scene, title: 'T'}).replace('"T"', `"${raw}"`);
    const r = JSON.parse(cs.run(text));
    if (!r.outputs) throw new Error(JSON.stringify(r));
  }
  const {error} = JSON.parse(cs.run({...scene, title: '\ud800'}));  // JSON.stringify escapes it
  if (!error || !/surrogate/.test(error.message)) throw new Error(JSON.stringify(error));
});

check('run: rejects a non-scene argument', () => throws(() => cs.run(undefined), 'run() expects scene JSON text, got undefined'));

// [SECTION] Instances and the scalar build

await checkAsync('load(): separate instances, bad variant', async () => {
  const other = await cs.load({variant: 'simd'});
  eq(other.isa, 'wasmsimd');
  close(other.pool2d(seq(4), [2, 2, 1], {type: 'max'}).data, [4]);
  let threw = false;
  try {
    await cs.load({variant: 'avx'});
  } catch (e) {
    threw = e.message === 'variant: expected "auto", "simd" or "scalar", got "avx"';
  }
  if (!threw) throw new Error('load({variant: "avx"}) did not throw the expected error');
});

const haveScalar = fs.existsSync(path.join(scalarDir, 'convscope_core_scalar_wasm.mjs'));
await checkAsync('scalar build loads and agrees with SIMD', async () => {
  if (!haveScalar) throw new Error(`no scalar build in ${scalarDir} (bash scripts/build.sh wasm-scalar)`);
  const scalar = await cs.load({variant: 'scalar', baseUrl: pathToFileURL(scalarDir + '/')});
  eq(scalar.isa, 'scalar', 'isa');
  eq(scalar.variant, 'scalar', 'variant');
  // A layer big enough for every tile path: interior, borders, filter tails.
  const x = seq(37 * 29 * 3, (i) => Math.sin(i * 0.37));
  const k = seq(3 * 3 * 3 * 19, (i) => Math.cos(i * 0.11) / 5);
  const b = seq(19, (i) => i / 10 - 1);
  for (const o of [{padding: 'same', strides: 2, activation: 'tanh'}, {padding: 'valid', dilation_rate: 2}, {padding: 'full'}]) {
    const want = cs.conv2d(x, [37, 29, 3], k, [3, 3, 3, 19], b, o);
    const got = scalar.conv2d(x, [37, 29, 3], k, [3, 3, 3, 19], b, o);
    eq(got.shape, want.shape, 'shape');
    close(got.data, want.data, 1e-5);  // summation order differs: a few ulps of the terms
  }
  for (const o of [{type: 'max', padding: 'same', pool_size: 3, strides: 2}, {type: 'average', padding: 'same'}]) {
    close(scalar.pool2d(x, [37, 29, 3], o).data, cs.pool2d(x, [37, 29, 3], o).data, o.type === 'max' ? 0 : 1e-6);
  }
  eq(JSON.parse(scalar.run(scene)), JSON.parse(cs.run(scene)), 'run(scene)');
});

await checkAsync("a folder holding only the scalar build: a plain import falls back to it", async () => {
  if (!haveScalar) throw new Error(`no scalar build in ${scalarDir}`);
  const mod = await import(pathToFileURL(path.join(scalarDir, 'convscope_core.mjs')).href);
  eq(mod.isa, 'scalar', 'isa');
  close(mod.conv2d(x33, [3, 3, 1], ones(9), [3, 3, 1, 1], null, {padding: 'same'}).data, [12, 21, 16, 27, 45, 33, 24, 39, 28]);
});

console.log(`module API: ${cs.isa} build from ${buildDir}, scalar build from ${scalarDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
