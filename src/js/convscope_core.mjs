// convscope_core.mjs - ConvScope's engine as an ES module for Node 18+ and browsers.
// The public entry: loads the Emscripten factory beside it (convscope_core_wasm.mjs,
// SIMD128 kernels, or convscope_core_scalar_wasm.mjs) and wraps the C entry points of
// src/js/core_exports.cpp. Numbers match Keras/TensorFlow; errors are the core's.
// API and example: docs/js-module.md.
//
// [SECTION] Loading
// [SECTION] Option parsing (Keras shorthands)
// [SECTION] The engine
// [SECTION] Default instance

// [SECTION] Loading

const FACTORIES = {simd: 'convscope_core_wasm', scalar: 'convscope_core_scalar_wasm'};

// The smallest module using SIMD128 (i8x16.popcnt, the last opcode added):
// WebAssembly.validate() accepts it only where SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0,
  253, 15, 253, 98, 11,
]);

/** Whether this JavaScript engine runs WebAssembly SIMD128. */
export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const IS_NODE =
  typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined';

/** Bad input: `where` names the option (e.g. "strides"), `detail` what is wrong. */
export class ConvScopeError extends Error {
  constructor(where, detail) {
    super(where ? `${where}: ${detail}` : detail);
    this.name = 'ConvScopeError';
    this.where = where;
    this.detail = detail;
  }
}

async function instantiate(variant, baseUrl, wasmBinary) {
  const name = FACTORIES[variant];
  const wasmUrl = new URL(`${name}.wasm`, baseUrl);
  const {default: factory} = await import(/* @vite-ignore */ new URL(`${name}.mjs`, baseUrl).href);
  const settings = {locateFile: (file) => new URL(file, baseUrl).href};
  if (wasmBinary) {
    settings.wasmBinary = wasmBinary;
  } else if (IS_NODE && wasmUrl.protocol === 'file:') {
    // Emscripten 3.1.6 would fetch() the path, which Node cannot do for files.
    const {readFile} = await import(/* @vite-ignore */ /* webpackIgnore: true */ 'node:fs/promises');
    settings.wasmBinary = await readFile(wasmUrl);
  }
  return factory(settings);
}

/**
 * Loads one engine instance.
 *   variant: 'auto' (SIMD where supported and present, else scalar), 'simd' or 'scalar'.
 *   baseUrl: folder holding the factories (default: this file's folder).
 *   wasmBinary: the .wasm bytes, if already at hand.
 * Each call makes a separate instance with its own heap.
 */
export async function load({variant = 'auto', baseUrl, wasmBinary} = {}) {
  const base = new URL(baseUrl ?? './', import.meta.url);
  if (!base.href.endsWith('/')) base.pathname += '/';
  if (variant === 'simd' || variant === 'scalar') {
    return new Engine(await instantiate(variant, base, wasmBinary), variant);
  }
  if (variant !== 'auto') {
    throw new ConvScopeError('variant', `expected "auto", "simd" or "scalar", got ${show(variant)}`);
  }
  if (simdSupported()) {
    try {
      return new Engine(await instantiate('simd', base, wasmBinary), 'simd');
    } catch (simdError) {
      // A folder with only the scalar build (e.g. build/wasm-scalar) falls through.
      try {
        return new Engine(await instantiate('scalar', base, wasmBinary), 'scalar');
      } catch {
        throw simdError;
      }
    }
  }
  return new Engine(await instantiate('scalar', base, wasmBinary), 'scalar');
}

// [SECTION] Option parsing (Keras shorthands)

const INT32_MAX = 2147483647;
const PADDING_MODES = {valid: 0, same: 1, full: 2};  // 3: explicit
const ACTIVATIONS = {linear: 0, relu: 1, sigmoid: 2, tanh: 3};

function show(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  return Object.prototype.toString.call(v).slice(8, -1);
}

function int(v, where) {
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > INT32_MAX) {
    throw new ConvScopeError(where, `expected an integer, got ${show(v)}`);
  }
  return v;
}

// An int or a list of `axes` ints (Keras' shorthand: 3 means [3, 3]).
function sizes(v, where, axes) {
  if (typeof v === 'number') return new Array(axes).fill(int(v, where));
  if (Array.isArray(v) && v.length === axes) return v.map((x, i) => int(x, `${where}[${i}]`));
  throw new ConvScopeError(where, `expected an integer or ${axes === 2 ? '[rows, columns]' : '[steps]'}, got ${show(v)}`);
}

// [mode, top, bottom, left, right]
function padding(v, oneD) {
  if (v === undefined) return [0, 0, 0, 0, 0];
  if (typeof v === 'string' && Object.hasOwn(PADDING_MODES, v)) return [PADDING_MODES[v], 0, 0, 0, 0];
  const explicit = oneD ? '[left, right]' : '[[top, bottom], [left, right]]';
  const fail = () => {
    throw new ConvScopeError('padding', `expected "valid", "same", "full" or explicit padding ${explicit}, got ${show(v)}`);
  };
  if (!Array.isArray(v) || v.length !== 2) fail();
  if (oneD) return [3, 0, 0, int(v[0], 'padding[0]'), int(v[1], 'padding[1]')];
  if (!v.every((pair) => Array.isArray(pair) && pair.length === 2)) fail();
  return [3, int(v[0][0], 'padding[0][0]'), int(v[0][1], 'padding[0][1]'),
    int(v[1][0], 'padding[1][0]'), int(v[1][1], 'padding[1][1]')];
}

function activation(v) {
  if (v === undefined || v === null) return 0;  // Keras' activation=None
  if (typeof v === 'string' && Object.hasOwn(ACTIVATIONS, v)) return ACTIVATIONS[v];
  throw new ConvScopeError('activation', `expected "linear", "relu", "sigmoid", "tanh" or null, got ${show(v)}`);
}

function options(v, allowed, what) {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ConvScopeError('options', `expected an object, got ${show(v)}`);
  }
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) {
      // A typo must not be silently ignored.
      throw new ConvScopeError(`options.${key}`, `unknown option for ${what}; expected one of ${allowed.join(', ')}`);
    }
  }
  return v;
}

function shape(v, where, rank, names) {
  if (!Array.isArray(v) || v.length !== rank) {
    throw new ConvScopeError(where, `expected ${rank} integers [${names}], got ${show(v)}`);
  }
  return v.map((x, i) => int(x, `${where}[${i}]`));
}

function floats(v, where) {
  if (v instanceof Float32Array) return v;
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Float32Array.from(v);
  throw new ConvScopeError(where, `expected a Float32Array (or an array of numbers), got ${show(v)}`);
}

const CONV_OPTIONS = ['strides', 'padding', 'dilation_rate', 'activation', 'out'];
// The core names layer keys; a typed conv call gives them as kernelShape.
const CONV_WHERE = {kernel_size: 'kernelShape', filters: 'kernelShape (filters)'};
const POOL_OPTIONS = ['type', 'pool_size', 'strides', 'padding', 'count_include_pad', 'out'];

// [SECTION] The engine

class Engine {
  #m;
  #encoder = new TextEncoder();
  #decoder = new TextDecoder();

  constructor(module, variant) {
    this.#m = module;
    /** 'simd' or 'scalar': which build was loaded. */
    this.variant = variant;
    /** Which kernels run: 'wasmsimd' or 'scalar'. */
    this.isa = module.UTF8ToString(module._cs_isa());
  }

  /** Runs a scene (JSON text or object); returns the result JSON text:
   *  {"outputs": [{"shape", "data"}, ...]} or {"error": {"where", "message", ...}}. */
  run(sceneJson) {
    const text = typeof sceneJson === 'string' ? sceneJson : JSON.stringify(sceneJson);
    if (typeof text !== 'string') throw new ConvScopeError('', `run() expects scene JSON text, got ${show(sceneJson)}`);
    const m = this.#m;
    // Encode straight into the heap. Emscripten's byte count differs from TextEncoder's
    // only for lone surrogates (which become U+FFFD); then encode separately.
    const guess = m.lengthBytesUTF8(text);
    let ptr = m._cs_text_buffer(guess);
    let {read, written} = this.#encoder.encodeInto(text, m.HEAPU8.subarray(ptr, ptr + guess));
    if (read < text.length) {
      const utf8 = this.#encoder.encode(text);
      ptr = m._cs_text_buffer(utf8.length);
      m.HEAPU8.set(utf8, ptr);
      written = utf8.length;
    }
    const out = m._cs_run_scene(written);
    return this.#decoder.decode(m.HEAPU8.subarray(out, out + m._cs_text_out_length()));
  }

  /** Conv2D: input HWC, kernel HWIO ([kh, kw, C, F]), bias of F or null.
   *  Returns {shape: [oh, ow, F], data: Float32Array}. */
  conv2d(input, inputShape, kernel, kernelShape, bias, opts) {
    return this.#conv(input, inputShape, kernel, kernelShape, bias, opts, false);
  }

  /** Conv1D: input [steps, C], kernel [k, C, F]. Returns {shape: [steps_out, F], data}. */
  conv1d(input, inputShape, kernel, kernelShape, bias, opts) {
    return this.#conv(input, inputShape, kernel, kernelShape, bias, opts, true);
  }

  /** MaxPooling2D / AveragePooling2D on an HWC input. Returns {shape: [oh, ow, C], data}. */
  pool2d(input, inputShape, opts) {
    return this.#pool(input, inputShape, opts, false);
  }

  /** MaxPooling1D / AveragePooling1D on a [steps, C] input. */
  pool1d(input, inputShape, opts) {
    return this.#pool(input, inputShape, opts, true);
  }

  #conv(input, inputShape, kernel, kernelShape, bias, opts, oneD) {
    const o = options(opts, CONV_OPTIONS, oneD ? 'conv1d' : 'conv2d');
    const axes = oneD ? 1 : 2;
    const [h, w, c] = oneD ? [1, ...shape(inputShape, 'inputShape', 2, 'steps, channels')]
      : shape(inputShape, 'inputShape', 3, 'rows, columns, channels');
    const ks = oneD ? [1, ...shape(kernelShape, 'kernelShape', 3, 'kernel_size, in_channels, filters')]
      : shape(kernelShape, 'kernelShape', 4, 'kernel rows, kernel columns, in_channels, filters');
    if (ks[2] !== c) {
      throw new ConvScopeError(`kernelShape[${axes}]`,
        `the kernel takes ${ks[2]} input channels but the input has ${c}`);
    }
    const st = o.strides === undefined ? [1, 1] : pad1(sizes(o.strides, 'strides', axes));
    const dr = o.dilation_rate === undefined ? [1, 1] : pad1(sizes(o.dilation_rate, 'dilation_rate', axes));
    const [mode, pt, pb, pl, pr] = padding(o.padding, oneD);
    const act = activation(o.activation);
    const x = floats(input, 'input');
    const k = floats(kernel, 'kernel');
    const b = bias === null || bias === undefined ? null : floats(bias, 'bias');
    const count = ks[0] * ks[1] * ks[2] * ks[3];
    if (k.length !== count) {
      throw new ConvScopeError('kernel', `expected ${count} numbers for kernelShape ${show(kernelShape)}, got ${k.length}`);
    }
    this.#write(x, this.#m._cs_input_buffer(x.length));
    this.#write(k, this.#m._cs_kernel_buffer(k.length));
    if (b) this.#write(b, this.#m._cs_bias_buffer(b.length));
    const m = this.#m;
    const status = m._cs_conv2d(h, w, c, ks[0], ks[1], ks[3], b ? 1 : 0, st[0], st[1], dr[0], dr[1],
      mode, pt, pb, pl, pr, act, oneD ? 1 : 0);
    return this.#result(status, oneD, o.out, CONV_WHERE);
  }

  #pool(input, inputShape, opts, oneD) {
    const o = options(opts, POOL_OPTIONS, oneD ? 'pool1d' : 'pool2d');
    const axes = oneD ? 1 : 2;
    const [h, w, c] = oneD ? [1, ...shape(inputShape, 'inputShape', 2, 'steps, channels')]
      : shape(inputShape, 'inputShape', 3, 'rows, columns, channels');
    if (o.type !== 'max' && o.type !== 'average') {
      throw new ConvScopeError('type', `expected "max" or "average", got ${show(o.type)}`);
    }
    // Keras: pool_size defaults to 2, strides to pool_size (also when null).
    const ps = pad1(sizes(o.pool_size ?? 2, 'pool_size', axes));
    const st = o.strides === undefined || o.strides === null ? ps : pad1(sizes(o.strides, 'strides', axes));
    const [mode, pt, pb, pl, pr] = padding(o.padding, oneD);
    const cip = o.count_include_pad ?? false;
    if (typeof cip !== 'boolean') {
      throw new ConvScopeError('count_include_pad', `expected true or false, got ${show(cip)}`);
    }
    const x = floats(input, 'input');
    this.#write(x, this.#m._cs_input_buffer(x.length));
    const m = this.#m;
    const status = m._cs_pool2d(h, w, c, o.type === 'average' ? 1 : 0, ps[0], ps[1], st[0], st[1],
      mode, pt, pb, pl, pr, cip ? 1 : 0, oneD ? 1 : 0);
    return this.#result(status, oneD, o.out);
  }

  /** Trains a model (scene JSON text or object) on x (Float32Array, shape
   *  xShape = [N, H, W, C], [N, steps, C] or [N, units]) and class labels y
   *  (Int32Array of N), as Keras' model.fit with sparse categorical
   *  cross-entropy. options: {epochs: 1, batch_size: 32, optimizer: 'adam'
   *  ('sgd', 'rmsprop'), learning_rate (the optimizer's Keras default),
   *  seed: 0, validation_split: 0}. Returns {model: <trained scene JSON text>,
   *  history: {loss: [], accuracy: [], val_loss: [], val_accuracy: []}}. */
  train(modelJson, x, xShape, y, opts) {
    const o = options(opts, TRAIN_OPTIONS, 'train');
    const [n, rank, h, w, c] = examplesShape(xShape);
    const xs = floats(x, 'x');
    if (xs.length !== n * h * w * c) {
      throw new ConvScopeError('x', `expected ${n * h * w * c} numbers for xShape ${show(xShape)}, got ${xs.length}`);
    }
    const ys = y instanceof Int32Array ? y : (ArrayBuffer.isView(y) || Array.isArray(y)) ? Int32Array.from(y) : null;
    if (!ys || ys.length !== n) throw new ConvScopeError('y', `expected an Int32Array of ${n} labels, got ${show(y)}`);
    const optimizer = o.optimizer ?? 'adam';
    if (typeof optimizer !== 'string') throw new ConvScopeError('optimizer', `expected a name, got ${show(optimizer)}`);
    const num = (v, where, def) => {
      if (v === undefined || v === null) return def;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConvScopeError(where, `expected a number, got ${show(v)}`);
      return v;
    };
    const m = this.#m;
    const modelBytes = this.#writeText(sceneText(modelJson) + optimizer, optimizer);
    this.#write(xs, m._cs_examples_x(xs.length));
    const yPtr = m._cs_examples_y(ys.length);  // may grow the heap: read HEAP32 after
    m.HEAP32.set(ys, yPtr >> 2);
    const out = m._cs_train(modelBytes, m.lengthBytesUTF8(optimizer), n, rank, h, w, c,
      int(o.epochs ?? 1, 'epochs'), int(o.batch_size ?? 32, 'batch_size'), num(o.learning_rate, 'learning_rate', 0),
      int(o.seed ?? 0, 'seed'), num(o.validation_split, 'validation_split', 0));
    const text = this.#decoder.decode(m.HEAPU8.subarray(out, out + m._cs_text_out_length()));
    const result = JSON.parse(text);
    if (result.error) throw new ConvScopeError(result.error.where, result.error.message);
    return {model: JSON.stringify(result.model), history: result.history};
  }

  /** The model's last output for each example of x (xShape [N, ...]), at
   *  inference (no dropout, moving statistics). Returns {shape: [N, ...], data}. */
  predict(modelJson, x, xShape) {
    const [n, rank, h, w, c] = examplesShape(xShape);
    const xs = floats(x, 'x');
    if (xs.length !== n * h * w * c) {
      throw new ConvScopeError('x', `expected ${n * h * w * c} numbers for xShape ${show(xShape)}, got ${xs.length}`);
    }
    const m = this.#m;
    const bytes = this.#writeText(sceneText(modelJson), '');
    this.#write(xs, m._cs_examples_x(xs.length));
    if (m._cs_predict(bytes, n, rank, h, w, c) !== 0) {
      throw new ConvScopeError(m.UTF8ToString(m._cs_error_where()), m.UTF8ToString(m._cs_error_message()));
    }
    const r = m._cs_predict_rank();
    const shapeOut = Array.from(m.HEAP32.subarray(m._cs_predict_shape() >> 2, (m._cs_predict_shape() >> 2) + r));
    const count = shapeOut.reduce((a, b) => a * b, 1);
    const ptr = m._cs_predict_data() >> 2;
    return {shape: shapeOut, data: new Float32Array(m.HEAPF32.subarray(ptr, ptr + count))};
  }

  // Writes text into the text buffer; returns the UTF-8 bytes before the
  // trailing `tail` (which follows them in the buffer).
  #writeText(text, tail) {
    const m = this.#m;
    const utf8 = this.#encoder.encode(text);
    const ptr = m._cs_text_buffer(utf8.length);  // may grow the heap: read HEAPU8 after
    m.HEAPU8.set(utf8, ptr);
    return utf8.length - m.lengthBytesUTF8(tail);
  }

  // `ptr` comes from a *_buffer call, which may have grown (and so replaced) the heap:
  // HEAPF32 must be read after it, never before.
  #write(values, ptr) {
    this.#m.HEAPF32.set(values, ptr >> 2);
  }

  #result(status, oneD, out, renames = {}) {
    const m = this.#m;
    if (status !== 0) {
      const where = m.UTF8ToString(m._cs_error_where());
      throw new ConvScopeError(renames[where] ?? where, m.UTF8ToString(m._cs_error_message()));
    }
    const s = m.HEAP32.subarray(m._cs_output_shape() >> 2);
    const shapeOut = oneD ? [s[1], s[2]] : [s[0], s[1], s[2]];
    const n = s[0] * s[1] * s[2];
    const ptr = m._cs_output_data() >> 2;
    const view = m.HEAPF32.subarray(ptr, ptr + n);
    // A fresh copy. Not view.slice(): V8 zero-fills a slice's new buffer before
    // copying into it, while a typed array built from a typed array of the same
    // type is allocated uninitialised and filled once (measured in Node 20: 0.46
    // against 0.65 to 0.77 ms for 4 MB; docs/PERFORMANCE.md, "A fresh result array").
    if (out === undefined || out === null) return {shape: shapeOut, data: new Float32Array(view)};
    if (!(out instanceof Float32Array) || out.length !== n) {
      throw new ConvScopeError('out', `expected a Float32Array of ${n} numbers (shape ${show(shapeOut)}), got ${
        out instanceof Float32Array ? `${out.length} numbers` : show(out)}`);
    }
    out.set(view);
    return {shape: shapeOut, data: out};
  }
}

const TRAIN_OPTIONS = ['epochs', 'batch_size', 'optimizer', 'learning_rate', 'seed', 'validation_split'];

function sceneText(modelJson) {
  const text = typeof modelJson === 'string' ? modelJson : JSON.stringify(modelJson);
  if (typeof text !== 'string') throw new ConvScopeError('modelJson', `expected scene JSON text or an object, got ${show(modelJson)}`);
  return text;
}

// [N, H, W, C], [N, steps, C] or [N, units] -> [n, rank, h, w, c] as cs_train takes them.
function examplesShape(xShape) {
  if (!Array.isArray(xShape) || xShape.length < 2 || xShape.length > 4) {
    throw new ConvScopeError('xShape', `expected [N, H, W, C], [N, steps, channels] or [N, units], got ${show(xShape)}`);
  }
  const d = xShape.map((v, i) => {
    if (int(v, `xShape[${i}]`) < 1) throw new ConvScopeError(`xShape[${i}]`, `expected at least 1, got ${v}`);
    return v;
  });
  if (d.length === 2) return [d[0], 1, d[1], 1, 1];
  if (d.length === 3) return [d[0], 2, d[1], d[2], 1];
  return [d[0], 3, d[1], d[2], d[3]];
}

// 1D layers run as 2D with a neutral row axis.
function pad1(v) {
  return v.length === 1 ? [1, v[0]] : v;
}

// [SECTION] Default instance
// A plain `import {conv2d} from './convscope_core.mjs'` works: the module
// loads the best build beside it before its importers run.

const engine = await load();

/** Which kernels the default instance runs: 'wasmsimd' or 'scalar'. */
export const isa = engine.isa;
export const variant = engine.variant;
export const run = (sceneJson) => engine.run(sceneJson);
export const conv2d = (...args) => engine.conv2d(...args);
export const conv1d = (...args) => engine.conv1d(...args);
export const pool2d = (...args) => engine.pool2d(...args);
export const pool1d = (...args) => engine.pool1d(...args);
export const train = (...args) => engine.train(...args);
export const predict = (...args) => engine.predict(...args);
