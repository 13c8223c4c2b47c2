// Loads pages in headless Chromium (playwright-core, no browser download:
// it drives the system's Chromium) and reports, for each page and window
// width, what a reader's browser would complain about:
//   - console errors and uncaught exceptions,
//   - Content-Security-Policy violations (securitypolicyviolation events),
//   - requests that failed or answered with an error status,
//   - axe-core violations of the rules tagged with the requested tags.
// The server the pages come from applies the site's real headers, so the
// CSP is the one the host sends.
//
// The Go tests of internal/sitecheck run it; by hand:
//   node scripts/browser.mjs < job.json > result.json
// job.json: {"chromium": "<the chromium executable>", "axe": "node_modules/axe-core/axe.min.js",
//            "tags": ["wcag2a", ...], "widths": [390, 1280],
//            "parallel": 4,
//            "pages": [{"name": "home", "file": "index.html", "url": "http://127.0.0.1:8080/", "status": 200}]}
// It writes {"results": [...]}, one per page and width, and exits 0 whatever
// it found (a page it could not load has an "error"); the Go side decides
// what is a failure.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const job = JSON.parse(readFileSync(0, 'utf8'));
const axeSource = job.axe ? readFileSync(job.axe, 'utf8') : '';

const browser = await chromium.launch({
  executablePath: job.chromium,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

// Runs in the page before any of its scripts: CSP violations are events, and
// not every one reaches the console.
function watchCSP() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      column: e.columnNumber,
      sample: e.sample,
    });
  });
}

// A tab is one browser context at one width, reused from page to page (a
// fresh context per load costs a renderer process). Its event handlers
// write into the result of the page it is on.
async function openTab(width, storage) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'zh-CN',
    serviceWorkers: 'block',
  });
  await context.addInitScript(watchCSP);
  if (storage) {
    // The reader's choices, in place before the page's own script reads them.
    await context.addInitScript((entries) => {
      try {
        for (const [k, v] of Object.entries(entries)) window.localStorage.setItem(k, v);
      } catch (e) { /* storage disabled: the page shows its defaults */ }
    }, storage);
  }
  if (axeSource) {
    // Injected through the DevTools protocol, which the page's CSP does not
    // govern, so axe runs on the page exactly as the CSP left it.
    await context.addInitScript({ content: axeSource });
  }
  const page = await context.newPage();
  const tab = { page, result: null };
  page.on('console', (m) => {
    if (tab.result && m.type() === 'error') {
      const loc = m.location();
      tab.result.console.push({ text: m.text(), url: loc.url || '', line: loc.lineNumber || 0 });
    }
  });
  page.on('pageerror', (e) => tab.result && tab.result.pageErrors.push(String((e && e.message) || e)));
  page.on('requestfailed', (r) => {
    if (tab.result) {
      tab.result.requests.push({ url: r.url(), status: 0, error: (r.failure() || {}).errorText || 'failed' });
    }
  });
  page.on('response', (r) => {
    // The page's own status is checked against what the job expects.
    if (tab.result && r.status() >= 400 && r.url() !== tab.result.url) {
      tab.result.requests.push({ url: r.url(), status: r.status(), error: '' });
    }
  });
  return tab;
}

async function check(tab, p, width) {
  const result = {
    name: p.name, file: p.file, url: p.url, width,
    status: 0, console: [], pageErrors: [], requests: [], csp: [], axe: [], axeRules: 0, error: '',
  };
  tab.result = result;
  const { page } = tab;
  try {
    const response = await page.goto(p.url, { waitUntil: 'load', timeout: 30000 });
    result.status = response ? response.status() : 0;
    await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
    result.csp = await page.evaluate(() => window.__cspViolations || []);
    if (axeSource) {
      const axe = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }), job.tags);
      result.axeRules = axe.violations.length + axe.passes.length + axe.incomplete.length + axe.inapplicable.length;
      result.axe = axe.violations.map((v) => ({
        id: v.id,
        impact: v.impact || '',
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
          summary: n.failureSummary || '',
        })),
      }));
    }
  } catch (e) {
    result.error = String((e && e.message) || e).split('\n')[0];
  } finally {
    tab.result = null;
  }
  return result;
}

// Loads run side by side: most of a load is waiting for the network to go
// idle, not work.
const tasks = job.pages.flatMap((p) => job.widths.map((width) => ({ p, width })));
const results = new Array(tasks.length);
let next = 0;
async function worker() {
  const tabs = new Map();
  while (next < tasks.length) {
    const i = next++;
    const { p, width } = tasks[i];
    const key = width + ' ' + JSON.stringify(p.storage || null);
    if (!tabs.has(key)) tabs.set(key, await openTab(width, p.storage));
    results[i] = await check(tabs.get(key), p, width);
  }
}
try {
  await Promise.all(Array.from({ length: Math.max(1, job.parallel || 4) }, worker));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }) + '\n');
