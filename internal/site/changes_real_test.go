package site

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"go.yaml.in/yaml/v3"

	"nianbao/internal/content"
	"nianbao/internal/importer"
	"nianbao/internal/region"
)

// changesRealDir holds real reports of one township in two years, as the
// portals published their openings, with each paragraph's fate labelled
// by hand from the texts alone (testdata/changes-real/README.md).
const changesRealDir = "testdata/changes-real"

// changesLabel is the hand label of one pair.
type changesLabel struct {
	Town     string `yaml:"town"`
	County   string `yaml:"county"`
	Province string `yaml:"province"`
	Earlier  struct {
		File string `yaml:"file"`
		Year int    `yaml:"year"`
		URL  string `yaml:"url"`
	} `yaml:"earlier"`
	Later struct {
		File string `yaml:"file"`
		Year int    `yaml:"year"`
		URL  string `yaml:"url"`
	} `yaml:"later"`
	Paragraphs []struct {
		Later   string `yaml:"later"`
		Kind    string `yaml:"kind"`
		Earlier string `yaml:"earlier"`
		Cut     bool   `yaml:"cut"`
	} `yaml:"paragraphs"`
	LeftOut []string `yaml:"left_out"`
	Note    string   `yaml:"note"`
}

// changeShown is one paragraph as a changes page shows it: its kind
// (same, edited, new, removed) and its text in the later and the earlier
// report ("" where it has none).
type changeShown struct {
	kind, later, earlier string
	used                 bool
}

var (
	changeBlockRE = regexp.MustCompile(`(?s)<details class="chg chg-same"><summary>[^<]*</summary>(.*?)</details>|<div class="chg chg-(edited|added|removed)"><p class="chg-label">[^<]*</p>(.*?)</div>`)
	changeParaRE  = regexp.MustCompile(`(?s)<p>(.*?)</p>`)
	insRE         = regexp.MustCompile(`(?s)<ins>.*?</ins>`)
	delRE         = regexp.MustCompile(`(?s)<del>.*?</del>`)
	tagRE         = regexp.MustCompile(`<[^>]*>`)
	hiddenRE      = regexp.MustCompile(`<span class="visually-hidden">[^<]*</span>`)
	reusedRE      = regexp.MustCompile(`(?s)<p class="reused">(.*?)</p><p class="reuse-note">(.*?)</p>`)
	headingRE     = regexp.MustCompile(`<h1>(.*?)</h1>`)
	reportLinkRE  = regexp.MustCompile(`href="/(towns/[^"/]*/(\d{4})/)"`)
)

// ownTownReused is the text of each paragraph a report page marks as also
// found in the town's other reports.
func ownTownReused(page string) []string {
	var out []string
	for _, m := range reusedRE.FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[2], "本乡镇（街道）的") {
			out = append(out, html.UnescapeString(tagRE.ReplaceAllString(m[1], "")))
		}
	}
	return out
}

// shownChanges reads a changes page's paragraphs back from its HTML: what
// a reader sees, whatever code made it.
func shownChanges(page string) []*changeShown {
	text := func(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }
	var out []*changeShown
	for _, m := range changeBlockRE.FindAllStringSubmatch(page, -1) {
		kind, inner := m[2], m[3]
		if kind == "" {
			kind, inner = "same", m[1]
		}
		for _, p := range changeParaRE.FindAllStringSubmatch(hiddenRE.ReplaceAllString(inner, ""), -1) {
			s := &changeShown{kind: kind}
			switch kind {
			case "same":
				s.later, s.earlier = text(p[1]), text(p[1])
			case "edited":
				s.later, s.earlier = text(delRE.ReplaceAllString(p[1], "")), text(insRE.ReplaceAllString(p[1], ""))
			case "added":
				s.kind, s.later = "new", text(p[1])
			case "removed":
				s.earlier = text(p[1])
			}
			out = append(out, s)
		}
	}
	return out
}

// matchKey is a paragraph's text as a label's prefix is matched against
// it: letters, digits and Han characters only, full-width forms folded, so
// that the importer's repair of spaces and punctuation does not count.
func matchKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			r -= '！' - '!'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// prefixMatch says whether the paragraph text starts with the label's
// prefix, as matchKey reads both.
func prefixMatch(text, prefix string) bool {
	k := matchKey(strings.TrimSuffix(prefix, " (cut)"))
	return k != "" && strings.HasPrefix(matchKey(text), k)
}

// ourParagraph finds the paragraph a label's prefix names in a converted
// report's Markdown body: the block it starts, or, where the importer made
// a run-in title ("1.切实抓好理论学习。制定……") a heading of its own, the
// paragraph after that heading. The changes page compares paragraphs, so
// that paragraph is what it shows for the labelled one.
func ourParagraph(body []byte, prefix string) (string, bool) {
	k := matchKey(strings.TrimSuffix(prefix, " (cut)"))
	if k == "" {
		return "", false
	}
	blocks := strings.Split(strings.ReplaceAll(string(body), "\r\n", "\n"), "\n\n")
	next := func(i int, rest string) (string, bool) {
		for _, b := range blocks[i+1:] {
			if b = strings.TrimSpace(b); b != "" {
				return b, !strings.HasPrefix(b, "#") && strings.HasPrefix(matchKey(b), rest)
			}
		}
		return "", false
	}
	for i, b := range blocks {
		b = strings.TrimSpace(b)
		bk := matchKey(strings.TrimLeft(b, "#"))
		switch {
		case bk == "":
			continue
		case strings.HasPrefix(b, "#") && strings.HasPrefix(bk, k):
			// The labelled paragraph's first 15 characters are the title.
			if p, ok := next(i, ""); ok {
				return p, true
			}
		case strings.HasPrefix(b, "#") && strings.HasPrefix(k, bk):
			if p, ok := next(i, k[len(bk):]); ok {
				return p, true
			}
		case !strings.HasPrefix(b, "#"):
			// A paragraph the importer ran lines into: the labelled text
			// may follow what it joined in front (a portal's metadata).
			if at := strings.Index(bk, k); at >= 0 && at <= 3*40 {
				return b, true
			}
		}
	}
	return "", false
}

// TestRealChangesAccuracy imports each labelled pair of real reports,
// builds the site, reads the town's changes page back and compares each
// paragraph's kind and counterpart with the hand label. It prints the
// table and fails when the share of paragraphs shown as labelled falls
// below changesRealFloor.
func TestRealChangesAccuracy(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(changesRealDir, "*.yaml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no labelled pairs in %s: %v", changesRealDir, err)
	}
	regions := region.Default()
	cfg := fixtureConfig(t, "/")
	c, root := fstest.MapFS{}, fstest.MapFS{}
	type pair struct {
		name     string
		label    changesLabel
		town     string
		problems []string
		// bodies are the two reports' Markdown bodies, earlier first.
		bodies [2][]byte
	}
	var pairs []*pair
	for _, n := range names {
		p := &pair{name: strings.TrimSuffix(filepath.Base(n), ".yaml")}
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&p.label); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		var files [2]*content.File
		for i, f := range []string{p.label.Earlier.File, p.label.Later.File} {
			data, err := os.ReadFile(filepath.Join(changesRealDir, f))
			if err != nil {
				t.Fatal(err)
			}
			src := "sources/changes-real/" + f
			conv, err := importer.Convert(src, data, "content", regions)
			if err != nil {
				t.Fatalf("%s: the importer refused it: %v", f, err)
			}
			root[src] = &fstest.MapFile{Data: data}
			if files[i], err = content.Parse(conv.Path, conv.File); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		em, lm := &files[0].Meta, &files[1].Meta
		for i, want := range []int{p.label.Earlier.Year, p.label.Later.Year} {
			if got := files[i].Meta.Year; got != want {
				p.problems = append(p.problems, fmt.Sprintf("year %d read as %d", want, got))
				files[i].Meta.Year = want
			}
		}
		// The pairing is measured on one town whatever the importer made
		// of the place: a pair it splits is counted apart.
		if em.Code == "" || em.Code != lm.Code {
			p.problems = append(p.problems, fmt.Sprintf("one town read as %s %s and %s %s", em.Town, em.Code, lm.Town, lm.Code))
			lm.Province, lm.City, lm.County, lm.Town, lm.Code = em.Province, em.City, em.County, em.Town, em.Code
			lm.Derived = em.Derived
		}
		p.town = em.Town
		p.bodies = [2][]byte{files[0].Body, files[1].Body}
		for _, f := range files {
			data, err := content.Marshal(&f.Meta, f.Body)
			if err != nil {
				t.Fatal(err)
			}
			c[fmt.Sprintf("real/%s-%d.md", p.name, f.Meta.Year)] = &fstest.MapFile{Data: data}
		}
		pairs = append(pairs, p)
	}
	cfg.Content, cfg.Root = c, root
	build(t, cfg)

	// Every changes page, by its heading: a town with no code of its own
	// gets one the site makes up.
	pages, _ := filepath.Glob(filepath.Join(cfg.Out, "towns", "*", "changes-*", "index.html"))
	byHeading := map[string]string{}
	for _, pg := range pages {
		data, err := os.ReadFile(pg)
		if err != nil {
			t.Fatal(err)
		}
		if m := headingRE.FindStringSubmatch(string(data)); m != nil {
			byHeading[html.UnescapeString(m[1])] = string(data)
		}
	}

	var total, right, kindRight, leftOut, leftOutFound, missing int
	marked := map[string][2]int{} // labelled kind → paragraphs marked as in the town's other report, of all
	confusion := map[[2]string]int{}
	var report strings.Builder
	fmt.Fprintf(&report, "%-4s %-10s %5s %6s %6s %8s %9s  %s\n", "pair", "town", "paras", "right", "kind", "left out", "not shown", "problems")
	for _, p := range pairs {
		l := p.label
		heading := fmt.Sprintf("%s%d年报告与%d年报告相比的变化", p.town, l.Later.Year, l.Earlier.Year)
		page, ok := byHeading[heading]
		if !ok {
			t.Errorf("%s: no changes page %q (pages: %d)", p.name, heading, len(byHeading))
			continue
		}
		shown := shownChanges(page)
		var reused []string
		linked := false
		for _, m := range reportLinkRE.FindAllStringSubmatch(page, -1) {
			if m[2] == strconv.Itoa(l.Later.Year) {
				reused, linked = ownTownReused(read(t, cfg, m[1]+"index.html")), true
				break
			}
		}
		if !linked {
			t.Errorf("%s: the changes page does not link to the %d report", p.name, l.Later.Year)
		}
		// shownAs finds the paragraph a label names on the page: its text in
		// the imported report (ourParagraph), then that text on the page.
		shownAs := func(prefix string, side int, removed bool) (*changeShown, bool) {
			text, ok := ourParagraph(p.bodies[side], prefix)
			if !ok {
				return nil, false
			}
			for _, x := range shown {
				if removed && x.kind == "removed" && prefixMatch(x.earlier, excerpt(text, 30)) {
					return x, true
				}
				if !removed && !x.used && x.kind != "removed" && prefixMatch(x.later, excerpt(text, 30)) {
					return x, true
				}
			}
			return nil, true
		}
		var n, r, k, lo, lof, miss int
		for _, lp := range l.Paragraphs {
			if lp.Kind == "heading" || lp.Cut {
				continue
			}
			n++
			text, _ := ourParagraph(p.bodies[1], lp.Later)
			m := marked[lp.Kind]
			m[1]++
			for _, x := range reused {
				if text != "" && prefixMatch(x, excerpt(text, 30)) {
					m[0]++
					break
				}
			}
			marked[lp.Kind] = m
			s, inText := shownAs(lp.Later, 1, false)
			if s == nil {
				miss++
				confusion[[2]string{lp.Kind, "not shown"}]++
				t.Logf("%s: not shown as a paragraph (in the imported text: %v): %q", p.name, inText, lp.Later)
				continue
			}
			s.used = true
			confusion[[2]string{lp.Kind, s.kind}]++
			if s.kind != lp.Kind {
				t.Logf("%s: %q labelled %s, shown %s (earlier %q)", p.name, lp.Later, lp.Kind, s.kind, excerpt(s.earlier, 15))
				continue
			}
			k++
			want, _ := ourParagraph(p.bodies[0], lp.Earlier)
			if lp.Kind == "new" || want != "" && prefixMatch(s.earlier, excerpt(want, 30)) {
				r++
			} else {
				t.Logf("%s: %q paired with %q, labelled %q", p.name, lp.Later, excerpt(s.earlier, 15), lp.Earlier)
			}
		}
		for _, e := range l.LeftOut {
			if strings.HasSuffix(e, " (cut)") {
				continue
			}
			lo++
			if x, _ := shownAs(e, 0, true); x != nil {
				lof++
			} else {
				t.Logf("%s: left out %q not shown as left out", p.name, e)
			}
		}
		total, right, kindRight, leftOut, leftOutFound, missing = total+n, right+r, kindRight+k, leftOut+lo, leftOutFound+lof, missing+miss
		fmt.Fprintf(&report, "%-4s %-10s %5d %6d %6d %4d/%-3d %9d  %s\n", p.name, p.town, n, r, k, lof, lo, miss, strings.Join(p.problems, "; "))
	}
	fmt.Fprintf(&report, "all: %d paragraphs, %d shown as labelled (kind and counterpart), %d of the right kind, %d not shown as a paragraph; left out: %d of %d shown\n",
		total, right, kindRight, missing, leftOutFound, leftOut)
	var keys [][2]string
	for k := range confusion {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	for _, k := range keys {
		fmt.Fprintf(&report, "  labelled %-7s shown %-9s %d\n", k[0], k[1], confusion[k])
	}
	for _, k := range []string{"same", "edited", "new"} {
		fmt.Fprintf(&report, "  labelled %-7s marked on the report page as also in the town's other report: %d of %d\n", k, marked[k][0], marked[k][1])
	}
	t.Log("\n" + report.String())
	if total == 0 {
		t.Fatal("no labelled paragraph was measured")
	}
	if pct := 100 * right / total; pct < changesRealFloor {
		t.Errorf("%d%% of real paragraphs shown as labelled, want at least %d%%", pct, changesRealFloor)
	}
	if leftOut > 0 && 100*leftOutFound/leftOut < changesRealFloor {
		t.Errorf("%d of %d left-out paragraphs shown as left out, want at least %d%%", leftOutFound, leftOut, changesRealFloor)
	}
}

// changesRealFloor is the least share of real paragraphs, in percent, a
// changes page must show as the labeller judged them.
const changesRealFloor = 75
