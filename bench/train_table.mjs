// train_table.mjs - the table of the training benchmark (scripts/bench-train.sh) from the
// JSON lines its contenders printed (bench/train_web.mjs, bench/train_torch.py,
// bench/train_tfjs.mjs, and the native lines bench-train.sh writes from convscope-cli
// train and convscope_bench), with FLOP counts from the models' layer shapes and the
// machine's WebAssembly SIMD ceiling measured here (bench/wasm_peak.c, as bench_web.mjs).
//   node bench/train_table.mjs RESULTS.jsonl [--simd build/wasm]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {measureCeiling} from './bench_lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const simdDir = args.includes('--simd') ? args[args.indexOf('--simd') + 1] : 'build/wasm';
const lines = fs.readFileSync(args[0], 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

// Forward multiply-adds per example of a models/train scene: Conv2D (stride 1) and Dense;
// pooling, activations, the loss and Adam are not counted.
function forwardMacs(file) {
  const scene = JSON.parse(fs.readFileSync(path.join(ROOT, 'models/train', file), 'utf8'));
  let [h, w, c] = scene.input.shape, macs = 0;
  for (const l of scene.layers) {
    if (l.type === 'Conv2D') {
      const k = l.kernel_size;
      if (l.padding !== 'same' || (l.strides ?? 1) !== 1) throw new Error(`${file}: only 'same' stride-1 Conv2D is counted`);
      macs += h * w * l.filters * k * k * c, c = l.filters;
    } else if (l.type === 'MaxPooling2D') {
      h = Math.floor(h / l.pool_size), w = Math.floor(w / l.pool_size);
    } else if (l.type === 'Flatten') {
      c = h * w * c, h = w = 1;
    } else if (l.type === 'Dense') {
      macs += c * l.units, c = l.units;
    } else if (l.type !== 'Dropout') {
      throw new Error(`${file}: layer ${l.type} is not counted`);
    }
  }
  return macs;
}
const MODELS = {chapter: forwardMacs('digits-chapter-cnn.json'), small: forwardMacs('digits-small-cnn.json')};
// Training FLOPs per example: forward, input gradient and weight gradient each cost the
// forward's multiply-adds, 2 FLOPs each (the first layer's input gradient, which nobody
// computes, is in the count: +2 x 225,792 of 24.9 M for the chapter's model).
const trainFlops = (model) => 3 * 2 * MODELS[model];

const NAMES = {
  'ours-native': 'ours, native (convscope-cli train)',
  'ours-wasm-simd': 'ours, WASM SIMD (train(), Node)',
  'ours-wasm-scalar': 'ours, WASM scalar (train(), Node)',
  'pytorch': 'PyTorch (1 thread)',
};
const name = (who) => NAMES[who] ?? `TensorFlow.js ${who.replace('tfjs-', 'tfjs-backend-')} (model.fit)`;

const ceiling = await measureCeiling(simdDir, false);
// CPU time of the process is the primary measure: the machine's cores are shared, and wall
// time then counts the other processes too (every contender runs on one thread).
const seconds = (r) => r.cpu ?? r.wall;
const rows = lines.filter((l) => l.model && seconds(l) > 0);
const rate = (who, model) => {
  const r = rows.find((l) => l.who === who && l.model === model);
  return r ? r.examples / seconds(r) : null;
};

const torch = lines.find((l) => l.who === 'pytorch');
const tfjs = lines.find((l) => l.who?.startsWith('tfjs-'));
console.log(`machine: ${os.cpus()[0]?.model ?? '?'} (${os.cpus().length} logical cores), ${os.type()} ${os.release()}, ` +
  `load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`node ${process.version}; PyTorch ${torch?.version ?? 'not run'} (${torch?.threads ?? '?'} thread); ` +
  `TensorFlow.js ${tfjs?.version ?? 'not run'}`);
console.log('8,000 digits (digits.bin, seed-42 split), batch 32, Adam lr 0.001 eps 1e-7, one thread; CPU time of one epoch ' +
  '(ours native and WASM: 2-epoch run minus 1-epoch run; PyTorch: the 2nd of 2 epochs; wall time in the last column).');
console.log(`FLOPs per example = 3 x 2 x forward multiply-adds (Conv2D + Dense): chapter ${(trainFlops('chapter') / 1e6).toFixed(1)} M ` +
  `(forward ${(MODELS.chapter / 1e6).toFixed(2)} M MACs), small ${(trainFlops('small') / 1e6).toFixed(2)} M (forward ${(MODELS.small / 1e6).toFixed(3)} M MACs).`);
console.log(ceiling ? `WASM SIMD ceiling, this run: ${ceiling.toFixed(1)} GFLOP/s (bench/wasm_peak.c, f32x4 mul + add, no memory traffic, CPU time)`
  : 'WASM SIMD ceiling: not measured (no wasm_peak.wasm in the SIMD build)');
console.log('');
console.log('| model | contender | s / epoch (CPU) | examples / s | GFLOP/s | share of WASM SIMD ceiling | ours / PyTorch | ours / TF.js | wall s / epoch |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const model of Object.keys(MODELS)) {
  for (const r of rows.filter((l) => l.model === model)) {
    const eps = r.examples / seconds(r), gflops = (eps * trainFlops(model)) / 1e9;
    const ours = r.who.startsWith('ours-');
    const pt = rate('pytorch', model), tj = tfjs ? rate(tfjs.who, model) : null;
    const ratio = (peer) => (ours && peer ? `${(eps / peer).toFixed(eps / peer >= 100 ? 0 : 2)}x` : '');
    const note = r.extrapolated ? ` (extrapolated from ${r.measured_examples} examples in ~${r.budget} s)` : '';
    console.log(`| ${model} | ${name(r.who)}${note} | ${seconds(r).toFixed(2)}${r.cpu == null ? ' (wall)' : ''} | ${eps.toFixed(eps < 100 ? 1 : 0)} | ` +
      `${gflops.toFixed(2)} | ${ceiling ? `${((100 * gflops) / ceiling).toFixed(gflops < 1 ? 2 : 0)} %` : ''} | ${ratio(pt)} | ${ratio(tj)} | ${r.wall.toFixed(2)} |`);
  }
}
const refused = tfjs && Object.entries(tfjs.refused ?? {});
if (refused?.length) console.log(`\nTensorFlow.js: ${refused.map(([b, e]) => `tfjs-backend-${b} cannot train (${e})`).join('; ')}; ${tfjs.who.replace('tfjs-', 'tfjs-backend-')} trained.`);
for (const r of rows.filter((l) => l.extrapolated)) {
  console.log(`${name(r.who)}, ${r.model}: stopped after ~${r.budget} s; ${r.measured_examples} examples timed after ${r.warmup_batches} warm-up batch(es), the epoch extrapolated to ${r.examples}.`);
}

console.log('\nGoals (issue 11):');
for (const model of Object.keys(MODELS)) {
  const pt = rate('pytorch', model), simd = rate('ours-wasm-simd', model), native = rate('ours-native', model);
  const goal = (what, have, need) => console.log(`- ${model}: ${what}: ` +
    (have && pt ? `${(have / pt).toFixed(2)}x PyTorch, goal ${need}x: ${have / pt >= need ? 'met' : 'NOT met'}` : 'not measured'));
  goal('WASM SIMD', simd, 0.5);
  goal('native', native, 1.0);
}

console.log('\nForward pass of the chapter\'s model on one digit (inference, batch 1, the model read once):');
for (const f of lines.filter((l) => l.forward_ms != null)) {
  console.log(`- ${f.who === 'ours-native' ? 'native' : 'WASM SIMD'} (${f.isa}): ${f.forward_ms.toFixed(3)} ms median` +
    (f.forward_p10_ms != null ? ` wall (10th-90th percentile ${f.forward_p10_ms.toFixed(3)} to ${f.forward_p90_ms.toFixed(3)} ms, ` +
      `${f.calls} calls), ${f.forward_cpu_mean_ms?.toFixed(3) ?? "?"} ms CPU (mean per call)` : '') +
    (f.repetitions ? ` wall, ${f.forward_cpu_ms.toFixed(3)} ms CPU (medians of ${f.repetitions} repetitions' mean per call)` : ''));
}
