// first_screen.mjs - screenshots of the first screen and of the Walk mid-glide
// (issue 15) at 1280x800, 390x844 and in a 900 px iframe, in English and
// Korean; checks the page draws frames during a glide and stops after it.
//   node tests/browser/first_screen.mjs WEB_DIR OUTDIR
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const [dir, out] = process.argv.slice(2);
const server = await startServer(dir, { port: 0 });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const frames = (p) => p.evaluate(() => globalThis.__convscope?.frames ?? 0);
let failed = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`); if (!ok) failed++; };
try {
  for (const lang of ['en', 'ko']) {
    for (const [name, w, h, mobile] of [['web-1280x800', 1280, 800, false], ['web-390x844', 390, 844, true]]) {
      const ctx = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: mobile ? 3 : 1, isMobile: mobile, hasTouch: mobile, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
      const page = await ctx.newPage();
      await page.goto(`${base}index.html`);
      await page.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3, null, { timeout: 30000 });
      // The page's start-up frames (fonts, the first layout: about 2 s at 1280x800 in
      // software GL here) end first; then it must be idle until a key moves the walk.
      for (let last = -1, i = 0; i < 40; ++i) {
        const f = await frames(page);
        if (f === last) break;
        last = f;
        await sleep(400);
      }
      await page.screenshot({ path: path.join(out, `${name}-first-${lang}.png`) });
      await page.locator('#canvas').focus();
      const idle0 = await frames(page);
      await sleep(500);
      const idle1 = await frames(page);
      await page.keyboard.press('ArrowRight');
      await sleep(90);
      await page.screenshot({ path: path.join(out, `${name}-glide-${lang}.png`) });
      const during = await frames(page);
      await sleep(800);
      const settled = await frames(page);
      await sleep(500);
      const after = await frames(page);
      check(during - idle1 >= 3, `${name} ${lang}: the page draws during a glide (${during - idle1} frames in 90 ms)`);
      check(after - settled <= 2 && idle1 - idle0 <= 2, `${name} ${lang}: and idles before and after it (${idle1 - idle0}, ${after - settled} frames in 0.5 s)`);
      await ctx.close();
    }
    const ctx = await browser.newContext({ viewport: { width: 960, height: 820 }, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    const page = await ctx.newPage();
    await page.setContent(`<body style="margin:20px;background:#eee"><iframe id="f" src="${base}embed.html#v=1&lang=${lang}" width="900" height="760" style="border:1px solid #999"></iframe></body>`);
    const frame = await (await page.$('#f')).contentFrame();
    await frame.waitForFunction(() => (globalThis.__convscope?.frames ?? 0) >= 3, null, { timeout: 30000 });
    await sleep(800);
    await page.screenshot({ path: path.join(out, `web-900-iframe-first-${lang}.png`) });
    await ctx.close();
  }
} catch (err) {
  console.error('error: ' + err.message);
  failed++;
} finally {
  await browser.close();
  server.close();
}
console.log(failed ? `${failed} failed` : 'first_screen: ok');
process.exit(failed ? 1 : 0);
