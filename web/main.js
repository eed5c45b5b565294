// main.js - boots the WebAssembly app: feature checks, progress, errors.
// The module factory createConvScopeModule comes from convscope.js (Emscripten,
// MODULARIZE). All C++ <-> JS calls live in src/platform/webapi.cpp.

const statusBox = document.getElementById('status');
const statusText = document.getElementById('status-text');
const progress = document.getElementById('progress');
const canvas = document.getElementById('canvas');

function fail(message) {
  statusBox.classList.remove('hidden');
  statusBox.classList.add('error');
  statusText.textContent = message;
  progress.hidden = true;
}

function hasWebGL2() {
  try { return !!document.createElement('canvas').getContext('webgl2'); } catch { return false; }
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
  canvas.addEventListener('webglcontextlost', (e) => e.preventDefault(), false);
  try {
    const { default: createConvScopeModule } = await import('./convscope.js');
    await createConvScopeModule({
      canvas,
      arguments: [],
      setStatus: (text) => {
        const m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || '');
        if (m) progress.value = (100 * Number(m[1])) / Number(m[2]);
      },
      onFirstFrame: () => statusBox.classList.add('hidden'),
      printErr: (text) => console.warn(text),
    });
    canvas.focus();
  } catch (err) {
    fail('ConvScope could not start: ' + (err && err.message ? err.message : err));
  }
}

boot();
