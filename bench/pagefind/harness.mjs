// The comparison itself: serves a built site (with our index under
// search/index/ and Pagefind bundles under pagefind/ and pagefind-all/),
// computes the ground truth from the report pages, runs every query of
// queries.mjs through both engines in headless Chromium, one fresh browser
// context per query and engine, and writes results.md and results.json.
//
//	node harness.mjs --site SITE --work WORK --repo REPO --out DIR
//
// SITE is the built site, WORK a scratch directory holding search.js (the
// bundled search page script), REPO the repository root (to check the
// query list against internal/search/query_test.go). CHROMIUM names the
// browser executable. See README.md.

import { readFile, writeFile, readdir, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { QUERIES, EXTRA } from "./queries.mjs";

const HERE = new URL(".", import.meta.url).pathname;

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
for (const k of ["site", "work", "repo", "out"]) {
  if (!args[k]) {
    console.error("usage: node harness.mjs --site SITE --work WORK --repo REPO --out DIR");
    process.exit(2);
  }
}
const SITE = resolve(args.site);
const WORK = resolve(args.work);
const REPO = resolve(args.repo);
const OUT = resolve(args.out);

const ENGINES = [
  { id: "ours", label: "ours (bigram index)" },
  { id: "pf", label: "Pagefind, report pages", bundle: "pagefind/" },
  { id: "pfall", label: "Pagefind, defaults (whole site)", bundle: "pagefind-all/" },
];

// ---------- ground truth ----------

// Width folding done here, independently of assets/search/normalize.js:
// Unicode NFKC (full-width letters, digits and punctuation to ASCII,
// U+3000 to a space) and lower case. "punct" also treats every dash as
// "-" and 〔〕【】〖〗﹝﹞ as [], which the project's folding does too.
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
function fold(s, punct) {
  s = s.normalize("NFKC").toLowerCase();
  if (punct) s = s.replace(DASHES, "-").replace(/[〔【〖﹝]/g, "[").replace(/[〕】〗﹞]/g, "]");
  return s;
}
// A block is one line of the page's rendered text (a paragraph, heading,
// table cell…); spaces inside a block are ignored, and a match may not
// cross from one block into the next.
const squeeze = (s) => s.replace(/\s+/g, "");
function terms(q, punct) {
  return fold(q, punct).split(/\s+/).filter(Boolean).map(squeeze);
}

const KIND_OF_LABEL = { 主要举措和成效: "measures", 第一责任人履职: "leadership", 存在的不足: "shortcomings", 下一年度安排: "plans", 其他: "other" };

async function reportPaths() {
  const out = [];
  for (const code of await readdir(join(SITE, "towns"))) {
    if (!/^\d{9}$/.test(code)) continue;
    for (const year of await readdir(join(SITE, "towns", code))) {
      if (/^\d{4}$/.test(year)) out.push(`towns/${code}/${year}/`);
    }
  }
  return out.sort();
}

// extractReport reads a report page as a reader sees it: the text of
// <article class="report"> without the table of contents, the side column
// and the "本部分类别" labels (site chrome), split into blocks, each with the
// kind of the top-level section it is in ("lead" outside the sections).
async function extractReport(page, url) {
  await page.goto(url);
  return page.evaluate((KIND_OF_LABEL) => {
    const art = document.querySelector("article.report");
    const crumbs = Array.from(document.querySelectorAll("nav.crumbs li")).map((li) => li.innerText.trim());
    const sections = [];
    for (const sec of art.querySelectorAll("section.doc-section")) {
      const label = sec.querySelector(".sec-tools .kind");
      const kind = label ? KIND_OF_LABEL[label.textContent.replace(/^.*：/, "").trim()] || "other" : "other";
      const h2 = sec.querySelector("h2");
      sections.push({ id: h2 ? h2.id : "", kind, el: sec });
    }
    art.querySelectorAll(".toc, .report-side, .sec-tools").forEach((e) => e.remove());
    const blocks = [];
    for (const s of sections) {
      for (const line of s.el.innerText.split("\n")) if (line.trim()) blocks.push({ kind: s.kind, text: line });
    }
    sections.forEach((s) => s.el.remove());
    for (const line of art.innerText.split("\n")) if (line.trim()) blocks.push({ kind: "lead", text: line });
    return {
      title: document.querySelector("h1").innerText.trim(),
      crumbs,
      sections: sections.map((s) => ({ id: s.id, kind: s.kind })),
      blocks,
    };
  }, KIND_OF_LABEL);
}

function matches(report, q, punct, kind) {
  const blocks = report.blocks.filter((b) => !kind || b.kind === kind).map((b) => squeeze(fold(b.text, punct)));
  const ts = terms(q, punct);
  return ts.length > 0 && ts.every((t) => blocks.some((b) => b.includes(t)));
}

// passes applies a query's year/county/town filter to a report.
function passes(path, report, f) {
  if (!f) return true;
  const [, code, year] = path.match(/^towns\/(\d+)\/(\d+)\/$/);
  if (f.year && f.year !== year) return false;
  if (f.county && !report.crumbs.includes(f.county)) return false;
  if (f.town && f.town !== code && report.crumbs[report.crumbs.length - 2] !== f.town) return false;
  return true;
}

function truth(reports, c, punct) {
  const set = [];
  for (const [path, r] of Object.entries(reports)) {
    if (passes(path, r, c.f) && matches(r, c.q, punct, c.f && c.f.kind)) set.push(path);
  }
  return set.sort();
}

// ---------- engines ----------

const reportOf = (href) => {
  const m = /towns\/(\d{9})\/(\d{4})\//.exec(href);
  return m ? `towns/${m[1]}/${m[2]}/` : null;
};

function category(engine, path) {
  if (/^\/__bench\/(ours\.html|pagefind\.html|pagefind-driver\.js)$/.test(path) || path === "/favicon.ico") return "page";
  if (path === "/__bench/search.js" || /\/pagefind(-worker)?\.js$/.test(path)) return "script";
  if (/\.pagefind$/.test(path)) return "wasm";
  if (/\/search\/index\/d\//.test(path) || /\.pf_fragment$/.test(path)) return "data";
  return "index";
}

function bytes(engine, log) {
  const b = { script: 0, wasm: 0, index: 0, data: 0, files: 0, gz1: 0, raw: 0, paths: [] };
  for (const e of log) {
    const c = category(engine, e.path);
    if (c === "page") continue;
    b[c] += e.sent;
    b.files++;
    b.gz1 += e.gz1;
    b.raw += e.raw;
    b.paths.push(e.path + (e.status ? " " + e.status : ""));
  }
  b.total = b.script + b.wasm + b.index + b.data;
  return b;
}

async function runOurs(ctx, url, c) {
  const page = await ctx.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  const p = new URLSearchParams({ q: c.q, ...(c.f || {}) });
  await page.goto(`${url}/__bench/ours.html?${p}`);
  const status = page.locator("[data-search-status]");
  await status.filter({ hasText: /找到|没有找到|不可用/ }).waitFor({ timeout: 15000 });
  const first = await page.locator(".search-result h2 a").evaluateAll((as) => as.map((a) => a.href));
  const statusText = (await status.textContent()).trim();
  const log = server.takeLog();
  // Every result, for recall: "显示更多结果" until it hides.
  const more = page.locator(".search-more");
  while (await more.isVisible()) {
    const n = await page.locator(".search-result").count();
    await more.click();
    await page.locator(".search-result").nth(n).waitFor();
  }
  const all = await page.locator(".search-result h2 a").evaluateAll((as) => as.map((a) => a.href));
  await page.close();
  return { status: statusText, first, hrefs: all, log, errors };
}

async function runPagefind(ctx, url, c, bundle) {
  const page = await ctx.newPage();
  const errors = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  const p = new URLSearchParams({ q: c.q, bundle });
  await page.goto(`${url}/__bench/pagefind.html?${p}`);
  const html = page.locator("html[data-state]");
  try {
    await html.waitFor({ timeout: 15000 });
  } catch (e) {
    await page.close();
    return { error: "no answer within 15 s", log: server.takeLog(), errors };
  }
  let res = JSON.parse(await page.locator("#out").textContent());
  await page.waitForTimeout(200); // let requests already started finish
  const log = server.takeLog();
  if (!res.error) {
    await page.click("#all");
    await page.locator("html[data-state=done], html[data-state=error]").waitFor({ timeout: 15000 });
    const all = JSON.parse(await page.locator("#out").textContent());
    if (all.error) res.error = all.error;
    else res.results = all.results;
  }
  await page.close();
  return { ...res, log, errors };
}

// pagefindFilter applies a query's filter to Pagefind's results in the
// harness (the site's pages carry no data-pagefind-filter attributes):
// year, county and town from the report's page, kind from the section
// anchors of the result's sub-results.
function pagefindFilter(reports, r, f) {
  const path = reportOf(r.url);
  if (!path) return null;
  if (!f) return path;
  if (!passes(path, reports[path], f)) return null;
  if (f.kind) {
    const secKind = Object.fromEntries(reports[path].sections.map((s) => [s.id, s.kind]));
    const kinds = (r.subs || []).map((u) => {
      const m = /#(s\d+)/.exec(u);
      return m ? secKind[m[1]] : "lead";
    });
    if (!kinds.includes(f.kind)) return null;
  }
  return path;
}

// ---------- main ----------

const server = await (async () => {
  const base = new URL((await readFile(join(SITE, "index.html"), "utf8")).match(/<link rel="?canonical"? href="?([^" >]+)/)[1]).pathname;
  await mkdir(join(WORK, "www"), { recursive: true });
  for (const f of ["ours.html", "pagefind.html", "pagefind-driver.js"]) {
    const t = await readFile(join(HERE, "www", f), "utf8");
    await writeFile(join(WORK, "www", f), t.replaceAll("{{BASE}}", base));
  }
  await writeFile(join(WORK, "www", "search.js"), await readFile(join(WORK, "search.js")));
  const s = await serve({ site: SITE, base, bench: join(WORK, "www") });
  s.base = base;
  return s;
})();

// The query list must still be the one of the Go tests.
{
  const src = await readFile(join(REPO, "internal", "search", "query_test.go"), "utf8");
  const body = src.slice(src.indexOf("func queryCases()"), src.indexOf("func TestQueries"));
  const qs = Array.from(body.matchAll(/\bq: "((?:[^"\\]|\\.)*)"/g), (m) => JSON.parse('"' + m[1] + '"'));
  const ours = QUERIES.map((c) => c.q);
  if (JSON.stringify(qs) !== JSON.stringify(ours)) {
    console.error("queries.mjs no longer matches internal/search/query_test.go:\n  go: " + qs.join(" | ") + "\n  js: " + ours.join(" | "));
    process.exit(1);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "chromium",
  args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const version = browser.version();

const reports = {};
{
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  for (const path of await reportPaths()) reports[path] = await extractReport(page, server.url + server.base + path);
  await ctx.close();
  server.takeLog();
}

async function runCase(c) {
  const row = { name: c.name, q: c.q, f: c.f || null, truth: truth(reports, c, false), truthPunct: truth(reports, c, true), engines: {} };
  row.segments = await segmentPage.evaluate((q) => {
    const S = new Intl.Segmenter("zh-cn", { granularity: "word" });
    return Array.from(S.segment(q)).filter((x) => x.isWordLike).map((x) => x.segment);
  }, c.q);
  for (const e of ENGINES) {
    const ctx = await browser.newContext(); // a fresh visitor: empty cache
    server.takeLog();
    let found, first, extra;
    if (e.id === "ours") {
      const r = await runOurs(ctx, server.url, c);
      found = [...new Set(r.hrefs.map(reportOf).filter(Boolean))].sort();
      first = bytes(e.id, r.log);
      extra = { status: r.status, errors: r.errors };
    } else {
      const r = await runPagefind(ctx, server.url, c, e.bundle);
      const res = r.results || [];
      found = [...new Set(res.map((x) => pagefindFilter(reports, x, c.f)).filter(Boolean))].sort();
      first = bytes(e.id, r.log);
      extra = { total: r.total, pages: res.map((x) => x.url), error: r.error, errors: r.errors };
    }
    await ctx.close();
    const tp = found.filter((p) => row.truth.includes(p)).length;
    const tpPunct = found.filter((p) => row.truthPunct.includes(p)).length;
    row.engines[e.id] = { found, tp, tpPunct, first, ...extra };
  }
  const cell = (id) => `${row.engines[id].tp}/${row.truth.length}${row.engines[id].found.length > row.engines[id].tp ? "+" + (row.engines[id].found.length - row.engines[id].tp) : ""}`;
  console.log(`${c.q}${c.f ? " " + JSON.stringify(c.f) : ""}: truth ${row.truth.length}, ours ${cell("ours")}, pagefind ${cell("pf")}, pagefind defaults ${cell("pfall")}`);
  return row;
}

const segmentCtx = await browser.newContext();
const segmentPage = await segmentCtx.newPage();
await segmentPage.goto(server.url + server.base);
const rows = [];
for (const c of QUERIES) rows.push(await runCase(c));
const extraRows = [];
for (const c of EXTRA) extraRows.push(await runCase(c));
await segmentCtx.close();

// CSP: the first query with the policy sent with every response (as a
// host configured for the whole site sends it) and, for Pagefind, also with
// the policy on HTML pages only and with 'wasm-unsafe-eval' added.
const POLICY = "default-src 'self'";
const POLICY_WASM = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const csp = [];
{
  const c = QUERIES[0];
  for (const [engine, policy, scope] of [
    ["ours", POLICY, "all"],
    ["pf", POLICY, "all"],
    ["pf", POLICY, "html"],
    ["pf", POLICY_WASM, "all"],
  ]) {
    server.setCSP(policy, scope);
    const ctx = await browser.newContext();
    server.takeLog();
    let r;
    if (engine === "ours") {
      const o = await runOurs(ctx, server.url, c);
      r = { ok: o.hrefs.length > 0, answer: o.status, errors: o.errors };
    } else {
      const o = await runPagefind(ctx, server.url, c, "pagefind/");
      r = { ok: !o.error && (o.results || []).length > 0, answer: o.error || `${(o.results || []).length} results`, errors: o.errors };
    }
    await ctx.close();
    csp.push({ engine, policy, scope, ...r });
    console.log(`CSP ${engine} "${policy}" on ${scope}: ${r.ok ? "works" : "fails"} (${r.answer})${r.errors.length ? " — " + r.errors.join(" | ").slice(0, 400) : ""}`);
  }
  server.setCSP(null);
}
await browser.close();
await server.close();

// ---------- report ----------

const kb = (n) => (n / 1024).toFixed(1);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}% (${a}/${b})` : "—");
const fstr = (f) => (f ? Object.entries(f).map(([k, v]) => `${k}=${v}`).join(" ") : "");
const esc = (s) => s.replace(/\|/g, "\\|");

const summary = {};
for (const e of ENGINES) {
  const x = (r) => r.engines[e.id];
  const withTruth = rows.filter((r) => r.truth.length > 0);
  const totals = rows.map((r) => x(r).first.total);
  summary[e.id] = {
    label: e.label,
    tp: sum(rows.map((r) => x(r).tp)),
    truth: sum(rows.map((r) => r.truth.length)),
    found: sum(rows.map((r) => x(r).found.length)),
    tpPunct: sum(rows.map((r) => x(r).tpPunct)),
    truthPunct: sum(rows.map((r) => r.truthPunct.length)),
    fullRecall: withTruth.filter((r) => x(r).tp === r.truth.length).length,
    queriesWithTruth: withTruth.length,
    firstQuery: rows[0].engines[e.id].first,
    bytesMedian: median(totals),
    bytesMin: Math.min(...totals),
    bytesMax: Math.max(...totals),
  };
  const s = summary[e.id];
  s.recall = s.tp / s.truth;
  s.precision = s.found ? s.tp / s.found : 1;
}

const cellOf = (r, id) => {
  const x = r.engines[id];
  return `${x.tp}/${r.truth.length}${x.found.length > x.tp ? " +" + (x.found.length - x.tp) : ""}${x.error ? " (error)" : ""}`;
};
const truthCell = (r) => r.truth.length + (r.truthPunct.length !== r.truth.length ? ` (${r.truthPunct.length}¹)` : "");
const segCell = (r) => r.segments.map((w) => "`" + w + "`").join(" ");

let md = `<!-- generated by bench/pagefind/run.sh (harness.mjs); do not edit -->\n\n`;
md += `Chromium ${version}, ${Object.keys(reports).length} reports. Cells: reports found that contain the query / reports that contain it (ground truth); "+N": N more reports returned that do not contain it. "PF terms": the words pagefind.js searches for, from Intl.Segmenter in this Chromium.\n\n`;
md += `| # | query | filter | truth | ours | Pagefind (report pages) | Pagefind (defaults) | PF terms | first query KB: ours / PF / PF defaults |\n|---:|---|---|---:|---:|---:|---:|---|---|\n`;
rows.forEach((r, i) => {
  md += `| ${i + 1} | ${esc(r.q)} | ${fstr(r.f)} | ${truthCell(r)} | ${cellOf(r, "ours")} | ${cellOf(r, "pf")} | ${cellOf(r, "pfall")} | ${segCell(r)} | ${kb(r.engines.ours.first.total)} / ${kb(r.engines.pf.first.total)} / ${kb(r.engines.pfall.first.total)} |\n`;
});
md += `\n¹ with every dash as "-" and 〔〕 as [] (the project's own folding does this); the truth column, recall and precision use width folding only unless marked.\n\n`;
md += `| | ours | Pagefind (report pages) | Pagefind (defaults) |\n|---|---:|---:|---:|\n`;
const srow = (label, f) => (md += `| ${label} | ${ENGINES.map((e) => f(summary[e.id])).join(" | ")} |\n`);
srow("**recall** (pooled over the 33 queries)", (s) => `**${pct(s.tp, s.truth)}**`);
srow("precision (pooled)", (s) => pct(s.tp, s.found));
srow("recall, truth with dash/bracket folding¹", (s) => pct(s.tpPunct, s.truthPunct));
srow("precision, truth with dash/bracket folding¹", (s) => pct(s.tpPunct, s.found));
srow("queries with every true report found", (s) => `${s.fullRecall} of ${s.queriesWithTruth}`);
srow(`**first query** (${esc(rows[0].q)}), KB sent (gzip -6)`, (s) => `**${kb(s.firstQuery.total)}**`);
srow("… script", (s) => kb(s.firstQuery.script));
srow("… wasm", (s) => kb(s.firstQuery.wasm));
srow("… index", (s) => kb(s.firstQuery.index));
srow("… result data (up to 10 results)", (s) => kb(s.firstQuery.data));
srow("… files", (s) => String(s.firstQuery.files));
srow("… total with text at gzip -1", (s) => kb(s.firstQuery.gz1));
srow("… total uncompressed", (s) => kb(s.firstQuery.raw));
srow("first query KB, median of the 33", (s) => kb(s.bytesMedian));
srow("first query KB, min–max of the 33", (s) => `${kb(s.bytesMin)}–${kb(s.bytesMax)}`);
{
  const gz = async (f) => gzipSync(await readFile(join(SITE, "pagefind", f)), { level: 6 }).length;
  const ui = (await gz("pagefind-ui.js")) + (await gz("pagefind-ui.css"));
  md += `\nNot loaded by the harness: Pagefind's ready-made UI (pagefind-ui.js + pagefind-ui.css) is ${kb(ui)} KB more at gzip -6; our script above already includes the search page UI.\n`;
}
md += `\nFiles of the first query (${esc(rows[0].q)}), paths under the site's base path:\n\n`;
for (const e of ENGINES) md += `- ${e.label}: ${summary[e.id].firstQuery.paths.map((p) => "`" + p.replace(server.base, "") + "`").join(", ")}\n`;

md += `\nSegmentation examples (not among the 33; see queries.mjs EXTRA):\n\n`;
md += `| query | truth | ours | Pagefind (report pages) | Pagefind (defaults) | PF terms |\n|---|---:|---:|---:|---:|---|\n`;
for (const r of extraRows) md += `| ${esc(r.q)} | ${truthCell(r)} | ${cellOf(r, "ours")} | ${cellOf(r, "pf")} | ${cellOf(r, "pfall")} | ${segCell(r)} |\n`;

md += `\nStrict CSP, first query (${esc(QUERIES[0].q)}):\n\n`;
for (const c of csp) md += `- ${c.engine === "ours" ? "ours" : "Pagefind"}, \`${c.policy}\` on ${c.scope === "all" ? "every response" : "HTML pages only"}: ${c.ok ? "works" : "**fails**"} (${esc(c.answer)})${c.errors.length ? `; console: ${c.errors.map((e) => "“" + esc(e.replace(/\s+/g, " ").slice(0, 240)) + "”").join(", ")}` : ""}\n`;

md += `\nPer query, true reports missed and reports returned that do not contain the query:\n\n`;
rows.forEach((r, i) => {
  const notes = [];
  for (const e of ENGINES) {
    const x = r.engines[e.id];
    const fp = x.found.filter((p) => !r.truth.includes(p));
    const fn = r.truth.filter((p) => !x.found.includes(p));
    const parts = [];
    if (fn.length) parts.push("missed " + fn.join(", "));
    if (fp.length) parts.push("extra " + fp.join(", "));
    if (x.error) parts.push("error " + x.error);
    if (parts.length) notes.push(`${e.id}: ${parts.join("; ")}`);
  }
  if (notes.length) md += `- ${i + 1} ${esc(r.q)}${r.f ? " (" + fstr(r.f) + ")" : ""}: ${notes.join(" · ")}\n`;
});

await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, "results.md"), md);
const strip = (o) => JSON.parse(JSON.stringify(o).replaceAll(server.url, ""));
const reportInfo = Object.fromEntries(Object.entries(reports).map(([k, v]) => [k, { title: v.title, crumbs: v.crumbs, sections: v.sections }]));
await writeFile(join(OUT, "results.json"), JSON.stringify(strip({ chromium: version, base: server.base, summary, csp, rows, extra: extraRows, reports: reportInfo }), null, 1) + "\n");
console.log("\n" + md);
