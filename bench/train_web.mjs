// train_web.mjs - our side of the training benchmark under Node (scripts/bench-train.sh):
// one epoch of the chapter's CNN and of the small one (models/train/*.json, their
// seeded Keras initialisation) on the 8,000 training digits of digits.bin, batch 32,
// Adam (lr 0.001, eps 1e-7), one thread, through the JS module's train() of our
// WASM SIMD and scalar builds; then the chapter's CNN at inference on one digit in
// the SIMD build (bench/wasm/kernels_module.cpp, the model read once): median wall
// time of many calls, and their mean CPU time. Prints one JSON line per result; bench/train_table.mjs makes the table.
//   node bench/train_web.mjs --digits DIGITS.bin [--simd build/wasm] [--scalar build/wasm-scalar]
//     [--forward-calls 2000]
// train() also reads the model and writes the trained one as scene JSON, which costs
// more than an epoch in WebAssembly (shortest round-trip floats through musl's emulated
// long double; docs/PERFORMANCE.md), so one epoch is the difference between a 2-epoch
// and a 1-epoch call, which read and write the same.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {loadKernelsModule} from './bench_lib.mjs';
import {trainingDigits, toFloats} from './train_data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = {simd: 'build/wasm', scalar: 'build/wasm-scalar', digits: null, forwardCalls: 2000};
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--simd' || a === '--scalar' || a === '--digits') opts[a.slice(2)] = process.argv[++i];
  else if (a === '--forward-calls') opts.forwardCalls = Number(process.argv[++i]);
  else {
    console.error('usage: train_web.mjs --digits DIGITS.bin [--simd DIR] [--scalar DIR] [--forward-calls N]');
    process.exit(2);
  }
}
if (!opts.digits) {
  console.error('train_web: --digits DIGITS.bin is required (the build makes build/native/data/digits.bin)');
  process.exit(2);
}

const models = {
  chapter: fs.readFileSync(path.join(ROOT, 'models/train/digits-chapter-cnn.json'), 'utf8'),
  small: fs.readFileSync(path.join(ROOT, 'models/train/digits-small-cnn.json'), 'utf8'),
};
const d = trainingDigits(opts.digits);
const n = d.labels.length;
const x = toFloats(d.pixels);
const y = Int32Array.from(d.labels);

for (const variant of ['simd', 'scalar']) {
  const dir = path.resolve(opts[variant]);
  const {load} = await import(pathToFileURL(path.join(dir, 'convscope_core.mjs')).href);
  const engine = await load({variant, baseUrl: pathToFileURL(dir + '/')});
  for (const [name, model] of Object.entries(models)) {
    const run = (epochs) => {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const r = engine.train(model, x, [n, 28, 28, 1], y,
        {epochs, batch_size: 32, optimizer: 'adam', learning_rate: 0.001, seed: 42});
      const c = process.cpuUsage(c0);
      return {wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, loss: r.history.loss};
    };
    const one = run(1), two = run(2);
    console.log(JSON.stringify({
      who: `ours-wasm-${variant}`, isa: engine.isa, model: name, examples: n,
      wall: two.wall - one.wall, cpu: two.cpu - one.cpu, io_cpu: one.cpu - (two.cpu - one.cpu),
      loss: two.loss,
    }));
  }
}

// The chapter's CNN on one digit, SIMD build: per-call times, median.
const km = await loadKernelsModule(path.resolve(opts.simd));
const text = Buffer.from(models.chapter, 'utf8');
km.HEAPU8.set(text, km._bench_model_text(text.length));
if (km._bench_model_load() !== 0) throw new Error('kernels_module: the chapter model was refused');
km.HEAPF32.set(toFloats(d.first), km._bench_buffer(0, 784) >> 2);
for (let i = 0; i < 200; ++i) km._bench_model_forward();
const times = [];
const c0 = process.cpuUsage();
for (let i = 0; i < opts.forwardCalls; ++i) {
  const t0 = performance.now();
  km._bench_model_forward();
  times.push(performance.now() - t0);
}
const c = process.cpuUsage(c0);
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  who: 'ours-wasm-simd', isa: km.UTF8ToString(km._bench_isa()), forward_ms: times[times.length >> 1],
  forward_p10_ms: times[Math.floor(times.length * 0.1)], forward_p90_ms: times[Math.floor(times.length * 0.9)],
  calls: times.length, forward_cpu_mean_ms: (c.user + c.system) / 1000 / times.length,
}));
