package importer

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/content"
	"nianbao/internal/region"
	"nianbao/internal/report"
)

// Portals often show a report's title in the page header only, so the text
// copied from them starts at the recipient line or at the opening
// paragraph, and names the township only there: "2024年，独流镇坚持……",
// "现将荷泉街道2021年度法治政府建设工作报告如下". A clerk still places such a
// report, and so does bodyTown, with what it found marked as derived.

// leadRunes is how much of the opening paragraphs bodyTown reads: the
// sentence in which a report names itself comes first, and the further the
// text goes, the likelier it names other places.
const leadRunes = 400

// bodyTown looks for the township in the recipient line, the title and the
// opening paragraphs (before the first heading), and fills the region
// fields from the table. It accepts a township only where the text names it
// as a word of its own (selfNamed): 坊镇 inside 天坊镇 is no match. A name
// several townships share is kept alone, without a region, unless the text
// names the county, city or province of one of them. It returns the warning
// that says what was derived and from which sentence; "" when it found
// nothing.
func bodyTown(m *content.Meta, d *report.Document, t *region.Table) string {
	lead := leadText(d)
	if lead == "" {
		return ""
	}
	if w := townIn(m, d, t, lead, lead, ""); w != "" {
		return w
	}
	// A street often calls itself by its short name, 石门街 for 石门街道:
	// read it so, if the table then knows that street.
	if long := reShortStreet.ReplaceAllString(lead, "${1}道${2}"); long != lead {
		return townIn(m, d, t, lead, long, "街")
	}
	return ""
}

// townIn is bodyTown on one reading of the lead: read is the lead as
// given, or with short street names written out (short is then not ""); the
// warning quotes lead, the text as written.
func townIn(m *content.Meta, d *report.Document, t *region.Table, lead, read, short string) string {
	town, err := t.Resolve(d.Recipient + "\n" + d.Title + "\n" + read)
	// written is how the lead names the township: 石门街 for 石门街道 when
	// short names were written out.
	written := func(name string) string {
		if short != "" {
			return strings.TrimSuffix(name, "道")
		}
		return name
	}
	// as notes, in the warning, a street read from its short name.
	as := func(name string) string {
		if short == "" {
			return ""
		}
		return fmt.Sprintf("（原文写作%s）", written(name))
	}
	var amb *region.AmbiguousError
	switch {
	case err == nil:
		// The text may write a form of the table's name (银杏大街街道 for
		// 开发区银杏大街街道).
		name := town.Name
		for _, f := range region.NameForms(town.Name) {
			if selfNamed(read, f) >= 0 {
				name = f
				break
			}
		}
		if selfNamed(read, name) < 0 {
			return ""
		}
		at := selfNamed(lead, written(name))
		placeIn(m, town)
		m.MarkDerived(derivedFields(m)...)
		return fmt.Sprintf("标题和发文机关都没有写明乡镇，乡镇%s%s取自正文（“%s”），按 %s 年区划表定为%s：请核对",
			town.Name, as(town.Name), sentenceAt(lead, max(at, 0)), t.DataYear(), town.FullName())
	case errors.As(err, &amb):
		if !sameName(amb.Candidates) {
			return ""
		}
		name := amb.Candidates[0].Name
		at := selfNamed(lead, written(name))
		if at < 0 {
			return ""
		}
		if town, how, err := settle(amb.Candidates, d, t); err == nil {
			placeIn(m, town)
			m.MarkDerived(derivedFields(m)...)
			if how != "" {
				how = "；" + how
			}
			return fmt.Sprintf("标题和发文机关都没有写明乡镇，乡镇%s%s取自正文（“%s”）%s；按 %s 年区划表定为%s：请核对",
				name, as(name), sentenceAt(lead, at), how, t.DataYear(), town.FullName())
		}
		m.Town = name
		m.MarkDerived("town")
		return fmt.Sprintf("标题和发文机关都没有写明乡镇，乡镇%s%s取自正文（“%s”）；%s 年区划表中有 %d 个乡镇叫这个名字（%s），原件没有写明是哪个区县的：请在 Markdown 文件开头加上 county:（区县名）或 code:（9 位统计用区划代码）",
			name, as(name), sentenceAt(lead, at), t.DataYear(), len(amb.Candidates), candidateNames(amb.Candidates))
	}
	return ""
}

// reShortStreet finds a street's short name, 石门街 not followed by 道.
var reShortStreet = regexp.MustCompile(`(\p{Han}{2,5}街)([^道]|$)`)

// leadText is the opening paragraphs of the body, up to leadRunes.
func leadText(d *report.Document) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		if blk.Kind == report.Heading {
			break
		}
		b.WriteString(blk.Text)
		b.WriteByte('\n')
		if utf8.RuneCountInString(b.String()) >= leadRunes {
			break
		}
	}
	s := b.String()
	if utf8.RuneCountInString(s) > leadRunes {
		s = string([]rune(s)[:leadRunes])
	}
	return s
}

// selfNamed returns where text first names the township name as a word of
// its own (region.StartsWord), or -1 when every occurrence is the tail of
// a longer name.
func selfNamed(text, name string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return -1
		}
		if at := from + i; region.StartsWord(text, at) {
			return at
		}
		from += i + len(name)
	}
}

// sentenceAt is the sentence of text around byte offset at, shortened for a
// message to quoteRunes around at, with … where it was cut.
func sentenceAt(text string, at int) string {
	start := strings.LastIndexAny(text[:at], "。！？\n")
	if start < 0 {
		start = 0
	} else {
		_, size := utf8.DecodeRuneInString(text[start:])
		start += size
	}
	end := strings.IndexAny(text[at:], "。！？\n")
	if end < 0 {
		end = len(text)
	} else {
		end += at
	}
	before := []rune(strings.TrimLeftFunc(text[start:at], unicode.IsSpace))
	after := []rune(strings.TrimRightFunc(text[at:end], unicode.IsSpace))
	lead, tail := "", ""
	if len(before)+len(after) > quoteRunes {
		// Keep a little before the place quoted, the rest after it.
		keep := min(len(before), quoteRunes/3)
		if keep < len(before) {
			before, lead = before[len(before)-keep:], "…"
		}
		if n := quoteRunes - keep; n < len(after) {
			after, tail = after[:n], "…"
		}
	}
	return lead + string(before) + string(after) + tail
}

// quoteRunes is how much of a sentence a message quotes.
const quoteRunes = 40

// derivedFields lists the region fields of m that were filled: everything
// bodyTown sets is read from the text or the table, not from a title or
// an issuer. (The code always comes from the table, and is not listed.)
func derivedFields(m *content.Meta) []string {
	var out []string
	for _, f := range []struct{ key, value string }{
		{"town", m.Town}, {"county", m.County}, {"city", m.City}, {"province", m.Province},
	} {
		if f.value != "" {
			out = append(out, f.key)
		}
	}
	return out
}

// candidateNames lists the full names of a few candidates.
func candidateNames(cs []region.Town) string {
	var names []string
	for _, c := range cs[:min(len(cs), 3)] {
		names = append(names, c.FullName())
	}
	if len(cs) > 3 {
		names = append(names, "…")
	}
	return strings.Join(names, "、")
}

// reSelf finds the words by which a report calls its own township: 我镇,
// 本乡, 我街道, 我街. Only a text that speaks so is read further than its
// lead: a county's report says 我县 and names many townships.
var reSelf = regexp.MustCompile(`[我本](镇|乡|街道|街)`)

// reUnknownTown finds a name of two or three characters and the level's
// word (下太镇): a township the division table may not know.
var reUnknownTown = regexp.MustCompile(`\p{Han}{2,3}[镇乡]`)

// notTowns are words ending in 镇 or 乡 that name no township.
var notTowns = []string{
	"城镇", "乡镇", "集镇", "村镇", "城乡", "全镇", "全乡", "本镇", "本乡", "我镇", "我乡", "各镇", "各乡", "该镇",
	"该乡", "两镇", "古镇", "名镇", "重镇", "强镇", "小镇", "家乡", "下乡", "返乡", "老乡",
}

// unknownTown takes, for a report that calls itself 我镇 (or 我乡) and whose
// body names no township of the table, a name of that level the body writes
// as a word of its own and names at least twice (在下太镇落地生根, 列入下太镇委党校):
// a township the table does not know, kept with the name the report gives,
// and placed in the one county the text names in full, if it names one.
// Everything it takes is marked derived, and the warning says so.
func unknownTown(m *content.Meta, body, suffix, self string, t *region.Table) string {
	first := map[string]int{}
	var names []string
	for _, loc := range reUnknownTown.FindAllStringIndex(body, -1) {
		// Each occurrence is read from its word start: 在下太镇 is 下太镇.
		for s := loc[0]; s < loc[1]; {
			name := body[s:loc[1]]
			if utf8.RuneCountInString(name) >= 3 && strings.HasSuffix(name, suffix) && region.StartsWord(body, s) &&
				!slices.ContainsFunc(notTowns, func(w string) bool { return strings.HasSuffix(name, w) }) {
				if _, ok := first[name]; !ok {
					first[name] = s
					names = append(names, name)
				}
				break
			}
			_, size := utf8.DecodeRuneInString(body[s:])
			s += size
		}
	}
	var picked string
	for _, name := range names {
		if strings.Count(body, name) < 2 {
			continue
		}
		if picked != "" {
			return "" // two such names: neither is surely the report's
		}
		picked = name
	}
	if picked == "" || len(t.Bearing(picked)) > 0 {
		return ""
	}
	m.Town = picked
	derived := []string{"town"}
	where := ""
	if cs := t.CountiesIn(body); len(cs) == 1 {
		c := cs[0]
		m.County, m.City, m.Province = c.County, c.City, c.Province
		derived = append(derived, "county", "city", "province")
		where = fmt.Sprintf("，并定在原件唯一写到的区县%s", c.FullName())
	}
	m.MarkDerived(derived...)
	return fmt.Sprintf("标题和发文机关都没有写明乡镇，%s 年区划表中也没有乡镇%s；它取自正文（“%s”，共写到 %d 次，报告自称“%s”）%s：请核对；这个乡镇有统计用区划代码的，请在 Markdown 文件开头加上 code:",
		t.DataYear(), picked, sentenceAt(body, first[picked]), strings.Count(body, picked), self, where)
}

// reSelfStreet finds a street's report speaking of itself as 街道, the
// subject of a sentence that says what it did.
var reSelfStreet = regexp.MustCompile(`(?:^|[，,。；;\n]|年来|以来)(街道)(?:党工委|办事处)?(?:坚持|按照|深入|认真|始终|围绕|全面|积极|持续|扎实|高度|切实)`)

// reBrand finds a township's name used as the brand of its rule-of-law work,
// without its 镇, 乡 or 街道: 法治舒桥建设, “法治东里”, 鱼复法治建设.
var reBrand = regexp.MustCompile(`法治["“「]?(\p{Han}{2,3}?)["”」]?(?:建设|品牌)|(\p{Han}{2,4})法治建设`)

// brandTown finds the one township of the level (suffix) whose name, less
// its suffix, the body uses as such a brand; at is where, in read.
func brandTown(read, suffix string, t *region.Table) (name, stem string, at int, ok bool) {
	found := map[string]int{}
	var stems []string
	for _, m := range reBrand.FindAllStringSubmatchIndex(read, -1) {
		var tries []int // the starts of the stems to try
		switch {
		case m[2] >= 0:
			tries = []int{m[2]}
		default: // 谱写鱼复法治建设: the name is the last two to four characters
			for i := m[4]; i < m[5]; {
				tries = append(tries, i)
				_, size := utf8.DecodeRuneInString(read[i:])
				i += size
			}
		}
		end := m[3]
		if m[2] < 0 {
			end = m[5]
		}
		for _, from := range tries {
			st := read[from:end]
			if utf8.RuneCountInString(st) < 2 || len(t.Bearing(st+suffix)) == 0 {
				continue
			}
			if _, seen := found[st]; !seen {
				found[st] = from
				stems = append(stems, st)
			}
			break
		}
	}
	if len(stems) != 1 {
		return "", "", 0, false
	}
	return stems[0] + suffix, stems[0], found[stems[0]], true
}

// bodyBytes is how much of the body deepTown and settle read: some ten
// pages, more than any report's opening sections.
const bodyBytes = 60000

// bodyText is the text of the body's blocks, up to bodyBytes.
func bodyText(d *report.Document) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		b.WriteString(blk.Text)
		b.WriteByte('\n')
		if b.Len() >= bodyBytes {
			break
		}
	}
	return b.String()
}

// deepTown looks for the township in the whole body of a report that calls
// itself only 我镇 (or 本乡, 我街道) in its lead and names itself further
// down: "东里镇深入贯彻……" under the first heading, "强化伊金霍洛镇法治建设"
// deep in a section. It takes the one township name of that level the body
// names, or one named at least twice as often as any other, or else the one
// whose name the body uses as a brand (法治舒桥建设), and places it with the
// counties and cities the text names (settle). A street that says only 街道
// of itself counts as calling itself so. What it took is marked derived,
// and the warning quotes the sentence.
//
// When it takes nothing, why says what it found, for the refusal: "its
// body names 铜锣镇, 乌兰木伦镇, none at least twice as often as the others".
func deepTown(m *content.Meta, d *report.Document, t *region.Table) (warning, why string) {
	body := bodyText(d)
	self := reSelf.FindStringSubmatch(body)
	if self == nil {
		// A street's report may say only 街道 of itself, as the subject
		// of its sentences: "2021年来，街道按照……的要求".
		if i := reSelfStreet.FindStringSubmatchIndex(body); i != nil {
			self = []string{body[i[2]:i[3]], "街道"}
		}
	}
	if self == nil {
		return "", ""
	}
	suffix, read := self[1], body
	if suffix == "街" || suffix == "街道" {
		// A street that says 我街 calls itself 黄石街 as well.
		suffix, read = "街道", reShortStreet.ReplaceAllString(body, "${1}道${2}")
	}
	var named []region.Mention
	for _, n := range t.NamedIn(read) {
		if strings.HasSuffix(n.Name, suffix) {
			named = append(named, n)
		}
	}
	// The most named first; ties in the order of first mention.
	slices.SortStableFunc(named, func(a, b region.Mention) int { return b.Count - a.Count })
	var brand string // the name as a brand, without its 乡: 法治舒桥
	if len(named) == 0 {
		if name, stem, at, ok := brandTown(read, suffix, t); ok {
			named, brand = []region.Mention{{Name: name, Count: 1, First: at}}, stem
		}
	}
	if len(named) == 0 && suffix != "街道" {
		if w := unknownTown(m, body, suffix, self[0], t); w != "" {
			return w, ""
		}
	}
	switch {
	case len(named) == 0:
		return "", fmt.Sprintf("；报告自称“%s”，但正文没有写出 %s 年区划表中的乡镇", self[0], t.DataYear())
	case len(named) > 1 && named[0].Count < 2*named[1].Count:
		var names []string
		for _, n := range named[:min(len(named), 4)] {
			names = append(names, n.Name)
		}
		return "", fmt.Sprintf("；报告自称“%s”，正文写到的乡镇有%s，没有一个明显多于其他", self[0], strings.Join(names, "、"))
	}
	picked := named[0]
	// Quote the body as written: 黄石街 where it was read as 黄石街道.
	at := selfNamed(body, picked.Name)
	if at < 0 {
		at = max(strings.Index(body, strings.TrimSuffix(picked.Name, "道")), 0)
	}
	if brand != "" {
		at = strings.Index(body, brand)
	}
	where := "“" + sentenceAt(body, at) + "”"
	if brand != "" {
		where += fmt.Sprintf("，原文写作%s，省去了“%s”", brand, suffix)
	}
	town, how, err := settle(t.Bearing(picked.Name), d, t)
	if how != "" {
		how = "；" + how
	}
	var amb *region.AmbiguousError
	switch {
	case err == nil:
		placeIn(m, town)
		m.MarkDerived(derivedFields(m)...)
		return fmt.Sprintf("标题、发文机关和开头一段都没有写明乡镇，乡镇%s取自正文（%s，报告自称“%s”）%s；按 %s 年区划表定为%s：请核对",
			town.Name, where, self[0], how, t.DataYear(), town.FullName()), ""
	case errors.As(err, &amb):
		m.Town = picked.Name
		m.MarkDerived("town")
		return fmt.Sprintf("标题、发文机关和开头一段都没有写明乡镇，乡镇%s取自正文（%s，报告自称“%s”）；%s 年区划表中有 %d 个乡镇叫这个名字（%s），原件没有写明是哪个区县的：请在 Markdown 文件开头加上 county:（区县名）或 code:（9 位统计用区划代码）",
			picked.Name, where, self[0], t.DataYear(), len(amb.Candidates), candidateNames(amb.Candidates)), ""
	}
	return "", ""
}
