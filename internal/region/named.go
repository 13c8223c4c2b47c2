package region

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Mention is a township name a text names as a word of its own, with how
// often and where first (a byte offset into the text as given).
type Mention struct {
	Name  string
	Count int
	First int
}

// NamedIn lists the township names of the table that text names as words
// of their own, in the order of their first mention: never the tail of a
// longer name (坊镇 in 天坊镇, StartsWord; a name of four characters or more
// is taken anywhere), never a name inside a longer township name the text
// names (城关 in 城关镇), and never a name that may be a mere word (街道, 城南:
// weakName). A report that calls itself only 我镇 names its township
// somewhere in its body; this is where a caller finds it.
func (t *Table) NamedIn(text string) []Mention {
	t.names()
	// Every township name in the text, found by trying the names that end
	// at each character, as Resolve does.
	var all []match
	for k := 0; k < len(text); {
		r, width := utf8.DecodeRuneInString(text[k:])
		e := k + width
		k = e
		for n, s := 1, e; n <= t.final[r]; n++ {
			_, size := utf8.DecodeLastRuneInString(text[:s])
			if size == 0 {
				break
			}
			s -= size
			if n >= 2 && t.byName[text[s:e]] != nil {
				all = append(all, match{s, e, nil})
			}
		}
	}
	var out []Mention
	for _, m := range all {
		name := text[m.s:m.e]
		// A long name (伊金霍洛镇, 茈湖口镇) is no likely tail of another,
		// and reports write it after verbs (强化伊金霍洛镇法治建设).
		long := utf8.RuneCountInString(name) >= 4
		if o := m.outer(all); o.s != m.s || o.e != m.e || weakName(name) || !long && !StartsWord(text, m.s) {
			continue
		}
		i := slices.IndexFunc(out, func(x Mention) bool { return x.Name == name })
		if i < 0 {
			out = append(out, Mention{Name: name, First: m.s})
			i = len(out) - 1
		}
		out[i].Count++
	}
	return out
}

// ResolveAmong places a township among candidates that bear one name (all
// that do, Bearing, or those a title left: 市中区永安镇 is in 枣庄 or in 内江,
// never in 垫江县) with the evidence of text: the county, city or province
// the text names anywhere, as Resolve weighs them, but never inside the
// name itself. One candidate is that township; several are told apart by
// the text, else the result is an *AmbiguousError; none, or none the
// provinces the text names leave, an error wrapping ErrNotFound.
func (t *Table) ResolveAmong(cands []Town, text string) (Town, error) {
	if len(cands) == 0 {
		return Town{}, fmt.Errorf("%w（候选为空）", ErrNotFound)
	}
	name := cands[0].Name
	ids := make([]int32, 0, len(cands))
	for _, c := range cands {
		if i, ok := t.townIndex(c.Code); ok {
			ids = append(ids, i)
		}
	}
	if len(ids) == 0 {
		return Town{}, fmt.Errorf("%q 中%w", name, ErrNotFound)
	}
	norm := normalize(text)
	at := match{len(norm), len(norm), ids} // evidence from anywhere in the text…
	// …but inside the name itself: 武安 in 武安镇 says nothing of 武安市.
	var own []match
	for from := 0; name != ""; {
		i := strings.Index(norm[from:], name)
		if i < 0 {
			break
		}
		own = append(own, match{from + i, from + i + len(name), nil})
		from += i + len(name)
	}
	named := t.provincesIn(norm)
	var best []int32
	bestScore := -1
	for _, id := range ids {
		if t.otherProvince(named, id) {
			continue
		}
		score, _, _ := t.evidence(norm, at, at, own, id)
		switch {
		case score > bestScore:
			bestScore, best = score, append(best[:0], id)
		case score == bestScore:
			best = append(best, id)
		}
	}
	return t.chosen(best, name)
}

// Bearing returns the townships of the table that bear name, by code.
func (t *Table) Bearing(name string) []Town {
	t.names()
	out := make([]Town, 0, len(t.byName[name]))
	for _, id := range t.byName[name] {
		out = append(out, t.town(id))
	}
	return out
}

// NameForms returns the names under which a text may write the township
// the table calls name: 银杏大街街道 for 开发区银杏大街街道, 保康街道 for
// 保康街道办事处. The table's own name comes first.
func NameForms(name string) []string { return townForms(name) }

// County finds the county a report writes by name, with its city and
// province when it writes them (they must then agree), and returns it as a
// Town with no township: the codes and names of the levels above a
// township the table does not know (a town created after its data year).
// ok is false when no county, or more than one, fits.
func (t *Table) County(province, city, county string) (Town, bool) {
	if county == "" {
		return Town{}, false
	}
	var found []int32
	for i := range t.units {
		u := &t.units[i]
		if u.name != county || u.level != levelCounty && !(u.level == levelCity && city == county) {
			continue
		}
		if t.unitIn(int32(i), province) && (city == "" || city == province || city == county || t.unitIn(int32(i), city)) {
			found = append(found, int32(i))
		}
	}
	if len(found) != 1 {
		return Town{}, false
	}
	return t.countyTown(found[0]), true
}

// unitIn reports whether unit i lies in the division named name, or name
// is "".
func (t *Table) unitIn(i int32, name string) bool {
	if name == "" {
		return true
	}
	for p := t.units[i].parent; p >= 0; p = t.units[p].parent {
		if t.units[p].name == name {
			return true
		}
	}
	return false
}

// countyTown is the Town of county unit i with no township.
func (t *Table) countyTown(i int32) Town {
	u := &t.units[i]
	out := Town{County: u.name, CountyCode: u.code}
	for p := u.parent; p >= 0; p = t.units[p].parent {
		switch t.units[p].level {
		case levelCity:
			out.City, out.CityCode = t.units[p].name, t.units[p].code
		case levelProvince:
			out.Province, out.ProvinceCode = t.units[p].name, t.units[p].code
		}
	}
	if u.level == levelCity { // 东莞市: the city is its own county
		out.City, out.CityCode = u.name, u.code
	}
	if isMunicipality(out.ProvinceCode) {
		out.City, out.CityCode = out.Province, out.ProvinceCode
	}
	return out
}

// CountiesIn returns the counties (县, 区, county-level 市, 旗) whose full
// names of three characters or more text names, each once, as a Town with no
// township: where a township the table does not know may lie. A name that
// several counties share (市中区, 城关区) is no answer and is left out.
func (t *Table) CountiesIn(text string) []Town {
	var out []Town
	seen := map[string]bool{}
	for i := range t.units {
		u := &t.units[i]
		if u.level != levelCounty || utf8.RuneCountInString(u.name) < 3 || seen[u.name] || !strings.Contains(text, u.name) {
			continue
		}
		seen[u.name] = true
		if c, ok := t.County("", "", u.name); ok {
			out = append(out, c)
		}
	}
	return out
}

// DivisionAt returns the full name of the province, city or county that
// text begins with (the longest, when several do: 天水市 before 天水), or ""
// when it begins with none: the subject or the organ of a report that is
// not a township's (静海区2023年度…报告, 清水县司法局…).
func (t *Table) DivisionAt(text string) string {
	best := ""
	for i := range t.units {
		name := t.units[i].name
		if len(name) > len(best) && utf8.RuneCountInString(name) >= 2 && strings.HasPrefix(text, name) {
			best = name
		}
	}
	return best
}
