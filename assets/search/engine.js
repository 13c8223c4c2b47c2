// The query engine, the twin of the Go reference engine
// (internal/search/query.go and verify.go): same files, same ranking, same
// verification, same snippets; only the data structures differ where speed
// asks for it. It knows nothing of the DOM, so Go tests run it under node
// and compare its answers with Go's.

import { codePoints, fromCodePoints, plan, queryTerms, stream, fold } from "./normalize.js";
import { VLQReader, DIGIT, unzigzag, fnv32, shardOf, FORMAT, shardPath, tailPath, contentPath } from "./codec.js";

export const PAGE_SIZE = 10;
const MAX_EXAMINE = 4 * PAGE_SIZE;
const DOC_LENGTH_BIAS = 1000;
const UNIT_LENGTH_BIAS = 200;
const LENGTH_UNIT = 100;
const SNIPPET_WIDTH = 100;
const SNIPPET_BEFORE = 30;
const HEADING_BIT = 1;

// Engine answers queries over an index reached through load(path), which
// returns a promise of the file's text; paths are relative to the index
// directory ("meta.json", "s/12.json", "d/345.json").
export class Engine {
  constructor(load) {
    this.load = load;
    this.files = new Map(); // path → promise of parsed JSON
    this.docs = new Map(); // doc number → promise of parsed content
    this.state = null; // the last query, so that the next page continues it
    this.queue = Promise.resolve(); // searches run one at a time: they share state
  }

  // file returns a promise of the parsed JSON of path, or of its text when
  // raw is set.
  file(path, raw) {
    let p = this.files.get(path);
    if (!p) {
      p = Promise.resolve(this.load(path)).then((text) => (raw ? text : JSON.parse(text)));
      this.files.set(path, p);
      // A failed fetch may succeed later (network): do not cache the failure.
      p.catch(() => this.files.delete(path));
    }
    return p;
  }

  meta() {
    if (!this.metaPromise) {
      this.metaPromise = this.file("meta.json").then((m) => {
        const r = new VLQReader(m.len);
        const lens = new Array(m.docs);
        for (let i = 0; i < m.docs; i++) lens[i] = r.next() * LENGTH_UNIT;
        const tail = m.tail;
        if (m.format !== FORMAT) {
          // A page older or newer than its index (a cached page after the
          // site was rebuilt): it would look tokens up in the wrong shards.
          const err = new Error("search index meta.json: format " + m.format + ", this page reads " + FORMAT);
          err.stale = true;
          throw err;
        }
        if (!(m.shards >= 1) || !Array.isArray(tail) || !(tail[0] >= 0 && tail[0] <= m.docs && tail[1] >= 0)) {
          throw new Error("search index meta.json: malformed");
        }
        m.lens = lens;
        const years = new Int32Array(m.docs);
        for (const y of m.years) {
          for (let d = Math.max(y[1], 0); d < Math.min(y[2], m.docs); d++) years[d] = y[0];
        }
        m.yearOf = years;
        return m;
      });
      this.metaPromise.catch(() => (this.metaPromise = null));
    }
    return this.metaPromise;
  }

  regions() {
    return this.file("regions.json").then((g) => {
      if (!g.docTown) {
        const r = new VLQReader(g.docs);
        const docTown = [];
        let prev = 0;
        while (!r.done()) {
          prev += unzigzag(r.next());
          docTown.push(prev);
        }
        g.docTown = docTown;
      }
      return g;
    });
  }

  doc(n) {
    let p = this.docs.get(n);
    if (!p) {
      p = this.file(contentPath(n)).then(readContent);
      this.docs.set(n, p);
      p.catch(() => this.docs.delete(n));
    }
    return p;
  }

  // search resolves to page (0-based) of the results for q (page n is what
  // the n-th "more results" adds), filtered by
  // filter {year, county, town, kind} (empty values do not filter):
  // {total, exact, more, results}. See Searcher.Search in Go.
  search(q, filter, page) {
    const run = () => this.run(q, filter, page);
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => {});
    return p;
  }

  async run(q, filter, page) {
    filter = {
      year: Number(filter && filter.year) || 0,
      county: (filter && filter.county) || "",
      town: (filter && filter.town) || "",
      kind: (filter && filter.kind) || "",
    };
    page = page || 0;
    const out = { total: 0, exact: true, more: false, results: [] };
    const terms = queryTerms(q);
    if (terms.length === 0 || page < 0) return out;
    const m = await this.meta();
    let kindBit = 0;
    if (filter.kind) {
      const k = m.kinds.indexOf(filter.kind);
      if (k < 0) return out;
      kindBit = 2 << k;
    }
    const plans = terms.map(plan);
    let exactPlan = true;
    const need = [];
    for (const p of plans) {
      exactPlan = exactPlan && p.exact;
      for (const tok of p.tokens) {
        for (const path of shardsOf(tok, m)) if (need.indexOf(path) < 0) need.push(path);
      }
    }
    const key = JSON.stringify([terms.map(fromCodePoints), filter.year, filter.county, filter.town, filter.kind]);
    let st = this.state && this.state.key === key ? this.state : null;
    if (!st) {
      // Shards stay text: a query needs one entry of a few hundred, and
      // JSON.parse of them all was the largest cost of a cold first query.
      const shards = await Promise.all(need.map((path) => this.file(path, true)));
      const byShard = new Map();
      need.forEach((path, i) => byShard.set(path, shards[i]));
      let cands = null;
      for (let i = 0; i < plans.length; i++) {
        let tl = null;
        for (const tok of plans[i].tokens) {
          const l = postingsOf(byShard, tok, m);
          if (l === null) return out; // no report has it
          tl = tl ? intersect(tl, l) : l;
        }
        cands = merge(cands, tl, kindBit);
      }
      cands = await this.filter(cands, filter, m);
      st = { key: key, ranked: new Ranker(cands, m.lens, m.yearOf), verified: [], total: cands.n, bounds: [] };
      this.state = st;
    }
    const rk = st.ranked;
    // A failed fetch in the middle of a page would leave candidates taken
    // but not verified: forget the state so that a retry starts afresh.
    try {
      await this.verifyPages(st, terms, filter.kind, page);
    } catch (err) {
      this.state = null;
      throw err;
    }
    const b = st.bounds[page];
    out.results = st.verified.slice(b[0], b[1]);
    out.more = rk.left() > 0;
    out.total = st.total;
    out.exact = exactPlan || rk.left() === 0;
    return out;
  }

  // verifyPages verifies candidates in rank order until page is complete
  // (see Searcher.Search in Go for the rules).
  async verifyPages(st, terms, kind, page) {
    const rk = st.ranked;
    for (let p = st.bounds.length; p <= page; p++) {
      const start = st.verified.length;
      const want = start + PAGE_SIZE;
      let examined = 0;
      while (st.verified.length < want && rk.left() > 0 && examined < MAX_EXAMINE) {
        const n = Math.min(want - st.verified.length, rk.left(), MAX_EXAMINE - examined);
        const batch = [];
        for (let i = 0; i < n; i++) batch.push(rk.pop());
        examined += n;
        const docs = await Promise.all(batch.map((c) => this.doc(c.doc)));
        for (let i = 0; i < batch.length; i++) {
          const r = verify(docs[i], terms, kind);
          if (!r) {
            st.total--;
            continue;
          }
          r.doc = batch[i].doc;
          r.heading = batch[i].heading;
          r.hits = batch[i].hits;
          st.verified.push(r);
        }
      }
      st.bounds.push([start, st.verified.length]);
    }
  }

  async filter(cands, f, m) {
    const g = f.county || f.town ? await this.regions() : null;
    const out = newCands(cands.n);
    for (let i = 0; i < cands.n; i++) {
      const d = cands.doc[i];
      if (d < 0 || d >= m.docs || (f.year && m.yearOf[d] !== f.year)) continue;
      if (g) {
        if (d >= g.docTown.length) continue;
        const t = g.towns[g.docTown[d]];
        const cty = g.counties[t[2]];
        if (f.town && f.town !== t[0] && f.town !== t[1]) continue;
        if (f.county && f.county !== cty[0] && f.county !== cty[1]) continue;
      }
      out.doc[out.n] = d;
      out.heading[out.n] = cands.heading[i];
      out.hits[out.n] = cands.hits[i];
      out.n++;
    }
    return out;
  }
}

// shardsOf lists the shards holding the postings of tok: one main shard
// and, if the index has a tail, one tail shard (shardsOf in Go).
function shardsOf(tok, m) {
  const h = fnv32(tok);
  const paths = [shardPath(shardOf(h, m.shards))];
  if (m.tail[1] > 0) paths.push(tailPath(shardOf(h, m.tail[1])));
  return paths;
}

// postingsOf decodes the postings of tok from the loaded shards: those of
// the main shard, then those of the tail, whose reports come after; null
// if no report has tok.
function postingsOf(byShard, tok, m) {
  let out = null;
  for (const path of shardsOf(tok, m)) {
    const v = lookup(byShard.get(path), tok);
    if (v === null) continue;
    const l = decodeList(v);
    if (out === null) {
      out = l;
      continue;
    }
    if (l.n > 0 && out.n > 0 && l.ids[0] <= out.ids[out.n - 1]) {
      throw new Error("search index: postings of " + tok + " in " + path + ": reports out of order");
    }
    out = concatLists(out, l);
  }
  return out;
}

// concatLists joins two decoded lists, the second after the first.
function concatLists(a, b) {
  const join = (x, y) => {
    const z = new Int32Array(a.n + b.n);
    z.set(x.subarray(0, a.n));
    z.set(y.subarray(0, b.n), a.n);
    return z;
  };
  return { n: a.n + b.n, ids: join(a.ids, b.ids), tf: join(a.tf, b.tf), mask: join(a.mask, b.mask) };
}

// lookup returns the postings string of tok in the text of a shard (a JSON
// object of strings, as codec.go writes it), or null. Values are VLQ
// strings, which hold no quote or backslash, so they are skipped with
// indexOf; only keys are decoded.
function lookup(text, tok) {
  let pos = 1; // after "{"
  while (pos < text.length && text.charCodeAt(pos) === 0x22) {
    // The key, unescaping as JSON does.
    let key = "";
    let from = ++pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c === 0x5c) {
        key += text.slice(from, pos);
        const e = text.charAt(pos + 1);
        if (e === "u") {
          key += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          key += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e === "b" ? "\b" : e === "f" ? "\f" : e;
          pos += 2;
        }
        from = pos;
        continue;
      }
      if (pos >= text.length) throw new Error("search index: malformed shard");
      pos++;
    }
    key += text.slice(from, pos);
    pos += 3; // '":"'
    const end = text.indexOf('"', pos);
    if (end < 0) throw new Error("search index: malformed shard");
    if (key === tok) return text.slice(pos, end);
    pos = end + 2; // '",' or '"}'
  }
  return null;
}

// decodeList reads one token's postings: the count, then the doc gaps,
// the counts and the masks as three columns. All 3n numbers are decoded by
// one loop into one array (the hottest loop of a query), then split.
function decodeList(v) {
  const len = v.length;
  let pos = 0;
  let n = -1;
  let all = null;
  let k = 0;
  while (pos < len) {
    let x = 0;
    let shift = 0;
    for (;;) {
      const c = v.charCodeAt(pos++);
      const d = c < 128 ? DIGIT[c] : -1;
      if (d < 0 || shift > 25) throw new Error("search index: malformed postings");
      x |= (d & 31) << shift;
      if (d < 32) break;
      shift += 5;
    }
    if (n < 0) {
      n = x;
      if (n > len) throw new Error("search index: malformed postings");
      all = new Int32Array(3 * n);
    } else if (k < 3 * n) {
      all[k++] = x;
    }
    if (k === 3 * n && pos < len) throw new Error("search index: malformed postings");
  }
  if (k !== 3 * n) throw new Error("search index: malformed postings");
  const ids = all.subarray(0, n);
  const tf = all.subarray(n, 2 * n);
  let prev = -1;
  for (let i = 0; i < n; i++) ids[i] = prev += 1 + ids[i];
  for (let i = 0; i < n; i++) tf[i] += 1;
  return { n: n, ids: ids, tf: tf, mask: all.subarray(2 * n) };
}

// intersect keeps the docs in both lists; for the tokens of one term the
// count is the smaller one and the mask the common bits.
function intersect(a, b) {
  const cap = Math.min(a.n, b.n);
  const ids = new Int32Array(cap);
  const tf = new Int32Array(cap);
  const mask = new Int32Array(cap);
  const ai = a.ids;
  const bi = b.ids;
  const an = a.n;
  const bn = b.n;
  let k = 0;
  for (let i = 0, j = 0; i < an && j < bn; ) {
    const x = ai[i];
    const y = bi[j];
    if (x < y) i++;
    else if (x > y) j++;
    else {
      ids[k] = x;
      tf[k] = a.tf[i] < b.tf[j] ? a.tf[i] : b.tf[j];
      mask[k] = a.mask[i] & b.mask[j];
      k++;
      i++;
      j++;
    }
  }
  return { n: k, ids: ids, tf: tf, mask: mask };
}

// Candidates are columns of typed arrays: at 20,000 reports a query has
// 20,000 candidates, and objects would cost more than the search.
function newCands(cap) {
  return { n: 0, doc: new Int32Array(cap), heading: new Int32Array(cap), hits: new Int32Array(cap) };
}

// merge combines the candidates so far (null before the first term) with
// the postings of the next term.
function merge(cands, tl, kindBit) {
  const out = newCands(cands ? Math.min(cands.n, tl.n) : tl.n);
  const od = out.doc;
  const oh = out.heading;
  const ot = out.hits;
  const ids = tl.ids;
  const mask = tl.mask;
  const tf = tl.tf;
  let k = 0;
  let j = 0;
  for (let i = 0; i < tl.n; i++) {
    const id = ids[i];
    if (kindBit !== 0 && (mask[i] & kindBit) === 0) continue;
    let heading = 0;
    let hits = 0;
    if (cands) {
      while (j < cands.n && cands.doc[j] < id) j++;
      if (j === cands.n) break;
      if (cands.doc[j] !== id) continue;
      heading = cands.heading[j];
      hits = cands.hits[j];
    }
    od[k] = id;
    oh[k] = heading + (mask[i] & HEADING_BIT ? 1 : 0);
    ot[k] = hits + tf[i];
    k++;
  }
  out.n = k;
  return out;
}

// Ranker yields candidates in rank order — more heading terms, then higher
// density (integers cross-multiplied, as in Go), then newer year, then doc
// number — from a binary heap: a page needs the best ten of 20,000, and
// sorting them all would be most of the query time. The order is a total
// order, so it is the order of the sort in Go.
class Ranker {
  constructor(c, lens, years) {
    this.c = c;
    this.years = years;
    this.den = new Float64Array(c.n);
    for (let i = 0; i < c.n; i++) this.den[i] = lens[c.doc[i]] + DOC_LENGTH_BIAS;
    this.heap = new Int32Array(c.n);
    for (let i = 0; i < c.n; i++) this.heap[i] = i;
    this.size = c.n;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
  }
  // before says whether candidate a ranks before candidate b.
  before(a, b) {
    const c = this.c;
    if (c.heading[a] !== c.heading[b]) return c.heading[a] > c.heading[b];
    const da = c.hits[a] * this.den[b];
    const db = c.hits[b] * this.den[a];
    if (da !== db) return da > db;
    const ya = this.years[c.doc[a]];
    const yb = this.years[c.doc[b]];
    if (ya !== yb) return ya > yb;
    return c.doc[a] < c.doc[b];
  }
  down(i) {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) return;
      let best = l;
      if (l + 1 < this.size && this.before(h[l + 1], h[l])) best = l + 1;
      if (!this.before(h[best], h[i])) return;
      const t = h[i];
      h[i] = h[best];
      h[best] = t;
      i = best;
    }
  }
  left() {
    return this.size;
  }
  pop() {
    const h = this.heap;
    const top = h[0];
    this.size--;
    h[0] = h[this.size];
    this.down(0);
    return { doc: this.c.doc[top], heading: this.c.heading[top], hits: this.c.hits[top] };
  }
}

// readContent turns a d/N.json into units: sections[0] is the lead, whose
// heading fields are the report title and the metadata values.
function readContent(d) {
  d.units = d.sections.map((sec, i) => {
    const fields = [];
    if (i === 0) {
      fields.push({ label: "", text: d.title, heading: true });
      for (const m of d.meta) fields.push({ label: m[0], text: m[1], heading: true });
    } else {
      fields.push({ label: "", text: sec[1], heading: true });
    }
    fields.push({ label: "", text: sec[3], heading: false });
    let length = 0;
    for (const f of fields) {
      f.s = stream(f.text);
      length += f.s.length;
    }
    return { id: sec[0], title: sec[1], kind: sec[2], fields: fields, length: length };
  });
  return d;
}

// find returns the start offsets of the non-overlapping occurrences of t in
// s, leftmost first.
function find(s, t) {
  const at = [];
  for (let i = 0; i + t.length <= s.length; ) {
    let j = 0;
    while (j < t.length && s[i + j] === t[j]) j++;
    if (j === t.length) {
      at.push(i);
      i += t.length;
    } else {
      i++;
    }
  }
  return at;
}

function better(a, b) {
  if (a.present !== b.present) return a.present > b.present;
  if (a.heading !== b.heading) return a.heading > b.heading;
  return a.occ * (b.length + UNIT_LENGTH_BIAS) > b.occ * (a.length + UNIT_LENGTH_BIAS);
}

function verify(d, terms, kind) {
  const found = terms.map(() => false);
  let best = -1;
  let bestScore = null;
  const scores = [];
  d.units.forEach((u, ui) => {
    scores.push(null);
    if (kind && u.kind !== kind) return;
    const sc = { present: 0, heading: 0, occ: 0, length: u.length, all: true };
    terms.forEach((t, ti) => {
      let inAny = false;
      let inHead = false;
      for (const f of u.fields) {
        const n = find(f.s, t).length;
        if (n > 0) {
          inAny = true;
          inHead = inHead || f.heading;
          sc.occ += n;
        }
      }
      if (inAny) {
        sc.present++;
        found[ti] = true;
      } else {
        sc.all = false;
      }
      if (inHead) sc.heading++;
    });
    scores[ui] = sc;
    if (sc.present > 0 && (best < 0 || better(sc, bestScore))) {
      best = ui;
      bestScore = sc;
    }
  });
  if (found.indexOf(false) >= 0) return null;
  let others = 0;
  const otherSections = [];
  d.units.forEach((u, ui) => {
    if (ui !== best && scores[ui] && scores[ui].all) {
      others++;
      otherSections.push({ id: u.id, title: u.title });
    }
  });
  const u = d.units[best];
  const snip = snippetOf(u, terms);
  return {
    doc: 0,
    url: d.url,
    title: d.title,
    town: d.town,
    county: d.county,
    year: d.year,
    sectionId: u.id,
    sectionTitle: u.title,
    kind: u.kind,
    snippet: snip.text,
    highlights: snip.highlights,
    others: others,
    // Left out when empty, as the reference engine leaves it out.
    otherSections: otherSections.length ? otherSections : undefined,
    heading: 0,
    hits: 0,
  };
}

function snippetOf(u, terms) {
  const order = [u.fields.length - 1];
  for (let i = 0; i < u.fields.length - 1; i++) order.push(i);
  let bestField = order[0];
  let bestN = -1;
  for (const fi of order) {
    let n = 0;
    for (const t of terms) if (find(u.fields[fi].s, t).length > 0) n++;
    if (n > bestN) {
      bestField = fi;
      bestN = n;
    }
  }
  const f = u.fields[bestField];
  return snippet(f.label ? f.label + "：" : "", f.text, terms);
}

// snippet collapses the spaces of text, finds the terms in its folded
// stream, and cuts a window around the first match; offsets are in code
// points.
export function snippet(prefix, text, terms) {
  const disp = codePoints(prefix);
  const prefixLen = disp.length;
  const st = [];
  const pos = [];
  let space = false;
  const cps = codePoints(text);
  for (let i = 0; i < cps.length; i++) {
    const r = cps[i];
    const f = fold(r);
    if (f === 0x20) {
      space = disp.length > prefixLen;
      continue;
    }
    if (space) {
      disp.push(0x20);
      space = false;
    }
    pos.push(disp.length);
    disp.push(r);
    st.push(f);
  }
  const marks = [];
  for (const t of terms) {
    for (const a of find(st, t)) marks.push([pos[a], pos[a + t.length - 1] + 1]);
  }
  marks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged = [];
  for (const mk of marks) {
    const n = merged.length;
    if (n > 0 && mk[0] <= merged[n - 1][1]) {
      merged[n - 1][1] = Math.max(merged[n - 1][1], mk[1]);
      continue;
    }
    merged.push([mk[0], mk[1]]);
  }
  let start = 0;
  let end = disp.length;
  if (disp.length > SNIPPET_WIDTH) {
    const first = merged.length > 0 ? merged[0][0] : 0;
    start = Math.max(0, first - SNIPPET_BEFORE);
    end = Math.min(disp.length, start + SNIPPET_WIDTH);
    start = Math.max(0, end - SNIPPET_WIDTH);
  }
  let text2 = fromCodePoints(disp.slice(start, end));
  let shift = 0;
  if (start > 0) {
    text2 = "…" + text2;
    shift = 1;
  }
  if (end < disp.length) text2 += "…";
  const highlights = [];
  for (const mk of merged) {
    const a = Math.max(mk[0], start);
    const b = Math.min(mk[1], end);
    if (a < b) highlights.push([a - start + shift, b - start + shift]);
  }
  return { text: text2, highlights: highlights };
}
