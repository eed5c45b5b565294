// train_web.mjs - the training benchmark of the JS module (convscope_core.mjs):
// one epoch of the chapter's CNN and of the small model (8 and 16 filters) on
// N examples of 28x28x1, batch 32, Adam, one thread, as train() runs it.
// The inputs are seeded noise in [0, 1] (speed does not depend on them beyond
// ReLU's zeros; the real digits come with src/data). Prints seconds and
// examples per second per model and build, by wall time and by this process' CPU
// time (the honest figure on a shared machine; train() runs on one thread).
//   node bench/train_web.mjs [--simd build/wasm] [--scalar build/wasm-scalar] [--examples 2000]

import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const dirs = {simd: 'build/wasm', scalar: 'build/wasm-scalar'};
let examples = 2000;
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--simd' || a === '--scalar') dirs[a.slice(2)] = process.argv[++i];
  else if (a === '--examples') examples = Number(process.argv[++i]);
  else {
    console.error('usage: train_web.mjs [--simd DIR] [--scalar DIR] [--examples N]');
    process.exit(2);
  }
}

export function cnn(f1, f2, units) {
  return {
    version: 1, seed: 1, input: {shape: [28, 28, 1]}, layers: [
      {type: 'Conv2D', filters: f1, kernel_size: 3, padding: 'same', activation: 'relu'},
      {type: 'MaxPooling2D', pool_size: 2},
      {type: 'Conv2D', filters: f2, kernel_size: 3, padding: 'same', activation: 'relu'},
      {type: 'MaxPooling2D', pool_size: 2},
      {type: 'Flatten'},
      {type: 'Dense', units, activation: 'relu'},
      {type: 'Dropout', rate: 0.4},
      {type: 'Dense', units: 10, activation: 'softmax'},
    ],
  };
}

let s = 12345;
const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
const x = Float32Array.from({length: examples * 784}, rand);
const y = Int32Array.from({length: examples}, () => Math.floor(rand() * 10));

for (const [variant, dir] of Object.entries(dirs)) {
  const file = path.resolve(dir, 'convscope_core.mjs');
  if (!fs.existsSync(file)) {
    console.log(`${variant}: no build in ${dir}`);
    continue;
  }
  const {load} = await import(pathToFileURL(file).href);
  const engine = await load({variant, baseUrl: pathToFileURL(path.resolve(dir) + '/')});
  for (const [name, model] of [['chapter (32, 64, 100)', cnn(32, 64, 100)], ['small (8, 16, 32)', cnn(8, 16, 32)]]) {
    // train() also reads the model and writes the trained one as JSON (shortest round-trip
    // floats, slow in WebAssembly: long double is emulated); one epoch is the difference
    // between a 2-epoch and a 1-epoch call, which read and write the same.
    const run = (epochs) => {
      const t0 = performance.now(), c0 = process.cpuUsage();
      engine.train(model, x, [examples, 28, 28, 1], y, {epochs, batch_size: 32, optimizer: 'adam', seed: 1});
      const c = process.cpuUsage(c0);
      return {wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6};
    };
    const one = run(1), two = run(2);
    const wall = two.wall - one.wall, cpu = two.cpu - one.cpu;
    console.log(`${variant} (${engine.isa}) ${name}: one epoch of ${examples} examples ${wall.toFixed(2)} s wall ` +
      `(${(examples / wall).toFixed(0)} examples/s), ${cpu.toFixed(2)} s CPU (${(examples / cpu).toFixed(0)} examples/s); ` +
      `reading and writing the model ${(one.cpu - cpu).toFixed(2)} s CPU`);
  }
}
