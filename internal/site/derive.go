package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/filestamp"
	"nianbao/internal/region"
)

// place is where a report's town sits: its code, name and the regions above
// it, as derived from the front matter and the division table.
type place struct {
	code, name string
	chain      []regionRef
}

type regionRef struct {
	code, name string
	level      int
}

// derive turns a loaded content file into a report: it fills what
// hand-written front matter may lack (code, regions, sections) and checks
// what the site cannot do without. Problems fail the build; warnings don't.
func derive(l *entry, raw func() []byte, regions Regions, src originals) (r *Report, p place, problems, warnings []error) {
	m := l.Meta
	r = &Report{File: l.Path, entry: l, Year: m.Year}
	// frontMatterLine needs the file's text, read again only for a message.
	var text []byte
	fileText := func() []byte {
		if text == nil {
			text = raw()
		}
		return text
	}

	if err := content.CheckYear(m.Year); errors.Is(err, content.ErrNoYear) {
		problems = append(problems, problemf(l.Path, content.KeyLine(fileText(), "year", "年度"),
			"%v: give the year the report is about, e.g. \"year: 2021\"", err))
	} else if err != nil {
		problems = append(problems, problemf(l.Path, content.KeyLine(fileText(), "year", "年度"), "%v: correct the year", err))
	}

	var err error
	p, err = locate(&m, regions)
	if err != nil {
		keys := []string{"town", "镇", "乡镇", "街道"}
		if !errors.Is(err, content.ErrNoTown) {
			keys = []string{"code"} // the code is what is wrong
		}
		problems = append(problems, problemf(l.Path, content.KeyLine(fileText(), keys...), "%v", err))
	} else if strings.HasPrefix(p.code, "x") {
		warnings = append(warnings, problemf(l.Path, content.KeyLine(fileText(), "town", "镇", "乡镇", "街道"),
			"no statistical code for %s: add \"code:\" (9 digits) so its pages keep their address if the name changes", p.name))
	}

	secs, probs := sections(l, m.Year)
	problems = append(problems, probs...)
	r.Sections = secs
	m.Sections = make([]content.Section, len(secs))
	for i, s := range secs {
		m.Sections[i] = content.Section{Title: s.Title, Kind: s.Kind, ID: s.ID}
	}

	r.Date = parseDay(m.Date)
	r.Published = parseDay(m.Published)
	r.Added = parseDay(m.Added)
	for _, d := range []struct {
		key, value string
		day        day
	}{{"date", m.Date, r.Date}, {"published", m.Published, r.Published}, {"added", m.Added, r.Added}, {"printed", m.Printed, parseDay(m.Printed)}} {
		if d.value != "" && !d.day.valid {
			warnings = append(warnings, problemf(l.Path, content.KeyLine(fileText(), d.key), "%s %q is not a date such as 2022-01-10; it is shown as written", d.key, d.value))
		}
	}
	if m.Source != "" && src.root != nil {
		if w := deriveSource(r, m.Source, src); w != "" {
			warnings = append(warnings, problemf(l.Path, content.KeyLine(fileText(), "source"), "%s", w))
		}
	}
	r.Lead = firstSentence(l.LeadText, 120)
	r.Meta = m
	return r, p, problems, warnings
}

// deriveSource points the report at its original when the sources
// directory holds it, and otherwise says why the report page has no
// download of it.
func deriveSource(r *Report, name string, src originals) (warning string) {
	found, info, err := src.find(name)
	dir := path.Clean(src.dir) + "/"
	switch {
	case errors.Is(err, errNotInSources):
		return fmt.Sprintf("source %s is not in %s: only originals in %s are published, so the report page has no download of it; put the file in %s and name it there, or remove \"source:\"", name, dir, dir, dir)
	case errors.Is(err, errLinkOut):
		return fmt.Sprintf("source %s is reached through a symbolic link that leads outside %s: it is not published, so the report page has no download of it; copy the original itself into %s", name, dir, dir)
	case err != nil:
		return fmt.Sprintf("source file %s not found: the report page has no download of it", name)
	}
	r.Source = found
	st := filestamp.Of(info)
	r.sourceStamp = fmt.Sprintf("%d/%d/%d/%d", st.Size, st.Mtime, st.Ctime, st.Ino)
	return ""
}

// locate finds the township of a report and fills the front matter's
// missing code and region names from the division table. Names written in
// the front matter are kept: they are what the report itself says.
func locate(m *content.Meta, regions Regions) (place, error) {
	var t region.Town
	found := false
	if m.Code != "" {
		t, found = regions.Town(m.Code)
	} else {
		for _, text := range []string{m.Province + m.City + m.County + m.Town, m.Issuer, m.Title} {
			if strings.TrimSpace(text) == "" {
				continue
			}
			if rt, err := regions.Resolve(text); err == nil {
				t, found = rt, true
				break
			}
		}
	}
	if found {
		m.Code = t.Code
		fill(&m.Town, t.Name)
		fill(&m.County, t.County)
		fill(&m.City, t.City)
		fill(&m.Province, t.Province)
		return place{code: t.Code, name: m.Town, chain: chainOf(t)}, nil
	}
	if err := content.CheckTown(m); errors.Is(err, content.ErrNoTown) {
		return place{}, fmt.Errorf("%w: add \"town:\" and \"county:\" (or \"code:\") to the front matter", err)
	} else if err != nil {
		return place{}, err
	}
	if m.Code != "" {
		// A code the table does not know (a town created after its data
		// year): its digits still place it, and the names come from the file.
		prov, city, county, _ := region.Chain(m.Code)
		var chain []regionRef
		add := func(code, name string, level int) {
			if code == "" || name == "" || (len(chain) > 0 && chain[len(chain)-1].code == code) {
				return
			}
			chain = append(chain, regionRef{code, name, level})
		}
		add(prov, m.Province, LevelProvince)
		add(city, m.City, LevelCity)
		add(county, m.County, LevelCounty)
		return place{code: m.Code, name: m.Town, chain: chain}, nil
	}
	// No code, but a county the table knows (a town created after its data
	// year, in a county that was there): the town has a stand-in code and
	// stands on that county's page with its neighbours.
	if c, ok := regions.County(m.Province, m.City, m.County); ok {
		return place{code: standIn(c.CountyCode + "/" + m.Town), name: m.Town, chain: chainOf(c)}, nil
	}
	// No code at all: stand-in codes derived from the names, stable across
	// builds, marked by a leading "x" so they never collide with real ones.
	var chain []regionRef
	key := ""
	for i, n := range []string{m.Province, m.City, m.County} {
		if n == "" {
			continue
		}
		key += "/" + n
		if len(chain) > 0 && chain[len(chain)-1].name == n {
			continue
		}
		chain = append(chain, regionRef{standIn(key), n, i + 1})
	}
	return place{code: standIn(key + "/" + m.Town), name: m.Town, chain: chain}, nil
}

func chainOf(t region.Town) []regionRef {
	var chain []regionRef
	add := func(code, name string, level int) {
		if code == "" || (len(chain) > 0 && chain[len(chain)-1].code == code) {
			return
		}
		chain = append(chain, regionRef{code, name, level})
	}
	add(t.ProvinceCode, t.Province, LevelProvince)
	add(t.CityCode, t.City, LevelCity)
	add(t.CountyCode, t.County, LevelCounty)
	return chain
}

func standIn(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "x" + hex.EncodeToString(sum[:5])
}

func fill(dst *string, v string) {
	if strings.TrimSpace(*dst) == "" {
		*dst = v
	}
}

func isDigits(s string, n int) bool {
	return len(s) == n && strings.Trim(s, "0123456789") == ""
}

// sections reconciles the front matter's section list with the body's "##"
// headings. The body is the text readers see, so its headings give IDs and
// titles; the front matter, when present, gives the kinds (a reviewer may
// have corrected them) and must list the same number of sections.
func sections(l *entry, year int) ([]Section, []error) {
	var problems []error
	bodyLine := func(line int) int { return l.BodyLine + line - 1 }
	for _, h := range l.Level1 {
		problems = append(problems, problemf(l.Path, bodyLine(h.Line),
			"level-1 heading %q in the body: the title belongs in the front matter, and sections start at \"## \"", h.Text))
	}
	fm := l.Meta.Sections
	body := l.Sections
	if len(fm) > 0 && len(fm) != len(body) {
		line := l.BodyLine
		if n := min(len(fm), len(body)); n < len(body) {
			line = bodyLine(body[n].Line)
		}
		problems = append(problems, problemf(l.Path, line,
			"the front matter lists %d sections but the body has %d \"## \" headings; make them agree or remove \"sections:\" to derive them", len(fm), len(body)))
		fm = nil
	}
	out := make([]Section, len(body))
	for i, h := range body {
		s := Section{ID: h.ID, Title: h.Text, Index: i}
		if fm != nil {
			f := fm[i]
			if f.ID != "" && f.ID != h.ID {
				problems = append(problems, problemf(l.Path, bodyLine(h.Line), "section %d has id %q in the front matter but is %q by position", i+1, f.ID, h.ID))
			}
			s.Kind = f.Kind
			if s.Kind == "" {
				s.Kind = content.KindOfIn(h.Text, year)
			} else if !slices.Contains(content.Kinds, s.Kind) {
				problems = append(problems, problemf(l.Path, bodyLine(h.Line), "section %q has kind %q; use one of %s", h.Text, f.Kind, strings.Join(content.Kinds, ", ")))
			}
		} else {
			s.Kind = content.KindOfIn(h.Text, year)
		}
		out[i] = s
	}
	return out, problems
}
