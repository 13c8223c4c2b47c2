// Drives, in headless Chromium at a phone width (390 px), the parts of the
// citizen pages that only a browser can show working:
//   - report: the year bar sits under the title, before the text, and its
//     links lead to the town's other years;
//   - region: when the grid scrolls sideways, the town column stays put;
//   - comparison: the town switcher takes the reader straight to a town,
//     with JavaScript off (folds open) and on (the town's fold opens).
//
// The Go tests of internal/sitecheck run it:
//   node scripts/behaviour.mjs < job.json
//   job.json: {"chromium": "...", "report": URL, "region": URL, "compare": URL}
// It writes one JSON object with what it saw and exits 0; the Go side
// decides what is a failure.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const job = JSON.parse(readFileSync(0, 'utf8'));
const browser = await chromium.launch({ executablePath: job.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const out = { errors: [] };
const viewport = { width: 390, height: 900 };

async function tab(javaScriptEnabled) {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport, javaScriptEnabled });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => out.errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && out.errors.push(m.text()));
  return page;
}

async function report(page) {
  await page.goto(job.report);
  const r = await page.evaluate(() => {
    const bar = document.querySelector('.yearbar');
    const text = document.querySelector('.report-layout');
    const top = (e) => e.getBoundingClientRect().top + window.scrollY;
    return {
      top: Math.round(top(bar)),
      textTop: Math.round(top(text)),
      current: (bar.querySelector('[aria-current="page"]') || {}).textContent || '',
    };
  });
  const link = page.locator('.yearbar ul a').first();
  const label = (await link.textContent()).trim();
  await link.click();
  await page.waitForLoadState('load');
  r.followed = label;
  r.arrivedCurrent = ((await page.$eval('.yearbar [aria-current="page"]', (e) => e.textContent)) || '').trim();
  return r;
}

async function region(page) {
  await page.goto(job.region);
  return page.evaluate(async () => {
    const grid = document.querySelector('table.grid');
    grid.scrollIntoView({ block: 'center' });
    let box = grid.parentElement;
    while (box && !(box.scrollWidth > box.clientWidth && /auto|scroll/.test(getComputedStyle(box).overflowX))) box = box.parentElement;
    if (!box) return { overflows: false };
    const th = grid.querySelector('tbody th[scope="row"]');
    const td = th.parentElement.querySelector('td:last-child');
    const before = { th: th.getBoundingClientRect().left, td: td.getBoundingClientRect().left };
    box.scrollLeft = box.scrollWidth;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const after = { th: th.getBoundingClientRect().left, td: td.getBoundingClientRect().left };
    const cell = document.elementFromPoint(after.th + 5, th.getBoundingClientRect().top + 5);
    return {
      overflows: true,
      scrolled: Math.round(before.td - after.td),
      townColumnMoved: Math.round(before.th - after.th),
      townColumnOnTop: th.contains(cell),
    };
  });
}

// switchTown follows the switcher's link to the last town on the page.
async function switchTown(page) {
  await page.goto(job.compare);
  const links = page.locator('nav.switcher a[href^="#"]');
  const n = await links.count();
  const link = links.nth(n - 1);
  const id = (await link.getAttribute('href')).slice(1);
  const foldedBefore = await page.evaluate((id) => {
    const d = document.getElementById(id).querySelector('details');
    return d ? !d.open : null;
  }, id);
  await link.click();
  await page.waitForTimeout(200);
  return page.evaluate(([id, foldedBefore]) => {
    const e = document.getElementById(id);
    const d = e.querySelector('details');
    return {
      towns: document.querySelectorAll('nav.switcher a[href^="#"]').length,
      hash: location.hash,
      top: Math.round(e.getBoundingClientRect().top),
      foldedBefore,
      openAfter: d ? d.open : null,
    };
  }, [id, foldedBefore]);
}

try {
  const js = await tab(true);
  out.report = await report(js);
  out.region = await region(js);
  out.compareJS = await switchTown(js);
  out.compareNoJS = await switchTown(await tab(false));
} catch (e) {
  out.errors.push(String((e && e.message) || e).split('\n')[0]);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
