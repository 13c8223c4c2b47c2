// Package reuse finds the passages of a report that other reports also
// hold, word for word or nearly so, and tells them apart from the wording
// every report must use.
//
// A paragraph is cut into units: its sentences, and the clauses a ； ends
// (reports string a dozen measures into one sentence with semicolons). A
// unit is compared masked: numbers (Arabic or Chinese), years and the
// report's own place names are replaced by one mark, punctuation and
// spaces are dropped and full-width letters folded, and a leading 一是、
// （二） or 3. is cut. So "2023年，甲镇开展普法活动48场次" and "2024年，乙镇开展
// 普法活动52场次" are the same unit, and so is a sentence moved to another
// paragraph, or a paragraph split in two.
//
// Units are found in other reports through an index of their hashes,
// sorted once: never by comparing every pair of reports.
package reuse

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Unit is one sentence or clause of a paragraph, as compared.
type Unit struct {
	// Hash is the 64-bit FNV-1a hash of the unit's masked text.
	Hash uint64
	// Runes is the length of its masked text, in characters.
	Runes int32
}

// Para is a paragraph of a report as compared.
type Para struct {
	// Part is the report's part the paragraph is in (0 the text before
	// the first section, i the ith section); Index its place among the
	// part's paragraphs.
	Part, Index int32
	// Runes is the length of the paragraph's masked text.
	Runes int32
	// Units are the paragraph's units that count: boilerplate and units
	// shorter than MinUnit are left out.
	Units []Unit
	// Lead is the paragraph's first clause as written, a link's text
	// fragment to it.
	Lead string
}

// The thresholds, explained in the README.
const (
	// MinUnit is the shortest unit compared, in masked characters: a
	// shorter one (加强组织领导) says too little to be telling.
	MinUnit = 10
	// MinPara is the shortest paragraph marked, in masked characters.
	MinPara = 30
	// MinOwn is the least a unit must say besides the standard
	// formulations (boilerplate.txt) to count.
	MinOwn = 10
)

// The marks the masked text uses.
const (
	markNumber = '#'
	markPlace  = '@'
)

//go:embed boilerplate.txt
var boilerplateFile string

// standard is boilerplate.txt, masked as units are: its phrases by their
// first character, the longest first (so that 法治政府建设实施纲要 goes
// whole), and the phrases that make a sentence boilerplate whole.
type standard struct {
	byFirst map[rune][]string
	whole   []string
}

var formulations = sync.OnceValue(func() standard {
	st := standard{byFirst: map[rune][]string{}}
	for _, line := range Formulations() {
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			st.whole = append(st.whole, maskUnit(rest, nil))
			continue
		}
		if m := maskUnit(line, nil); m != "" {
			r, _ := utf8.DecodeRuneInString(m)
			st.byFirst[r] = append(st.byFirst[r], m)
		}
	}
	for _, ps := range st.byFirst {
		slices.SortStableFunc(ps, func(a, b string) int { return len(b) - len(a) })
	}
	return st
})

// boilerplate says a masked unit is standard wording: it names the guiding
// thought, or says fewer than MinOwn characters besides the standard
// phrases. Most units say enough in their first few dozen characters, where
// the count stops.
func boilerplate(m string) bool {
	st := formulations()
	for _, w := range st.whole {
		if strings.Contains(m, w) {
			return true
		}
	}
	own := 0
next:
	for i := 0; i < len(m); {
		r, size := utf8.DecodeRuneInString(m[i:])
		for _, p := range st.byFirst[r] {
			if strings.HasPrefix(m[i:], p) {
				i += len(p)
				continue next
			}
		}
		if own++; own >= MinOwn {
			return false
		}
		i += size
	}
	return true
}

// Formulations lists boilerplate.txt's phrases as written, for the page
// that explains the method; one starting with ! makes a sentence naming it
// boilerplate whole.
func Formulations() []string {
	var out []string
	for _, line := range strings.Split(boilerplateFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// Places are the place names a report's text is compared without: the
// report's own names and their short forms, and the ways a report names
// its own town (我镇, 本街道). Each becomes one mark.
type Places struct {
	// byFirst holds the names by their first character, longest first;
	// first has bit r%64 set for each such character, a quick test.
	byFirst map[rune][]string
	first   uint64
}

// NewPlaces returns the Places of a report of the named regions (province,
// city, county, town; empty names are left out).
func NewPlaces(names ...string) *Places {
	words := []string{}
	for _, n := range names {
		if utf8.RuneCountInString(n) < 2 {
			continue
		}
		words = append(words, n)
		for _, suffix := range []string{"街道办事处", "街道", "镇", "乡", "区", "县", "市", "省", "自治州", "自治县"} {
			if short, ok := strings.CutSuffix(n, suffix); ok && utf8.RuneCountInString(short) >= 2 {
				words = append(words, short)
			}
		}
	}
	for _, self := range []string{"我", "本", "全"} {
		for _, level := range []string{"镇", "乡", "街道", "县", "区", "市"} {
			words = append(words, self+level)
		}
	}
	pl := &Places{byFirst: map[rune][]string{}}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		pl.byFirst[r] = append(pl.byFirst[r], w)
		pl.first |= 1 << (uint(r) % 64)
	}
	for _, ws := range pl.byFirst {
		slices.SortStableFunc(ws, func(a, b string) int { return len(b) - len(a) })
	}
	return pl
}

// at returns the length of the place name s starts with (r its first
// character), 0 for none.
func (pl *Places) at(s string, r rune) int {
	if pl == nil || pl.first>>(uint(r)%64)&1 == 0 {
		return 0
	}
	for _, w := range pl.byFirst[r] {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// Paragraph cuts a paragraph's text into its units, with places masked
// (nil: none). part and index say where it is.
func Paragraph(text string, places *Places, part, index int) Para {
	p := Para{Part: int32(part), Index: int32(index), Lead: firstClause(text)}
	for _, u := range splitUnits(text) {
		m := maskUnit(u, places)
		n := int32(utf8.RuneCountInString(m))
		if n == 0 {
			continue
		}
		p.Runes += n
		if n < MinUnit || boilerplate(m) {
			continue
		}
		p.Units = append(p.Units, Unit{Hash: uint64(newHash().add(m)), Runes: n})
	}
	return p
}

// UnitText returns the unit of a paragraph's text whose hash is hash, as
// written, places masked as Paragraph masks them; "" when there is none.
func UnitText(text string, places *Places, hash uint64) string {
	for _, u := range splitUnits(text) {
		if uint64(newHash().add(maskUnit(u, places))) == hash {
			return strings.TrimSpace(u)
		}
	}
	return ""
}

// splitUnits cuts text after each 。；！？ (or their half-width forms).
func splitUnits(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		switch r {
		case '。', '；', '！', '？', ';', '!', '?':
			out = append(out, text[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// firstClause is text up to its first clause mark, as written: a clause
// ends at a word boundary, so a text fragment finds it.
func firstClause(text string) string {
	text = strings.TrimSpace(text)
	if i := strings.IndexAny(text, "，。；：！？,;:!?"); i > 0 {
		return strings.TrimSpace(text[:i])
	}
	return text
}

// isNumeral tells the characters of a number, Arabic or Chinese.
func isNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '两':
		return true
	}
	return r < 0x4E00 && unicode.IsDigit(r)
}

// maskUnit is a unit's text as compared: places as markPlace, numbers as
// markNumber, spaces, punctuation and symbols dropped, full-width letters
// folded, and a leading enumeration (一是、（二）、3.) cut.
func maskUnit(s string, places *Places) string {
	var b strings.Builder
	b.Grow(len(s))
	number := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if n := places.at(s[i:], r); n > 0 {
			b.WriteRune(markPlace)
			number = false
			i += n
			continue
		}
		i += size
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		if r >= 0x4E00 && r <= 0x9FFF && !isNumeral(r) { // most of a report
			b.WriteRune(r)
			number = false
			continue
		}
		switch {
		case isNumeral(r):
			if !number {
				b.WriteByte(markNumber)
			}
			number = true
			continue
		case r == '%' || r == '％':
			b.WriteRune('%')
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			continue // a number goes on across "3.5" or "1,200"
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		number = false
	}
	m := b.String()
	// A leading enumeration: #是, # (from 一、 or （二）or 3.).
	if rest, ok := strings.CutPrefix(m, string(markNumber)); ok {
		m = strings.TrimPrefix(rest, "是")
	}
	return m
}

// hash64 is FNV-1a, 64 bits: fixed, so the same text hashes alike in every
// build and on every machine.
type hash64 uint64

func newHash() hash64 { return 14695981039346656037 }

func (h hash64) add(s string) hash64 {
	for i := 0; i < len(s); i++ {
		h ^= hash64(s[i])
		h *= 1099511628211
	}
	return h
}
