// modelio_import.mjs - the model file module (convscope_import.mjs, WebAssembly)
// under Node: reads the textbook's .keras and .h5 and the TensorFlow.js fixtures
// (against h5py's and tfjs' own readings in tests/data/modelio/), round-trips
// through writeKeras, and hands what writeTfjs wrote to TensorFlow.js itself
// (tfjs-layers 4.22, tf.loadLayersModel over tf.io.fromMemory): the loaded model
// must predict exactly what the original fixture model predicts. Errors must be
// ModelFileErrors naming the file.
//   node tests/js/modelio_import.mjs [--build build/wasm]
// Prints `N passed, M failed`; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let buildDir = path.join(ROOT, 'build/wasm');
for (let i = 2; i < process.argv.length; ++i) {
  if (process.argv[i] === '--build') buildDir = path.resolve(process.argv[++i]);
  else {
    console.error('usage: modelio_import.mjs [--build DIR]');
    process.exit(2);
  }
}
const DATA = path.join(ROOT, 'tests/data/modelio');
const {load, ModelFileError} = await import(path.join(buildDir, 'convscope_import.mjs'));
await tf.setBackend('cpu');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name} ${detail}`);
  }
}
const file = (rel, name) => ({name: name ?? path.basename(rel), bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, rel)))});
const bitsOf = (f32) => Array.from(new Uint32Array(f32.buffer, f32.byteOffset, f32.length));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function tfjsFiles(dir) {
  const json = JSON.parse(fs.readFileSync(path.join(DATA, dir, 'model.json'), 'utf8'));
  return [file(`tests/data/modelio/${dir}/model.json`),
    ...json.weightsManifest[0].paths.map((p) => file(`tests/data/modelio/${dir}/${p}`))];
}

// A model.json + shards (as written) loaded by TensorFlow.js itself.
async function tfjsLoad(files) {
  const json = JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json').bytes));
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => files.find((f) => f.name === p).bytes));
  const data = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((at, s) => (data.set(s, at), at + s.length), 0);
  return tfl.loadLayersModel(tf.io.fromMemory({modelTopology: json.modelTopology, weightSpecs: specs,
    weightData: data.buffer, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy}));
}

const input = tf.tensor(Float32Array.from({length: 36}, (_, i) => (i % 7) / 6), [1, 6, 6, 1]);
const expected = JSON.parse(fs.readFileSync(path.join(DATA, 'tfjs-expected.json'), 'utf8'));
const real = JSON.parse(fs.readFileSync(path.join(DATA, 'real-expected.json'), 'utf8'));
const io = await load();

// The textbook's files: layers and the first values of each array as h5py reads them.
for (const [kind, rel] of [['keras', 'models/best-cnn-model.keras'], ['h5', 'tests/data/best-cnn-model.h5']]) {
  const m = io.readModel([file(rel)]);
  check(`${kind}: format`, m.format === kind, m.format);
  check(`${kind}: layers`, same(m.layers.map((l) => [l.name, l.className]),
    real[kind].layers.map((l) => [l.name, l.class_name])));
  for (const l of m.layers) {
    const want = real[kind].arrays[l.name] ?? [];
    check(`${kind}: ${l.name} arrays`, l.arrays.length === want.length);
    l.arrays.forEach((a, i) => {
      check(`${kind}: ${l.name}/${a.name} shape`, same(a.shape, want[i].shape));
      check(`${kind}: ${l.name}/${a.name} values`, a.data instanceof Float32Array &&
        same(Array.from(a.data.subarray(0, 5)), want[i].first.map(Math.fround)));
    });
  }
  const again = io.readModel([{name: 'written.keras', bytes: io.writeKeras(m)}]);
  check(`${kind}: writeKeras round trip`, again.config === m.config &&
    same(again.layers.map((l) => l.arrays.map((a) => [a.name, a.shape, bitsOf(a.data)])),
      m.layers.map((l) => l.arrays.map((a) => [a.name, a.shape, bitsOf(a.data)]))));
}

// TensorFlow.js fixtures: values as tfjs decodes them; what writeTfjs writes, tfjs loads
// and runs to the same prediction as the original model.
const original = await tfjsLoad(tfjsFiles('tfjs-float32'));
const originalPrediction = bitsOf(original.predict(input).dataSync());
check('original fixture predicts as recorded', same(originalPrediction, expected.prediction));
for (const kind of ['float32', 'uint8', 'uint16', 'float16']) {
  const m = io.readModel(tfjsFiles(`tfjs-${kind}`));
  let all = true;
  for (const l of m.layers) {
    for (const a of l.arrays) all &&= same(bitsOf(a.data), expected[kind][`${l.name}/${a.name}`]);
  }
  check(`tfjs-${kind}: values as tfjs decodes them`, all);
  if (kind === 'float16') continue;  // its special values (NaN, infinity) make no prediction to compare
  const written = io.writeTfjs(m);
  check(`tfjs-${kind}: writeTfjs files`, same(written.map((f) => f.name), ['model.json', 'group1-shard1of1.bin']));
  const reference = kind === 'float32' ? original : await tfjsLoad(tfjsFiles(`tfjs-${kind}`));
  const loaded = await tfjsLoad(written);
  check(`tfjs-${kind}: tfjs loads what writeTfjs wrote and predicts the same`,
    same(bitsOf(loaded.predict(input).dataSync()), bitsOf(reference.predict(input).dataSync())));
  const back = io.readModel(written);
  check(`tfjs-${kind}: written model reads back`, same(back.layers.map((l) => l.arrays.map((a) => bitsOf(a.data))),
    m.layers.map((l) => l.arrays.map((a) => bitsOf(a.data)))));
}

// Errors: ModelFileErrors naming the file; the module keeps working after them.
function expectError(name, fn, where, what) {
  try {
    fn();
    check(name, false, 'no error');
  } catch (e) {
    check(name, e instanceof ModelFileError && e.where.includes(where) && e.message.includes(what),
      `${e.name}: ${e.where} | ${e.message}`);
  }
}
const keras = fs.readFileSync(path.join(ROOT, 'models/best-cnn-model.keras'));
expectError('cut .keras', () => io.readModel([{name: 'cut.keras', bytes: new Uint8Array(keras.subarray(0, 100000))}]),
  'cut.keras', 'is not a readable zip archive');
expectError('missing shard', () => io.readModel(tfjsFiles('tfjs-float32').slice(0, 2)),
  'model.json: weightsManifest: [0]: paths[1]', 'which was not given');
expectError('bytes not a Uint8Array', () => io.readModel([{name: 'x.keras', bytes: 'text'}]), 'x.keras', 'Uint8Array');
const m = io.readModel(tfjsFiles('tfjs-float32'));
m.layers[0].arrays[0].data = new Float32Array(3);
expectError('write: wrong value count', () => io.writeKeras(m), 'model: layers[0]: arrays[0]', 'has 3 values');
expectError('write: bad shape', () => io.writeTfjs({...m, layers: [{name: 'conv2d', arrays: [{name: 'kernel', shape: [-1]}]}]}),
  'model.layers[0].arrays[0].shape', 'expected a list of sizes');
check('still reads after errors', io.readModel(tfjsFiles('tfjs-float32')).layers.length === 5);

// A Keras 3 config in model.json: whether tfjs-layers 4.22 can build it is reported, not required
// (the config is stored as Keras wrote it; converting configs is not the file layer's job).
try {
  await tfjsLoad(io.writeTfjs(io.readModel([file('models/best-cnn-model.keras')])));
  console.log('note: tfjs-layers 4.22 loads the Keras 3 config of best-cnn-model.keras');
} catch (e) {
  console.log(`note: tfjs-layers 4.22 does not load the Keras 3 config of best-cnn-model.keras: ${e.message}`);
}
try {
  await tfjsLoad(io.writeTfjs(io.readModel([file('tests/data/best-cnn-model.h5')])));
  console.log('note: tfjs-layers 4.22 loads the Keras 2.11 config of best-cnn-model.h5');
} catch (e) {
  console.log(`note: tfjs-layers 4.22 does not load the Keras 2.11 config of best-cnn-model.h5: ${e.message}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
