// Package corpus generates realistic raw reports for measuring the importer,
// the site build and the search index at national scale (1,000 to 200,000
// reports). Each report recombines real paragraphs and headings of the
// bundled seed reports, is about a real township in a real county, and
// carries the quirks the importer must handle: broken lines, page numbers,
// indentation, mixed numbering, GB18030 files, portal copies with chrome
// and metadata, and whole reports on one line.
//
// Output is deterministic for a given seed and size.
package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/internal/region"
	"nianbao/internal/report"
)

// Options sets the size and spread of a corpus.
type Options struct {
	// N is the number of reports.
	N int
	// Seed makes the corpus reproducible.
	Seed uint64
	// Towns are the townships to spread reports over, five years each: about
	// N/5 of them are used, whole counties at a time, the counties taken
	// evenly across the list (see pickTowns).
	Towns []region.Town
	// FirstYear is the first report year (default 2020).
	FirstYear int
}

// Report is one generated raw report.
type Report struct {
	// Name is a relative file path such as "50/500235145-2024.txt".
	Name string
	Data []byte
	Town region.Town
	Year int
}

// Material is the text the generator recombines, read from seed reports.
type Material struct {
	leads []string
	// items holds, per section kind, level-2 headings each with the
	// paragraphs that follow it in a seed.
	items map[string][]item
	// prose holds, per kind, paragraphs that stand directly under a
	// top-level heading (shortcomings are often written so).
	prose map[string][]string
}

type item struct {
	heading string // without its marker, e.g. "积极推进法治政府建设"
	paras   []string
}

var reYearWord = regexp.MustCompile(`20\d{2}`)

// NewMaterial parses seed reports into recombinable material; years in the
// text are replaced by placeholders so each report speaks of its own year.
func NewMaterial(seeds [][]byte) (*Material, error) {
	m := &Material{items: map[string][]item{}, prose: map[string][]string{}}
	for i, data := range seeds {
		d, err := report.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", i, err)
		}
		kind := ""
		var cur *item
		flush := func() {
			if cur != nil && len(cur.paras) > 0 {
				m.items[kind] = append(m.items[kind], *cur)
			}
			cur = nil
		}
		for _, b := range d.Blocks {
			text := yearPlaceholders(b.Text, d.Year)
			switch {
			case b.Kind == report.Heading && b.Level == 1:
				flush()
				kind = report.SectionKind(b.Text, d.Year)
			case b.Kind == report.Heading && b.Level == 2:
				flush()
				cur = &item{heading: stripMarker(text)}
			case b.Kind == report.Heading:
				if cur != nil {
					cur.paras = append(cur.paras, stripMarker(text))
				}
			case kind == "":
				m.leads = append(m.leads, text)
			case cur != nil:
				cur.paras = append(cur.paras, text)
			default:
				m.prose[kind] = append(m.prose[kind], text)
			}
		}
		flush()
	}
	for _, k := range []string{report.KindMeasures, report.KindLeadership, report.KindShortcomings, report.KindPlans} {
		if len(m.items[k]) == 0 && len(m.prose[k]) == 0 {
			return nil, fmt.Errorf("seeds have no %s section to recombine", k)
		}
	}
	if len(m.leads) == 0 {
		return nil, fmt.Errorf("seeds have no opening paragraph to recombine")
	}
	return m, nil
}

// yearPlaceholders replaces the report year and the year after with {Y}
// and {Y+1}.
func yearPlaceholders(s string, year int) string {
	return reYearWord.ReplaceAllStringFunc(s, func(y string) string {
		switch y {
		case strconv.Itoa(year):
			return "{Y}"
		case strconv.Itoa(year + 1):
			return "{Y+1}"
		}
		return y
	})
}

func stripMarker(s string) string {
	for _, re := range []*regexp.Regexp{reMarkAny} {
		if loc := re.FindStringIndex(s); loc != nil {
			return strings.TrimSpace(s[loc[1]:])
		}
	}
	return s
}

var reMarkAny = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.、．])\s*`)

// Generate emits opt.N reports in a fixed order.
func Generate(mat *Material, opt Options, emit func(Report) error) error {
	if len(opt.Towns) == 0 {
		return fmt.Errorf("corpus: no towns to spread reports over")
	}
	first := opt.FirstYear
	if first == 0 {
		first = 2020
	}
	towns := pickTowns(opt.Towns, (opt.N+4)/5)
	for i := 0; i < opt.N; i++ {
		town := towns[(i/5)%len(towns)]
		year := first + i%5
		r := rand.New(rand.NewPCG(opt.Seed, uint64(i)))
		g := &gen{r: r, mat: mat, town: town, year: year}
		data := g.report()
		name := fmt.Sprintf("%s/%s-%d.txt", town.Code[:2], town.Code, year)
		if err := emit(Report{Name: name, Data: data, Town: town, Year: year}); err != nil {
			return err
		}
	}
	return nil
}

// pickTowns chooses n towns as a real site has them: every town of a
// county, from counties spread evenly over the list (which is in code
// order, so over the provinces). A sample of every k-th town instead would
// give each county one or two towns, which no publishing authority's site
// looks like, and which would make every county's comparison page a page
// of one town.
func pickTowns(towns []region.Town, n int) []region.Town {
	var counties [][]region.Town
	for i := 0; i < len(towns); {
		j := i + 1
		for j < len(towns) && towns[j].CountyCode == towns[i].CountyCode {
			j++
		}
		counties = append(counties, towns[i:j])
		i = j
	}
	step := max(1, len(towns)/max(1, n))
	out := make([]region.Town, 0, n)
	for start := 0; start < step && len(out) < n; start++ {
		for c := start; c < len(counties) && len(out) < n; c += step {
			out = append(out, counties[c][:min(len(counties[c]), n-len(out))]...)
		}
	}
	return out
}

// gen builds one report.
type gen struct {
	r    *rand.Rand
	mat  *Material
	town region.Town
	year int
}

func (g *gen) pct(p int) bool { return g.r.IntN(100) < p }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) fill(s string) string {
	s = strings.ReplaceAll(s, "{Y+1}", strconv.Itoa(g.year+1))
	return strings.ReplaceAll(s, "{Y}", strconv.Itoa(g.year))
}

// issuer names the town's government as reports do: with the county, and
// for municipalities and some others with the city or province first.
func (g *gen) issuer(body string) string {
	t := g.town
	prefix := t.County
	if t.CityCode == t.ProvinceCode && t.Province != "" {
		prefix = t.Province + t.County
	} else if t.City != "" && g.pct(40) {
		prefix = t.City + t.County
	}
	if body == "委员会" {
		return "中共" + prefix + t.Name + "委员会"
	}
	return prefix + t.Name + body
}

// portalHead adds what a copy from a portal's page carries above the
// report: the breadcrumb, the page's tools and its metadata table.
func (g *gen) portalHead(gov string, add func(string)) {
	add("首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告")
	add("字体大小：大 中 小  语音播报")
	add(fmt.Sprintf("%d-03-%02d 星期%s", g.year+2, 1+g.r.IntN(28), pick(g.r, []string{"一", "二", "三", "四", "五"})))
	add(fmt.Sprintf("索引号：%s/%d-%05d  发布机构：%s", "11"+g.town.Code[:6]+"MB1C0891", g.year+1, g.r.IntN(99999), gov))
	add(fmt.Sprintf("成文日期：%d-01-%02d  发布日期：%d-03-%02d  主题分类：法治政府建设", g.year+1, 10+g.r.IntN(18), g.year+1, 1+g.r.IntN(28)))
}

// titleBlock adds the report's title in one of the layouts found in real
// reports: one line, issuer and title, a title broken before 报告 with a
// Word bookmark left in, or a 公文 head with 发文字号 and 签发人.
func (g *gen) titleBlock(gov string, add func(string)) {
	switch g.r.IntN(4) {
	case 0:
		add(g.fill(gov + " {Y} 年法治政府建设年度报告"))
	case 1:
		add(gov)
		add(g.fill("关于{Y}年法治政府建设情况的报告"))
	case 2:
		add(gov)
		add(g.fill("[bookmark: _GoBack]关于报送{Y}年度法治政府建设工作情况的"))
		add("报   告")
	default:
		add(fmt.Sprintf("%s委文〔%d〕%d号                   签发人：%s", shortName(g.town.Name), g.year+1, 1+g.r.IntN(20), pick(g.r, signers)))
		add("")
		add(g.issuer("委员会"))
		add(gov)
		add(g.fill("关于{Y}年法治政府建设情况的报告"))
	}
}

func (g *gen) report() []byte {
	portal := g.pct(10)
	oneLine := portal && g.pct(20)
	broken := g.pct(35)
	indent := g.pct(50)
	gb := g.pct(10)
	crlf := g.pct(5)
	gov := g.issuer("人民政府")

	var lines []string
	add := func(s string) { lines = append(lines, s) }
	if portal {
		g.portalHead(gov, add)
	}
	g.titleBlock(gov, add)
	add("")
	add(pick(g.r, []string{"区政府：", "县委、县政府：", g.town.County + "人民政府："}))
	add(g.fill(pick(g.r, g.mat.leads)))

	kinds := []string{report.KindMeasures, report.KindLeadership, report.KindShortcomings, report.KindPlans}
	if g.pct(15) {
		kinds = []string{report.KindMeasures, report.KindShortcomings, report.KindPlans}
	}
	for si, kind := range kinds {
		add(hanOrdinal(si+1) + "、" + g.fill(sectionTitle(kind)))
		g.section(kind, add)
	}
	add("")
	add(gov)
	if g.pct(10) {
		add(hanDate(g.year+1, 1+g.r.IntN(3), 1+g.r.IntN(28)))
	} else {
		add(fmt.Sprintf("%d年%d月%d日", g.year+1, 1+g.r.IntN(3), 1+g.r.IntN(28)))
	}

	if broken {
		lines = g.breakLines(lines)
	}
	if indent {
		for i, l := range lines {
			if l != "" && !strings.HasPrefix(l, "首页") {
				lines[i] = "\u3000\u3000" + l
			}
		}
	}
	text := strings.Join(lines, "\n") + "\n"
	if portal {
		text = halfWidth.Replace(text)
	}
	if oneLine {
		text = strings.Join(strings.Fields(text), " ")
	}
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	if gb {
		if out, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text)); err == nil {
			return out
		}
	}
	return []byte(text)
}

var signers = []string{"曾志刚", "李明华", "王建国", "张晓燕", "刘德胜", "陈国平", "杨文军", "赵丽萍"}

// halfWidth turns full-width punctuation half-width, as portals do.
var halfWidth = strings.NewReplacer("，", ",", "：", ":", "（", "(", "）", ")", "；", ";")

func shortName(town string) string {
	r := []rune(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(town, "镇"), "乡"), "街道"))
	if len(r) > 2 {
		r = r[:2]
	}
	return string(r)
}

func sectionTitle(kind string) string {
	switch kind {
	case report.KindMeasures:
		return "{Y}年推进法治政府建设的主要举措和成效"
	case report.KindLeadership:
		return "{Y}年党政主要负责人履行推进法治建设第一责任人职责情况"
	case report.KindShortcomings:
		return "{Y}年推进法治政府建设存在的不足和原因"
	}
	return "{Y+1}年推进法治政府建设的主要安排"
}

// section writes the items of one section, numbered （一） or, in some
// reports, (1) or the ASCII-parenthesised (一).
func (g *gen) section(kind string, add func(string)) {
	items, prose := g.mat.items[kind], g.mat.prose[kind]
	if len(items) == 0 || (kind == report.KindShortcomings && len(prose) > 0 && g.pct(50)) {
		add(g.fill(pick(g.r, prose)))
		return
	}
	if len(prose) > 0 && g.pct(50) {
		add(g.fill(pick(g.r, prose)))
	}
	style := g.r.IntN(10)
	n := min(len(items), 2+g.r.IntN(4))
	if kind == report.KindMeasures {
		n = min(len(items), n+2)
	}
	order := g.r.Perm(len(items))
	for i := 1; i <= n; i++ {
		it := items[order[i-1]]
		var mark string
		switch {
		case style < 2:
			mark = "（" + strconv.Itoa(i) + "）"
		case style < 3:
			mark = "(" + hanOrdinal(i) + ")"
		default:
			mark = "（" + hanOrdinal(i) + "）"
		}
		paras := it.paras
		if g.pct(50) {
			add(mark + g.fill(it.heading))
			for _, p := range paras {
				add(g.fill(p))
			}
		} else {
			head := g.fill(it.heading)
			if !strings.HasSuffix(head, "。") {
				head += "。"
			}
			add(mark + head + g.fill(paras[0]))
			for _, p := range paras[1:] {
				add(g.fill(p))
			}
		}
	}
}

// breakLines breaks a few long paragraphs mid-sentence, sometimes with a
// blank line or a page number between the halves, as PDF extraction does.
func (g *gen) breakLines(lines []string) []string {
	out := make([]string, 0, len(lines)+8)
	page := 1
	for _, l := range lines {
		rs := []rune(l)
		if len(rs) < 120 || !g.pct(30) {
			out = append(out, l)
			continue
		}
		cut := 40 + g.r.IntN(len(rs)-80)
		for cut < len(rs)-1 && strings.ContainsRune("，。；：、“”《》（）", rs[cut-1]) {
			cut++ // never break right after punctuation: that would end the sentence
		}
		out = append(out, string(rs[:cut]))
		switch g.r.IntN(3) {
		case 0:
			out = append(out, "")
		case 1:
			page++
			out = append(out, "", fmt.Sprintf("— %d —", page), "")
		}
		out = append(out, string(rs[cut:]))
	}
	return out
}

func hanOrdinal(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n-10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

func hanDate(y, m, d int) string {
	var b bytes.Buffer
	for _, c := range strconv.Itoa(y) {
		b.WriteString([]string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}[c-'0'])
	}
	return b.String() + "年" + hanOrdinal(m) + "月" + hanOrdinal(d) + "日"
}
