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
			"%v：请在文件开头写上报告所说的年度，例如 year: 2021", err))
	} else if err != nil {
		problems = append(problems, problemf(l.Path, content.KeyLine(fileText(), "year", "年度"), "%v：请改正 year: 中的年份", err))
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
			"%s没有统计用区划代码：请在文件开头加上 code:（9 位统计用区划代码），乡镇改名后它的网页地址才不会变", p.name))
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
			warnings = append(warnings, problemf(l.Path, content.KeyLine(fileText(), d.key),
				"%s（%s:）的值 %q 不是 2022-01-10 这样的日期，网站上照原样显示：请改写成 2022-01-10 这样的日期", content.Label(d.key), d.key, d.value))
		}
	}
	if m.Source != "" && src.root != nil && !src.outside() {
		if w := deriveSource(r, m.Source, src); w != "" {
			warnings = append(warnings, problemf(l.Path, content.KeyLine(fileText(), "source"), "%s", w))
		}
	}
	r.Lead = l.Lead
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
		return fmt.Sprintf("原件 %s 不在 %s 中，报告页面没有它的下载（只发布 %s 中的原件）：请把原件放入 %s，并在 source: 中写上它的新位置，或删去 source: 这一行", name, dir, dir, dir)
	case errors.Is(err, errLinkOut):
		return fmt.Sprintf("原件 %s 经由指向 %s 以外的符号链接（快捷方式）才能找到，不会发布，报告页面没有它的下载：请把原件本身复制到 %s 中", name, dir, dir)
	case err != nil:
		return fmt.Sprintf("找不到原件 %s，报告页面没有它的下载：请把原件放回这个位置，或改正 source: 中的路径", name)
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
		return place{}, fmt.Errorf("%w：请在文件开头写上 town:（乡镇名称）和 county:（区县），或 code:（9 位统计用区划代码）", err)
	} else if err != nil {
		return place{}, fmt.Errorf("%w：请改为乡镇（街道）的 9 位统计用区划代码，或删去 code: 这一行", err)
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
			"正文中有一级标题 %q（以“# ”开头）：报告标题请写在文件开头的 title: 中，正文各部分的标题以“## ”开头", h.Text))
	}
	fm := l.Meta.Sections
	body := l.Sections
	if len(fm) > 0 && len(fm) != len(body) {
		line := l.BodyLine
		if n := min(len(fm), len(body)); n < len(body) {
			line = bodyLine(body[n].Line)
		}
		problems = append(problems, problemf(l.Path, line,
			"文件开头的 sections: 列了 %d 个部分，正文却有 %d 个“## ”标题：请使两者一致，或删去 sections:（由正文的标题得出）", len(fm), len(body)))
		fm = nil
	}
	out := make([]Section, len(body))
	for i, h := range body {
		s := Section{ID: h.ID, Title: h.Text, Index: i}
		if fm != nil {
			f := fm[i]
			if f.ID != "" && f.ID != h.ID {
				problems = append(problems, problemf(l.Path, bodyLine(h.Line), "第 %d 部分在文件开头 sections: 中的 id 是 %q，按它在正文中的位置应是 %q：请把 id 改为 %[3]q，或删去这个 id:", i+1, f.ID, h.ID))
			}
			s.Kind = f.Kind
			if s.Kind == "" {
				s.Kind = content.KindOfIn(h.Text, year)
			} else if !slices.Contains(content.Kinds, s.Kind) {
				problems = append(problems, problemf(l.Path, bodyLine(h.Line), "部分 %q 的 kind 写的是 %q，不是可用的类别：请改为 %s 之一", h.Text, f.Kind, strings.Join(content.Kinds, "、")))
			}
		} else {
			s.Kind = content.KindOfIn(h.Text, year)
		}
		out[i] = s
	}
	return out, problems
}
