// sweep_web.mjs - issue 14's shape sweep: the engine on every shape, not only on its
// benchmark's. In one Node process, for seeded random convolutions (H, W 8..512, C 1..64,
// filters 1..64, kernel 1..7, stride 1..3, dilation 1..2, every padding mode), named
// cases (the chapter's layers, 1x1 convolutions, 1-channel 28x28, 3-channel photos),
// pooling (every pool size and stride, 'same' included) and Dense (matrix-vector and
// matrix product): ours through the public typed API (fresh result array and `out`),
// our scalar build (`out`), tfjs-backend-wasm (resident tensors + dataSync) and the
// share of the machine's WebAssembly SIMD ceiling, per shape; then the distribution
// (min / median / max) of each ratio and the five worst shapes. CPU time throughout.
// scripts/bench.sh runs it; docs/PERFORMANCE.md records a run.
//   node bench/sweep_web.mjs [--simd DIR] [--scalar DIR] [--quick] [--count N] [--seed S] [--only REGEX]
// (--only: the shapes whose description matches, e.g. --only Dense, when working on one kernel)
//
// [SECTION] Options
// [SECTION] Shapes
// [SECTION] Contenders
// [SECTION] Run
// [SECTION] Report

import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {agree, coreCount, describeRun, loadAverage, loadEngines, loadKernelsModule, measureAll, measureCeiling,
  random, setUpTfjs, tf, values} from './bench_lib.mjs';

// [SECTION] Options

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = {simd: path.join(ROOT, 'build/wasm'), scalar: path.join(ROOT, 'build/wasm-scalar'),
  quick: false, count: 40, seed: 14, only: null};
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--simd') opts.simd = path.resolve(process.argv[++i]);
  else if (a === '--scalar') opts.scalar = path.resolve(process.argv[++i]);
  else if (a === '--quick') opts.quick = true;
  else if (a === '--count') opts.count = Number(process.argv[++i]);
  else if (a === '--seed') opts.seed = Number(process.argv[++i]);
  else if (a === '--only') opts.only = new RegExp(process.argv[++i]);
  else {
    console.error('usage: sweep_web.mjs [--simd DIR] [--scalar DIR] [--quick] [--count N] [--seed S] [--only REGEX]');
    process.exit(2);
  }
}
const budget = opts.quick ? 40 : 200;
const minRounds = opts.quick ? 3 : 7;

// [SECTION] Shapes

const effective = (k, d) => (k - 1) * d + 1;

// padding: 'valid', 'same', 'full' or [[top, bottom], [left, right]].
function outSize(n, k, s, d, padding, axis) {
  if (padding === 'same') return Math.ceil(n / s);
  const [before, after] = padding === 'valid' ? [0, 0]
    : padding === 'full' ? [effective(k, d) - 1, effective(k, d) - 1] : padding[axis];
  const span = n + before + after - effective(k, d);
  return span < 0 ? 0 : Math.floor(span / s) + 1;
}

function conv(name, {h, w, c, f, k, kw = k, s = 1, sw = s, d = 1, dw = d, padding = 'valid'}) {
  const oh = outSize(h, k, s, d, padding, 0), ow = outSize(w, kw, sw, dw, padding, 1);
  return {name, kind: 'conv', h, w, c, f, kh: k, kw, sh: s, sw, dh: d, dw, padding, oh, ow,
    flop: 2 * oh * ow * k * kw * c * f};
}

function pool(name, {h, w, c, k, s = k, padding = 'valid', type = 'max'}) {
  const oh = outSize(h, k, s, 1, padding, 0), ow = outSize(w, k, s, 1, padding, 1);
  return {name, kind: 'pool', h, w, c, kh: k, kw: k, sh: s, sw: s, padding, type, oh, ow, flop: 0};
}

// Dense has the geometry of a 1x1 convolution over a row of `batch` pixels of `in` channels.
function dense(name, {batch, inputs, units}) {
  return {...conv(name, {h: 1, w: batch, c: inputs, f: units, k: 1}), kind: 'dense', batch, inputs, units};
}

function describe(x) {
  const pad = typeof x.padding === 'string' ? x.padding : `pad ${JSON.stringify(x.padding)}`;
  const k = x.kh === x.kw ? `${x.kh}x${x.kh}` : `${x.kh}x${x.kw}`;
  const s = x.sh === x.sw ? `${x.sh}` : `${x.sh},${x.sw}`;
  if (x.kind === 'dense') return `Dense ${x.batch}x${x.inputs} -> ${x.units}`;
  if (x.kind === 'pool') return `${x.type} pool ${k} s${s} ${pad}, ${x.h}x${x.w}x${x.c}`;
  const dil = x.dh > 1 || x.dw > 1 ? ` d${x.dh === x.dw ? x.dh : `${x.dh},${x.dw}`}` : '';
  return `${x.h}x${x.w}x${x.c} -> ${x.f} ${k} s${s}${dil} ${pad}`;
}

// Log-uniform integers: as many small sizes as large ones.
const logInt = (r, lo, hi) => Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))));
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

// Random convolutions. Strides and dilation above 1 together are left out: Keras and
// TF.js refuse them. Shapes over 60 M multiply-adds are shrunk in H and W (a few
// seconds per shape is the budget of a sweep); every other draw is kept.
function randomConvs(seed, count) {
  const r = random(seed);
  const out = [];
  while (out.length < count) {
    let h = logInt(r, 8, 512), w = Math.min(512, Math.max(8, Math.round(h * (0.5 + r() * 1.5))));
    const c = logInt(r, 1, 64), f = int(r, 1, 64), k = int(r, 1, 7);
    const kw = r() < 0.2 ? int(r, 1, 7) : k;
    const s = int(r, 1, 3), d = s === 1 ? int(r, 1, 2) : 1;
    const modes = ['valid', 'same', 'full', 'explicit'];
    let padding = modes[int(r, 0, 3)];
    if (padding === 'explicit') padding = [[int(r, 0, k - 1), int(r, 0, k - 1)], [int(r, 0, kw - 1), int(r, 0, kw - 1)]];
    const macs = (h * w * k * kw * c * f) / (s * s);
    if (macs > 60e6) {
      const scale = Math.sqrt(60e6 / macs);
      h = Math.max(8, Math.round(h * scale));
      w = Math.max(8, Math.round(w * scale));
    }
    const x = conv(`random ${out.length + 1}`, {h, w, c, f, k, kw, s, d, padding});
    if (x.oh > 0 && x.ow > 0) out.push(x);
  }
  return out;
}

const NAMED = [
  conv('chapter: 14x14x32 -> 64 3x3 same', {h: 14, w: 14, c: 32, f: 64, k: 3, padding: 'same'}),
  conv('chapter: 28x28x1 -> 32 3x3 same', {h: 28, w: 28, c: 1, f: 32, k: 3, padding: 'same'}),
  conv('1-channel 28x28 -> 10 3x3 same', {h: 28, w: 28, c: 1, f: 10, k: 3, padding: 'same'}),
  conv('issue 14: 28x28x1 -> 10 5x5 same', {h: 28, w: 28, c: 1, f: 10, k: 5, padding: 'same'}),
  conv('1x1: 56x56x64 -> 32', {h: 56, w: 56, c: 64, f: 32, k: 1}),
  conv('1x1: 28x28x16 -> 8', {h: 28, w: 28, c: 16, f: 8, k: 1}),
  conv('1x1: 14x14x64 -> 64', {h: 14, w: 14, c: 64, f: 64, k: 1}),
  conv('photo: 224x224x3 -> 12 3x3 same', {h: 224, w: 224, c: 3, f: 12, k: 3, padding: 'same'}),
  conv('photo: 256x256x3 -> 16 3x3 same', {h: 256, w: 256, c: 3, f: 16, k: 3, padding: 'same'}),
  conv('image mode: 512x512x3 -> 16 3x3 same', {h: 512, w: 512, c: 3, f: 16, k: 3, padding: 'same'}),
  conv('issue 14: 200x300x2 -> 6 3x3 same s2', {h: 200, w: 300, c: 2, f: 6, k: 3, s: 2, padding: 'same'}),
  conv('512x512x1 -> 8 5x5 valid s2', {h: 512, w: 512, c: 1, f: 8, k: 5, s: 2}),
];

const POOLS = [
  pool('image mode: 2x2 max of 512x512x16', {h: 512, w: 512, c: 16, k: 2}),
  pool('2x2 max of 256x256x16', {h: 256, w: 256, c: 16, k: 2}),
  pool('2x2 max of 28x28x32', {h: 28, w: 28, c: 32, k: 2}),
  pool('2x2 max same of 15x15x64', {h: 15, w: 15, c: 64, k: 2, padding: 'same'}),
  pool('3x3 s2 max same of 112x112x16', {h: 112, w: 112, c: 16, k: 3, s: 2, padding: 'same'}),
  pool('3x3 s2 max valid of 56x56x64', {h: 56, w: 56, c: 64, k: 3, s: 2}),
  pool('3x3 s1 max same of 28x28x8', {h: 28, w: 28, c: 8, k: 3, s: 1, padding: 'same'}),
  pool('2x2 s1 max of 64x48x1', {h: 64, w: 48, c: 1, k: 2, s: 1}),
  pool('4x4 max of 128x128x3', {h: 128, w: 128, c: 3, k: 4}),
  pool('3x3 s3 max same of 100x100x5', {h: 100, w: 100, c: 5, k: 3, padding: 'same'}),
  pool('2x2 average of 256x256x16', {h: 256, w: 256, c: 16, k: 2, type: 'average'}),
  pool('3x3 s2 average same of 56x56x32', {h: 56, w: 56, c: 32, k: 3, s: 2, padding: 'same', type: 'average'}),
];

const DENSES = [
  dense('drawn digit', {batch: 1, inputs: 3136, units: 100}),
  dense('', {batch: 1, inputs: 784, units: 128}),
  dense('', {batch: 1, inputs: 100, units: 10}),
  dense('mini-batch', {batch: 32, inputs: 3136, units: 100}),
  dense('', {batch: 32, inputs: 784, units: 128}),
  dense('', {batch: 32, inputs: 100, units: 10}),
];

const ITEMS = [...randomConvs(opts.seed, opts.count), ...NAMED, ...POOLS, ...DENSES]
  .filter((x) => !opts.only || opts.only.test(`${x.name}: ${describe(x)}`));

// [SECTION] Contenders

function tfPadding(x) {
  if (typeof x.padding === 'string' && x.padding !== 'full') return x.padding;
  const p = x.padding === 'full'
    ? [[effective(x.kh, x.dh) - 1, effective(x.kh, x.dh) - 1], [effective(x.kw, x.dw) - 1, effective(x.kw, x.dw) - 1]]
    : x.padding;
  return [[0, 0], p[0], p[1], [0, 0]];
}

function prepare(x, seed) {
  x.input = values(x.h * x.w * x.c, seed);
  if (x.kind !== 'pool') x.kernel = values(x.kh * x.kw * x.c * x.f, seed + 1).map((v) => v / 3);
  x.outSize = x.oh * x.ow * (x.kind === 'pool' ? x.c : x.f);
}

// Dense: the input into the heap, the kernel, the result out. The weights stay in the
// heap between calls (`resident`), as a model's do in the app and as TF.js's resident
// kernel tensor does; copyWeights copies them in on every call as well, as the typed
// conv2d() does with a convolution's kernel.
function oursDense(m, x, out, copyWeights = false) {
  return () => {
    m.HEAPF32.set(x.input, m._bench_buffer(0, x.input.length) >> 2);
    if (copyWeights || m.weightsOf !== x) {
      m.HEAPF32.set(x.kernel, m._bench_buffer(1, x.kernel.length) >> 2);
      m.weightsOf = x;
    }
    const p = m._bench_buffer(2, x.outSize) >> 2;
    m._bench_dense(x.batch, x.inputs, x.units);
    const view = m.HEAPF32.subarray(p, p + x.outSize);
    if (!out) return new Float32Array(view);
    out.set(view);
    return out;
  };
}

// With `reuse`, the result goes into one Float32Array kept across calls (options.out).
function ours(engine, x, reuse) {
  const out = reuse ? new Float32Array(x.outSize) : undefined;
  if (x.kind === 'dense') return oursDense(engine.dense, x, out);
  if (x.kind === 'pool') {
    const o = {type: x.type, pool_size: [x.kh, x.kw], strides: [x.sh, x.sw], padding: x.padding, out};
    return () => engine.pool2d(x.input, [x.h, x.w, x.c], o).data;
  }
  const o = {strides: [x.sh, x.sw], dilation_rate: [x.dh, x.dw], padding: x.padding, out};
  return () => engine.conv2d(x.input, [x.h, x.w, x.c], x.kernel, [x.kh, x.kw, x.c, x.f], null, o).data;
}

// Resident tensors (made once, not timed); each call is the op plus dataSync.
function tfjs(x) {
  let op;
  const held = [];
  if (x.kind === 'dense') {
    const a = tf.tensor2d(x.input, [x.batch, x.inputs]), k = tf.tensor2d(x.kernel, [x.inputs, x.units]);
    held.push(a, k);
    op = () => tf.matMul(a, k);
  } else {
    const a = tf.tensor4d(x.input, [1, x.h, x.w, x.c]);
    held.push(a);
    if (x.kind === 'pool') {
      const fn = x.type === 'max' ? tf.maxPool : tf.avgPool;
      op = () => fn(a, [x.kh, x.kw], [x.sh, x.sw], x.padding);
    } else {
      const k = tf.tensor4d(x.kernel, [x.kh, x.kw, x.c, x.f]);
      held.push(k);
      const pad = tfPadding(x);
      op = () => tf.conv2d(a, k, [x.sh, x.sw], pad, 'NHWC', [x.dh, x.dw]);
    }
  }
  const fn = () => {
    const y = op();
    const d = y.dataSync();
    y.dispose();
    return d;
  };
  fn.dispose = () => tf.dispose(held);
  return fn;
}

// [SECTION] Run

const engines = await loadEngines(opts.simd, opts.scalar);
engines.simd.dense = await loadKernelsModule(opts.simd);
engines.scalar.dense = await loadKernelsModule(opts.scalar);
const tfjsWasm = await setUpTfjs();
const loadAtStart = loadAverage();
const ceilings = [await measureCeiling(opts.simd, opts.quick)];

const rows = [];
for (const [i, x] of ITEMS.entries()) {
  prepare(x, 1000 + i);
  await tf.setBackend('cpu');
  const cpuFn = tfjs(x);
  const want = cpuFn().slice();
  cpuFn.dispose();
  await tf.setBackend('wasm');
  const wasmFn = tfjs(x);
  const contenders = [
    {key: 'simd', fn: ours(engines.simd, x, false)}, {key: 'simdOut', fn: ours(engines.simd, x, true)},
    {key: 'scalarOut', fn: ours(engines.scalar, x, true)},
  ];
  if (x.kind === 'dense') {
    contenders.push({key: 'copyOut', fn: oursDense(engines.simd.dense, x, new Float32Array(x.outSize), true)});
  }
  for (const c of contenders) {
    if (!agree(c.fn(), want)) throw new Error(`${describe(x)}: ${c.key} disagrees with tfjs-backend-cpu`);
  }
  // tfjs-backend-wasm 4.22 is wrong on some 'same' shapes (tensorflow/tfjs#6629, see
  // docs/PERFORMANCE.md): no time is quoted for a wrong answer.
  const tfjsRight = agree(wasmFn(), want);
  if (tfjsRight) contenders.push({key: 'wasm', backend: 'wasm', fn: wasmFn});
  const t = await measureAll(contenders, budget, minRounds);
  rows.push({x, t, tfjsRight});
  wasmFn.dispose();
  if (tf.memory().numTensors !== 0) throw new Error(`${describe(x)}: ${tf.memory().numTensors} tfjs tensors leaked`);
  if (i === ITEMS.length >> 1) ceilings.push(await measureCeiling(opts.simd, opts.quick));
}
ceilings.push(await measureCeiling(opts.simd, opts.quick));
const ceiling = Math.max(...ceilings);

// [SECTION] Report

const ms = (v) => (v < 0.1 ? v.toFixed(4) : v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1));
const times = (v) => `${v.toFixed(2)}x`;
const gflops = (r) => r.x.flop / (r.t.simdOut.cpu * 1e6);
const share = (r) => gflops(r) / ceiling;

for (const r of rows) {
  const {cpu: wasm} = r.t.wasm ?? {cpu: NaN};
  r.fresh = wasm / r.t.simd.cpu;
  r.out = wasm / r.t.simdOut.cpu;
  r.scalar = r.t.scalarOut.cpu / r.t.simdOut.cpu;
  r.ceiling = r.x.kind === 'pool' ? NaN : share(r);
  r.tfjsGflops = r.t.wasm ? r.x.flop / (r.t.wasm.cpu * 1e6) : NaN;
}

console.log('# Shape sweep (issue 14): ConvScope JS module vs tfjs-backend-wasm, CPU time per call');
for (const line of describeRun(engines, tfjsWasm)) console.log(line);
console.log(`seed ${opts.seed}, ${opts.count} random convolutions; budget ${budget} ms per contender and shape; ` +
  `load average ${loadAtStart.toFixed(2)} at the start, ${loadAverage().toFixed(2)} at the end, on ${coreCount()} cores`);
console.log(`ceiling: ${ceilings.map((c) => c.toFixed(1)).join(', ')} GFLOP/s (start, middle, end; shares use the best, ` +
  `${ceiling.toFixed(1)})`);
console.log('ours: typed conv2d / pool2d, including the copies into and out of the wasm heap; Dense: dense_f32 ' +
  '(bench/wasm/kernels_module.cpp), input copied in and result out per call, weights resident (see the Dense table); ' +
  'tfjs: resident tensors, op + dataSync (Dense: tf.matMul)\n');
console.log('| # | shape | MFLOP | ours fresh | ours `out` | tfjs-wasm | x fresh | x `out` | GFLOP/s ours `out` (ceiling) | ' +
  'GFLOP/s tfjs-wasm (ceiling) | scalar `out` | SIMD / scalar |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [i, r] of rows.entries()) {
  const name = r.x.name && !r.x.name.startsWith('random') ? `${r.x.name}: ${describe(r.x)}` : describe(r.x);
  const wasm = r.tfjsRight ? ms(r.t.wasm.cpu) : 'wrong (#6629)';
  const gf = r.x.kind === 'pool' ? '-' : `${gflops(r).toFixed(1)} (${(100 * r.ceiling).toFixed(0)} %)`;
  const theirs = r.x.kind === 'pool' || !r.tfjsRight ? '-' : `${r.tfjsGflops.toFixed(1)} (${(100 * r.tfjsGflops / ceiling).toFixed(0)} %)`;
  console.log(`| ${i + 1} | ${name} | ${(r.x.flop / 1e6).toFixed(2)} | ${ms(r.t.simd.cpu)} | ${ms(r.t.simdOut.cpu)} | ${wasm} | ` +
    `${r.tfjsRight ? times(r.fresh) : '-'} | ${r.tfjsRight ? times(r.out) : '-'} | ${gf} | ${theirs} | ${ms(r.t.scalarOut.cpu)} | ${times(r.scalar)} |`);
}

const denseRows = rows.filter((r) => r.x.kind === 'dense');
if (denseRows.length) {
  console.log('\nDense above keeps its weights in the heap between calls, as the app\'s model and TF.js\'s resident ' +
    'kernel tensor do. Copying them in on every call as well (as the typed conv2d() does with a kernel):\n');
  console.log('| # | shape | weights | ours `out`, resident | ours `out`, weights copied | x `out` vs tfjs-wasm, copied |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const r of denseRows) {
    const mb = (4 * r.x.inputs * r.x.units / 1e6).toFixed(2);
    const vs = r.t.wasm ? times(r.t.wasm.cpu / r.t.copyOut.cpu) : '-';
    console.log(`| ${rows.indexOf(r) + 1} | ${describe(r.x)} | ${mb} MB | ${ms(r.t.simdOut.cpu)} | ${ms(r.t.copyOut.cpu)} | ${vs} |`);
  }
}

const GOALS = [
  {key: 'fresh', title: 'vs tfjs-wasm, fresh array', target: 2, fmt: times},
  {key: 'out', title: 'vs tfjs-wasm, `out`', target: 3, fmt: times},
  {key: 'ceiling', title: 'share of the ceiling, `out` (shapes > 1 MFLOP)', target: 0.5,
    fmt: (v) => `${(100 * v).toFixed(0)} %`, only: (r) => r.x.flop > 1e6},
  {key: 'scalar', title: 'SIMD vs scalar build, `out`', target: 3, fmt: times},
];
const label = (r) => `${rows.indexOf(r) + 1} (${describe(r.x)})`;
for (const kind of ['conv', 'pool', 'dense', 'all']) {
  const ofKind = rows.filter((r) => kind === 'all' || r.x.kind === kind);
  console.log(`\n## ${kind === 'all' ? 'All shapes' : kind === 'conv' ? 'Convolutions' : kind === 'pool' ? 'Pooling' : 'Dense'}` +
    ` (${ofKind.length})\n`);
  console.log('| goal | target | min | median | max | met | five worst |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const g of GOALS) {
    const set = ofKind.filter((r) => Number.isFinite(r[g.key]) && (!g.only || g.only(r)));
    if (set.length === 0) continue;
    const sorted = [...set].sort((a, b) => a[g.key] - b[g.key]);
    const met = set.filter((r) => r[g.key] >= g.target).length;
    const worst = sorted.slice(0, 5).map((r) => `${label(r)} ${g.fmt(r[g.key])}`).join('; ');
    console.log(`| ${g.title} | ${g.fmt(g.target)} | ${g.fmt(sorted[0][g.key])} | ${g.fmt(sorted[sorted.length >> 1][g.key])} | ` +
      `${g.fmt(sorted[sorted.length - 1][g.key])} | ${met} / ${set.length} | ${worst} |`);
  }
  // A ratio r over TF.js needs r times its speed: beyond the ceiling, no kernel can reach it.
  const withFlops = ofKind.filter((r) => Number.isFinite(r.tfjsGflops) && r.x.flop > 0);
  if (withFlops.length) {
    const beyond = (k) => withFlops.filter((r) => k * r.tfjsGflops > ceiling).length;
    console.log(`\nShapes where the target would need more than the ceiling: 2x: ${beyond(2)} of ${withFlops.length}; ` +
      `3x: ${beyond(3)} of ${withFlops.length} (tfjs-wasm already above 50 % / 33 % of it).`);
  }
}
const wrong = rows.filter((r) => !r.tfjsRight);
if (wrong.length) console.log(`\ntfjs-backend-wasm disagreed with tfjs-backend-cpu on ${wrong.length} shape(s): ${wrong.map(label).join('; ')}`);
if (loadAverage() > coreCount() * 0.75) {
  console.log(`\nnote: load average ${loadAverage().toFixed(2)} on ${coreCount()} cores: the cores were shared; CPU times count only this process.`);
}
