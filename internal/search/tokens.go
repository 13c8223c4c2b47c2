package search

// Tokens are the keys of the index. Three kinds are taken from the folded,
// space-free text of every field:
//
//   - every code point (a unigram), so that one-character queries work;
//   - every pair of adjacent code points (a bigram), so that any query of two or
//     more characters finds every field containing it, with no dictionary;
//   - inside each maximal run of ASCII letters and digits, every substring of
//     3 to asciiMax characters, so that numbers such as 12348 or 2021 are one
//     exact lookup instead of an intersection of digit pairs ("20", "02", "21")
//     that occur in every report.
//
// The three kinds never collide: unigrams have one code point, bigrams two,
// ASCII n-grams three or more.

const (
	// asciiMax is the longest ASCII n-gram indexed. Longer ASCII query
	// segments are covered by windows of this length.
	asciiMax = 8

	// maxTerms and maxTermLen bound the work a query can ask for; the
	// browser applies the same limits.
	maxTerms   = 8
	maxTermLen = 32
)

// A key packs a token into an integer so that the index builder counts
// tokens without allocating strings: the top two bits give the kind.
type key uint64

const (
	kindUni   key = 0 << 62
	kindBi    key = 1 << 62
	kindASCII key = 2 << 62
)

func uniKey(r rune) key   { return kindUni | key(r) }
func biKey(a, b rune) key { return kindBi | key(a)<<21 | key(b) }
func asciiKey(s []rune) key { // 3 ≤ len(s) ≤ asciiMax, every rune < 0x80
	k := kindASCII | key(len(s))<<56
	for i, r := range s {
		k |= key(r) << (7 * uint(i))
	}
	return k
}

// String returns the token text, which is what shard files are keyed by and
// what the browser hashes.
func (k key) String() string {
	switch k & (3 << 62) {
	case kindUni:
		return string(rune(k))
	case kindBi:
		return string([]rune{rune(k>>21) & 0x1fffff, rune(k) & 0x1fffff})
	}
	n := int(k>>56) & 0x3f
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(k>>(7*uint(i))) & 0x7f
	}
	return string(b)
}

// eachToken calls fn for every token occurrence of a space-free folded
// stream, in the order of Tokens.
func eachToken(s []rune, fn func(key)) {
	run := 0 // length of the ASCII alphanumeric run ending at i
	for i, r := range s {
		fn(uniKey(r))
		if i+1 < len(s) {
			fn(biKey(r, s[i+1]))
		}
		if !isASCIIAlnum(r) {
			run = 0
			continue
		}
		run++
		// Emit the n-grams that end at i, shortest first, once the run is long
		// enough; every substring of the run is emitted exactly once.
		for n := 3; n <= asciiMax && n <= run; n++ {
			fn(asciiKey(s[i+1-n : i+1]))
		}
	}
}

// Tokens returns the token occurrences of s in index order: for each
// position, its unigram, the bigram starting there, then the ASCII n-grams
// ending there from shortest to longest. Spaces are dropped before
// tokenizing, so a bigram may span them.
func Tokens(s string) []string {
	var out []string
	eachToken(stream(s), func(k key) { out = append(out, k.String()) })
	return out
}

// queryTerms splits a query into its terms: the folded text, split at
// spaces, deduplicated, at most maxTerms terms of at most maxTermLen code
// points.
func queryTerms(q string) [][]rune {
	var terms [][]rune
	var cur []rune
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if len(cur) > maxTermLen {
			cur = cur[:maxTermLen]
		}
		for _, t := range terms {
			if string(t) == string(cur) {
				cur = nil
				return
			}
		}
		if len(terms) < maxTerms {
			terms = append(terms, cur)
		}
		cur = nil
	}
	for _, r := range q {
		if f := fold(r); f == ' ' {
			flush()
		} else {
			cur = append(cur, f)
		}
	}
	flush()
	return terms
}

// plan returns the tokens whose postings a term needs, sorted and
// deduplicated, and whether those postings answer the term exactly (so that
// no candidate can fail verification). A one- or two-character term is one
// exact token; so is an ASCII word or number of up to asciiMax characters.
// Longer terms need every bigram, except that ASCII segments of three or
// more characters use their n-grams instead of their digit pairs.
func plan(t []rune) (keys []key, exact bool) {
	if len(t) == 1 {
		return []key{uniKey(t[0])}, true
	}
	seg := make([]int, len(t)) // id+1 of the ASCII segment (≥3 long) holding t[i]
	nseg := 0
	for i := 0; i < len(t); {
		j := i
		for j < len(t) && isASCIIAlnum(t[j]) {
			j++
		}
		if j-i >= 3 {
			nseg++
			for k := i; k < j; k++ {
				seg[k] = nseg
			}
			if j-i <= asciiMax {
				keys = append(keys, asciiKey(t[i:j]))
			} else {
				for k := i; k < j; k += asciiMax {
					if k+asciiMax > j {
						k = j - asciiMax
					}
					keys = append(keys, asciiKey(t[k:k+asciiMax]))
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	for i := 0; i+1 < len(t); i++ {
		if seg[i] != 0 && seg[i] == seg[i+1] {
			continue
		}
		keys = append(keys, biKey(t[i], t[i+1]))
	}
	keys = sortKeys(keys)
	exact = len(t) == 2 || nseg == 1 && len(t) <= asciiMax && seg[0] != 0 && seg[len(t)-1] != 0
	return keys, exact
}

// sortKeys sorts keys by their text and removes duplicates; the order only
// matters for determinism.
func sortKeys(keys []key) []key {
	strs := make([]string, len(keys))
	for i, k := range keys {
		strs[i] = k.String()
	}
	// insertion sort: a term has at most maxTermLen keys
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && strs[j] < strs[j-1]; j-- {
			strs[j], strs[j-1] = strs[j-1], strs[j]
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || strs[i] != strs[i-1] {
			out = append(out, k)
		}
	}
	return out
}
