// Package align suggests, for each item of one text (a year's plans), the
// passages of another (the next year's measures) that share the most of
// its wording: a plain text-similarity match of character pairs, weighted
// so that words every passage uses (法治, 建设) count little. It is a
// reading aid, never a verdict on whether a plan was carried out.
package align

import (
	"math"
	"slices"
	"sort"
	"unicode"
)

// Match is a passage suggested for an item: its index among the passages
// and how much wording they share, from 0 to 1.
type Match struct {
	Passage int
	Score   float64
}

// MinScore is the least shared wording a suggestion needs; below it an
// item is shown with no suggestion rather than a weak one.
const MinScore = 0.2

// Suggest returns, for each item, up to max passages with a score of at
// least MinScore, best first (ties in passage order). Every pair of every
// passage is packed with the passage's number into one integer and the
// lot sorted once: the postings of each pair, with no maps, so that an
// item costs what its own pairs' postings hold and the many plan pages of
// a national site cost little. Passages past the 65,536th are not read.
func Suggest(items, passages []string, max int) [][]Match {
	if len(passages) > 1<<16 {
		passages = passages[:1<<16]
	}
	size := 0
	for _, p := range passages {
		size += len(p) / 3 // a Chinese character is three bytes, and makes one pair
	}
	packed := make([]uint64, 0, size+16)
	for j, p := range passages {
		start := len(packed)
		packed = pairs(p, packed)
		for k := start; k < len(packed); k++ {
			packed[k] = packed[k]<<16 | uint64(j)
		}
	}
	sortKeys(packed)
	// The postings: each pair once, the passages using it in order, and
	// how often each does.
	type posting struct {
		passage int
		weight  float64
	}
	// Counted first, so that the slices are made once at their size:
	// grown by appending, they were most of what a plan page allocates.
	nPairs, nPosts := 0, 0
	for k, v := range packed {
		if k == 0 || packed[k-1] != v {
			nPosts++
			if k == 0 || packed[k-1]>>16 != v>>16 {
				nPairs++
			}
		}
	}
	keys := make([]uint64, 0, nPairs)  // the distinct pairs
	starts := make([]int, 0, nPairs+1) // where each pair's postings start in posts
	posts := make([]posting, 0, nPosts)
	for k, v := range packed {
		pair, passage := v>>16, int(v&0xffff)
		if k > 0 && packed[k-1] == v {
			posts[len(posts)-1].weight++
			continue
		}
		if len(keys) == 0 || keys[len(keys)-1] != pair {
			keys, starts = append(keys, pair), append(starts, len(posts))
		}
		posts = append(posts, posting{passage, 1})
	}
	starts = append(starts, len(posts))
	// A pair's weight falls with the passages that use it; a pair no
	// passage uses weighs the most but matches nothing.
	n := float64(len(passages) + 1)
	norms := make([]float64, len(passages))
	for i := range keys {
		idf := math.Log(n / float64(starts[i+1]-starts[i]+1))
		for k := starts[i]; k < starts[i+1]; k++ {
			posts[k].weight *= idf
			norms[posts[k].passage] += posts[k].weight * posts[k].weight
		}
	}
	for j := range norms {
		norms[j] = math.Sqrt(norms[j])
	}
	out := make([][]Match, len(items))
	scores := make([]float64, len(passages))
	var buf []uint64
	for i, it := range items {
		clear(scores)
		buf = pairs(it, buf[:0])
		slices.Sort(buf)
		norm := 0.0
		for lo := 0; lo < len(buf); {
			hi := lo + 1
			for hi < len(buf) && buf[hi] == buf[lo] {
				hi++
			}
			df := 0
			k, found := slices.BinarySearch(keys, buf[lo])
			if found {
				df = starts[k+1] - starts[k]
			}
			w := float64(hi-lo) * math.Log(n/float64(df+1))
			norm += w * w
			if found {
				for _, p := range posts[starts[k]:starts[k+1]] {
					scores[p.passage] += w * p.weight
				}
			}
			lo = hi
		}
		if norm == 0 {
			continue
		}
		norm = math.Sqrt(norm)
		var ms []Match
		for j, d := range scores {
			if d > 0 && norms[j] > 0 {
				if s := d / (norm * norms[j]); s >= MinScore {
					ms = append(ms, Match{Passage: j, Score: s})
				}
			}
		}
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].Score > ms[b].Score })
		if len(ms) > max {
			ms = ms[:max]
		}
		out[i] = ms
	}
	return out
}

// pairs appends the character pairs of s's letters (Chinese characters,
// and letters), each packed in a number, with numbers in the text left
// out: a plan's "3场" and a report's "5场" speak of the same thing.
func pairs(s string, buf []uint64) []uint64 {
	prev := rune(-1)
	for _, r := range s {
		if !isLetter(r) {
			prev = -1
			continue
		}
		if prev >= 0 {
			buf = append(buf, uint64(prev)<<21|uint64(r)) // a rune is at most 21 bits
		}
		prev = r
	}
	return buf
}

// isLetter reports whether r is a Chinese character or a letter. Most of a
// report is characters of the CJK Unified Ideographs block and ASCII,
// answered here without unicode's tables, which were a third of pairs.
func isLetter(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	case 0x4E00 <= r && r <= 0x9FFF:
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r)
}

// sortKeys sorts keys in increasing order: a radix sort, a byte at a time
// from the lowest, which for the thousands of pairs of a report takes
// about half what a comparison sort does (the sort was half of Suggest).
// The counts of every byte are taken in one pass, and a byte that all keys
// share (the high bytes of characters from one block of Unicode) is not
// sorted on. Short lists are sorted by comparison.
func sortKeys(keys []uint64) {
	if len(keys) < 256 {
		slices.Sort(keys)
		return
	}
	var counts [8][256]int
	for _, k := range keys {
		for d := range counts {
			counts[d][byte(k>>(8*d))]++
		}
	}
	src, dst := keys, make([]uint64, len(keys))
	for d := range counts {
		c := &counts[d]
		if c[byte(src[0]>>(8*d))] == len(src) {
			continue // every key has this byte
		}
		at := 0
		for i, n := range c {
			c[i], at = at, at+n
		}
		for _, k := range src {
			b := byte(k >> (8 * d))
			dst[c[b]] = k
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}
