// The search page: reads the query from the URL and the form, runs the
// engine, and shows the results. See internal/search/README.md for what
// the page must contain. Everything is built with DOM methods and
// textContent: report text never goes through innerHTML.

import { Engine } from "./engine.js";
import { codePoints, fromCodePoints } from "./normalize.js";

const PARAMS = ["q", "year", "county", "town", "kind"];
const DEBOUNCE_MS = 300;

function start() {
  const form = document.querySelector("form[data-search-index]");
  const list = document.querySelector("[data-search-results]");
  if (!form || !list) return; // a search box on another page: it just submits
  const status = document.querySelector("[data-search-status]") || insertStatus(list);
  if (!status.hasAttribute("aria-live")) status.setAttribute("aria-live", "polite");
  if (!status.hasAttribute("role")) status.setAttribute("role", "status");

  const indexURL = new URL(form.getAttribute("data-search-index"), document.baseURI);
  const rootAttr = form.getAttribute("data-search-root");
  const root = rootAttr ? new URL(rootAttr, document.baseURI) : new URL("../../", indexURL);
  const level = Math.min(6, Math.max(2, Number(list.getAttribute("data-search-heading-level")) || 2));
  const engine = new Engine((path) =>
    fetch(new URL(path, indexURL).href, { credentials: "same-origin" }).then((res) => {
      if (!res.ok) throw new Error(res.status + " " + path);
      return res.text();
    })
  );

  const more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "显示更多结果";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);

  let seq = 0; // answers to superseded queries are dropped
  let current = null; // {params, page}
  let timer = 0;
  let composing = false;

  // The URL is the state: fill the form from it so that a bookmarked or
  // shared search shows the same thing.
  const initial = new URLSearchParams(location.search);
  for (const name of PARAMS) {
    const el = form.elements.namedItem(name);
    const v = initial.get(name);
    if (el && v !== null) el.value = v;
  }

  function readForm() {
    const p = {};
    for (const name of PARAMS) {
      const el = form.elements.namedItem(name);
      p[name] = el ? String(el.value).trim() : initial.get(name) || "";
    }
    return p;
  }

  function writeURL(p) {
    const u = new URL(location.href);
    for (const name of PARAMS) {
      if (p[name]) u.searchParams.set(name, p[name]);
      else u.searchParams.delete(name);
    }
    if (u.href !== location.href) history.replaceState(null, "", u.href);
  }

  // A query that names a town offers the town's page first: the towns are
  // the town filter's options (code, and the name with its regions).
  const townBox = document.querySelector("[data-search-towns]");
  const townSelect = form.elements.namedItem("town");
  function offerTowns(q) {
    if (!townBox) return;
    clear(townBox);
    const word = q.replace(/\s+/g, "");
    const hits = [];
    if (townSelect && townSelect.options && Array.from(word).length >= 2) {
      for (const o of townSelect.options) {
        if (o.value && o.text.indexOf(word) >= 0 && hits.length < 5) hits.push(o);
      }
    }
    townBox.hidden = hits.length === 0;
    if (!hits.length) return;
    townBox.appendChild(document.createTextNode("乡镇页面："));
    hits.forEach((o, i) => {
      if (i > 0) townBox.appendChild(document.createTextNode("、"));
      const a = document.createElement("a");
      a.href = new URL("towns/" + encodeURIComponent(o.value) + "/", root).href;
      a.textContent = o.text;
      townBox.appendChild(a);
    });
  }

  function run() {
    const p = readForm();
    writeURL(p);
    offerTowns(p.q);
    const id = ++seq;
    current = { params: p, page: 0 };
    if (!p.q) {
      clear(list);
      more.hidden = true;
      status.textContent = "请输入检索词。";
      showFallback(true);
      return;
    }
    list.setAttribute("aria-busy", "true");
    engine
      .search(p.q, p, 0)
      .then((page) => {
        if (id !== seq) return;
        clear(list);
        render(page, p, 0);
      })
      .catch((err) => failed(id, err));
  }

  function render(page, p, n) {
    list.removeAttribute("aria-busy");
    showFallback(false);
    const first = list.children.length;
    for (const r of page.results) list.appendChild(resultItem(r, root, level));
    more.hidden = !page.more;
    if (page.total === 0 && page.results.length === 0) {
      status.textContent = "没有找到与“" + p.q + "”相关的结果。";
    } else {
      status.textContent = (page.exact ? "找到 " : "找到约 ") + page.total + " 条结果";
    }
    return first;
  }

  function failed(id, err) {
    if (id !== seq) return;
    list.removeAttribute("aria-busy");
    // A page older than the site's index (kept by the browser after the
    // site was rebuilt) reads it wrongly: reloading it fixes that.
    status.textContent = err && err.stale ? "网站刚刚更新过，请刷新本页后再检索。" : "检索暂时不可用，请稍后再试。";
    showFallback(true);
    if (window.console) console.error(err);
  }

  function showFallback(on) {
    const fb = document.querySelectorAll("[data-search-fallback]");
    for (let i = 0; i < fb.length; i++) fb[i].hidden = !on;
  }

  more.addEventListener("click", () => {
    if (!current) return;
    const id = seq;
    const c = current;
    c.page++;
    more.disabled = true;
    engine
      .search(c.params.q, c.params, c.page)
      .then((page) => {
        more.disabled = false;
        if (id !== seq) return;
        const first = render(page, c.params, c.page);
        // Keyboard users continue where the new results start.
        const link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      })
      .catch((err) => {
        more.disabled = false;
        failed(id, err);
      });
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.addEventListener("change", (e) => {
    if (e.target && e.target.name !== "q") run();
  });
  const input = form.elements.namedItem("q");
  if (input) {
    // Search as the reader types, but not in the middle of an IME
    // composition (pinyin input fires input events for every keystroke).
    input.addEventListener("compositionstart", () => (composing = true));
    input.addEventListener("compositionend", () => {
      composing = false;
      schedule();
    });
    input.addEventListener("input", () => {
      if (!composing) schedule();
    });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  // The hint for browsers without scripts is not for this one.
  const nojs = document.querySelectorAll("[data-search-nojs]");
  for (let i = 0; i < nojs.length; i++) nojs[i].hidden = true;
  if (readForm().q) run();
  else showFallback(true);
}

function insertStatus(list) {
  const s = document.createElement("p");
  s.className = "search-status";
  s.setAttribute("data-search-status", "");
  list.parentNode.insertBefore(s, list);
  return s;
}

function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

function kindLabel(kind) {
  switch (kind) {
    case "lead": return "标题与发文信息";
    case "measures": return "主要举措和成效";
    case "leadership": return "第一责任人履职";
    case "shortcomings": return "存在的不足";
    case "plans": return "下一年度安排";
  }
  return "其他";
}

function resultItem(r, root, level) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h = document.createElement("h" + level);
  const a = document.createElement("a");
  a.href = new URL(r.url, root).href + (r.sectionId ? "#" + r.sectionId : "");
  a.textContent = r.title;
  h.appendChild(a);
  li.appendChild(h);

  const meta = document.createElement("p");
  meta.className = "search-result-meta";
  const parts = [r.county + r.town];
  if (r.year) parts.push(r.year + "年");
  parts.push(r.sectionTitle || kindLabel(r.kind));
  meta.textContent = parts.filter(Boolean).join(" · ");
  li.appendChild(meta);

  const p = document.createElement("p");
  p.className = "search-result-snippet";
  const cps = codePoints(r.snippet);
  let at = 0;
  for (const hl of r.highlights) {
    if (hl[0] > at) p.appendChild(document.createTextNode(fromCodePoints(cps.slice(at, hl[0]))));
    const m = document.createElement("mark");
    m.textContent = fromCodePoints(cps.slice(hl[0], hl[1]));
    p.appendChild(m);
    at = hl[1];
  }
  if (at < cps.length) p.appendChild(document.createTextNode(fromCodePoints(cps.slice(at))));
  li.appendChild(p);

  if (r.others > 0) {
    // The other sections that hold every term, folded: a click opens them.
    const o = document.createElement("details");
    o.className = "search-result-others";
    const s = document.createElement("summary");
    s.textContent = "本报告另有 " + r.others + " 个部分含有检索词";
    o.appendChild(s);
    const ul = document.createElement("ul");
    for (const sec of r.otherSections || []) {
      const li2 = document.createElement("li");
      const a2 = document.createElement("a");
      a2.href = new URL(r.url, root).href + (sec.id ? "#" + sec.id : "");
      a2.textContent = sec.title || "报告开头";
      li2.appendChild(a2);
      ul.appendChild(li2);
    }
    o.appendChild(ul);
    li.appendChild(o);
  }
  return li;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
