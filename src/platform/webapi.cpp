// webapi.cpp - the JavaScript side of webapi.h (EM_JS), no-ops natively.
// [SECTION] Frames, clipboard, files
// [SECTION] Camera
// [SECTION] Page integration (links, embeds, resize, context loss)
#include "platform/webapi.h"

#include "i18n/i18n.h"
#include "model/bundled_models.h"

#include <cstdlib>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#include <emscripten/html5.h>

// clang-format off
// [SECTION] Frames, clipboard, files
EM_JS(void, js_frame_drawn, (int frames, const char* isa, const char* summary, double run_ms), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  state.frames = frames;
  state.isa = UTF8ToString(isa);
  state.scene = UTF8ToString(summary);
  state.runMs = run_ms;
  state.deliverFile = Module.convscopeDeliverFile;
  state.deliverFiles = Module.convscopeDeliverFiles;
  state.deliverData = Module.convscopeDeliverData;
  state.wasmBytes = HEAPU8.length;  // the engine's memory (tests: flat while training)
  state.openChapterModel = Module.convscopeOpenChapterModel;
  state.openBundled = Module.convscopeOpenBundled;
  state.exportModel = Module.convscope && Module.convscope.exportModel;
  state.modelBusy = !!Module.convscopeModelBusy;
  state.benchRecompute = (n) => _convscope_bench_recompute(n);
  if (frames === 1 && typeof Module.onFirstFrame === 'function') Module.onFirstFrame();
});
EM_JS(void, js_grids_drawn, (const char* json), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  const text = UTF8ToString(json);
  if (state.gridsJson === text) return;  // parse only when it changed
  state.gridsJson = text;
  state.grids = Object.freeze(JSON.parse(text));
});
EM_JS(void, js_pad_drawn, (float x, float y, float size), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  state.pad = size > 0 ? { x: x, y: y, w: size, h: size } : null;
});
EM_JS(void, js_probabilities_drawn, (const char* json), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  const text = UTF8ToString(json);
  if (state.probabilitiesText !== text) state.probabilities = JSON.parse(text), state.probabilitiesText = text;
});
EM_JS(void, js_train_drawn, (const char* json), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  const text = UTF8ToString(json);
  if (state.trainJson === text) return;
  state.trainJson = text;
  state.train = JSON.parse(text);
});
EM_JS(void, js_copy_to_clipboard, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(s).catch(() => {});
});
EM_JS(float, js_device_pixel_ratio, (), { return globalThis.devicePixelRatio || 1; });

// Files reach the app the same way from the picker and from a drop: pictures
// are decoded by the browser (any format it knows) and passed as RGBA;
// scene JSON is passed as text; model files (.keras, .h5, a TensorFlow.js
// model.json with its .bin shards, or a zip of them) go to the model reader
// in a Worker (convscope_import_worker.mjs, loaded on first use), whose
// scene JSON opens in the Network tab. A file that breaks the reader costs
// a message, not the page.
EM_JS(void, js_install_file_input, (), {
  const passText = (fn, text, name) => {
    const n = lengthBytesUTF8(text) + 1, p = _malloc(n), m = lengthBytesUTF8(name) + 1, q = _malloc(m);
    stringToUTF8(text, p, n);
    stringToUTF8(name, q, m);
    fn(p, q);
    _free(p); _free(q);
  };
  const fileError = (msg) => {
    const n = lengthBytesUTF8(msg) + 1, p = _malloc(n);
    stringToUTF8(msg, p, n);
    _convscope_file_error(p);
    _free(p);
  };
  let worker = null, nextId = 1;
  const pending = new Map();
  const readerWorker = () => {
    if (worker) return worker;
    worker = new Worker(new URL("convscope_import_worker.mjs", document.baseURI), { type: "module" });
    worker.onmessage = ({ data }) => {
      const done = pending.get(data.id);
      pending.delete(data.id);
      if (done) done(data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      for (const done of pending.values()) done({ ok: false, error: { where: "", message: "the model reader stopped (" + (e.message || "it could not start") + ")" } });
      pending.clear();
      worker = null;  // a fresh one next time
    };
    return worker;
  };
  const isModelName = (n) => [".keras", ".h5", ".hdf5", ".bin", ".zip", "model.json"].some((t) => n.toLowerCase().endsWith(t));
  async function openModel(files) {
    Module.convscopeModelBusy = true;
    const list = await Promise.all(files.map(async (f) => ({ name: f.name || "model", bytes: new Uint8Array(await f.arrayBuffer()) })));
    const name = list.map((f) => f.name).join(", ");
    const id = nextId++;
    const reply = await new Promise((resolve) => {
      pending.set(id, resolve);
      readerWorker().postMessage({ id, op: "openScene", files: list }, list.map((f) => f.bytes.buffer));
    });
    Module.convscopeModelBusy = false;
    if (reply.ok) passText(_convscope_model_json, reply.result, list[0].name);
    else fileError(reply.error.where ? reply.error.where + ": " + reply.error.message : name + ": " + reply.error.message);
  }
  // Training data (the Train part's "Use my data", or dropped idx files):
  // every file's bytes to the app, the last one marked.
  async function deliverData(files) {
    files = Array.from(files || []);
    for (let i = 0; i < files.length; ++i) {
      const name = files[i].name || "data", bytes = new Uint8Array(await files[i].arrayBuffer());
      const p = _malloc(Math.max(1, bytes.length)), q = _malloc(lengthBytesUTF8(name) + 1);
      HEAPU8.set(bytes, p);
      stringToUTF8(name, q, lengthBytesUTF8(name) + 1);
      _convscope_data_file(q, p, bytes.length, i === files.length - 1 ? 1 : 0);
      _free(p); _free(q);
    }
  }
  const isIdxName = (n) => /-(images-idx3|labels-idx1)-ubyte([.]gz)?$/i.test(n);
  // labels.txt / labels.json picked or dropped with a model: the class
  // names, read after the model opened (their count is checked against it).
  const isLabels = (n) => ["labels.txt", "labels.json"].includes(n.toLowerCase().split("/").pop());
  async function deliverAll(files) {
    files = Array.from(files || []);
    const labels = files.filter((f) => isLabels(f.name || ""));
    files = files.filter((f) => !isLabels(f.name || ""));
    await deliverModelOrFile(files);
    for (const f of labels) {
      try {
        passText(_convscope_class_names, await f.text(), f.name);
      } catch (e) {
        fileError(f.name + ": cannot open this file (" + (e && e.message ? e.message : e) + ")");
      }
    }
  }
  async function deliverModelOrFile(files) {
    if (!files.length) return;
    if (files.some((f) => isIdxName(f.name || ""))) return deliverData(files).catch((e) => fileError(String(e && e.message ? e.message : e)));
    let model = files.some((f) => isModelName(f.name || ""));
    if (!model && files.length === 1 && (files[0].name || "").toLowerCase().endsWith(".json")) {
      const head = await files[0].slice(0, 4096).text();
      model = /"(modelTopology|weightsManifest|model_config)"/.test(head);
    }
    try {
      if (model) return await openModel(files);
      await deliver(files[0]);
    } catch (e) {
      Module.convscopeModelBusy = false;
      fileError((files[0].name || "file") + ": cannot open this file (" + (e && e.message ? e.message : e) + ")");
    }
  }
  async function deliver(file) {
    const name = file.name || "file";
    try {
      if (name.toLowerCase().endsWith(".json") || file.type === "application/json") {
        passText(_convscope_scene_json, await file.text(), name);
        return;
      }
      const bmp = await createImageBitmap(file);
      const w = bmp.width, h = bmp.height;
      if (w * h > 50 * 1024 * 1024) throw new Error(w + "x" + h + " is too large: at most 50 M pixels are accepted");
      const c = new OffscreenCanvas(w, h), g = c.getContext("2d");
      g.drawImage(bmp, 0, 0);
      const px = g.getImageData(0, 0, w, h).data;
      const p = _malloc(px.length), q = _malloc(lengthBytesUTF8(name) + 1);
      HEAPU8.set(px, p);
      stringToUTF8(name, q, lengthBytesUTF8(name) + 1);
      _convscope_rgba(p, w, h, q);
      _free(p); _free(q);
    } catch (e) {
      fileError(name + ": cannot open this file (" + (e && e.message ? e.message : e) + ")");
    }
  }
  const input = document.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.accept = "image/*,.json,application/json,.keras,.h5,.hdf5,.bin,.zip,.txt";
  input.style.display = "none";
  input.addEventListener("change", () => { deliverAll(input.files); input.value = null; });
  document.body.appendChild(input);
  Module.__convscopeFileInput = input;
  const dataInput = document.createElement("input");
  dataInput.type = "file";
  dataInput.multiple = true;
  dataInput.style.display = "none";
  dataInput.addEventListener("change", () => {
    deliverData(dataInput.files).catch((e) => fileError(String(e && e.message ? e.message : e)));
    dataInput.value = null;
  });
  document.body.appendChild(dataInput);
  Module.__convscopeDataInput = dataInput;
  Module.convscopeDeliverData = deliverData;  // tests hand data files in through this
  const canvas = Module.canvas;
  canvas.addEventListener("dragover", (e) => { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; });
  canvas.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer.files) deliverAll(e.dataTransfer.files);
  });
  // The bundled models (model/bundled_models.h), from the page's models/
  // folder: the .keras through the same reader, our trained JSON as it is.
  Module.convscopeOpenBundled = async (file) => {
    try {
      const r = await fetch(new URL("models/" + file, document.baseURI));
      if (!r.ok) throw new Error("HTTP " + r.status);
      if (file.endsWith(".keras")) await openModel([new File([await r.arrayBuffer()], file)]);
      else passText(_convscope_model_json, await r.text(), file);
    } catch (e) {
      Module.convscopeModelBusy = false;
      fileError(file + ": cannot be loaded (" + (e && e.message ? e.message : e) + ")");
    }
  };
  // Export (the Network tab's Save buttons): the Worker writes the scene the
  // app shows as a .keras or a model.json + shard (convscope_import.mjs
  // exportScene), each file a download. Tests read __convscope.lastExport and
  // reopen __convscope.exportedFiles.
  Module.convscopeExportModel = async (sceneJson, format) => {
    const id = nextId++;
    let reply;
    try {
      reply = await new Promise((resolve) => {
        pending.set(id, resolve);
        readerWorker().postMessage({ id, op: "exportScene", scene: sceneJson, format });
      });
    } catch (e) {
      reply = { ok: false, error: { where: "", message: String(e && e.message ? e.message : e) } };
    }
    const state = globalThis.__convscope || (globalThis.__convscope = {});
    if (!reply.ok) {
      const why = reply.error.where ? reply.error.where + ": " + reply.error.message : reply.error.message;
      state.lastExport = { ok: false, format, error: why };
      passText(_convscope_model_export_failed, why, "");
      return;
    }
    const files = reply.result;
    for (const f of files) {
      const type = f.name.endsWith(".json") ? "application/json" : "application/octet-stream";
      const url = URL.createObjectURL(new Blob([f.bytes], { type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = f.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    state.exportedFiles = files;
    state.lastExport = { ok: true, format, files: files.map((f) => ({ name: f.name, size: f.bytes.length })) };
    passText(_convscope_model_exported, files.map((f) => f.name).join(", "), String(total));
  };
  Module.convscopeOpenChapterModel = () => Module.convscopeOpenBundled("best-cnn-model.keras");
  Module.convscopeDeliverFile = deliver;  // tests hand files in through these
  Module.convscopeDeliverFiles = deliverAll;
});
EM_JS(void, js_export_model, (const char* scene_json, int format), {
  if (Module.convscopeExportModel) Module.convscopeExportModel(UTF8ToString(scene_json), format === 2 ? "tfjs" : "keras");
});
EM_JS(void, js_open_bundled, (const char* file), { if (Module.convscopeOpenBundled) Module.convscopeOpenBundled(UTF8ToString(file)); });
// The digits are fetched only when the student first trains (they are
// not part of the page's transfer budget); web/digits.mjs reports progress.
EM_JS(void, js_fetch_digits, (), {
  const passText = (fn, text) => {
    const n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    fn(p);
    _free(p);
  };
  import(new URL('digits.mjs', document.baseURI).href)
    .then((m) => m.fetchDigits({ url: new URL('digits.bin', document.baseURI).href,
                                 onProgress: (f) => _convscope_digits_progress(f) }))
    .then(({ bytes }) => {
      const p = _malloc(bytes.length);
      HEAPU8.set(bytes, p);
      _convscope_digits(p, bytes.length);
      _free(p);
    })
    .catch((e) => passText(_convscope_digits_error, String(e && e.message ? e.message : e)));
});
EM_JS(void, js_background_work, (int on), {
  const s = Module.__convscopeBackground || (Module.__convscopeBackground = { on: false, channel: new MessageChannel() });
  if (!s.wired) {
    s.channel.port1.onmessage = () => {
      if (!s.on) return;
      s.on = !!_convscope_background();
      if (s.on) s.channel.port2.postMessage(0);
    };
    s.wired = true;
  }
  const was = s.on;
  s.on = !!on;
  if (s.on && !was) s.channel.port2.postMessage(0);
});
EM_JS(void, js_open_file_picker, (), { if (Module.__convscopeFileInput) Module.__convscopeFileInput.click(); });
EM_JS(void, js_open_data_picker, (), { if (Module.__convscopeDataInput) Module.__convscopeDataInput.click(); });

// [SECTION] Camera: getUserMedia only on the student's press. Frames are
// never shown by the page: each new one is read as RGBA into one heap
// buffer reused from frame to frame. Stop closes the tracks (light off).
EM_JS(void, js_camera_start, (), {
  const cam = Module.convscopeCamera || (Module.convscopeCamera = { gen: 0, held: false });
  const gen = ++cam.gen;
  const fail = (e) => {
    if (gen !== cam.gen) return;
    const name = (e && e.name) || "Error";
    const kind = name === "NotAllowedError" || name === "SecurityError" ? 0
      : name === "NotFoundError" || name === "OverconstrainedError" || name === "NotSupportedError" ? 1 : 2;
    const text = name + ((e && e.message) ? ": " + e.message : "");
    const n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    _convscope_camera_error(kind, p);
    _free(p);
  };
  const media = navigator.mediaDevices;
  if (!media || !media.getUserMedia) {
    fail({ name: "NotSupportedError", message: "this page offers no camera (it needs https or localhost)" });
    return;
  }
  cam.held = false;
  // Pixels of one frame into the heap buffer (reused), then to the app;
  // cameraReadMs (tests) is a running mean of what reading a frame costs.
  const deliver = (px, w, h, t0) => {
    if (cam.size !== px.length) {
      if (cam.buffer) _free(cam.buffer);
      cam.buffer = _malloc(px.length);
      cam.size = px.length;
    }
    HEAPU8.set(px, cam.buffer);
    const t1 = performance.now(), state = globalThis.__convscope || (globalThis.__convscope = {});
    state.cameraReadMs = state.cameraReadMs === undefined ? t1 - t0 : state.cameraReadMs * 0.97 + (t1 - t0) * 0.03;
    _convscope_camera_frame(cam.buffer, w, h, t1);
  };
  // Chromium: MediaStreamTrackProcessor hands VideoFrames, copied to RGBA
  // on the CPU (drawImage + getImageData of a <video> waits for the GPU
  // process: 80 ms a frame in headless Chromium). Elsewhere: the <video>.
  const readTrack = async (track) => {
    const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
    cam.cancel = () => reader.cancel().catch(() => {});
    let px = null;
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || gen !== cam.gen) { if (frame) frame.close(); return; }
      try {
        if (cam.held) continue;
        const t0 = performance.now(), w = frame.displayWidth, h = frame.displayHeight;
        const rect = { x: 0, y: 0, width: w, height: h };
        if (!px || px.length !== w * h * 4) px = new Uint8Array(w * h * 4);
        await frame.copyTo(px, { rect, format: "RGBA" });
        if (gen === cam.gen) deliver(px, w, h, t0);
      } finally {
        frame.close();
      }
    }
  };
  const readVideo = (stream) => {
    const video = cam.video = document.createElement("video");
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    const canvas = new OffscreenCanvas(1, 1), g = canvas.getContext("2d", { willReadFrequently: true });
    const next = video.requestVideoFrameCallback ? (f) => video.requestVideoFrameCallback(f) : (f) => requestAnimationFrame(f);
    const onFrame = () => {
      if (gen !== cam.gen) return;
      const w = video.videoWidth, h = video.videoHeight;
      if (!cam.held && w > 0 && h > 0) {
        const t0 = performance.now();
        if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
        g.drawImage(video, 0, 0);
        deliver(g.getImageData(0, 0, w, h).data, w, h, t0);
      }
      next(onFrame);
    };
    return video.play().then(() => next(onFrame));
  };
  media.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } }, audio: false })
    .then((stream) => {
      if (gen !== cam.gen) { stream.getTracks().forEach((t) => t.stop()); return; }  // stopped while asking
      cam.stream = stream;
      const track = stream.getVideoTracks()[0];
      track.onended = () => fail({ name: "Ended", message: "the camera stopped" });
      return typeof MediaStreamTrackProcessor === "function" ? readTrack(track) : readVideo(stream);
    })
    .catch(fail);
});
EM_JS(void, js_camera_hold, (int held), { if (Module.convscopeCamera) Module.convscopeCamera.held = !!held; });
EM_JS(void, js_camera_stop, (), {
  const cam = Module.convscopeCamera;
  if (!cam) return;
  ++cam.gen;  // pending answers and frame callbacks see they are stale
  if (cam.cancel) cam.cancel();
  if (cam.stream) cam.stream.getTracks().forEach((t) => t.stop());
  if (cam.video) cam.video.srcObject = null;
  if (cam.buffer) _free(cam.buffer);
  cam.stream = cam.video = cam.cancel = null;
  cam.buffer = 0;
  cam.size = 0;
});
EM_JS(void, js_camera_drawn, (const char* json), {
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  const text = UTF8ToString(json);
  if (state.cameraJson === text) return;
  state.cameraJson = text;
  state.camera = JSON.parse(text);
});

// [SECTION] Page integration: Module.convscope is what web/main.js
// calls; Module.onStateChange / Module.onShare are what it provides.
EM_JS(void, js_install_page, (), {
  const call = (fn, text) => {
    const n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    const r = fn(p);
    _free(p);
    return r;
  };
  // Failures come back as {code, where, message} (webapi.h), success as null.
  const failure = (p) => { const t = UTF8ToString(p); return t ? JSON.parse(t) : null; };
  Module.convscope = {
    applyState: (fragment) => failure(call((p) => _convscope_apply_state(p, 0), String(fragment))),
    applyMessage: (json, allowUndo) => failure(call((p) => _convscope_apply_state(p, allowUndo ? 3 : 1), String(json))),
    edit: (which) => _convscope_edit(["undo", "redo", "reset"].indexOf(which)),
    // What the Network tab's Save .keras / Save as TF.js buttons do ('keras' | 'tfjs').
    exportModel: (format) => _convscope_export_model(format === "tfjs" ? 2 : 1),
    // The walked layer's figure: {bytes} (a Uint8Array) or {error}.
    figure: (gif) => {
      const error = failure(_convscope_figure(gif ? 1 : 0));
      const bytes = Module.convscope.figureBytes;
      Module.convscope.figureBytes = null;
      return error ? { error: error } : { bytes: bytes };
    },
    // A PNG data URL of the canvas, read right after the next frame is drawn.
    screenshot: () => new Promise((resolve) => {
      Module.convscope.shots.push(resolve);
      _convscope_wake();
    }),
    shots: [],
    figureBytes: null,
    setPresentation: (readOnly, minimal) => _convscope_set_presentation(readOnly ? 1 : 0, minimal ? 1 : 0),
    wake: () => _convscope_wake(),
    text: (key) => UTF8ToString(call(_convscope_text_of, String(key))),  // the page's messages, in the language shown
    state: () => UTF8ToString(_convscope_state()),  // the shareable state now, as a fragment
    resized: false,
  };
  const canvas = Module.canvas;
  // SDL prevents the default of mouse-down, which would also stop the click
  // from focusing the canvas: once focus left (Tab on the host page), keys
  // would never come back. Focus it ourselves.
  canvas.addEventListener("pointerdown", () => {
    if (document.activeElement !== canvas) canvas.focus({ preventScroll: true });
  }, true);
  canvas.addEventListener("webglcontextlost", (e) => { e.preventDefault(); _convscope_context_lost(); }, false);
  canvas.addEventListener("webglcontextrestored", () => {
    // Handles from the lost context name nothing now: forget them so the
    // backends' deletes are no-ops instead of WebGL warnings.
    for (const k of ["buffers", "textures", "programs", "shaders", "vaos", "framebuffers", "renderbuffers"]) {
      if (typeof GL === "object" && GL[k]) GL[k].fill(null);
    }
    _convscope_context_restored();
  }, false);
  // The canvas follows its container; the frame loop reads the flag.
  if (typeof ResizeObserver === "function") {
    const ro = new ResizeObserver(() => { Module.convscope.resized = true; _convscope_wake(); });
    ro.observe(canvas.parentElement || canvas);
    ro.observe(canvas);
    Module.convscope.resizeObserver = ro;
  } else {
    addEventListener("resize", () => { Module.convscope.resized = true; _convscope_wake(); });
  }
  document.addEventListener("visibilitychange", () => { if (!document.hidden) _convscope_wake(); });
});
// The on-screen keyboard: only where the pointer is coarse (touch), since a
// focused <input> would take a physical keyboard away from the canvas.
EM_JS(void, js_set_text_input, (int active), {
  if (!matchMedia("(pointer: coarse)").matches) return;
  let ime = Module.convscopeIme;
  if (!ime) {
    ime = Module.convscopeIme = document.createElement("input");
    ime.type = "text";
    ime.className = "convscope-ime";
    ime.setAttribute("autocomplete", "off");
    ime.setAttribute("autocapitalize", "off");
    ime.setAttribute("aria-hidden", "true");
    const send = (text) => {
      const n = lengthBytesUTF8(text) + 1, p = _malloc(n);
      stringToUTF8(text, p, n);
      _convscope_text(p);
      _free(p);
    };
    ime.addEventListener("input", () => { if (ime.value) send(ime.value); ime.value = ""; });
    ime.addEventListener("keydown", (e) => {
      const k = e.key === "Backspace" ? 0 : e.key === "Enter" ? 1 : e.key === "Escape" ? 2 : -1;
      if (k >= 0) { e.preventDefault(); _convscope_key(k); }
    });
    (Module.canvas.parentElement || document.body).appendChild(ime);
  }
  if (active) ime.focus({ preventScroll: true });
  else if (document.activeElement === ime) Module.canvas.focus({ preventScroll: true });
});
EM_JS(void, js_take_figure, (const unsigned char* bytes, int size), {
  Module.convscope.figureBytes = HEAPU8.slice(bytes, bytes + size);
});
EM_JS(void, js_frame_rendered, (), {
  const c = Module.convscope;
  if (!c || !c.shots.length) return;
  const url = Module.canvas.toDataURL("image/png");
  for (const resolve of c.shots.splice(0)) resolve(url);
});
EM_JS(int, js_take_resized, (), {
  const c = Module.convscope;
  if (!c || !c.resized) return 0;
  c.resized = false;
  return 1;
});
EM_JS(void, js_state_changed, (const char* fragment), {
  if (typeof Module.onStateChange === "function") Module.onStateChange(UTF8ToString(fragment));
});
EM_JS(void, js_share, (int kind, const char* fragment), {
  const f = UTF8ToString(fragment);
  if (typeof Module.onShare === "function") { Module.onShare(kind, f); return; }
  const url = new URL(kind === 1 ? "embed.html" : "", location.href);
  url.search = "";
  url.hash = f;
  const q = '"';
  const text = kind === 1
    ? "<iframe src=" + q + url.href + q + " width=" + q + "100%" + q + " height=" + q + "600" + q +
      " style=" + q + "border:0" + q + " title=" + q + "ConvScope" + q + "></iframe>"
    : url.href;
  if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
});
// clang-format on

// clang-format off
EM_JS(void, js_announce, (const char* text), {
  let live = document.getElementById("live");
  if (!live) {
    live = document.createElement("div");
    live.id = "live";
    live.className = "sr-only";
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);
  }
  live.textContent = UTF8ToString(text);
});
EM_JS(int, js_prefers_reduced_motion, (), {
  return globalThis.matchMedia && globalThis.matchMedia("(prefers-reduced-motion: reduce)").matches ? 1 : 0;
});
EM_JS(char*, js_load_progress, (), {
  let s = "";
  try { s = globalThis.localStorage.getItem("convscope.progress") || ""; } catch (e) { s = ""; }
  const n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_save_progress, (const char* text), {
  try { globalThis.localStorage.setItem("convscope.progress", UTF8ToString(text)); } catch (e) {}
});
EM_JS(void, js_download, (const char* name, const unsigned char* bytes, int size), {
  const data = HEAPU8.slice(bytes, bytes + size);
  const file = UTF8ToString(name);
  const type = file.toLowerCase().endsWith(".gif") ? "image/gif" : "image/png";
  const url = URL.createObjectURL(new Blob([data], { type: type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  const state = globalThis.__convscope || (globalThis.__convscope = {});
  state.lastDownload = { name: file, size: size };
});
// clang-format on

namespace {
cs::webapi::Handlers g_handlers;
cs::webapi::PageHooks g_hooks;
void wake() {
  if (g_hooks.wake) g_hooks.wake();
}
}

extern "C" {
EMSCRIPTEN_KEEPALIVE void convscope_rgba(const unsigned char* rgba, int w, int h, const char* name) {
  if (g_handlers.rgba) g_handlers.rgba(rgba, w, h, name);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_scene_json(const char* json, const char* name) {
  if (g_handlers.scene_json) g_handlers.scene_json(json, name);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_model_json(const char* json, const char* name) {
  if (g_handlers.model_json) g_handlers.model_json(json, name);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_class_names(const char* text, const char* name) {
  if (g_handlers.class_names) g_handlers.class_names(text, name);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_model_exported(const char* names, const char* bytes) {
  if (g_handlers.model_exported) g_handlers.model_exported(names, std::strtoull(bytes, nullptr, 10));
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_model_export_failed(const char* why, const char*) {
  if (g_handlers.model_export_failed) g_handlers.model_export_failed(why);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_file_error(const char* message) {
  if (g_handlers.error) g_handlers.error(message);
  wake();
}
constexpr const char* kNotReady = R"({"code": "not_ready", "where": "", "message": "the app is not ready"})";
// flags: 1 a message's JSON (else a link's fragment), 2 allowUndo.
EMSCRIPTEN_KEEPALIVE const char* convscope_apply_state(const char* text, int flags) {
  const char* r = g_hooks.apply_state ? g_hooks.apply_state(text, (flags & 1) != 0, (flags & 2) != 0) : kNotReady;
  wake();
  return r;
}
EMSCRIPTEN_KEEPALIVE void convscope_export_model(int format) {
  if (g_hooks.export_model) g_hooks.export_model(format);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_edit(int which) {
  if (g_hooks.edit && which >= 0 && which <= 2) g_hooks.edit(which);
  wake();
}
EMSCRIPTEN_KEEPALIVE const char* convscope_figure(int gif) {
  std::vector<std::uint8_t> bytes;
  const char* r = g_hooks.figure ? g_hooks.figure(gif != 0, &bytes) : kNotReady;
  if (!*r) js_take_figure(bytes.data(), static_cast<int>(bytes.size()));
  return r;
}
EMSCRIPTEN_KEEPALIVE void convscope_set_presentation(int read_only, int minimal) {
  if (g_hooks.set_presentation) g_hooks.set_presentation(read_only != 0, minimal != 0);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_digits_progress(float share) {
  if (g_handlers.digits_progress) g_handlers.digits_progress(share);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_digits(const unsigned char* bytes, int size) {
  if (g_handlers.digits) g_handlers.digits(bytes, size);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_data_file(const char* name, const unsigned char* bytes, int size, int last) {
  if (g_handlers.data_file) g_handlers.data_file(name, bytes, size, last != 0);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_digits_error(const char* message) {
  if (g_handlers.digits_error) g_handlers.digits_error(message);
  wake();
}
// A task of about 6 ms: a frame waits at most that (and one batch).
EMSCRIPTEN_KEEPALIVE int convscope_background() {
  return g_handlers.background && g_handlers.background(0.006) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void convscope_wake() { wake(); }
EMSCRIPTEN_KEEPALIVE const char* convscope_text_of(const char* key) { return cs::i18n::tr(key); }
EMSCRIPTEN_KEEPALIVE const char* convscope_state() { return g_hooks.state ? g_hooks.state() : ""; }
EMSCRIPTEN_KEEPALIVE void convscope_text(const char* utf8) {
  if (g_hooks.text) g_hooks.text(utf8);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_key(int key) {
  if (g_hooks.key) g_hooks.key(key);
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_context_lost() {
  if (g_hooks.context_lost) g_hooks.context_lost();
}
EMSCRIPTEN_KEEPALIVE void convscope_context_restored() {
  if (g_hooks.context_restored) g_hooks.context_restored();
  wake();
}
EMSCRIPTEN_KEEPALIVE void convscope_camera_frame(const unsigned char* rgba, int w, int h, double t_ms) {
  if (g_handlers.camera_frame) g_handlers.camera_frame(rgba, w, h, t_ms);
  wake();  // every frame is drawn
}
EMSCRIPTEN_KEEPALIVE void convscope_camera_error(int kind, const char* detail) {
  if (g_handlers.camera_error) g_handlers.camera_error(kind, detail);
  wake();
}
EMSCRIPTEN_KEEPALIVE double convscope_bench_recompute(int n) {
  return g_handlers.bench_recompute ? g_handlers.bench_recompute(n) : -1.0;
}
}

namespace cs::webapi {

bool canvas_css_size(int* w, int* h, float* dpr) {
  double cw = 0, ch = 0;
  if (emscripten_get_element_css_size("#canvas", &cw, &ch) != EMSCRIPTEN_RESULT_SUCCESS) return false;
  *w = static_cast<int>(cw);
  *h = static_cast<int>(ch);
  *dpr = js_device_pixel_ratio();
  return true;
}
void frame_drawn(int frame_count, const char* isa, const char* scene_summary, double run_ms) {
  js_frame_drawn(frame_count, isa, scene_summary, run_ms);
}
void grids_drawn(const char* json) { js_grids_drawn(json); }
void pad_drawn(float x, float y, float size) { js_pad_drawn(x, y, size); }
void train_drawn(const char* json) { js_train_drawn(json); }
void probabilities_drawn(const char* json) { js_probabilities_drawn(json); }
void copy_to_clipboard(const char* text) { js_copy_to_clipboard(text); }
void open_file_picker() { js_open_file_picker(); }
void fetch_digits() { js_fetch_digits(); }
void open_data_picker() { js_open_data_picker(); }
void set_background_work(bool on) { js_background_work(on ? 1 : 0); }
bool has_file_picker() { return true; }
void open_bundled_model(int which) {
  if (which >= 0 && which < kBundledModelCount) js_open_bundled(kBundledModels[which].file);
}
void export_model(const std::string& scene_json, int format) { js_export_model(scene_json.c_str(), format); }
bool has_camera() { return true; }
void camera_start() { js_camera_start(); }
void camera_hold(bool held) { js_camera_hold(held ? 1 : 0); }
void camera_stop() { js_camera_stop(); }
void camera_drawn(const char* json) { js_camera_drawn(json); }
void set_handlers(const Handlers& h) {
  g_handlers = h;
  js_install_file_input();
}
void install_page(const PageHooks& hooks) {
  g_hooks = hooks;
  js_install_page();
}
void state_changed(const char* fragment) { js_state_changed(fragment); }
void share(int kind, const char* fragment) { js_share(kind, fragment); }
void frame_rendered() { js_frame_rendered(); }
bool take_resized() { return js_take_resized() != 0; }
void set_text_input(bool active) { js_set_text_input(active ? 1 : 0); }
void announce(const char* text) { js_announce(text); }
bool prefers_reduced_motion() { return js_prefers_reduced_motion() != 0; }
std::string load_progress() {
  char* p = js_load_progress();
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
void save_progress(const char* progress) { js_save_progress(progress); }
void download(const char* filename, const std::uint8_t* bytes, std::size_t size) {
  js_download(filename, bytes, static_cast<int>(size));
}

}  // namespace cs::webapi

#else

namespace cs::webapi {
bool canvas_css_size(int*, int*, float*) { return false; }
void frame_drawn(int, const char*, const char*, double) {}
void grids_drawn(const char*) {}
void pad_drawn(float, float, float) {}
void train_drawn(const char*) {}
void probabilities_drawn(const char*) {}
void copy_to_clipboard(const char*) {}
void open_file_picker() {}
void fetch_digits() {}
void open_data_picker() {}
void set_background_work(bool) {}
bool has_file_picker() { return false; }
void open_bundled_model(int) {}
void export_model(const std::string&, int) {}
bool has_camera() { return false; }
void camera_start() {}
void camera_hold(bool) {}
void camera_stop() {}
void camera_drawn(const char*) {}
void set_handlers(const Handlers&) {}
void install_page(const PageHooks&) {}
void state_changed(const char*) {}
void share(int, const char*) {}
void frame_rendered() {}
bool take_resized() { return false; }
void set_text_input(bool) {}
void announce(const char*) {}
bool prefers_reduced_motion() { return false; }
std::string load_progress() { return std::string(); }
void save_progress(const char*) {}
void download(const char*, const std::uint8_t*, std::size_t) {}
}  // namespace cs::webapi

#endif
