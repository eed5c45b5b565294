// main.js - boots the WebAssembly app and connects it to its page: feature
// checks (WebGL2, WebAssembly, SIMD -> which build), progress, errors; the
// URL hash (index.html) or the embed options and postMessage API
// (embed.html); the height reports an iframe host sizes itself by.
// The module factory createConvScopeModule comes from convscope.js or
// convscope-scalar.js (Emscripten, MODULARIZE). All C++ <-> JS calls live in
// src/platform/webapi.cpp; this file only uses Module.convscope.
// [SECTION] Page and options
// [SECTION] Build choice
// [SECTION] State (hash, base64url) and messages
// [SECTION] Boot

// [SECTION] Page and options
const statusBox = document.getElementById('status');
const statusText = document.getElementById('status-text');
const progress = document.getElementById('progress');
const canvas = document.getElementById('canvas');
const banner = document.getElementById('banner');
const isEmbed = document.body.classList.contains('embed');
const query = new URLSearchParams(location.search);
const page = (globalThis.__convscope = globalThis.__convscope || {});
page.embed = isEmbed;

function fail(message) {
  statusBox.classList.remove('hidden');
  statusBox.classList.add('error');
  statusText.textContent = message;
  progress.hidden = true;
}

// A short message over the canvas that goes away by itself (link copied,
// a link that could not be applied).
let bannerTimer = 0;
function say(text, isError = false) {
  if (!banner) return;
  banner.textContent = text;
  banner.classList.toggle('error', isError);
  banner.hidden = false;
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => { banner.hidden = true; }, isError ? 8000 : 2500);
}

function hasWebGL2() {
  try { return !!document.createElement('canvas').getContext('webgl2'); } catch { return false; }
}

// [SECTION] Build choice
// The smallest module using a SIMD128 instruction (i8x16.splat, i8x16.popcnt):
// browsers without SIMD reject it in validate(), before anything is fetched.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
function hasWasmSimd() {
  try { return WebAssembly.validate(SIMD_PROBE); } catch { return false; }
}
function chooseBuild() {
  const forced = query.get('build');  // ?build=scalar (tests, comparisons)
  if (forced === 'scalar' || forced === 'simd') return forced;
  return hasWasmSimd() ? 'simd' : 'scalar';
}

// [SECTION] State (hash, base64url) and messages
function base64(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
function base64url(text) {
  return base64(new TextEncoder().encode(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function unbase64url(text) {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}
// "v=1&step=3&scene=..." -> {version: 1, fragment, step: 3, scene: {...}, ...}
function stateFromFragment(fragment) {
  const out = { version: 1, fragment };
  for (const pair of fragment.split('&')) {
    const i = pair.indexOf('=');
    if (i < 0) continue;
    const k = pair.slice(0, i), v = pair.slice(i + 1);
    if (k === 'scene' || k === 'layers') {
      try { out[k] = JSON.parse(unbase64url(v)); } catch { out[k] = null; }
    } else if (k === 'layer' || k === 'step' || k === 'filter') {
      out[k] = Number(v);
    } else if (k !== 'v') {
      out[k] = v;
    }
  }
  return out;
}

// Origins allowed to drive an embed by postMessage: its own, plus those the
// embedder lists in ?origins=https://a.example,https://b.example.
const allowedOrigins = new Set([location.origin].filter((o) => o && o !== 'null'));
for (const o of (query.get('origins') || '').split(',')) {
  try { if (o) allowedOrigins.add(new URL(o).origin); } catch { console.warn(`ConvScope: ignored origin '${o}'`); }
}
// Where state messages go: the parent's origin when it is allowed.
function parentOrigin() {
  const candidates = [];
  if (location.ancestorOrigins && location.ancestorOrigins.length) candidates.push(location.ancestorOrigins[0]);
  try { if (document.referrer) candidates.push(new URL(document.referrer).origin); } catch { /* none */ }
  return candidates.find((o) => allowedOrigins.has(o)) || null;
}
const instanceId = query.get('id') || '';
function post(message, anyOrigin = false) {
  if (!isEmbed || window.parent === window) return;
  const target = parentOrigin();
  const m = { ...message, source: 'convscope', id: instanceId };
  if (target) window.parent.postMessage(m, target);
  else if (anyOrigin) window.parent.postMessage(m, '*');  // only harmless facts (height)
}

let lastHeight = 0, wantedHeight = 0;
// The height the page asks for: the stage's own height (not the one
// stretched to fill a taller iframe) and the rest of the body.
function reportHeight() {
  const stage = document.getElementById('stage');
  const rest = document.body.getBoundingClientRect().height - stage.getBoundingClientRect().height;
  const h = Math.ceil(rest + (wantedHeight || stage.getBoundingClientRect().height));
  if (h !== lastHeight) { lastHeight = h; post({ type: 'convscope:height', height: h }, true); }
}
// The embed's canvas keeps a teaching-friendly aspect ratio; the host sizes
// the iframe from the reported height (or sets ?height=N). Until it does (or
// when it never does: a course page that drops the snippet's script), the
// canvas fills the iframe, so no grey band is left below it.
function sizeEmbed() {
  const fixed = Number(query.get('height'));
  const w = document.documentElement.clientWidth;
  wantedHeight = fixed > 0 ? fixed : Math.round(Math.min(900, Math.max(query.get('controls') === 'minimal' ? 360 : 480, w * 0.62)));
  const shown = fixed > 0 ? fixed : Math.max(wantedHeight, window.innerHeight);
  document.getElementById('stage').style.height = shown + 'px';
  reportHeight();
}
// "Copy embed code": the iframe and a few lines that size it from its height
// messages (from this page's origin only); a page that drops scripts keeps
// the iframe at 600 px, which the canvas then fills.
page.embedSnippet = (href) => embedSnippet(href);  // tests paste it into a course page
function embedSnippet(href) {
  const origin = new URL(href).origin;
  return `<iframe src="${href}" width="100%" height="600" style="border:0;display:block" title="ConvScope" allow="clipboard-write"></iframe>\n` +
    `<script>addEventListener("message",function(e){var d=e.data;if(e.origin!==${JSON.stringify(origin)}||!d||d.source!=="convscope"||d.type!=="convscope:height")return;` +
    `document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})})<\/script>`;  // \/: main.js may be inlined in a <script>
}

// The language to open in when nothing says which: the one chosen on an
// earlier visit, else the browser's first language (ko-KR -> Korean).
function preferredLang() {
  try {
    const saved = localStorage.getItem('convscope.lang');
    if (saved === 'en' || saved === 'ko') return saved;
  } catch { /* no storage (sandbox, file://): the browser's language */ }
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return /^ko\b/i.test(first) ? 'ko' : '';
}
function rememberLang(fragment) {
  const m = /(?:^|&)lang=(en|ko)(?:&|$)/.exec(fragment);
  try { if (m) localStorage.setItem('convscope.lang', m[1]); } catch { /* no storage */ }
}
function withLang(fragment) {
  const lang = /(?:^|&)lang=/.test(fragment) ? '' : preferredLang();
  if (!lang) return fragment;
  return (fragment || 'v=1') + '&lang=' + lang;
}

// Embed options -> the state to start with (a hash wins: it is a link).
async function startFragment() {
  const hash = location.hash.replace(/^#/, '');
  if (!isEmbed) return withLang(hash);
  if (hash) return hash;
  const parts = ['v=1'];
  for (const k of ['lang', 'lesson']) if (query.get(k)) parts.push(`${k}=${query.get(k)}`);
  if (!query.get('lang') && preferredLang()) parts.push('lang=' + preferredLang());
  const scene = query.get('scene');
  if (scene && /\.json$/.test(scene)) {  // a scene file next to the page (same origin only)
    const url = new URL(scene, location.href);
    if (url.origin !== location.origin) throw new Error(`scene file ${scene} is not on this site`);
    const r = await fetch(url);
    if (!r.ok) throw new Error(`scene file ${scene}: HTTP ${r.status}`);
    parts.push('scene=' + base64url(await r.text()));
  } else if (scene) {
    parts.push('scene=' + scene);  // base64url JSON, as in links
  }
  return parts.join('&');
}

// The page's own messages in the language the app shows (src/i18n/catalogue.cpp).
let textOf = (key, english) => english;
// Errors reach the host as {code, where, message} (the engine's Error);
// the page's own messages and tests read them as one line.
const failure = (code, where, message) => ({ code, where, message });
const errorLine = (e) => (e ? (e.where ? e.where + ': ' : '') + e.message : '');
// message: the one-line text older hosts read; error: {code, where, message}.
const errorMessage = (error) => ({ type: 'convscope:error', error, message: errorLine(error) });

function apply(app, fragment) {
  const error = errorLine(app.applyState(fragment));
  page.lastError = error;
  return error;
}

// Checks a message's options object: unknown keys and wrong values are
// refused by name, as the JS API (convscope.mjs) refuses them.
function messageOptions(m, allowed) {
  const o = m.options === undefined ? {} : m.options;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return [null, failure('bad_option', 'options', 'must be an object')];
  for (const key of Object.keys(o)) {
    if (!Object.hasOwn(allowed, key)) {
      return [null, failure('unknown_option', `options.${key}`, `unknown option; expected one of ${Object.keys(allowed).join(', ') || '(none)'}`)];
    }
    if (o[key] !== undefined && !allowed[key].includes(o[key])) {
      return [null, failure('bad_option', `options.${key}`, `must be ${allowed[key].map((v) => JSON.stringify(v)).join(' or ')}`)];
    }
  }
  return [o, null];
}

// The postMessage API: each type answers with a reply message (or an
// error {code, where, message}); nothing is applied when it errs.
function messageHandlers(app) {
  const current = () => ({ type: 'convscope:state', state: stateFromFragment(app.state() || page.state || '') });
  const applied = () => ({ ...current(), type: 'convscope:applied' });
  const edit = (which) => () => { app.edit(which); return applied(); };
  return {
    'convscope:getState': current,
    'convscope:setState': (m) => {
      const [o, bad] = messageOptions(m, { allowUndo: [true, false] });
      if (bad) return bad;
      // The app reads and checks the state itself (model/share_state.h): a
      // state object, a scene document (object or JSON text) or a fragment.
      let json;
      try { json = JSON.stringify(m.state === undefined ? null : m.state); } catch (e) {
        return failure('malformed_state', 'state', e.message);
      }
      const error = app.applyMessage(json, o.allowUndo === true);
      page.lastError = errorLine(error);
      return error || applied();
    },
    'convscope:undo': edit('undo'),
    'convscope:redo': edit('redo'),
    'convscope:reset': edit('reset'),
    'convscope:screenshot': async (m) => {
      const [, bad] = messageOptions(m, { format: ['png'] });
      return bad || { type: 'convscope:result', result: await app.screenshot() };
    },
    'convscope:exportFigure': (m) => {
      const [o, bad] = messageOptions(m, { format: ['png', 'gif'], as: ['bytes', 'dataUrl'] });
      if (bad) return bad;
      if (o.format === undefined) return failure('bad_option', 'options.format', 'is missing: "png" or "gif"');
      const f = app.figure(o.format === 'gif');
      if (f.error) return f.error;
      const result = o.as === 'dataUrl' ? `data:image/${o.format};base64,${base64(f.bytes)}` : f.bytes;
      return { type: 'convscope:result', result };
    },
  };
}

function connectPage(app) {
  if (!isEmbed) {
    addEventListener('hashchange', () => {
      const f = location.hash.replace(/^#/, '');
      if (!f || f === page.state) return;
      const error = apply(app, f);
      if (error) { say(textOf('share.link_failed', 'This link could not be opened: ') + error, true); console.warn('ConvScope: ' + error); }
    });
    return;
  }
  const handlers = messageHandlers(app);
  addEventListener('message', async (event) => {
    if (event.source !== window.parent) return;
    if (!allowedOrigins.has(event.origin)) {
      console.warn(`ConvScope: ignored a message from ${event.origin} (not in the allowed origins)`);
      return;
    }
    const m = event.data;
    const reply = (msg) => window.parent.postMessage({ ...msg, source: 'convscope', id: instanceId,
      requestId: m && m.requestId }, event.origin);
    if (!m || typeof m !== 'object' || typeof m.type !== 'string' || !m.type.startsWith('convscope:')) {
      reply(errorMessage(failure('malformed_message', '', 'malformed message: expected {type: "convscope:...", ...}')));
      return;
    }
    const handler = Object.hasOwn(handlers, m.type) ? handlers[m.type]
      : () => failure('unknown_message_type', 'type', `unknown message type '${m.type}'`);
    const answer = await handler(m);
    reply(answer.type ? answer : errorMessage(answer));
  });
}
// [SECTION] Boot
async function loadFactory(build) {
  const inline = globalThis.__convscopeInline;  // the single-file page (scripts/build-web.sh)
  if (inline) return { factory: inline.factory, extra: { wasmBinary: inline.wasmBinary() } };
  const file = build === 'simd' ? './convscope.js' : './convscope-scalar.js';
  const { default: factory } = await import(file);
  return { factory, extra: {} };
}

async function boot() {
  if (typeof WebAssembly !== 'object') {
    fail('This browser cannot run WebAssembly, which ConvScope needs. Please use a current Chrome, Firefox, Safari or Edge.');
    return;
  }
  if (!hasWebGL2()) {
    fail('This browser or device has WebGL2 switched off or unsupported, which ConvScope needs to draw. Try another browser, or enable hardware acceleration.');
    return;
  }
  if (globalThis.__convscopeInline?.simdMissing) {
    fail('This browser has no WebAssembly SIMD, and this single-file ConvScope carries only the SIMD build. Open the served version, or a file built with --with-scalar.');
    return;
  }
  const build = globalThis.__convscopeInline ? globalThis.__convscopeInline.build : chooseBuild();
  page.build = build;
  document.documentElement.dataset.build = build;
  statusText.textContent = `Loading ConvScope (${build === 'simd' ? 'WebAssembly SIMD' : 'WebAssembly without SIMD'})…`;
  if (isEmbed) {
    sizeEmbed();
    new ResizeObserver(sizeEmbed).observe(document.documentElement);
    addEventListener('resize', sizeEmbed);  // the host resized the iframe: the page's own box need not change
  }
  try {
    const initialState = await startFragment();
    const { factory, extra } = await loadFactory(build);
    let app = null;
    const module = await factory({
      canvas,
      arguments: [],
      initialState,
      ...extra,
      setStatus: (text) => {
        const m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || '');
        if (m) progress.value = (100 * Number(m[1])) / Number(m[2]);
      },
      onFirstFrame: () => {
        page.firstFrameMs = performance.now();  // since navigation start (scripts/bench-web.sh)
        statusBox.classList.add('hidden');
      },
      onStateChange: (fragment) => {
        page.state = fragment;
        if (!isEmbed) {
          rememberLang(fragment);
          try {
            if (location.hash.replace(/^#/, '') !== fragment) history.replaceState(null, '', '#' + fragment);
          } catch { /* about:srcdoc and some sandboxes have no writable URL: the state still works */ }
        } else {
          post({ type: 'convscope:change', state: stateFromFragment(fragment) });
        }
      },
      onShare: (kind, fragment) => {
        const base = new URL(kind === 1 ? 'embed.html' : 'index.html', location.href);
        base.hash = fragment;
        const text = kind === 1
          ? embedSnippet(base.href)
          : base.href;
        page.lastShared = text;  // tests read it, and page.embedSnippet
        const done = () => say(kind === 1 ? textOf('share.embed_copied', 'Embed code copied') : textOf('share.link_copied', 'Link copied'));
        const failed = () => say(textOf('share.copy_failed', 'Copy failed: the browser did not allow the clipboard'), true);
        if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, failed);
      },
      printErr: (text) => console.warn(text),
    });
    app = module.convscope;
    textOf = (key, english) => app.text(key) || english;
    page.applyState = (f) => apply(app, f);
    page.applyMessage = (json) => errorLine(app.applyMessage(json));  // what postMessage / the JS API use
    if (isEmbed) app.setPresentation(query.has('readonly') && query.get('readonly') !== '0', query.get('controls') === 'minimal');
    // The start state was applied inside the app; say so if it was refused.
    if (initialState) {
      const error = apply(app, initialState);
      if (error) { say(textOf('share.link_failed', 'This link could not be opened: ') + error, true); console.warn('ConvScope: ' + error); }
    }
    connectPage(app);
    // The state now: page.state waits for a change report, which a lesson's
    // playing walk holds back (getState() after ready was {fragment: ""}).
    page.state = app.state() || page.state;
    if (isEmbed) post({ type: 'convscope:ready', state: stateFromFragment(page.state || '') });
    if (!isEmbed) canvas.focus({ preventScroll: true });
  } catch (err) {
    fail('ConvScope could not start: ' + (err && err.message ? err.message : err));
    post(errorMessage(failure('start_failed', '', String(err && err.message ? err.message : err))));
  }
}

boot();
