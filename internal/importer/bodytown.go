package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
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
	var amb *region.AmbiguousError
	switch {
	case err == nil:
		if selfNamed(read, town.Name) < 0 {
			return ""
		}
		at := selfNamed(lead, written(town.Name))
		placeIn(m, town)
		m.MarkDerived(derivedFields(m)...)
		as := ""
		if short != "" {
			as = fmt.Sprintf(", written %s,", written(town.Name))
		}
		return fmt.Sprintf("township %s%s is named by no title or issuer; taken from the text (%q) and placed by the %s division table in %s: check it",
			town.Name, as, sentenceAt(lead, max(at, 0)), t.DataYear(), town.FullName())
	case errors.As(err, &amb):
		if !sameName(amb.Candidates) || short != "" {
			return ""
		}
		name := amb.Candidates[0].Name
		at := selfNamed(lead, name)
		if at < 0 {
			return ""
		}
		m.Town = name
		m.MarkDerived("town")
		return fmt.Sprintf("township %s is named by no title or issuer; taken from the text (%q); %d townships of the %s division table have this name (%s) and the text names none of their counties: add \"county:\" (or \"code:\") to the front matter",
			name, sentenceAt(lead, at), len(amb.Candidates), t.DataYear(), candidateNames(amb.Candidates))
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
// message.
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
	s := strings.TrimSpace(text[start:end])
	if rs := []rune(s); len(rs) > 40 {
		s = string(rs[:40]) + "…"
	}
	return s
}

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
	return strings.Join(names, ", ")
}
