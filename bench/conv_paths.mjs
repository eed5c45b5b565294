// conv_paths.mjs - the measurement behind conv2d_f32's choice of path
// (src/kernels/conv2d_f32.inc, "Choosing the path"): on a grid of filter
// counts x window-row lengths (kw * in_c), both paths of the WebAssembly SIMD
// build alone (bench/wasm/kernels_module.cpp, operands already in its heap),
// side by side in CPU time. Prints, per cell, rows-path time / filters-path
// time (below 1: the row path is faster) and which one the rule picks.
//   node bench/conv_paths.mjs [--simd build/wasm] [--quick]

import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadAverage, loadKernelsModule, measureAll, values} from './bench_lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir = path.join(ROOT, 'build/wasm');
let quick = false;
for (let i = 2; i < process.argv.length; ++i) {
  if (process.argv[i] === '--simd') dir = path.resolve(process.argv[++i]);
  else if (process.argv[i] === '--quick') quick = true;
  else {
    console.error('usage: conv_paths.mjs [--simd DIR] [--quick]');
    process.exit(2);
  }
}
const m = await loadKernelsModule(dir);
const isa = m.UTF8ToString(m._bench_isa());
if (isa !== 'wasmsimd') throw new Error(`expected the wasmsimd build, got ${isa}`);

// 48x48, 'same', stride 1: big enough that the interior dominates, small
// enough to stay in cache, as the kernels' operands do in a layer.
const FILTERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 16];
const WINDOWS = [[1, 3], [1, 5], [3, 3], [2, 5], [4, 3], [8, 3], [3, 7], [16, 3], [32, 3], [64, 3], [16, 1], [64, 1]];
const H = 48, W = 48;

// The rule of conv2d_f32.inc (use_row_path), for 4 lanes.
function rulePicksRows(c, kw, f, kh = kw) {
  const lanes = 4, run = kw * c;
  if (run < 2 * lanes) return false;
  const kVectors = Math.floor((kh * kw * c) / lanes);
  if (4 * f <= 2 * lanes) return kVectors >= 9;
  if (4 * f <= 3 * lanes) return kVectors >= 18;
  if (4 * f <= 5 * lanes) return kVectors >= 72;
  return false;
}

function conv(pathIndex, c, k, f) {
  const pad = (k - 1) >> 1;
  const input = values(H * W * c, 1), kernel = values(k * k * c * f, 2);
  return () => {
    m.HEAPF32.set(input, m._bench_buffer(0, input.length) >> 2);
    m.HEAPF32.set(kernel, m._bench_buffer(1, kernel.length) >> 2);
    m._bench_buffer(2, H * W * f);
    m._bench_conv(pathIndex, H, W, c, f, k, k, 1, 1, 1, 1, pad, pad, H, W);
  };
}

console.log(`# conv2d_f32 paths, wasmsimd, ${H}x${W} same stride 1; rows time / filters time ` +
  `(< 1: rows faster); * = the rule picks rows; load average ${loadAverage().toFixed(2)}\n`);
console.log(`| C x k | run | ${FILTERS.map((f) => `f${f}`).join(' | ')} |`);
console.log(`|---|---:|${FILTERS.map(() => '---:').join('|')}|`);
let wrong = 0, total = 0, worst = 0;
for (const [c, k] of WINDOWS) {
  const cells = [];
  for (const f of FILTERS) {
    const t = await measureAll([{key: 'filters', fn: conv(1, c, k, f)}, {key: 'rows', fn: conv(2, c, k, f)}],
      quick ? 20 : 80, quick ? 3 : 5);
    const ratio = t.rows.cpu / t.filters.cpu;
    const picks = rulePicksRows(c, k, f);
    ++total;
    if (picks !== ratio < 1) {
      ++wrong;
      // How much slower the picked path is than the other one.
      worst = Math.max(worst, picks ? ratio - 1 : 1 / ratio - 1);
    }
    cells.push(`${ratio.toFixed(2)}${picks ? '*' : ''}`);
  }
  console.log(`| ${c} x ${k}x${k} | ${c * k} | ${cells.join(' | ')} |`);
}
console.log(`\nthe rule picks the slower path in ${wrong} of ${total} cells; ` +
  `at worst the picked path is ${(100 * worst).toFixed(0)} % slower than the other`);
