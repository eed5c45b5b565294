// embed.mjs - ConvScope inside other pages, in headless Chromium:
// two instances on one host page through the JS API (web/convscope.mjs);
// padding changed through the API changes the output shape; malformed
// states rejected whole; iframes sized by their height messages; the
// postMessage API across origins, with a foreign origin ignored and
// malformed payloads answered with an error {code, where, message}; the
// fuller API: options checked, version, setState with allowUndo, undo /
// redo / reset, screenshot and exportFigure; the "Copy embed code" snippet
// pasted into 900 px and 744 px course-page columns: numbers in every cell
// of the default scene, nothing cut at the right, sized by its own script.
//   node tests/browser/embed.mjs WEB_DIR SCALAR_WEB_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const [dir, scalarDir] = process.argv.slice(2);
const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convscope-host-'));
fs.writeFileSync(path.join(hostDir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<h1>A course page</h1><p>Some text before.</p><div id="a"></div><p>Between.</p><div id="b"></div><p>After.</p>`);
const also = [dir, ...(scalarDir ? [scalarDir] : [])];
const hostServer = await startServer(hostDir, { port: 0, also });   // origin A: host + app
const appServer = await startServer(dir, { port: 0, also: also.slice(1) });  // origin B: app only
const A = `http://127.0.0.1:${hostServer.address().port}`;
const B = `http://127.0.0.1:${appServer.address().port}`;
const browser = await launchBrowser();
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok: ' + what); } else { failed++; console.error('FAIL: ' + what); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function hostPage() {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`); });
  await page.goto(A + '/host.html');
  return { page, errors };
}
const frameOf = (page, part) => page.frames().find((f) => f.url().includes(part));

try {
  // 1. Two instances through the JS API on one host page.
  {
    const { page, errors } = await hostPage();
    await page.evaluate(async () => {
      const { createConvScope } = await import('/convscope.mjs');
      const scene = await (await fetch('/scenes/chapter.json')).json();
      globalThis.heights = [];
      globalThis.a = createConvScope(document.getElementById('a'), { scene });
      globalThis.b = createConvScope(document.getElementById('b'), { lang: 'en', controls: 'minimal' });
      globalThis.changes = [];
      a.on('change', (s) => changes.push(s));
      a.on('height', (h) => heights.push(h));
      await Promise.all([a.ready, b.ready]);
    });
    const titles = await page.evaluate(() => [a.getState().scene?.title, b.getState().scene?.title]);
    check(titles[0] && titles[0].startsWith('A handwritten 7: two edge filters') && titles[1] && titles[0] !== titles[1],
      `two instances hold different scenes ('${titles[0]}' / '${titles[1]}')`);
    const fa = frameOf(page, 'id=cs1'), fb = frameOf(page, 'id=cs2');
    await fa.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2);
    await fb.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2);
    const shapeA = await fa.evaluate(() => globalThis.__convscope.scene);
    check(/walked layer -> 8x8x2/.test(shapeA), `instance A runs the chapter scene (${shapeA})`);

    // Padding through the API: 'same' -> 'valid' makes 8x8 -> 6x6.
    const res = await page.evaluate(async () => {
      const scene = structuredClone(a.getState().scene);
      scene.layers[0].padding = 'valid';
      const s = await a.setState(scene);
      return { padding: s.scene.layers[0].padding, changes: changes.length };
    });
    await fa.waitForFunction(() => /walked layer -> 6x6x2/.test(globalThis.__convscope.scene), null, { timeout: 5000 }).catch(() => {});
    const shapeA2 = await fa.evaluate(() => globalThis.__convscope.scene);
    check(res.padding === 'valid' && /walked layer -> 6x6x2/.test(shapeA2), `padding 'valid' through the API: output ${shapeA2}`);
    const shapeB = await fb.evaluate(() => globalThis.__convscope.scene);
    check(!/6x6x2/.test(shapeB), 'the other instance is untouched');
    await sleep(300);
    check((await page.evaluate(() => changes.at(-1)?.scene?.layers?.[0]?.padding)) === 'valid', "a 'change' event carries the new scene");

    // Malformed states: rejected with a message, nothing applied.
    const before = await page.evaluate(() => a.getState().fragment);
    const rejects = await page.evaluate(async () => {
      const out = [];
      for (const bad of [{ colour: 'red' }, { step: 99999 }, { step: 1, tab: 'nowhere' }, 42,
        { scene: { version: 1, input: { shape: [0, 0, 1] }, layers: [] } }]) {
        try { await a.setState(bad); out.push('applied'); } catch (e) { out.push(e.message); }
      }
      return out;
    });
    console.log('rejections: ' + rejects.join(' | '));
    check(rejects.every((m) => m !== 'applied' && m.length > 5), 'malformed states are rejected with a message');
    await sleep(300);
    check((await page.evaluate(() => a.getState().fragment)) === before &&
      (await fa.evaluate(() => globalThis.__convscope.state)) === before, 'a rejected state changes nothing');

    // Sized by the height messages; a wider container gives a taller frame.
    const h1 = await page.evaluate(() => ({ css: a.element.getBoundingClientRect().height, last: heights.at(-1) }));
    check(h1.last > 300 && Math.abs(h1.css - h1.last) < 1, `iframe height follows its message (${h1.css} px, reported ${h1.last})`);
    await page.evaluate(() => { document.getElementById('a').style.width = '400px'; });
    await page.waitForFunction(() => heights.at(-1) !== undefined && Math.abs(a.element.getBoundingClientRect().height - heights.at(-1)) < 1 && heights.length > 1,
      null, { timeout: 5000 }).catch(() => {});
    const h2 = await page.evaluate(() => ({ css: a.element.getBoundingClientRect().height, all: heights }));
    check(h2.all.length > 1 && Math.abs(h2.css - h2.all.at(-1)) < 1, `resized container: heights ${h2.all.join(' -> ')}`);
    await page.evaluate(() => { b.destroy(); });
    check((await page.evaluate(() => document.querySelectorAll('iframe').length)) === 1, 'destroy() removes the instance');
    check(errors.length === 0, `no console errors on the host page (${errors.join(' | ')})`);
    await page.close();
  }

  // 2. Cross-origin postMessage API with an allow-list.
  {
    const { page, errors } = await hostPage();
    await page.evaluate(({ B, A }) => {
      globalThis.got = [];
      addEventListener('message', (e) => {
        if (e.data && e.data.source === 'convscope') {
          got.push(e.data);
          const f = [...document.querySelectorAll('iframe')].find((x) => x.contentWindow === e.source);
          if (e.data.type === 'convscope:height' && f) f.style.height = e.data.height + 'px';  // the host sizes it
        }
      });
      for (const [id, origins] of [['open', ''], ['allowed', A]]) {
        const f = document.createElement('iframe');
        f.id = id;
        f.style.width = '700px';
        f.src = `${B}/embed.html?id=${id}` + (origins ? `&origins=${encodeURIComponent(origins)}`
          : '&scene=scenes/chapter.json&controls=minimal&readonly');
        document.body.append(f);
      }
    }, { A, B });
    await page.waitForFunction(() => got.filter((m) => m.type === 'convscope:height').length >= 2, null, { timeout: 30000 });
    const fo = frameOf(page, 'id=open'), fl = frameOf(page, 'id=allowed');
    await fo.waitForFunction(() => globalThis.__convscope?.state);
    await fl.waitForFunction(() => globalThis.__convscope?.state);
    const hs = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
    check(hs.every((h) => h >= 400), `cross-origin iframes sized by their height messages (${hs.join(', ')} px)`);
    check(!(await page.evaluate(() => got.some((m) => m.id === 'open' && m.type !== 'convscope:height'))),
      'an embed that does not allow the host sends it nothing but its height');

    const openScene = await fo.evaluate(() => globalThis.__convscope.scene);
    check(/^8x8x1/.test(openScene), `embed.html?scene=scenes/chapter.json opens that scene (${openScene})`);
    const stOpen = await fo.evaluate(() => globalThis.__convscope.state);
    await page.evaluate(() => document.getElementById('open').contentWindow.postMessage(
      { type: 'convscope:setState', state: { step: 3 }, requestId: 1 }, '*'));
    await sleep(500);
    check((await fo.evaluate(() => globalThis.__convscope.state)) === stOpen, 'a message from a foreign origin is ignored');

    await page.evaluate(() => document.getElementById('allowed').contentWindow.postMessage(
      { type: 'convscope:setState', state: { step: 3 }, requestId: 2 }, '*'));
    await page.waitForFunction(() => got.some((m) => m.requestId === 2), null, { timeout: 5000 }).catch(() => {});
    const applied = await page.evaluate(() => got.find((m) => m.requestId === 2));
    check(applied && applied.type === 'convscope:applied' && applied.state.step === 3, 'an allowed origin sets the step');
    const stAllowed = await fl.evaluate(() => globalThis.__convscope.state);
    for (const [n, payload] of [[3, 'hello'], [4, { type: 'convscope:setState', state: 42 }],
      [5, { type: 'convscope:setState', state: { step: 2, lang: 'xx' } }], [6, { type: 'convscope:explode' }]]) {
      await page.evaluate(({ n, payload }) => document.getElementById('allowed').contentWindow.postMessage(
        typeof payload === 'string' ? payload : { ...payload, requestId: n }, '*'), { n, payload });
    }
    await sleep(600);
    const errs = await page.evaluate(() => got.filter((m) => m.type === 'convscope:error').map((m) => m.message));
    console.log('errors answered: ' + errs.join(' | '));
    check(errs.length === 4, `malformed payloads are answered with an error message (${errs.length} of 4)`);
    const objs = await page.evaluate(() => got.filter((m) => m.type === 'convscope:error').map((m) => m.error));
    check(objs.length === 4 && objs.every((e) => e && typeof e.code === 'string' && e.code && typeof e.where === 'string' && e.message),
      `errors are objects {code, where, message} (${objs.map((e) => e && `${e.code}@${e.where}`).join(', ')})`);
    check(objs[2]?.where === 'lang' && objs[3]?.code === 'unknown_message_type', 'an error names the key, and its code the kind');
    check((await fl.evaluate(() => globalThis.__convscope.state)) === stAllowed, 'malformed payloads change nothing (not even the valid step in one)');
    check(errors.length === 0, `no console errors on the cross-origin host (${errors.join(' | ')})`);
    await page.close();
  }

  // 3. The fuller JS API: options, version, allowUndo, undo/redo/reset,
  // screenshot, exportFigure; failures as ConvScopeError {code, where, message}.
  {
    const { page, errors } = await hostPage();
    const thrown = await page.evaluate(async () => {
      const { createConvScope } = await import('/convscope.mjs');
      const out = [];
      for (const bad of [{ readonly: true }, { lang: 'fr' }, { heigth: 300 }]) {
        try { createConvScope(document.getElementById('a'), bad); out.push('created'); } catch (e) {
          out.push({ name: e.name, code: e.code, where: e.where, message: e.message });
        }
      }
      return { out, frames: document.querySelectorAll('iframe').length };
    });
    console.log('options refused: ' + thrown.out.map((e) => `${e.code}@${e.where}: ${e.message}`).join(' | '));
    const [ro, lang, heigth] = thrown.out;
    check(ro.name === 'ConvScopeError' && ro.code === 'unknown_option' && /readonly/.test(ro.where) && /did you mean 'readOnly'/.test(ro.message),
      "createConvScope throws at once on 'readonly', suggesting 'readOnly'");
    check(lang.code === 'bad_option' && /options\.lang$/.test(lang.where) && heigth.code === 'unknown_option' && /'height'/.test(heigth.message) &&
      thrown.frames === 0, 'a bad value and another typo are named, and no iframe is made');

    await page.evaluate(async () => {
      const { createConvScope, ConvScopeError } = await import('/convscope.mjs');
      globalThis.ConvScopeError = ConvScopeError;
      const scene = await (await fetch('/scenes/chapter.json')).json();
      globalThis.c = createConvScope(document.getElementById('a'), { scene, readOnly: false });
      await c.ready;
    });
    const padding = () => page.evaluate(() => c.getState().scene.layers[0].padding);
    const strides = () => page.evaluate(() => String(c.getState().scene.layers[0].strides));
    const edit = (change, opts) => page.evaluate(async ({ change, opts }) => {
      const s = structuredClone(c.getState());
      s.scene.layers[0][change[0]] = change[1];
      return (await c.setState(s, opts)).scene.layers[0][change[0]];
    }, { change, opts });
    check((await page.evaluate(() => c.getState().version)) === 1, 'the state carries version 1');
    const v2 = await page.evaluate(() => c.setState({ version: 2, step: 1 }).then(() => null, (e) => ({ code: e.code, where: e.where, message: e.message })));
    check(v2 && v2.where === 'version' && v2.code, `version 2 is refused, naming the key (${v2 && v2.message})`);

    // allowUndo: two host edits, each undoable; undo, redo, reset.
    check((await edit(['padding', 'valid'], { allowUndo: true })) === 'valid', 'setState with allowUndo applies');
    check(String(await edit(['strides', [2, 2]], { allowUndo: true })) === '2,2', 'a second allowUndo edit applies');
    await page.evaluate(() => c.undo());
    const afterUndo = [await padding(), await strides()];
    await page.evaluate(() => c.undo());
    const afterUndo2 = await padding();
    await page.evaluate(() => c.redo());
    const afterRedo = await padding();
    check(afterUndo[0] === 'valid' && afterUndo[1] !== '2,2' && afterUndo2 === 'same' && afterRedo === 'valid',
      `undo() takes back each allowUndo edit, the earlier history kept (${afterUndo} / ${afterUndo2}); redo() redoes (${afterRedo})`);
    const reset = await page.evaluate(async () => (await c.reset()).scene.layers[0].padding);
    check(reset === 'same', `reset() returns to the scene as loaded (${reset})`);
    await edit(['padding', 'valid']);  // without allowUndo: a fresh start
    await page.evaluate(() => c.undo());
    check((await padding()) === 'valid', 'a setState without allowUndo starts a new history (undo() has nothing to take back)');
    const typo = await page.evaluate(() => c.setState({ step: 1 }, { allowundo: true }).then(() => null, (e) => e.message));
    check(/did you mean 'allowUndo'/.test(typo || ''), `setState options are checked too (${typo})`);

    // Errors as objects.
    const e1 = await page.evaluate(() => c.setState({ step: 99999 }).then(() => null,
      (e) => ({ isError: e instanceof ConvScopeError, code: e.code, where: e.where, message: e.message })));
    check(e1 && e1.isError && e1.where === 'step' && e1.code === 'not_applied' && /does not exist/.test(e1.message),
      `a refused state rejects with {code, where, message} (${JSON.stringify(e1)})`);
    const e2 = await page.evaluate(() => c.setState({ scene: { version: 1, input: { shape: [4, 4, 1] }, layers: [{ type: 'Conv2D', filters: 1, kernel_size: [3, 3], paddng: 'valid' }] } })
      .then(() => null, (e) => ({ code: e.code, where: e.where, message: e.message })));
    check(e2 && e2.where === 'scene' && e2.code && e2.code !== 'not_applied', `a scene the engine rejects carries the engine's code (${JSON.stringify(e2)})`);

    // screenshot and exportFigure, each decoded by the browser.
    const shot = await page.evaluate(async () => {
      const url = await c.screenshot({ format: 'png' });
      const img = new Image();
      img.src = url;
      await img.decode();
      const cv = document.createElement('canvas');
      cv.width = img.naturalWidth; cv.height = img.naturalHeight;
      const g = cv.getContext('2d');
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, cv.width, cv.height).data;
      const colours = new Set();
      for (let i = 0; i < px.length; i += 4 * 97) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      return { head: url.slice(0, 22), w: img.naturalWidth, h: img.naturalHeight, colours: colours.size };
    });
    check(shot.head === 'data:image/png;base64,' && shot.w > 300 && shot.h > 200 && shot.colours > 8,
      `screenshot() is a PNG data URL of the drawn canvas (${shot.w}x${shot.h}, ${shot.colours} colours sampled)`);
    const fig = await page.evaluate(async () => {
      const gif = await c.exportFigure('gif');
      const png = await c.exportFigure('png', { as: 'dataUrl' });
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([gif], { type: 'image/gif' }));
      await img.decode();
      const pimg = new Image();
      pimg.src = png;
      await pimg.decode();
      return { bytes: gif instanceof Uint8Array, head: String.fromCharCode(...gif.slice(0, 6)), gw: img.naturalWidth, png: png.slice(0, 22), pw: pimg.naturalWidth };
    });
    check(fig.bytes && fig.head === 'GIF89a' && fig.gw > 50, `exportFigure('gif') gives the walk's GIF bytes (${fig.head}, ${fig.gw} px wide)`);
    check(fig.png === 'data:image/png;base64,' && fig.pw > 50, `exportFigure('png', {as: 'dataUrl'}) gives a PNG data URL (${fig.pw} px wide)`);
    const bad = await page.evaluate(async () => Promise.all([c.screenshot({ format: 'jpeg' }), c.exportFigure('svg'), c.exportFigure('gif', { as: 'blob' })]
      .map((p) => p.then(() => null, (e) => `${e.code}@${e.where}`))));
    check(bad.every((b) => b && b.startsWith('bad_option@')), `bad screenshot / figure arguments are named (${bad.join(', ')})`);
    check(errors.length === 0, `no console errors on the API host page (${errors.join(' | ')})`);
    await page.close();
  }

  // 4. readonly: an edit by the student (typing a kernel weight) is taken
  // back; the same edit without readonly changes the scene.
  {
    const results = {};
    let found = null;  // vertical offset of the walk panel (the toolbar may wrap to 2 rows)
    for (const mode of ['controls=minimal', 'controls=minimal&readonly']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${B}/embed.html?${mode}`);
      await page.waitForFunction(() => globalThis.__convscope?.state, null, { timeout: 30000 });
      await sleep(500);
      const sceneOf = () => page.evaluate(() => /scene=([^&]+)/.exec(globalThis.__convscope.state)[1]);
      const before = await sceneOf();
      for (const dy of found === null ? [0, 32, 64] : [found]) {
        await page.mouse.click(462, 186 + dy);  // the kernel's first weight (minimal layout, 1280 px)
        await sleep(300);
        await page.mouse.dblclick(516, 348 + dy);  // its "weight" field below the kernel: type a value
        await sleep(200);
        await page.keyboard.press('Control+A');
        await page.keyboard.type('5');
        await page.keyboard.press('Enter');
        await sleep(600);
        results[mode] = before !== (await sceneOf());
        if (results[mode] && found === null) found = dy;
        if (results[mode]) break;
      }
      if (found === null) found = 0;
      await page.close();
    }
    check(results['controls=minimal'] && !results['controls=minimal&readonly'],
      `typing a weight edits the scene (${results['controls=minimal']}), but not in a readonly embed (${results['controls=minimal&readonly']})`);
  }

  // 5. The "Copy embed code" snippet in a course page's column (900 px, 744 px):
  // the compact layout shows a number in every cell of the default scene's
  // grids and cuts none at the right; its script sizes the iframe from the
  // height messages, and the canvas fills the iframe (no grey band).
  {
    const maker = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await maker.goto(`${B}/index.html`);
    await maker.waitForFunction(() => globalThis.__convscope?.embedSnippet, null, { timeout: 30000 });
    const snippet = await maker.evaluate((u) => globalThis.__convscope.embedSnippet(u), `${B}/embed.html`);
    await maker.close();
    check(/<iframe [^>]*height="600"/.test(snippet) && /<script>/.test(snippet), 'the embed code holds the iframe and the script that sizes it');
    for (const width of [900, 744]) {
      const { page, errors } = await hostPage();
      await page.setViewportSize({ width: width + 60, height: 900 });
      await page.evaluate(({ html, width }) => {
        const col = document.createElement('div');
        col.id = 'col';
        col.style.width = width + 'px';
        document.body.append(col);
        col.append(document.createRange().createContextualFragment(html));  // its <script> runs, as pasted
      }, { html: snippet, width });
      let frame = null;
      for (let i = 0; i < 100 && !frame; i++) { frame = frameOf(page, '/embed.html'); if (!frame) await sleep(100); }
      await frame.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3 && (globalThis.__convscope.grids || []).length >= 2,
        null, { timeout: 30000 });
      await sleep(500);
      const grids = await frame.evaluate(() => globalThis.__convscope.grids);
      const bad = grids.filter((g) => !g.numbers || g.visibleW < g.w - 1);
      check(grids.length >= 3 && bad.length === 0,
        `${width} px column: ${grids.length} grids, every cell shows its number and none is cut ` +
        `(${grids.map((g) => `${g.name} ${g.cell} px${g.numbers ? '' : ' NO NUMBERS'}${g.visibleW < g.w - 1 ? ` cut ${g.visibleW}/${g.w}` : ''}`).join(', ')})`);
      await page.waitForFunction(() => Math.abs(document.querySelector('#col iframe').getBoundingClientRect().height - 600) > 1, null, { timeout: 5000 }).catch(() => {});
      const box = await page.evaluate(() => document.querySelector('#col iframe').getBoundingClientRect().toJSON());
      const inner = await frame.evaluate(() => ({ canvas: document.getElementById('canvas').getBoundingClientRect().bottom, view: innerHeight,
        body: document.body.getBoundingClientRect().height }));
      check(Math.abs(box.width - width) < 1 && Math.abs(box.height - 600) > 1 && Math.abs(box.height - inner.body) < 1,
        `${width} px column: the snippet sizes the iframe from its messages (${Math.round(box.width)}x${Math.round(box.height)}, the page ${Math.round(inner.body)} px)`);
      check(inner.canvas >= inner.view - 1, `${width} px column: the canvas fills the iframe, no band below it (canvas to ${Math.round(inner.canvas)} of ${inner.view} px)`);
      if (process.env.SHOTS) await page.screenshot({ path: path.join(process.env.SHOTS, `embed-${width}.png`), fullPage: true });
      check(errors.length === 0, `${width} px column: no console errors (${errors.join(' | ')})`);
      await page.close();
    }
    // A host that never resizes it (a page that drops scripts): the canvas fills the 600 px.
    {
      const { page } = await hostPage();
      await page.evaluate((html) => { document.getElementById('a').innerHTML = html; }, snippet);  // innerHTML: the script does not run
      let frame = null;
      for (let i = 0; i < 100 && !frame; i++) { frame = frameOf(page, '/embed.html'); if (!frame) await sleep(100); }
      await frame.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 2, null, { timeout: 30000 });
      const r = await frame.evaluate(() => ({ canvas: document.getElementById('canvas').getBoundingClientRect().bottom, view: innerHeight }));
      check(r.view === 600 && r.canvas >= r.view - 1, `an iframe left at 600 px is filled by the canvas (to ${Math.round(r.canvas)} of ${r.view} px)`);
      await page.close();
    }
  }

  // 6. No jump under the pointer: hovering a cell in the Stack view adds
  // its selection line without moving the grids.
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${B}/index.html#v=1&tab=stack`);
    await page.waitForFunction(() => (globalThis.__convscope?.grids || []).length >= 2, null, { timeout: 30000 });
    await sleep(400);
    const before = await page.evaluate(() => globalThis.__convscope.grids);
    const g = before[0];
    await page.mouse.move(g.x + g.w / 2, g.y + g.h / 2);
    await sleep(400);
    await page.mouse.move(g.x + g.w / 2 + 2, g.y + g.h / 2 + 1);
    await sleep(400);
    const after = await page.evaluate(() => globalThis.__convscope.grids);
    const moved = after.filter((a, i) => before[i] && (Math.abs(a.y - before[i].y) > 0.5 || Math.abs(a.x - before[i].x) > 0.5));
    check(after.length === before.length && moved.length === 0,
      `hovering a Stack cell moves no grid (${before.length} grids; ${moved.map((m) => m.name).join(', ') || 'none moved'}; first at y ${g.y} -> ${after[0]?.y})`);
    await page.close();
  }
} catch (err) {
  failed++;
  console.error('FAIL: ' + (err.stack || err.message));
} finally {
  await browser.close();
  hostServer.close();
  appServer.close();
  fs.rmSync(hostDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
