// The 33 queries of internal/search/query_test.go (queryCases), with their
// filters. harness.mjs checks that the q strings still match that file.

export const QUERIES = [
  { name: "topic 法律顾问", q: "法律顾问" },
  { name: "topic 矛盾纠纷", q: "矛盾纠纷" },
  { name: "topic 行政执法", q: "行政执法" },
  { name: "two-character topic", q: "律师" },
  { name: "place inside the text", q: "和顺茶馆" },
  { name: "rare word", q: "枫桥" },
  { name: "no match", q: "量子计算" },
  { name: "签发人", q: "曾志刚" },
  { name: "town name in the title", q: "后叶镇" },
  { name: "town name without 镇", q: "回龙坝" },
  { name: "county", q: "云阳县" },
  { name: "county in title and text", q: "渝北区" },
  { name: "发文字号 with its own brackets", q: "后叶委文〔2025〕5号" },
  { name: "发文字号 with ASCII brackets", q: "后叶委文[2025]5号" },
  { name: "hotline number", q: "12348" },
  { name: "full-width digits", q: "１２３４８" },
  { name: "full-width year", q: "２０２１" },
  { name: "half-width bracket", q: "(2021" },
  { name: "range with ASCII hyphen", q: "2021-2025" },
  { name: "ASCII word, any case", q: "led" },
  { name: "full-width upper-case word", q: "ＬＥＤ" },
  { name: "spaces in the text", q: "2021年度法治政府建设总体情况" },
  { name: "one character", q: "镇" },
  { name: "two terms, both needed", q: "法律顾问 2024" },
  { name: "two terms, one section", q: "回龙坝 枫桥" },
  { name: "terms repeated", q: "枫桥 枫桥" },
  { name: "year filter", q: "法律顾问", f: { year: "2021" } },
  { name: "kind filter", q: "矛盾纠纷", f: { kind: "shortcomings" } },
  { name: "kind filter plans", q: "法律顾问", f: { kind: "plans" } },
  { name: "town filter by name", q: "法律顾问", f: { town: "后叶镇" } },
  { name: "town filter by code", q: "法治", f: { town: "500235145" } },
  { name: "county filter", q: "法治", f: { county: "沙坪坝区" } },
  { name: "year with no report", q: "法治", f: { year: "2019" } },
];

// Not part of the 33: words that Intl.Segmenter (Pagefind's query-time
// segmenter) keeps whole in this corpus while jieba (its index-time
// segmenter, in pagefind_extended) splits them, found by segments.mjs over
// the Pagefind index of the report pages. They illustrate the disagreement
// and are reported apart from the 33.
export const EXTRA = [
  { name: "segmentation: 习近平", q: "习近平" },
  { name: "segmentation: 行政诉讼", q: "行政诉讼" },
  { name: "segmentation: 人民法院", q: "人民法院" },
  { name: "segmentation: 人民政府", q: "人民政府" },
  { name: "segmentation: 合法性", q: "合法性" },
  { name: "segmentation: 派出所", q: "派出所" },
  { name: "segmentation: 国务院", q: "国务院" },
  { name: "segmentation: 四川省", q: "四川省" },
];
