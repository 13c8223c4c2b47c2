// Types queries into the built site's search page in headless Chromium
// (playwright-core driving the system's Chromium) and reports what the
// page shows: the announced count and each result's title, link and
// snippet. The Go test TestSiteSearch (internal/sitecheck) runs it and
// compares the results with the reference engine of internal/search.
//
//   node scripts/search-e2e.mjs < job.json > result.json
// job.json: {"chromium": "...", "url": "http://127.0.0.1:8080/base/search/",
//            "queries": [{"q": "法律顾问", "year": "2024"}]}
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const job = JSON.parse(readFileSync(0, 'utf8'));
const browser = await chromium.launch({
  executablePath: job.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  for (const query of job.queries) {
    // A fresh context per query: a new visitor with an empty cache.
    const context = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    const out = { query, errors };
    try {
      await page.goto(job.url, { waitUntil: 'load' });
      for (const [name, value] of Object.entries(query)) {
        if (name !== 'q') await page.selectOption(`select[name="${name}"]`, value);
      }
      // Type as a reader does, then press Enter.
      const input = page.locator('form[data-search-index] input[name="q"]');
      await input.click();
      await input.pressSequentially(query.q, { delay: 20 });
      await input.press('Enter');
      await page.waitForFunction(() => {
        const s = document.querySelector('[data-search-status]');
        return s && /找到|没有/.test(s.textContent);
      }, null, { timeout: 15000 });
      out.status = (await page.textContent('[data-search-status]')).trim();
      out.liveRegion = await page.getAttribute('[data-search-status]', 'aria-live');
      out.url = page.url();
      out.results = await page.$$eval('[data-search-results] > li', (items) => items.map((li) => {
        const a = li.querySelector('a');
        return {
          title: a ? a.textContent.trim() : '',
          href: a ? a.href : '',
          marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
          others: Array.from(li.querySelectorAll('.search-result-others a')).map((o) => o.href),
        };
      }));
      out.towns = await page.$$eval('[data-search-towns]:not([hidden]) a', (as) => as.map((a) => a.href));
    } catch (e) {
      out.error = String(e);
    }
    results.push(out);
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }));
