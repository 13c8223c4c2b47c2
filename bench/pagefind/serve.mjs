// A static server for the comparison: the built site under its base path,
// the harness pages under /__bench/, gzip for text types, and a log of the
// bytes each response body carried.
//
//	import { serve } from "./serve.mjs";
//	const s = await serve({ site, base: "/zwgk/fzzfjsnb/", bench: dir });
//	s.url; s.takeLog(); await s.close();
//
// Text types (.html .js .mjs .css .json .txt .md .xml .svg) are sent with
// Content-Encoding: gzip at level 6 when the client accepts it, as a host
// with gzip on would; everything else (Pagefind's .pf_* and .pagefind files,
// which Pagefind gzips itself) is sent as stored. Each log entry has the
// path, the stored size, the bytes of the body as sent, and the gzip size at
// level 1 (nginx's default gzip_comp_level) for text types. HTTP headers are
// not counted.
//
// s.setCSP(policy, scope) sends "Content-Security-Policy: policy" with every
// response (scope "all", as a host configured once for the whole site
// does) or with HTML pages only (scope "html"); s.setCSP(null) turns it off.
// A dedicated worker is governed by the policy sent with its own script, not
// by the page's, so the two scopes differ for Pagefind's web worker.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname, sep } from "node:path";
import { gzipSync, constants } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};
const COMPRESS = new Set([".html", ".js", ".mjs", ".css", ".json", ".txt", ".md", ".xml", ".svg"]);

export async function serve({ site, base, bench }) {
  let log = [];
  let csp = null; // {policy, scope}
  const cache = new Map(); // file → {raw, gz6, gz1}

  async function load(file) {
    let c = cache.get(file);
    if (!c) {
      const raw = await readFile(file);
      c = { raw };
      if (COMPRESS.has(extname(file))) {
        c.gz6 = gzipSync(raw, { level: 6 });
        c.gz1 = gzipSync(raw, { level: 1 });
      }
      cache.set(file, c);
    }
    return c;
  }

  function resolve(root, rel) {
    const p = normalize(join(root, decodeURIComponent(rel)));
    if (p !== root && !p.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
    return p;
  }

  const server = createServer(async (req, res) => {
    const u = new URL(req.url, "http://x");
    let file = null;
    if (u.pathname.startsWith("/__bench/")) file = resolve(bench, u.pathname.slice(9));
    else if (u.pathname.startsWith(base)) file = resolve(site, u.pathname.slice(base.length));
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
      if (!file) throw new Error("outside");
      const c = await load(file);
      const ext = extname(file);
      const headers = {
        "Content-Type": TYPES[ext] || "application/octet-stream",
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
      };
      if (csp && (csp.scope === "all" || ext === ".html")) headers["Content-Security-Policy"] = csp.policy;
      let body = c.raw;
      if (c.gz6 && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
        body = c.gz6;
        headers["Content-Encoding"] = "gzip";
        headers["Vary"] = "Accept-Encoding";
      }
      headers["Content-Length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log.push({ path: u.pathname, raw: c.raw.length, sent: body.length, gz1: c.gz1 ? c.gz1.length : body.length, gzip: body !== c.raw });
    } catch (e) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      log.push({ path: u.pathname, status: 404, raw: 0, sent: 9, gz1: 9, gzip: false });
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    takeLog() {
      const l = log;
      log = [];
      return l;
    },
    setCSP(policy, scope = "all") {
      csp = policy ? { policy, scope } : null;
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
