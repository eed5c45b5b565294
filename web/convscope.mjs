// convscope.mjs - the JavaScript API for host pages (ES module):
//   import { createConvScope } from 'https://your.site/convscope/convscope.mjs';
//   const cs = createConvScope(element, { scene, lang, lesson, readOnly, controls });
//   cs.on('change', (state) => ...); await cs.setState(scene); cs.getState(); cs.destroy();
// Each instance is an <iframe> of embed.html beside this file, so several
// instances on one page are independent (own WebAssembly memory, own canvas,
// own WebGL context). They talk by postMessage; the iframe only accepts
// messages from the origins in its allow-list (this page's origin is added).

const TIMEOUT_MS = 15000;
let nextId = 1;

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
  if (!(element instanceof Element)) throw new TypeError('createConvScope: element must be a DOM element');
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

  function send(message) {
    if (destroyed) return Promise.reject(new Error('this ConvScope instance was destroyed'));
    const requestId = ++requestSeq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { pending.delete(requestId); reject(new Error('ConvScope did not answer')); }, TIMEOUT_MS);
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
      case 'convscope:error':
        if (waiting) waiting.reject(new Error(m.message));
        else { emit('error', new Error(m.message)); rejectReady(new Error(m.message)); }
        break;
      default:
        break;
    }
  }
  addEventListener('message', onMessage);

  const api = {
    element: iframe,
    ready,  // resolves when the app runs (and the start scene is applied)
    // The last state the app reported: {fragment, scene, layer, step,
    // filter, tab, lang, lesson}; null before ready.
    getState: () => state,
    // A scene document (object or JSON text), a state object with any of
    // scene/layer/step/filter/tab/lang/lesson, or a "v=1&..." fragment.
    // Resolves with the new state; rejects with the reason, nothing applied.
    setState: (next) => ready.then(() => send({ type: 'convscope:setState', state: next })),
    on(type, fn) {
      if (!listeners[type]) throw new Error(`unknown event '${type}' (change, ready, error, height)`);
      listeners[type].add(fn);
      return () => listeners[type].delete(fn);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      removeEventListener('message', onMessage);
      for (const p of pending.values()) { clearTimeout(p.timer); p.reject(new Error('destroyed')); }
      pending.clear();
      iframe.remove();
    },
  };
  return api;
}
