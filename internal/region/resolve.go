package region

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrNotFound is returned, wrapped with the text, when a text names no township in the table.
// Its message, and an *AmbiguousError's, are in Chinese: the importer quotes them to staff.
var ErrNotFound = errors.New("没有区划表里的乡镇")

// ErrAmbiguous matches (with errors.Is) every *AmbiguousError.
var ErrAmbiguous = errors.New("乡镇不唯一")

// AmbiguousError reports a text that names several townships equally well, such as a bare 兴隆镇.
type AmbiguousError struct {
	Text       string
	Candidates []Town // every township that fits equally well, by code
}

// shownCandidates is how many candidates an AmbiguousError's message lists.
const shownCandidates = 3

// Error lists the number of candidates and the full names of the first few.
func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q 所指的乡镇不唯一，共 %d 个候选（", e.Text, len(e.Candidates))
	for i, c := range e.Candidates[:min(len(e.Candidates), shownCandidates)] {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(c.FullName())
	}
	if len(e.Candidates) > shownCandidates {
		b.WriteString("、…")
	}
	b.WriteString("）")
	return b.String()
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// Resolve finds the township that an issuer or title names, such as "中共云阳县后叶镇委员会" or
// "重庆市渝北区兴隆镇人民政府", returning an error wrapping ErrNotFound or an *AmbiguousError.
func (t *Table) Resolve(text string) (Town, error) {
	// Every township name in the text is a candidate. Each candidate earns evidence for each of its
	// county, city and province that the text names as well — most when the names stand in order just
	// before the township (渝北区兴隆镇), less when they stand elsewhere, less again in a short form (云阳,
	// 石柱县) — with the county weighing most. The best-supported candidate wins; ties go to the longer
	// chain of names just before the township, then to the longer township name (…街道办事处 over …街道).
	// If several townships remain, the text is ambiguous: a report's issuer is too important to guess.
	// A name that may be a mere word, such as 街道 or 林场 (NBS has townships so named), counts only
	// right after its county's name.
	t.names()
	norm := normalize(text)

	var offBuf [256]int
	off := offBuf[:0] // byte offset of each rune, then len(norm)
	for i := range norm {
		off = append(off, i)
	}
	off = append(off, len(norm))

	// Every township name in the text, found by trying the names that end at each character.
	var matchBuf [16]match
	matches := matchBuf[:0]
	for k := 0; k+1 < len(off); k++ { // k: the last rune of a name
		r, _ := utf8.DecodeRuneInString(norm[off[k]:off[k+1]])
		longest := t.final[r]
		for n := 2; n <= longest && n <= k+1; n++ {
			s, e := off[k+1-n], off[k+1]
			if ids := t.byName[norm[s:e]]; ids != nil {
				matches = append(matches, match{s, e, ids})
			}
		}
	}

	var bestBuf [64]int32
	best, bestKey := bestBuf[:0], -1
	var named []int32 // the provinces the text names in full, once there is a match
	for _, m := range matches {
		outer, weak := m.outer(matches), weakName(norm[m.s:m.e])
		// Every place the text names this township again: a name inside
		// one says no more than a name inside m (武安 in a second 武安镇 is
		// no evidence for 武安市's 武安镇).
		var own []match
		for _, o := range matches {
			if o.s != m.s && norm[o.s:o.e] == norm[m.s:m.e] {
				own = append(own, o.outer(matches))
			}
		}
		tail := !StartsWord(norm, m.s)
		if named == nil {
			named = t.provincesIn(norm)
		}
		for _, id := range m.ids {
			score, chain, county := t.evidence(norm, m, outer, own, id)
			if weak && county < 3 {
				continue
			}
			// 坊镇 in 天坊镇 names 坊镇 only if the text also names where it
			// lies; a province the text names that is not the township's
			// rules it out.
			if tail && score == 0 || t.otherProvince(named, id) {
				continue
			}
			key := score<<16 | min(chain, 255)<<8 | min(m.e-m.s, 255)
			switch {
			case key > bestKey:
				bestKey, best = key, append(best[:0], id)
			case key == bestKey && !slices.Contains(best, id):
				best = append(best, id)
			}
		}
	}

	return t.chosen(best, text)
}

// chosen is what Resolve and ResolveAmong return for the best candidates:
// the one township, an error wrapping ErrNotFound for none, or an
// *AmbiguousError listing them by code.
func (t *Table) chosen(best []int32, text string) (Town, error) {
	switch len(best) {
	case 0:
		return Town{}, fmt.Errorf("%q 中%w", text, ErrNotFound)
	case 1:
		return t.town(best[0]), nil
	}
	slices.Sort(best)
	err := &AmbiguousError{Text: text, Candidates: make([]Town, len(best))}
	for i, id := range best {
		err.Candidates[i] = t.town(id)
	}
	return Town{}, err
}

// normalize drops white space, which report titles scatter between names, and writes parentheses
// full-width as NBS names do.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\ufeff':
			return -1
		case r == '(':
			return '（'
		case r == ')':
			return '）'
		}
		return r
	}, s)
}

// wordBefore are the characters after which a name starts a word of its own although the character is
// Chinese: words that stand before a place name (现将, 在, 2024年, 中共), and the last characters of the
// names of the levels above.
const wordBefore = "将在对为由于年度向是和与及即共省市县区旗州盟"

// StartsWord reports whether a name at byte s of text starts a word of its own: at the start, after a
// character that is not Chinese, after a word that stands before a place name (现将, 在, 2024年, 中共), or
// after the name of a level above (静海区独流镇). Elsewhere it is the tail of a longer name (坊镇 in 天坊镇).
func StartsWord(text string, s int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:s])
	return s == 0 || !unicode.Is(unicode.Han, r) || strings.ContainsRune(wordBefore, r)
}

// provincesIn lists the provinces text names in full; never nil.
func (t *Table) provincesIn(text string) []int32 {
	named := []int32{}
	for i := range t.units {
		if u := &t.units[i]; u.level == levelProvince && strings.Contains(text, u.name) {
			named = append(named, int32(i))
		}
	}
	return named
}

// otherProvince reports whether the provinces a text names (provincesIn) are not that of township id.
func (t *Table) otherProvince(named []int32, id int32) bool {
	_, _, own := t.chain(id)
	return len(named) > 0 && !slices.Contains(named, own)
}

// match is a township name found at text[s:e].
type match struct {
	s, e int
	ids  []int32
}

// outer returns the span of the longer township names that contain m, or m itself. Names inside it do not
// count as evidence for m: 河北 in 河北鹿泉经济开发区 says nothing about a 经济开发区 in 河北. Names that
// reach out of it do: in 集贤县良种场, 集贤县 supports 良种场 although NBS also has a 县良种场.
func (m match) outer(matches []match) match {
	out := m
	for _, o := range matches {
		if o.s <= m.s && m.e <= o.e && o.e-o.s > m.e-m.s {
			out.s, out.e = min(out.s, o.s), max(out.e, o.e)
		}
	}
	return out
}

// evidence scores how well text supports township id found at m. It also returns how many bytes of names
// stand in order just before it (新城区东街街道 supports 新城区's 东街街道 over 城区's by that length) and
// the county's own score.
func (t *Table) evidence(text string, m, outer match, own []match, id int32) (score, chain, county int) {
	c, city, province := t.chain(id)
	weights := [3]int{3, 2, 1} // the county tells most
	pos, prev, level := m.s, int32(-1), 0
	for i, u := range [3]int32{c, city, province} {
		// A level that is the same division as the one below (a municipality's city, 东莞市 as its own
		// county) or that is missing (a county under the province) counts what the level below earned.
		if u >= 0 && u != prev {
			level, pos = t.units[u].evidence(text, pos, outer, own)
			prev = u
		}
		if i == 0 {
			county = level
		}
		score += weights[i] * level
	}
	return score, m.s - pos, county
}

// evidence scores how text names u: 4 for the full name ending at pos, 3 for another form ending there,
// 2 for the full name outside the township's outer span and outside every other place the text names the
// township (own), 1 for another form there, else 0. When the name ends at pos, the returned position is
// where it starts, so that the level above can follow on.
func (u *unit) evidence(text string, pos int, outer match, own []match) (int, int) {
	for i, f := range u.forms {
		if strings.HasSuffix(text[:pos], f) && pos-len(f) < outer.s {
			return 4 - min(i, 1), pos - len(f)
		}
	}
	for i, f := range u.forms {
		if containsOutside(text[:outer.s], 0, f, own) || containsOutside(text[outer.e:], outer.e, f, own) {
			return 2 - min(i, 1), pos
		}
	}
	return 0, pos
}

// containsOutside reports whether s, which starts at byte base of the text, holds f somewhere that lies
// in none of the spans.
func containsOutside(s string, base int, f string, spans []match) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], f)
		if i < 0 {
			return false
		}
		a := base + from + i
		inside := false
		for _, sp := range spans {
			if sp.s <= a && a+len(f) <= sp.e {
				inside = true
				break
			}
		}
		if !inside {
			return true
		}
		from += i + len(f)
	}
}
