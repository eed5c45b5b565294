// convscope_import.mjs - reading and writing Keras / TensorFlow.js model files in
// the browser, in a Web Worker or in Node 18+: the ES-module face of src/modelio
// (C entry points in src/modelio/import_exports.cpp). Loads the factory beside it
// (convscope_import_wasm.mjs + .wasm, about 2 MB of HDF5 and minizip), so a page
// loads it only when a model file is opened. Touches no DOM: run it in a Worker
// (convscope_import_worker.mjs does) and a file that crashes it costs the page a
// message, not the page. API: docs/model-files.md.
//
//   const io = await load();
//   const model = io.readModel([{name: 'm.keras', bytes}]);  // throws ModelFileError
//   model.format, model.kerasVersion, model.config (JSON text),
//   model.layers: [{name, className, arrays: [{name, shape, data: Float32Array}]}]
//   io.writeKeras(model) -> Uint8Array; io.writeTfjs(model) -> [{name, bytes}]
//   io.openScene(files) -> ConvScope scene JSON text (what the app opens)
//   io.exportScene(sceneJson, 'keras' | 'tfjs') -> [{name, bytes}] (the app's Export)
//
// [SECTION] Loading
// [SECTION] Errors
// [SECTION] The reader and writers
// [SECTION] Running it in a Web Worker

// [SECTION] Loading

const FACTORY = 'convscope_import_wasm';
const IS_NODE =
  typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined' && typeof WorkerGlobalScope === 'undefined';

/**
 * Loads one instance. baseUrl: folder holding convscope_import_wasm.mjs/.wasm
 * (default: this file's folder); wasmBinary: the .wasm bytes if already at hand.
 */
export async function load({baseUrl, wasmBinary} = {}) {
  const base = new URL(baseUrl ?? './', import.meta.url);
  if (!base.href.endsWith('/')) base.pathname += '/';
  const wasmUrl = new URL(`${FACTORY}.wasm`, base);
  const {default: factory} = await import(/* @vite-ignore */ new URL(`${FACTORY}.mjs`, base).href);
  const settings = {locateFile: (file) => new URL(file, base).href};
  if (wasmBinary) {
    settings.wasmBinary = wasmBinary;
  } else if (IS_NODE && wasmUrl.protocol === 'file:') {
    // Emscripten 3.1.6 would fetch() the path, which Node cannot do for files.
    const {readFile} = await import(/* @vite-ignore */ /* webpackIgnore: true */ 'node:fs/promises');
    settings.wasmBinary = await readFile(wasmUrl);
  }
  return new ModelIO(await factory(settings));
}

// [SECTION] Errors

/** A file that cannot be read or a model that cannot be written: `where` names the
 *  file and the place inside it ("m.keras: model.weights.h5: layers/dense/vars/0"),
 *  `message` says what is wrong. `text` is both, as one line. */
export class ModelFileError extends Error {
  constructor(where, message) {
    super(message);
    this.name = 'ModelFileError';
    this.where = where;
    this.text = where ? `${where}: ${message}` : message;
  }
}

// [SECTION] The reader and writers

class ModelIO {
  constructor(m) {
    this.m = m;
    this.broken = null;  // set once the wasm side trapped: its state is then unknown
  }

  #call(what, fn) {
    if (this.broken) throw new ModelFileError(what, `the model reader stopped earlier (${this.broken}); load it again`);
    try {
      return fn();
    } catch (e) {
      if (e instanceof ModelFileError) throw e;
      this.broken = String(e?.message ?? e);
      throw new ModelFileError(what, `the model reader crashed on this input (${this.broken})`);
    }
  }

  #string(s) {
    const n = this.m.lengthBytesUTF8(s) + 1;
    const p = this.m._malloc(n);
    this.m.stringToUTF8(s, p, n);
    return p;
  }

  #withStrings(strings, fn) {
    const ptrs = strings.map((s) => this.#string(String(s ?? '')));
    try {
      return fn(...ptrs);
    } finally {
      ptrs.forEach((p) => this.m._free(p));
    }
  }

  #error() {
    return new ModelFileError(this.m.UTF8ToString(this.m._cs_import_error_where()),
      this.m.UTF8ToString(this.m._cs_import_error_message()));
  }

  #names(files) {
    if (!Array.isArray(files)) throw new ModelFileError('files', 'expected a list of {name, bytes}');
    return files.map((f) => String(f?.name ?? '')).join(', ');
  }

  #addFiles(files) {
    const m = this.m;
    m._cs_import_reset();
    files.forEach((f, i) => {
      const name = String(f?.name ?? '');
      const bytes = f?.bytes instanceof ArrayBuffer ? new Uint8Array(f.bytes) : f?.bytes;
      if (!(bytes instanceof Uint8Array)) throw new ModelFileError(name || `files[${i}]`, 'bytes must be a Uint8Array');
      const ptr = this.#withStrings([name], (n) => m._cs_import_add_file(n, bytes.length));
      m.HEAPU8.set(bytes, ptr);
    });
  }

  /** The files as ConvScope's scene JSON (text): layers, weights, input zeros. */
  openScene(files) {
    return this.#call(this.#names(files), () => {
      this.#addFiles(files);
      if (!this.m._cs_import_open_scene()) throw this.#error();
      const text = this.m.UTF8ToString(this.m._cs_import_result());
      this.m._cs_import_reset();
      return text;
    });
  }

  /** files: [{name, bytes: Uint8Array | ArrayBuffer}] -> the model (see the banner). */
  readModel(files) {
    return this.#call(this.#names(files), () => {
      const m = this.m;
      this.#addFiles(files);
      if (!m._cs_import_read()) throw this.#error();
      const d = JSON.parse(m.UTF8ToString(m._cs_import_result()));
      const model = {
        format: d.format, kerasVersion: d.kerasVersion, config: d.config,
        layers: d.layers.map((l) => ({
          name: l.name, className: l.className,
          arrays: l.arrays.map((a) => ({
            name: a.name, shape: a.shape,
            data: new Float32Array(m.HEAPU8.buffer, a.ptr, a.length).slice(),
          })),
        })),
      };
      m._cs_import_reset();
      return model;
    });
  }

  #setModel(model) {
    const m = this.m;
    if (!model || typeof model.config !== 'string') throw new ModelFileError('model.config', 'expected the model config as JSON text');
    this.#withStrings([model.config, model.kerasVersion], (c, v) => m._cs_import_set_model(c, v));
    (model.layers ?? []).forEach((l, li) => {
      this.#withStrings([l.name, l.className], (n, c) => m._cs_import_add_layer(n, c));
      (l.arrays ?? []).forEach((a, ai) => {
        const where = `model.layers[${li}].arrays[${ai}]`;
        const shape = Array.from(a.shape ?? [], Number);
        if (!shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 2147483647)) {
          throw new ModelFileError(`${where}.shape`, 'expected a list of sizes');
        }
        const data = a.data instanceof Float32Array ? a.data : Float32Array.from(a.data ?? []);
        const shapePtr = m._malloc(4 * Math.max(shape.length, 1));
        try {
          m.HEAP32.set(shape, shapePtr >> 2);
          const ptr = this.#withStrings([a.name], (n) => m._cs_import_add_array(n, shapePtr, shape.length, data.length));
          m.HEAPF32.set(data, ptr >> 2);
        } finally {
          m._free(shapePtr);
        }
      });
    });
  }

  #outputs() {
    const m = this.m;
    const out = [];
    for (let i = 0; i < m._cs_import_output_count(); ++i) {
      const p = m._cs_import_output_bytes(i);
      out.push({name: m.UTF8ToString(m._cs_import_output_name(i)),
        bytes: m.HEAPU8.slice(p, p + m._cs_import_output_size(i))});
    }
    m._cs_import_reset();
    return out;
  }

  /** ConvScope scene JSON (what the app shows) -> [{name, bytes}]: format 'keras' gives
   *  one .keras file, 'tfjs' a model.json and its shard (the app's Export). */
  exportScene(sceneJson, format) {
    return this.#call('scene', () => {
      if (format !== 'keras' && format !== 'tfjs') throw new ModelFileError('format', `expected 'keras' or 'tfjs', not ${JSON.stringify(format)}`);
      const ok = this.#withStrings([sceneJson], (p) => this.m._cs_import_export_scene(p, format === 'tfjs' ? 1 : 0));
      if (!ok) throw this.#error();
      return this.#outputs();
    });
  }

  /** model (as readModel returns it) -> the bytes of a .keras file Keras 3 loads. */
  writeKeras(model) {
    return this.#call('model', () => {
      this.#setModel(model);
      if (!this.m._cs_import_write_keras()) throw this.#error();
      return this.#outputs()[0].bytes;
    });
  }

  /** model -> [{name: 'model.json', bytes}, {name: shardName, bytes}] (TensorFlow.js layers model). */
  writeTfjs(model, {shardName = 'group1-shard1of1.bin'} = {}) {
    return this.#call('model', () => {
      this.#setModel(model);
      const ok = this.#withStrings([shardName], (s) => this.m._cs_import_write_tfjs(s));
      if (!ok) throw this.#error();
      return this.#outputs();
    });
  }
}

// [SECTION] Running it in a Web Worker

/**
 * The reader in a module Web Worker (convscope_import_worker.mjs): the same three
 * calls, as promises; errors reject with a ModelFileError. If the worker dies (a
 * crash the wasm side could not report), pending calls reject and the next call
 * starts a fresh worker. terminate() ends it.
 */
export function workerClient(workerUrl = new URL('./convscope_import_worker.mjs', import.meta.url)) {
  let worker = null;
  let nextId = 1;
  const pending = new Map();
  const failAll = (message) => {
    for (const {reject} of pending.values()) reject(new ModelFileError('worker', message));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  const start = () => {
    worker = new Worker(workerUrl, {type: 'module'});
    worker.onmessage = ({data}) => {
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if (data.ok) p.resolve(data.result);
      else p.reject(new ModelFileError(data.error.where, data.error.message));
    };
    worker.onerror = (e) => failAll(`the model reader stopped (${e.message || 'worker error'})`);
  };
  const call = (op, args, transfer = []) => new Promise((resolve, reject) => {
    if (!worker) start();
    const id = nextId++;
    pending.set(id, {resolve, reject});
    worker.postMessage({id, op, ...args}, transfer);
  });
  return {
    readModel: (files) => call('readModel', {files}),
    writeKeras: (model) => call('writeKeras', {model}),
    writeTfjs: (model, {shardName} = {}) => call('writeTfjs', {model, shardName}),
    exportScene: (scene, format) => call('exportScene', {scene, format}),
    terminate: () => failAll('terminated'),
  };
}
