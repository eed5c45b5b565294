// bench_lib.mjs - what the Node benchmarks share (bench_web.mjs, sweep_web.mjs):
// loading our two builds and TensorFlow.js, seeded data, round-robin timing in CPU
// time, the agreement check, the machine's WebAssembly SIMD ceiling and the lines
// that say what ran where.
//
// [SECTION] Loading
// [SECTION] Data
// [SECTION] Timing
// [SECTION] The ceiling
// [SECTION] What ran where

import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {setThreadsCount, getThreadsCount} from '@tensorflow/tfjs-backend-wasm';

export {tf};

// [SECTION] Loading

/** Our SIMD and scalar builds of the JS module, from their build folders. */
export async function loadEngines(simdDir, scalarDir) {
  const {load} = await import(pathToFileURL(path.join(simdDir, 'convscope_core.mjs')).href);
  const simd = await load({variant: 'simd', baseUrl: pathToFileURL(simdDir + '/')});
  const scalar = await load({variant: 'scalar', baseUrl: pathToFileURL(scalarDir + '/')});
  if (simd.isa !== 'wasmsimd' || scalar.isa !== 'scalar') {
    throw new Error(`expected wasmsimd and scalar kernels, got ${simd.isa} and ${scalar.isa}`);
  }
  return {simd, scalar};
}

/** bench/wasm/kernels_module.cpp of one build folder: kernel entry points alone. */
export async function loadKernelsModule(dir) {
  const {default: factory} = await import(pathToFileURL(path.join(dir, 'kernels_module.mjs')).href);
  return factory({wasmBinary: readFileSync(path.join(dir, 'kernels_module.wasm'))});
}

/** tfjs-backend-wasm with one thread (XNNPACK, SIMD) and tfjs-backend-cpu; leaves cpu selected. */
export async function setUpTfjs() {
  tf.env().set('PROD', true);
  setThreadsCount(1);  // before setBackend('wasm'): XNNPACK's pool is made once
  await tf.setBackend('wasm');
  const threads = getThreadsCount();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  await tf.setBackend('cpu');
  return {threads, simd};
}

// [SECTION] Data

/** Deterministic values in [-1, 1). */
export function values(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; ++i) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}

/** A seeded generator of numbers in [0, 1). */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 3266489917) >>> 0;
    s = (Math.imul(s ^ (s >>> 13), 3266489917) + 1) >>> 0;
    return ((s ^ (s >>> 16)) >>> 0) / 4294967296;
  };
}

/** Every contender must compute the same numbers, else its time means nothing. */
export function agree(a, b, tol = 1e-4) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) {
    if (!(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])))) return false;
  }
  return true;
}

// [SECTION] Timing

// Calls are timed in batches of >= 2 ms, and the contenders take turns batch by batch
// (round robin), so a busy spell on the shared cores falls on all of them alike. Each
// batch gives a wall time and a CPU time (process.cpuUsage: user + system of this
// process) per call; the medians over the batches are reported. On an idle machine the
// two agree for this single-threaded code; on busy cores the wall time also counts the
// time other processes held the core, so CPU time is the measure of the work.
// A contender {key, fn, backend?}: backend ('wasm' / 'cpu') is selected before its turns.
export async function measureAll(contenders, budgetMs, minRounds) {
  for (const c of contenders) {
    if (c.backend) await tf.setBackend(c.backend);
    // Warm-up long enough for V8 to optimise the JavaScript around the calls.
    for (let i = 0, w0 = performance.now(); i < 3 || performance.now() - w0 < budgetMs / 5; ++i) c.fn();
    const t0 = performance.now();
    c.fn();
    c.batch = Math.max(1, Math.ceil(2 / Math.max(performance.now() - t0, 1e-3)));
    c.walls = [];
    c.cpus = [];
  }
  const start = performance.now();
  for (let round = 0; round < minRounds || (performance.now() - start < budgetMs * contenders.length && round < 400); ++round) {
    for (const c of contenders) {
      if (c.backend) await tf.setBackend(c.backend);
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      for (let i = 0; i < c.batch; ++i) c.fn();
      const wall = performance.now() - w0;
      const cpu = process.cpuUsage(c0);
      c.walls.push(wall / c.batch);
      c.cpus.push((cpu.user + cpu.system) / 1000 / c.batch);
    }
  }
  const median = (v) => v.sort((a, b) => a - b)[v.length >> 1];
  return Object.fromEntries(contenders.map((c) => [c.key, {wall: median(c.walls), cpu: median(c.cpus)}]));
}

// [SECTION] The ceiling

// WebAssembly SIMD multiply + add with no memory traffic (bench/wasm_peak.c), best of
// 7 runs in CPU time, in GFLOP/s; null when the build folder has no wasm_peak.wasm.
export async function measureCeiling(simdDir, quick) {
  let bytes;
  try {
    bytes = readFileSync(path.join(simdDir, 'wasm_peak.wasm'));
  } catch {
    return null;
  }
  const any = new Proxy({}, {get: () => new Proxy({}, {get: () => () => 0})});
  const {instance} = await WebAssembly.instantiate(bytes, any);
  const iters = quick ? 2_000_000 : 20_000_000;
  instance.exports.peak(1000, 1);
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    instance.exports.peak(iters, 1.0001);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1e6);
  }
  return (iters * 100) / best / 1e9;  // 12 x (mul + add) + 1 add, 4 lanes, per iteration
}

// [SECTION] What ran where

function firstLine(cmd, args, fallback) {
  try {
    return execFileSync(cmd, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).split('\n')[0].trim();
  } catch {
    return fallback;
  }
}

/** The header lines both benchmarks print: machine, load, Node, builds, TF.js. */
export function describeRun(engines, tfjsWasm) {
  const emcc = firstLine('emcc', ['--version'], '?').replace(/^emcc \(.*?\) /, '').replace(/\s*\(.*$/, '');
  let distro = os.platform();
  try {
    distro = `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}`;
  } catch {
    // not Debian: the platform name will do
  }
  const chromium = firstLine(process.env.CHROMIUM_PATH || 'chromium', ['--version'], 'no Chromium');
  return [
    `machine: ${os.cpus()[0]?.model ?? '?'} (${os.cpus().length} logical cores), ${distro}, ${os.type()} ${os.release()}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; browser tests: ${chromium}`,
    `node ${process.version}; our build: Emscripten ${emcc} -O3, kernels ${engines.simd.isa} / ${engines.scalar.isa}; ` +
      `TensorFlow.js ${tf.version_core}, tfjs-backend-wasm: ${tfjsWasm.threads} thread, SIMD ${tfjsWasm.simd ? 'on' : 'off'}`,
  ];
}

export const loadAverage = () => os.loadavg()[0];
export const coreCount = () => os.cpus().length;
