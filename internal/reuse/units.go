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

// standard is boilerplate.txt, masked as units are: a replacer deleting
// its phrases (the longest first, so that 法治政府建设实施纲要 goes whole)
// and the phrases that make a sentence boilerplate whole.
type standard struct {
	phrases *strings.Replacer
	whole   []string
}

var formulations = sync.OnceValue(func() standard {
	var st standard
	var masked []string
	for _, line := range Formulations() {
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			st.whole = append(st.whole, maskUnit(rest))
			continue
		}
		if m := maskUnit(line); m != "" {
			masked = append(masked, m)
		}
	}
	slices.SortStableFunc(masked, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(masked))
	for _, m := range masked {
		pairs = append(pairs, m, "")
	}
	st.phrases = strings.NewReplacer(pairs...)
	return st
})

// boilerplate says a masked unit is standard wording: it names the guiding
// thought, or says fewer than MinOwn characters besides the standard
// phrases.
func boilerplate(m string) bool {
	st := formulations()
	for _, w := range st.whole {
		if strings.Contains(m, w) {
			return true
		}
	}
	return utf8.RuneCountInString(st.phrases.Replace(m)) < MinOwn
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

// Places are the words masked as place names: the report's own names and
// their short forms, and the ways a report names its own town (我镇, 本街道).
func Places(names ...string) []string {
	var out []string
	for _, n := range names {
		if utf8.RuneCountInString(n) < 2 {
			continue
		}
		out = append(out, n)
		for _, suffix := range []string{"街道办事处", "街道", "镇", "乡", "区", "县", "市", "省", "自治州", "自治县"} {
			if short, ok := strings.CutSuffix(n, suffix); ok && utf8.RuneCountInString(short) >= 2 {
				out = append(out, short)
			}
		}
	}
	for _, self := range []string{"我", "本", "全"} {
		for _, level := range []string{"镇", "乡", "街道", "县", "区", "市"} {
			out = append(out, self+level)
		}
	}
	return out
}

// Paragraph cuts a paragraph's text into its units, with places (Places)
// masked. part and index say where it is.
func Paragraph(text string, places *strings.Replacer, part, index int) Para {
	p := Para{Part: int32(part), Index: int32(index), Lead: firstClause(text)}
	if places != nil {
		text = places.Replace(text)
	}
	for _, u := range splitUnits(text) {
		m := maskUnit(u)
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
// written, with places masked as Paragraph masks them; "" when there is
// none.
func UnitText(text string, places *strings.Replacer, hash uint64) string {
	masked := text
	if places != nil {
		masked = places.Replace(text)
	}
	// The masked text's units are found, then the same unit of the text
	// as written: masking places changes lengths, not the units' order.
	units, written := splitUnits(masked), splitUnits(text)
	for i, u := range units {
		if uint64(newHash().add(maskUnit(u))) == hash && i < len(written) {
			return strings.TrimSpace(written[i])
		}
	}
	return ""
}

// PlaceReplacer masks places (Places) in a text: each becomes markPlace.
func PlaceReplacer(places []string) *strings.Replacer {
	pairs := make([]string, 0, 2*len(places))
	for _, p := range places {
		pairs = append(pairs, p, string(markPlace))
	}
	return strings.NewReplacer(pairs...)
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
	if unicode.IsDigit(r) {
		return true
	}
	return strings.ContainsRune("零〇一二三四五六七八九十百千万亿两", r)
}

// maskUnit is a unit's text as compared: numbers as markNumber, spaces,
// punctuation and symbols dropped, full-width letters folded, and a
// leading enumeration (一是、（二）、3.) cut.
func maskUnit(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	number := false
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		switch {
		case isNumeral(r):
			if !number {
				b.WriteByte(markNumber)
			}
			number = true
			continue
		case r == markPlace:
			b.WriteRune(r)
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
