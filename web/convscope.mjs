// convscope.mjs - the JavaScript API for host pages (ES module):
//   import { createConvScope } from 'https://your.site/convscope/convscope.mjs';
//   const cs = createConvScope(element, { scene, lang, lesson, readOnly, controls });
//   cs.on('change', (state) => ...); await cs.setState(scene, {allowUndo: true});
//   cs.undo(); cs.redo(); cs.reset(); cs.screenshot(); cs.exportFigure('gif'); cs.destroy();
// Each instance is an <iframe> of embed.html beside this file, so several
// instances on one page are independent (own WebAssembly memory, own canvas,
// own WebGL context). They talk by postMessage; the iframe only accepts
// messages from the origins in its allow-list (this page's origin is added).

const TIMEOUT_MS = 15000;
let nextId = 1;

// What every failure is: {code, where, message} as the engine's Error
// (core/result.h). Thrown for bad options, rejected for refused calls.
export class ConvScopeError extends Error {
  constructor({ code, where = '', message }) {
    super(message);
    this.name = 'ConvScopeError';
    this.code = code;
    this.where = where;
  }
}

// Option checks: a typo throws at once, naming it (as the engine module does).
const isString = (v) => typeof v === 'string';
const OPTIONS = {
  scene: [(v) => isString(v) || (v !== null && typeof v === 'object'), 'a scene object, its JSON text or a .json path'],
  lang: [(v) => v === 'en' || v === 'ko', '"en" or "ko"'],
  lesson: [isString, 'a lesson id such as "padding"'],
  readOnly: [(v) => typeof v === 'boolean', 'true or false'],
  controls: [(v) => v === 'minimal' || v === 'full', '"minimal" or "full"'],
  height: [(v) => Number.isFinite(v) && v > 0, 'a height in CSS pixels above 0'],
  title: [isString, 'a string'],
  base: [(v) => isString(v) || v instanceof URL, 'the URL of the folder holding embed.html'],
};
const SET_STATE_OPTIONS = { allowUndo: [(v) => typeof v === 'boolean', 'true or false'] };
const SCREENSHOT_OPTIONS = { format: [(v) => v === 'png', '"png"'] };
const FIGURE_OPTIONS = { as: [(v) => v === 'bytes' || v === 'dataUrl', '"bytes" or "dataUrl"'] };

// Levenshtein distance, to suggest the option a typo meant.
function editDistance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
function closest(key, names) {
  const scored = names.map((n) => [editDistance(key.toLowerCase(), n.toLowerCase()), n]).sort((x, y) => x[0] - y[0]);
  return scored.length && scored[0][0] <= 2 ? scored[0][1] : null;
}

// `options` of `what` against `spec` ({name: [check, what it must be]}).
function checkOptions(options, spec, what) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvScopeError({ code: 'bad_option', where: `${what} options`, message: 'must be an object' });
  }
  const names = Object.keys(spec);
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(spec, key)) {
      const near = closest(key, names);
      throw new ConvScopeError({ code: 'unknown_option', where: `${what} options.${key}`,
        message: `unknown option${near ? ` (did you mean '${near}'?)` : ''}; expected one of ${names.join(', ')}` });
    }
    if (value !== undefined && !spec[key][0](value)) {
      throw new ConvScopeError({ code: 'bad_option', where: `${what} options.${key}`, message: `must be ${spec[key][1]}` });
    }
  }
  return options;
}

// Options -> embed.html URL. scene may be a scene object, JSON text, or the
// path of a .json file beside embed.html (same site).
function embedUrl(base, id, o) {
  const url = new URL('embed.html', base);
  const q = url.searchParams;
  q.set('id', id);
  if (location.origin && location.origin !== 'null') q.set('origins', location.origin);
  if (o.lang) q.set('lang', o.lang);
  if (o.lesson) q.set('lesson', o.lesson);
  if (o.readOnly) q.set('readonly', '1');
  if (o.controls === 'minimal') q.set('controls', 'minimal');
  if (o.height) q.set('height', String(o.height));
  if (typeof o.scene === 'string' && /\.json$/.test(o.scene)) q.set('scene', o.scene);
  return url;
}

export function createConvScope(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new ConvScopeError({ code: 'bad_option', where: 'createConvScope element', message: 'must be a DOM element' });
  }
  checkOptions(options, OPTIONS, 'createConvScope');
  const id = 'cs' + nextId++;
  const base = options.base ? new URL(options.base, location.href) : new URL('.', import.meta.url);
  const src = embedUrl(base, id, options);
  const iframe = document.createElement('iframe');
  iframe.src = src.href;
  iframe.title = options.title || 'ConvScope';
  iframe.setAttribute('allow', 'clipboard-write');
  iframe.className = 'convscope-frame';
  iframe.width = '100%';
  iframe.height = String(options.height || 480);
  iframe.style.border = '0';
  iframe.style.display = 'block';
  iframe.style.width = '100%';
  element.appendChild(iframe);

  const listeners = { change: new Set(), ready: new Set(), error: new Set(), height: new Set() };
  const pending = new Map();
  let state = null, destroyed = false, requestSeq = 0;
  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  const emit = (type, value) => { for (const fn of listeners[type]) { try { fn(value); } catch (e) { console.error(e); } } };

  const failed = (code, message) => new ConvScopeError({ code, message });
  function send(message) {
    if (destroyed) return Promise.reject(failed('destroyed', 'this ConvScope instance was destroyed'));
    const requestId = ++requestSeq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { pending.delete(requestId); reject(failed('timeout', 'ConvScope did not answer')); }, TIMEOUT_MS);
      pending.set(requestId, { resolve, reject, timer });
      iframe.contentWindow.postMessage({ ...message, requestId }, src.origin);
    });
  }

  function onMessage(event) {
    if (event.source !== iframe.contentWindow || event.origin !== src.origin) return;
    const m = event.data;
    if (!m || m.source !== 'convscope' || m.id !== id) return;
    const waiting = m.requestId ? pending.get(m.requestId) : null;
    if (waiting) { clearTimeout(waiting.timer); pending.delete(m.requestId); }
    switch (m.type) {
      case 'convscope:height':
        if (!options.height && Number.isFinite(m.height) && m.height > 0) iframe.style.height = m.height + 'px';
        emit('height', m.height);
        break;
      case 'convscope:ready':
        state = m.state;
        if (options.scene && !(typeof options.scene === 'string' && /\.json$/.test(options.scene))) {
          send({ type: 'convscope:setState', state: { scene: options.scene } })
            .then(() => resolveReady(api), (e) => { emit('error', e); rejectReady(e); });
        } else {
          resolveReady(api);
        }
        break;
      case 'convscope:change':
        state = m.state;
        emit('change', state);
        break;
      case 'convscope:applied':
      case 'convscope:state':
        state = m.state || state;
        if (waiting) waiting.resolve(state);
        break;
      case 'convscope:result':
        if (waiting) waiting.resolve(m.result);
        break;
      case 'convscope:error': {
        const error = new ConvScopeError(m.error || { code: 'error', message: String(m.message) });
        if (waiting) waiting.reject(error);
        else { emit('error', error); rejectReady(error); }
        break;
      }
      default:
        break;
    }
  }
  addEventListener('message', onMessage);
  // A call once the app runs; bad options reject at once, naming them.
  // `fixed`: options the call itself sets (exportFigure's format).
  const call = (message, options, spec, what, fixed) => {
    try { checkOptions(options, spec, what); } catch (e) { return Promise.reject(e); }
    return ready.then(() => send({ ...message, options: { ...options, ...fixed } }));
  };

  const api = {
    element: iframe,
    ready,  // resolves when the app runs (and the start scene is applied)
    // The last state the app reported: {fragment, scene, layer, step,
    // filter, tab, lang, lesson}; null before ready.
    getState: () => state,
    // A scene document (object or JSON text), a state object with any of
    // version/scene/layer/step/filter/tab/lang/lesson, or a "v=1&..."
    // fragment. Resolves with the new state; rejects with a ConvScopeError
    // {code, where, message}, nothing applied. {allowUndo: true}: the
    // student's Undo takes it back (otherwise the undo history starts anew).
    setState: (next, opts) => call({ type: 'convscope:setState', state: next }, opts, SET_STATE_OPTIONS, 'setState'),
    // The student's Undo, Redo and Reset; each resolves with the new state.
    undo: () => call({ type: 'convscope:undo' }),
    redo: () => call({ type: 'convscope:redo' }),
    reset: () => call({ type: 'convscope:reset' }),
    // The canvas as drawn: a "data:image/png;base64,..." URL.
    screenshot: (opts) => call({ type: 'convscope:screenshot' }, opts, SCREENSHOT_OPTIONS, 'screenshot'),
    // The walked layer as a slide figure: 'png' (the step) or 'gif' (the
    // whole walk), as a Uint8Array, or a data URL with {as: 'dataUrl'}.
    exportFigure: (format, opts) => {
      if (format !== 'png' && format !== 'gif') {
        return Promise.reject(new ConvScopeError({ code: 'bad_option', where: 'exportFigure format', message: 'must be "png" or "gif"' }));
      }
      return call({ type: 'convscope:exportFigure' }, opts, FIGURE_OPTIONS, 'exportFigure', { format });
    },
    on(type, fn) {
      if (!Object.hasOwn(listeners, type)) {
        throw new ConvScopeError({ code: 'unknown_event', where: 'on', message: `unknown event '${type}' (change, ready, error, height)` });
      }
      listeners[type].add(fn);
      return () => listeners[type].delete(fn);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      removeEventListener('message', onMessage);
      for (const p of pending.values()) { clearTimeout(p.timer); p.reject(failed('destroyed', 'this ConvScope instance was destroyed')); }
      pending.clear();
      iframe.remove();
    },
  };
  return api;
}
