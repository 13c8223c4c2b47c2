// A node entry point for the engine, used by the Go tests
// (internal/search/js_test.go) and to time queries:
//
//	node cli.mjs INDEX_DIR < requests.json
//
// where cli.mjs is this file bundled by esbuild for node. Each request is
// {op: "search", q, filter, page, time, preload} or {op: "normalize" |
// "stream" | "tokens" | "plan", s}; the answer to each is one line of JSON. A search
// answer lists the files the query loaded and, with time > 0, the median
// and maximum milliseconds over that many runs of a fresh engine whose files
// are already in memory as text: the time from the data arriving to the
// answer, JSON parsing included. With preload (the list of files), it times
// only the first search of the process instead: the cold-start figure.

import { readFileSync } from "fs";
import { join } from "path";
import { Engine } from "./engine.js";
import { normalize, tokens, plan, queryTerms, fromCodePoints, stream } from "./normalize.js";

async function main() {
  const dir = process.argv[2];
  const requests = JSON.parse(readFileSync(0, "utf8"));
  const out = [];
  for (const req of requests) {
    if (req.op === "normalize") out.push(normalize(req.s));
    else if (req.op === "stream") out.push(fromCodePoints(stream(req.s)));
    else if (req.op === "tokens") out.push(tokens(req.s));
    else if (req.op === "plan") out.push(queryTerms(req.s).map((t) => Object.assign({ term: fromCodePoints(t) }, plan(t))));
    else out.push(await search(dir, req));
  }
  process.stdout.write(out.map((o) => JSON.stringify(o)).join("\n") + "\n");
}

async function search(dir, req) {
  if (req.preload) return cold(dir, req);
  const loaded = [];
  const text = new Map();
  const engine = new Engine((p) => {
    loaded.push(p);
    const t = readFileSync(join(dir, p), "utf8");
    text.set(p, t);
    return t;
  });
  let page = null;
  try {
    for (let i = 0; i <= (req.page || 0); i++) page = await engine.search(req.q, req.filter, i);
  } catch (e) {
    return { error: e.message, stale: !!e.stale };
  }
  const res = { page: page, loaded: loaded.slice().sort() };
  if (req.time > 0) {
    const ms = [];
    for (let i = 0; i < req.time; i++) {
      const e = new Engine((p) => text.get(p));
      const t0 = process.hrtime.bigint();
      for (let j = 0; j <= (req.page || 0); j++) await e.search(req.q, req.filter, j);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    ms.sort((a, b) => a - b);
    res.medianMs = ms[ms.length >> 1];
    res.maxMs = ms[ms.length - 1];
  }
  return res;
}

// cold times one search, the first of this process, over files read into
// memory beforehand: a visitor's first query, before the JIT has warmed up.
async function cold(dir, req) {
  const text = new Map();
  for (const p of req.preload) text.set(p, readFileSync(join(dir, p), "utf8"));
  const e = new Engine((p) => {
    if (!text.has(p)) throw new Error("not preloaded: " + p);
    return text.get(p);
  });
  const t0 = process.hrtime.bigint();
  const page = await e.search(req.q, req.filter, 0);
  return { page: page, coldMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + "\n");
  process.exit(1);
});
