// Lists the words where Pagefind's two segmenters disagree on this corpus:
// every Han word of two or more characters that Intl.Segmenter (what
// pagefind.js uses on the query) produces from the indexed text but that
// jieba (what pagefind_extended used when indexing) never produced as a
// token, with its count. Such a word, searched on its own, has no index
// entry to match.
//
//	node segments.mjs BUNDLE_DIR        (e.g. SITE/pagefind)
//
// Node's ICU is used here; harness.mjs shows Chromium's segmentation of
// the queries it runs.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const dir = join(process.argv[2], "fragment");
const jieba = new Set();
const seg = new Map();
const S = new Intl.Segmenter("zh-CN", { granularity: "word" });
const han = /^\p{Script=Han}{2,}$/u;
for (const f of readdirSync(dir).sort()) {
  // A fragment is gzip of "pagefind_dcd" + JSON; words are separated by U+200B.
  const d = JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString("utf8").slice("pagefind_dcd".length));
  for (const w of d.content.split(/[\u200b\s]+/)) if (han.test(w)) jieba.add(w);
  for (const { segment, isWordLike } of S.segment(d.content.replace(/\u200b/g, ""))) {
    if (isWordLike && han.test(segment)) seg.set(segment, (seg.get(segment) || 0) + 1);
  }
}
const miss = [...seg].filter(([w]) => !jieba.has(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
console.log(`${miss.length} of ${seg.size} Intl.Segmenter words are no jieba token of the index:`);
console.log(miss.map(([w, n]) => `${w} ${n}`).join(", "));
