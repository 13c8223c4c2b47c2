// Checks the 朗读 (read aloud) controls of a report page in headless
// Chromium: hidden where the browser has no Chinese voice (headless
// Chromium has none), and, with a stand-in speech engine that has one,
// that 朗读 reads the text a block at a time from the one on screen and
// marks it, 暂停 pauses, and 停止 stops and clears the mark — by the
// keyboard, as a reader without a mouse would.
//
// The Go tests of internal/sitecheck run it:
//   node scripts/readaloud.mjs < job.json   ({"chromium": "...", "url": "..."})
// It writes one JSON object with what it saw and exits 0; the Go side
// decides what is a failure.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const job = JSON.parse(readFileSync(0, 'utf8'));
const browser = await chromium.launch({ executablePath: job.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const out = { errors: [] };
try {
  const plain = await browser.newContext({ locale: 'zh-CN' });
  const p1 = await plain.newPage();
  p1.on('pageerror', (e) => out.errors.push(String(e)));
  await p1.goto(job.url);
  out.hiddenWithoutVoice = await p1.$eval('[data-readaloud]', (e) => e.hidden);

  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 900 } });
  await ctx.addInitScript(() => {
    window.__spoken = [];
    const engine = {
      paused: false,
      getVoices: () => [{ lang: 'zh-CN', name: 'stand-in' }],
      speak(u) {
        window.__spoken.push(u.text);
        if (window.__spoken.length < 3) setTimeout(() => u.onend && u.onend(), 5);
      },
      pause() { this.paused = true; },
      resume() { this.paused = false; },
      cancel() {},
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: engine });
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && out.errors.push(m.text()));
  page.on('pageerror', (e) => out.errors.push(String(e)));
  await page.goto(job.url);
  out.hiddenWithVoice = await page.$eval('[data-readaloud]', (e) => e.hidden);
  const status = () => page.$eval('[data-ra-status]', (e) => e.textContent);
  await page.focus('[data-ra="play"]');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  out.spoken = await page.evaluate(() => window.__spoken);
  out.playing = await status();
  out.marked = await page.$$eval('.ra-current', (e) => e.length);
  await page.focus('[data-ra="pause"]');
  await page.keyboard.press('Enter');
  out.paused = await status();
  out.resumeLabel = await page.$eval('[data-ra="play"]', (e) => e.textContent);
  await page.focus('[data-ra="stop"]');
  await page.keyboard.press('Enter');
  out.stopped = await status();
  out.markedAfterStop = await page.$$eval('.ra-current', (e) => e.length);
} catch (e) {
  out.errors.push(String((e && e.message) || e).split('\n')[0]);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
