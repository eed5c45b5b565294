// module_train.mjs - train() and predict() of the JS module (convscope_core.mjs)
// under Node: a small CNN learns two classes of pictures, the same seed gives
// the same model text, predict agrees with run(), and bad input throws a
// ConvScopeError naming the option.
//   node tests/js/module_train.mjs [--build build/wasm]
// Prints one line per failure and `N passed, M failed`; exits 1 on any failure.

import path from 'node:path';
import {pathToFileURL, fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let buildDir = path.join(ROOT, 'build/wasm');
for (let i = 2; i < process.argv.length; ++i) {
  if (process.argv[i] === '--build') buildDir = path.resolve(process.argv[++i]);
  else {
    console.error('usage: module_train.mjs [--build DIR]');
    process.exit(2);
  }
}
const cs = await import(pathToFileURL(path.join(buildDir, 'convscope_core.mjs')).href);

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
  }
}
function assert(cond, what) {
  if (!cond) throw new Error(what);
}

// Bright bar on the left (class 0) or the right (class 1) of a 6x6 picture, with
// noise from a small seeded generator.
function bars(n, seed) {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  const x = new Float32Array(n * 36);
  const y = new Int32Array(n);
  for (let i = 0; i < n; ++i) {
    y[i] = i % 2;
    for (let p = 0; p < 36; ++p) x[i * 36 + p] = 0.4 * rand() + (((p % 6) < 3) === (y[i] === 0) ? 0.6 : 0);
  }
  return {x, y};
}

const model = {
  version: 1, seed: 3, input: {shape: [6, 6, 1]}, layers: [
    {type: 'Conv2D', filters: 4, kernel_size: 3, activation: 'relu'},
    {type: 'MaxPooling2D', pool_size: 2},
    {type: 'Flatten'},
    {type: 'Dropout', rate: 0.2},
    {type: 'Dense', units: 2, activation: 'softmax'},
  ],
};

const data = bars(240, 7);
const options = {epochs: 6, batch_size: 8, optimizer: 'adam', learning_rate: 0.01, seed: 5, validation_split: 0.25};

check('train learns, with a history per epoch', () => {
  const r = cs.train(model, data.x, [240, 6, 6, 1], data.y, options);
  assert(r.history.loss.length === 6 && r.history.val_accuracy.length === 6, JSON.stringify(r.history));
  assert(r.history.loss[5] < r.history.loss[0], `loss ${r.history.loss}`);
  assert(r.history.val_accuracy[5] > 0.95, `val_accuracy ${r.history.val_accuracy}`);
  assert(typeof r.model === 'string' && JSON.parse(r.model).layers.length === 5, 'model text');
});

check('the same seed gives the same model, another seed another', () => {
  const a = cs.train(model, data.x, [240, 6, 6, 1], data.y, options).model;
  const b = cs.train(JSON.stringify(model), data.x, [240, 6, 6, 1], Array.from(data.y), options).model;
  const c = cs.train(model, data.x, [240, 6, 6, 1], data.y, {...options, seed: 6}).model;
  assert(a === b, 'same seed differs');
  assert(a !== c, 'different seeds agree');
});

check('predict agrees with run() on each example', () => {
  const trained = cs.train(model, data.x, [240, 6, 6, 1], data.y, {...options, epochs: 1}).model;
  const p = cs.predict(trained, data.x.subarray(0, 3 * 36), [3, 6, 6, 1]);
  assert(JSON.stringify(p.shape) === '[3,2]', `shape ${p.shape}`);
  for (let i = 0; i < 3; ++i) {
    const scene = JSON.parse(trained);
    scene.input.data = Array.from(data.x.subarray(i * 36, (i + 1) * 36));
    const out = JSON.parse(cs.run(scene)).outputs.at(-1).data;
    for (let k = 0; k < 2; ++k) {
      assert(Math.abs(out[k] - p.data[i * 2 + k]) < 1e-6, `example ${i}: ${out} vs ${p.data.subarray(i * 2, i * 2 + 2)}`);
    }
  }
});

check('predict runs any number of examples (in batches of 64) as one', () => {
  const trained = cs.train(model, data.x, [240, 6, 6, 1], data.y, {...options, epochs: 1}).model;
  const all = cs.predict(trained, data.x, [240, 6, 6, 1]);
  const tail = cs.predict(trained, data.x.subarray(130 * 36), [110, 6, 6, 1]);
  assert(JSON.stringify(all.shape) === '[240,2]', `shape ${all.shape}`);
  for (let i = 0; i < 110 * 2; ++i) assert(all.data[130 * 2 + i] === tail.data[i], `value ${i}`);
});

function throwsNamed(fn, where, text) {
  try {
    fn();
  } catch (e) {
    assert(e instanceof cs.ConvScopeError || e.name === 'ConvScopeError', `not a ConvScopeError: ${e}`);
    assert(e.where === where, `where ${JSON.stringify(e.where)}, expected ${where}`);
    assert(e.message.includes(text), `message ${e.message}`);
    return;
  }
  throw new Error('did not throw');
}

check('bad input is named', () => {
  const y = Int32Array.from(data.y);
  y[4] = 9;
  throwsNamed(() => cs.train(model, data.x, [240, 6, 6, 1], y, options), 'data.y[4]', 'label 9 is outside 0 .. 1');
  throwsNamed(() => cs.train(model, data.x, [240, 6, 6, 1], data.y, {...options, optimizer: 'adagrad'}),
    'optimizer', 'unknown optimizer "adagrad"');
  throwsNamed(() => cs.train(model, data.x, [240, 6, 6, 1], data.y, {epoch: 2}), 'options.epoch', 'unknown option');
  throwsNamed(() => cs.train(model, data.x, [240, 6, 3, 2], data.y, options), 'data', 'examples are [6, 3, 2]');
  throwsNamed(() => cs.predict(model, data.x, [240, 6, 6]), 'xShape', 'examples are [6, 6]');
  throwsNamed(() => cs.train(model, data.x, [240, 6, 6, 1], data.y.subarray(0, 10), options), 'y', 'expected an Int32Array of 240');
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
