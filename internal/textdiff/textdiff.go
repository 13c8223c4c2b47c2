// Package textdiff tells how a text changed from one year's report to the
// next: which paragraphs of the later carry over from the earlier,
// unchanged or edited, which are new and which were left out, and the
// edits of a paragraph character by character.
package textdiff

import (
	"cmp"
	mbits "math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is how a paragraph of the later text relates to the earlier.
type Kind int

// The kinds of paragraph.
const (
	// Same: carried over unchanged.
	Same Kind = iota
	// Edited: carried over with edits.
	Edited
	// Added: new in the later text.
	Added
	// Removed: in the earlier text only.
	Removed
)

// Pair is a paragraph of the later text (New) and the one of the earlier
// it carries over (Old); -1 where there is none.
type Pair struct {
	Old, New int
	Kind     Kind
}

// MinSimilar is the least share of character pairs two paragraphs must
// have in common for the later to count as the earlier, edited.
const MinSimilar = 0.5

// Align pairs the paragraphs of the later text with those of the earlier:
// an unchanged paragraph with its equal, then the rest greedily by
// similarity (most similar first), each paragraph used once. The result
// follows the later text; an earlier paragraph left over (Removed) comes
// after the later paragraph paired with the earlier one before it.
func Align(old, new []string) []Pair {
	usedOld := make([]bool, len(old))
	pairOf := make([]int, len(new))
	kind := make([]Kind, len(new))
	byText := map[string][]int{}
	for i, p := range old {
		n := norm(p)
		byText[n] = append(byText[n], i)
	}
	for j, p := range new {
		pairOf[j], kind[j] = -1, Added
		n := norm(p)
		if is := byText[n]; len(is) > 0 {
			pairOf[j], kind[j], usedOld[is[0]] = is[0], Same, true
			byText[n] = is[1:]
		}
	}
	type cand struct {
		old, new int
		score    float64
	}
	var cands []cand
	// Each paragraph left as the set of its character pairs, hashed into
	// a bit set wide enough that few pairs share a bit: the similarity of
	// two is then a count of shared bits.
	longest := 0
	for i, p := range old {
		if !usedOld[i] {
			longest = max(longest, len(p))
		}
	}
	for j, p := range new {
		if kind[j] != Same {
			longest = max(longest, len(p))
		}
	}
	words := 64                  // 4,096 bits
	for words*64 < 8*longest/3 { // a Chinese character is three bytes
		words *= 2
	}
	bits := make([][]uint64, len(old)+len(new))
	all := make([]uint64, words*len(bits))
	set := func(k int, p string) {
		bits[k] = all[k*words : (k+1)*words : (k+1)*words]
		pairBits(bits[k], p)
	}
	for i, p := range old {
		if !usedOld[i] {
			set(i, p)
		}
	}
	for j, p := range new {
		if kind[j] != Same {
			set(len(old)+j, p)
		}
	}
	count := make([]int, len(bits))
	for k, b := range bits {
		for _, w := range b {
			count[k] += mbits.OnesCount64(w)
		}
	}
	for j := range new {
		if kind[j] == Same {
			continue
		}
		b, nb := bits[len(old)+j], count[len(old)+j]
		for i := range old {
			// Two sets of very different sizes cannot share half: the
			// shared bits are at most the smaller set.
			if usedOld[i] || 2*float64(min(nb, count[i])) < MinSimilar*float64(nb+count[i]) {
				continue
			}
			if s := dice(b, bits[i], nb+count[i]); s >= MinSimilar {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.score, a.score) })
	for _, c := range cands {
		if usedOld[c.old] || pairOf[c.new] >= 0 {
			continue
		}
		usedOld[c.old], pairOf[c.new], kind[c.new] = true, c.old, Edited
	}
	// A removed paragraph goes after the later paragraph paired with the
	// nearest earlier paragraph before it, or first.
	newOf := make([]int, len(old))
	for i := range newOf {
		newOf[i] = -1
	}
	for j, i := range pairOf {
		if i >= 0 {
			newOf[i] = j
		}
	}
	after := make(map[int][]int) // later index (-1: before all) → removed
	at := -1
	for i := range old {
		if usedOld[i] {
			at = newOf[i]
			continue
		}
		after[at] = append(after[at], i)
	}
	var out []Pair
	for _, i := range after[-1] {
		out = append(out, Pair{Old: i, New: -1, Kind: Removed})
	}
	for j := range new {
		out = append(out, Pair{Old: pairOf[j], New: j, Kind: kind[j]})
		for _, i := range after[j] {
			out = append(out, Pair{Old: i, New: -1, Kind: Removed})
		}
	}
	return out
}

// norm is a paragraph as compared for equality: without spaces (those of
// unicode.IsSpace) when it holds a common one (ASCII white space, U+3000 or
// U+00A0), else as it is. One pass finds the first common space, a second
// copies the rest without spaces: every paragraph of two reports is
// normalised for each changes page.
func norm(s string) string {
	first := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r',
			c == 0xE3 && strings.HasPrefix(s[i:], "\u3000"),
			c == 0xC2 && strings.HasPrefix(s[i:], "\u00a0"):
			first = i
		default:
			continue
		}
		break
	}
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			b.WriteString(s[i : i+size]) // bytes that are no UTF-8 kept as they are
		}
		i += size
	}
	return b.String()
}

// pairBits sets in b a bit for each pair of neighbouring characters of s,
// spaces left out, by a multiplicative hash of the pair.
func pairBits(b []uint64, s string) {
	// The top bits of the product: they depend on every bit of the pair
	// (len(b) is a power of two).
	shift := 64 - mbits.Len(uint(len(b)*64-1))
	var prev rune = -1
	add := func(k uint64) {
		h := (k * 0x9E3779B97F4A7C15) >> shift
		b[h/64] |= 1 << (h % 64)
	}
	any := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if prev >= 0 {
			add(uint64(prev)<<32 | uint64(r))
			any = true
		}
		prev = r
	}
	if !any && prev >= 0 {
		add(uint64(prev))
	}
}

// dice is the Sørensen–Dice coefficient of two sets of bits, total bits
// set between them.
func dice(a, b []uint64, total int) float64 {
	if total == 0 {
		return 1
	}
	common := 0
	for i := range a {
		common += mbits.OnesCount64(a[i] & b[i])
	}
	return 2 * float64(common) / float64(total)
}

// OpKind is what an Op does.
type OpKind byte

// The kinds of Op.
const (
	Equal  OpKind = '='
	Delete OpKind = '-'
	Insert OpKind = '+'
)

// Op is a run of text kept, deleted or inserted.
type Op struct {
	Kind OpKind
	Text string
}

// maxEdits bounds the work of Chars: paragraphs further apart than this
// many inserted and deleted characters are shown as a whole replaced.
const maxEdits = 2000

// Chars returns the edits from a to b, character by character, a number
// (a run of digits) counting as one character so that 2021 becomes 2022
// whole: a shortest edit script (Myers' O(ND) algorithm), with a single
// kept character between two edits folded into them so that an edit reads
// as words, not confetti. Deletions come before insertions at the same
// place.
func Chars(a, b string) []Op {
	x, y := tokens(a), tokens(b)
	// The common start and end need no search.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []Op
	ops = appendOp(ops, Equal, strings.Join(x[:pre], ""))
	ops = append(ops, middle(x[pre:len(x)-suf], y[pre:len(y)-suf])...)
	ops = appendOp(ops, Equal, strings.Join(x[len(x)-suf:], ""))
	return cleanup(ops)
}

// tokens cuts s into characters, a run of digits (with the . or , inside
// a number) being one. Invalid UTF-8 becomes U+FFFD, as []rune does.
func tokens(s string) []string {
	if !utf8.ValidString(s) {
		return runeTokens(s)
	}
	// Valid text is cut into slices of itself: a character a string would
	// be an allocation for each of the thousands in a paragraph.
	out := make([]string, 0, utf8.RuneCountInString(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		if isDigit(r) {
			for j < len(s) {
				if r, size := utf8.DecodeRuneInString(s[j:]); isDigit(r) {
					j += size
					continue
				}
				if (s[j] == '.' || s[j] == ',') && j+1 < len(s) && isDigit(firstRune(s[j+1:])) {
					j++
					continue
				}
				break
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// runeTokens is tokens of text that is not valid UTF-8, by way of []rune,
// which turns what is no UTF-8 into U+FFFD.
func runeTokens(s string) []string {
	r := []rune(s)
	out := make([]string, 0, len(r))
	for i := 0; i < len(r); {
		j := i + 1
		if isDigit(r[i]) {
			for j < len(r) && (isDigit(r[j]) || (r[j] == '.' || r[j] == ',') && j+1 < len(r) && isDigit(r[j+1])) {
				j++
			}
		}
		out = append(out, string(r[i:j]))
		i = j
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// middle diffs what lies between the common start and end: Myers' greedy
// search for the furthest reaching path on each diagonal, keeping each
// round's frontier to walk the path back.
func middle(x, y []string) []Op {
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		return appendOp(appendOp(nil, Delete, strings.Join(x, "")), Insert, strings.Join(y, ""))
	}
	limit := min(n+m, maxEdits)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		// Round d reads the diagonals -d-1 … d+1 of the last: only those
		// are kept, at trace[d][k+d+1].
		trace = append(trace, slices.Clone(v[off-d-1:off+d+2]))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1] // down: an insertion
			} else {
				i = v[off+k-1] + 1 // right: a deletion
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		return appendOp(appendOp(nil, Delete, strings.Join(x, "")), Insert, strings.Join(y, ""))
	}
	// Walk back from the end, collecting the ops in reverse.
	var rev []Op
	i, j := n, m
	for d := found; d > 0; d-- {
		vp := trace[d]
		at := func(k int) int { return vp[k+d+1] }
		k := i - j
		var pk int
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		// The step from (px, py), then a run of equal characters to (i, j).
		mx, my := px+1, py
		if pk == k+1 {
			mx, my = px, py+1
		}
		for i > mx && j > my {
			i--
			j--
			rev = append(rev, Op{Equal, x[i]})
		}
		if pk == k+1 {
			rev = append(rev, Op{Insert, y[py]})
		} else {
			rev = append(rev, Op{Delete, x[px]})
		}
		i, j = px, py
	}
	for i > 0 && j > 0 {
		i--
		j--
		rev = append(rev, Op{Equal, x[i]})
	}
	// Each run of one kind joined once: appended a character at a time,
	// a long run was copied again for each.
	var ops []Op
	for k := len(rev) - 1; k >= 0; {
		kind, size, end := rev[k].Kind, 0, k
		for ; end >= 0 && rev[end].Kind == kind; end-- {
			size += len(rev[end].Text)
		}
		var b strings.Builder
		b.Grow(size)
		for ; k > end; k-- {
			b.WriteString(rev[k].Text)
		}
		ops = appendOp(ops, kind, b.String())
	}
	return ops
}

// appendOp appends text as an op of kind, joined to the last op when that
// is of the same kind.
func appendOp(ops []Op, kind OpKind, text string) []Op {
	if text == "" {
		return ops
	}
	if n := len(ops); n > 0 && ops[n-1].Kind == kind {
		ops[n-1].Text += text
		return ops
	}
	return append(ops, Op{kind, text})
}

// cleanup folds a kept run of one character between edits into the edits
// around it, and orders each run of edits as its deletions then its
// insertions.
func cleanup(ops []Op) []Op {
	var out []Op
	var del, ins strings.Builder
	flush := func() {
		out = appendOp(out, Delete, del.String())
		out = appendOp(out, Insert, ins.String())
		del.Reset()
		ins.Reset()
	}
	for k, op := range ops {
		switch {
		case op.Kind == Delete:
			del.WriteString(op.Text)
		case op.Kind == Insert:
			ins.WriteString(op.Text)
		case utf8.RuneCountInString(op.Text) == 1 && k > 0 && k < len(ops)-1 && del.Len()+ins.Len() > 0:
			del.WriteString(op.Text)
			ins.WriteString(op.Text)
		default:
			flush()
			out = appendOp(out, Equal, op.Text)
		}
	}
	flush()
	return out
}
