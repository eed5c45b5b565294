// make_tfjs_fixtures.mjs - writes the TensorFlow.js fixtures of
// tests/modelio_test.cpp into tests/data/modelio/ (committed; run again only
// to change them, then tests/tools/make_modelio_fixtures.py):
//   node tests/tools/make_tfjs_fixtures.mjs
// A small Sequential conv model is built by @tensorflow/tfjs-layers 4.22 with
// seeded weights and saved through a custom save handler, as tfjs' own
// handlers lay it out (io_utils getModelJSONForModelArtifacts): model.json +
// float32 shards (split in two, to test concatenation). The same weights are
// then quantized the way tfjs-converter's quantization.py does (uint8,
// uint16 affine with the zero point nudged; float16), with a few special
// float16 values (infinity, NaN, subnormals, -0) in dense/bias. What
// TensorFlow.js itself decodes from each fixture (tf.io.decodeWeights) goes
// to tfjs-expected.json as float32 bit patterns, so NaN compares exactly.
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'modelio');

// [SECTION] The model and its seeded weights

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function buildModel() {
  const m = tfl.sequential({name: 'fixture'});
  m.add(tfl.layers.conv2d({inputShape: [6, 6, 1], filters: 3, kernelSize: 3, padding: 'same',
    activation: 'relu', name: 'conv2d'}));
  m.add(tfl.layers.batchNormalization({name: 'batch_normalization'}));
  m.add(tfl.layers.maxPooling2d({poolSize: 2, name: 'max_pooling2d'}));
  m.add(tfl.layers.flatten({name: 'flatten'}));
  m.add(tfl.layers.dense({units: 4, activation: 'softmax', name: 'dense'}));
  const rand = lcg(20261201);
  m.setWeights(m.getWeights().map((w) => {
    const n = w.size;
    const positive = w.name.includes('moving_variance');
    const v = Float32Array.from({length: n}, () => positive ? 0.5 + rand() : 2 * rand() - 1);
    return tf.tensor(v, w.shape);
  }));
  return m;
}

async function artifactsOf(model) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
  }));
  return artifacts;
}

// [SECTION] Quantization (tfjs-converter's quantization.py, per tensor)

const roundHalfEven = (x) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

function quantizeAffine(values, bits) {
  const qmax = bits === 8 ? 255 : 65535;
  let min = Math.min(...values), max = Math.max(...values);
  if (min === max) return {q: new (bits === 8 ? Uint8Array : Uint16Array)(values.length), min, scale: 1};
  const scale = (max - min) / qmax;
  if (min <= 0 && 0 <= max) {
    const zero = roundHalfEven((0 - min) / scale);
    min = -zero * scale;
    max = qmax * scale + min;
  }
  const q = (bits === 8 ? Uint8Array : Uint16Array).from(values, (v) =>
    roundHalfEven((Math.min(Math.max(v, min), max) - min) / scale));
  return {q, min, scale};
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function toHalf(v) {  // float32 -> IEEE half, round to nearest even
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rest = mant & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (rest > half || (rest === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1))) h++;
  return sign | h;
}

// [SECTION] Writing the fixtures

function modelJson(artifacts, paths, weights) {
  return JSON.stringify({
    modelTopology: artifacts.modelTopology, format: artifacts.format,
    generatedBy: artifacts.generatedBy, convertedBy: artifacts.convertedBy,
    weightsManifest: [{paths, weights}],
  });
}

function writeFixture(name, artifacts, weights, shards) {
  const dir = join(OUT, name);
  mkdirSync(dir, {recursive: true});
  const paths = shards.map((_, i) => `group1-shard${i + 1}of${shards.length}.bin`);
  writeFileSync(join(dir, 'model.json'), modelJson(artifacts, paths, weights));
  shards.forEach((bytes, i) => writeFileSync(join(dir, paths[i]), bytes));
  const all = Buffer.concat(shards.map((s) => Buffer.from(s)));
  const decoded = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.length), weights);
  const out = {};
  for (const [k, t] of Object.entries(decoded)) out[k] = Array.from(new Uint32Array(t.dataSync().slice().buffer));
  return out;
}

function quantizedFixture(name, artifacts, values, kind) {
  const parts = [];
  const specs = artifacts.weightSpecs.map((spec, i) => {
    let bytes, quantization;
    if (kind === 'float16') {
      const h = Uint16Array.from(values[i], toHalf);
      if (spec.name === 'dense/bias') h.set([0x7c00, 0xfe00, 0x0001, 0x8000]);  // inf, NaN, subnormal, -0
      bytes = new Uint8Array(h.buffer);
      quantization = {dtype: 'float16'};
    } else {
      const {q, min, scale} = quantizeAffine(Array.from(values[i]), kind === 'uint8' ? 8 : 16);
      bytes = new Uint8Array(q.buffer);
      quantization = {dtype: kind, min, scale};
    }
    parts.push(bytes);
    return {...spec, quantization};
  });
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return writeFixture(name, artifacts, specs, [all]);
}

await tf.setBackend('cpu');
const model = buildModel();
const artifacts = await artifactsOf(model);
const data = new Uint8Array(artifacts.weightData);
let at = 0;
const values = artifacts.weightSpecs.map((s) => {
  const n = s.shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(data.buffer.slice(at, at + 4 * n));
  at += 4 * n;
  return v;
});
const half = 4 * Math.floor(data.length / 8);  // two shards, cut on a float boundary
const expected = {
  float32: writeFixture('tfjs-float32', artifacts, artifacts.weightSpecs,
    [data.slice(0, half), data.slice(half)]),
  uint8: quantizedFixture('tfjs-uint8', artifacts, values, 'uint8'),
  uint16: quantizedFixture('tfjs-uint16', artifacts, values, 'uint16'),
  float16: quantizedFixture('tfjs-float16', artifacts, values, 'float16'),
};
// The model's output on a fixed input, for tests that load a written copy.
const x = tf.tensor(Float32Array.from({length: 36}, (_, i) => (i % 7) / 6), [1, 6, 6, 1]);
expected.prediction = Array.from(new Uint32Array(model.predict(x).dataSync().slice().buffer));
writeFileSync(join(OUT, 'tfjs-expected.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(`wrote ${OUT}: tfjs-float32, tfjs-uint8, tfjs-uint16, tfjs-float16, tfjs-expected.json`);
