// Package search builds the full-text index of the reports and answers
// queries over it the way the browser does. It is a leaf: it imports
// nothing of this module; the site build hands it plain Docs and writes the
// Files it returns under the site's search/index/ directory.
//
// # How it works
//
// Build (build.go) validates and orders the reports (in the order the site
// took them in, then oldest year first and by date, so that a newly arrived
// report is numbered last whatever year it is about), tokenizes them
// (tokens.go: unigrams, bigrams and ASCII n-grams of the folded text of
// normalize.go), collects one posting per token and report with its count
// and a mask of where it occurs (postings.go), and writes:
//
//	meta.json      shard counts, where the tail starts, kinds, the runs of reports of each year, every report's length
//	regions.json   counties, towns and each report's town (fetched only for region filters)
//	s/N.json       main postings shards, {"token":"VLQ postings",…}, a token lives in shard ⌊fnv32(token) × shards / 2³²⌋
//	t/N.json       tail postings shards, the same for the reports after the last whole block of 256
//	d/N.json       report N: URL, title, town, year, metadata fields and the text of each section
//
// BuildIndex can instead update the index of the last build (update.go):
// the reports before the first one added, changed or removed keep their
// numbers and files, and only the shards holding the tokens of the rest
// are rewritten, with the same bytes a whole build gives. A report that
// arrives after the others, whatever its year, lands in the tail, and the
// update rewrites the tail shards alone; the main shards change once a block of
// 256 has filled up. A report corrected where it stands is indexed alone,
// its postings replaced in the shards of its tokens.
//
// A query (query.go) is split into terms; each term needs a few tokens
// (plan), so the first query loads meta.json and one main and one small
// tail shard per token, never the whole index; a token's postings are
// those of its main shard followed by those of its tail shard. Candidates are the reports holding every token of every
// term; they are ranked from the postings alone: terms found in a title,
// heading or metadata field first, then density of matches over report
// length, then newest year, then report number. Candidates are then
// verified in rank order against their d/N.json, ten at a time (verify.go):
// the text is searched for each term, false candidates are dropped, the
// best section is chosen, and the snippet is cut and highlighted. So every
// result shown is a true substring match, and a page costs ten small report
// files.
//
// assets/search/engine.js is the same engine in JavaScript and must stay
// its exact twin: the tests run it under node on the same files and compare
// results, files loaded, tokens and folding for every code point.
//
// # Why these choices
//
// Chinese has no spaces, so words are not tokens. Character bigrams find any
// string of two or more characters with no dictionary (Pagefind segments with
// jieba when indexing and with Intl.Segmenter when querying; where they
// disagree, recall drops). A bigram's postings say a report contains both
// halves of a longer term, not that they are adjacent; positions would make
// the postings of common bigrams (法治, 政府) several times larger than the
// first-query budget, so adjacency is checked on the text instead, which a
// result needs anyway for its snippet. One- and two-character terms and ASCII
// words or numbers of up to eight characters are a single exact token: their
// totals are exact. Longer terms report "约 N" until every candidate has
// been checked, because N counts candidates.
//
// Postings are per report, not per section, for the same budget reason:
// with 20,000 reports a common bigram is in every report, and per-section
// postings would multiply the first query's download. The mask bits record
// which kinds of section a token occurs in (for the kind filter) and
// whether it occurs in a title, heading or metadata field (for ranking).
//
// Numbers in index files are base-64 VLQ strings inside JSON: compact,
// gzip-friendly, no escaping, and JSON.parse is not eval. Every
// comparison that decides rank uses integers (cross-multiplied densities),
// so Go and JavaScript cannot disagree through floating point.
package search
