package importer

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/region"
	"nianbao/internal/report"
)

// reWrittenChain reads the divisions an issuer names when the table does
// not know its township: "重庆市渝北区青杠岭镇人民政府" → 重庆市, 渝北区, 青杠岭镇.
// Each level takes the shortest name that ends in its generic word, so that
// 重庆市渝北区 splits after 市 and 区.
var reWrittenChain = regexp.MustCompile(`^(?:中共)?` +
	`(\p{Han}{2,7}?(?:省|自治区))?` +
	`(\p{Han}{2,9}?(?:市|自治州|地区|盟))?` +
	`(\p{Han}{1,9}?(?:自治县|县|区|旗|市))?` +
	`(\p{Han}{2,10}?(?:镇|乡|街道|苏木))` +
	`(?:人民政府|委员会|党委|党工委|工作委员会|工委|办事处)$`)

// reTitleChain reads the same at the start of a title that begins with its
// township, its county written before it: "济南市历下区建筑新村街道 2024年度…报告".
var reTitleChain = regexp.MustCompile(`^` +
	`(\p{Han}{2,7}?(?:省|自治区))?` +
	`(\p{Han}{2,9}?(?:市|自治州|地区|盟))?` +
	`(\p{Han}{1,9}?(?:自治县|县|区|旗|市))` +
	`(\p{Han}{2,10}?(?:镇|乡|街道|苏木))` +
	`(?:人民政府|办事处)?(?:关于)?(?:19|20)\d{2}年`)

// municipalities have no prefecture level: their city is the province.
var municipalities = []string{"北京市", "天津市", "上海市", "重庆市"}

// placeTown fills the region fields and code from the township table, trying
// the issuers first (they name the town most fully), then the title. A
// township the table does not know is kept as written, with a warning; when
// no township is named at all, what it returns is why, and the report is
// refused (content.CheckTown).
func placeTown(m *content.Meta, d *report.Document, t *region.Table) string {
	if t == nil {
		t = region.Default()
	}
	texts := append(append([]string{}, d.Issuers...), d.Title)
	var firstErr error
	for _, s := range texts {
		if s == "" {
			continue
		}
		town, err := t.Resolve(s)
		if err == nil {
			placeIn(m, town)
			return fromTable(m, s, t)
		}
		if firstErr == nil || errors.Is(err, region.ErrAmbiguous) && !errors.Is(firstErr, region.ErrAmbiguous) {
			firstErr = err
		}
	}
	var amb *region.AmbiguousError
	if errors.As(firstErr, &amb) && sameName(amb.Candidates) {
		// The title or an issuer names the township, but several share
		// its name: settle places it among them as a clerk would, by
		// what the rest of the text says of where it lies.
		named := strings.Join(texts, "\n")
		if town, how, err := settle(amb.Candidates, d, t); err == nil {
			placeIn(m, town)
			w := fromTable(m, named, t)
			if how != "" {
				w = fmt.Sprintf("%s 年区划表中有 %d 个乡镇叫%s；%s，因此定为%s：请核对",
					t.DataYear(), len(amb.Candidates), town.Name, how, town.FullName())
			}
			return w
		}
	}
	for _, s := range d.Issuers {
		if writtenChain(m, s) {
			break
		}
	}
	if m.Town == "" && firstErr != nil && errors.Is(firstErr, region.ErrNotFound) {
		if g := reTitleChain.FindStringSubmatch(strings.Join(strings.Fields(d.Title), "")); g != nil {
			setWritten(m, g)
		}
	}
	if m.Town == "" && errors.As(firstErr, &amb) && sameName(amb.Candidates) {
		// Else it is kept, without a region.
		m.Town = amb.Candidates[0].Name
		return fmt.Sprintf("%s 年区划表中有 %d 个乡镇叫%s（%s），原件没有写明是哪个区县的：请在 Markdown 文件开头加上 county:（区县名）或 code:（9 位统计用区划代码）",
			t.DataYear(), len(amb.Candidates), m.Town, candidateNames(amb.Candidates))
	}
	if m.Town == "" {
		// A report its own words give to another body (a county, its
		// 司法局, a 社区) is not a township's, whatever township its text
		// speaks of: none is taken from the body or the file's name.
		if why := otherBody(d, t); why != "" {
			return why
		}
		if w := bodyTown(m, d, t); w != "" {
			return w
		}
		if w := nameTown(m, t); w != "" {
			return w
		}
		w, why := deepTown(m, d, t)
		if w != "" {
			return w
		}
		if firstErr == nil {
			return "发文机关和标题都没有写明乡镇" + why
		}
	}
	switch {
	case firstErr == nil:
		return "发文机关和标题都没有写明乡镇"
	case errors.As(firstErr, &amb) && m.Town == "":
		return fmt.Sprintf("%s 年区划表中有多个同名乡镇（%v）", t.DataYear(), amb)
	case errors.As(firstErr, &amb):
		return fmt.Sprintf("%s 年区划表中有多个同名乡镇（%v），所属地区按原件所写保留", t.DataYear(), amb)
	case m.Town != "":
		w := fmt.Sprintf("%s 年区划表中没有乡镇%s，所属地区按原件所写保留", t.DataYear(), writtenName(m))
		// The levels above a county the table knows, which the text
		// does not write, are the table's, and marked so.
		if c, ok := t.County(m.Province, m.City, m.County); ok {
			var said []string
			for _, f := range []struct {
				key   string
				have  *string
				table string
			}{{"province", &m.Province, c.Province}, {"city", &m.City, c.City}} {
				if *f.have == "" && f.table != "" {
					*f.have = f.table
					m.MarkDerived(f.key)
					said = append(said, content.Label(f.key)+"（"+f.table+"）")
				}
			}
			if len(said) > 0 {
				w += fmt.Sprintf("；%s是按 %s 年区划表中的%s补出的：请核对", strings.Join(said, "、"), t.DataYear(), m.County)
			}
		}
		return w
	}
	return fmt.Sprintf("按 %s 年区划表，%v", t.DataYear(), firstErr)
}

// reTownOrgan finds the words by which an organ is a township's (镇, 乡,
// 街道, 苏木) or may be (a street's 办事处, a development zone's 管委会, a
// state farm), so that otherBody never calls such an organ another body.
var reTownOrgan = regexp.MustCompile(`镇|乡|街道|苏木|办事处|管委会|管理委员会|农场|林场|牧场`)

// reTitleOrgan reads the organ or subject a title begins with: what comes
// before 关于 or the year.
var reTitleOrgan = regexp.MustCompile(`^(\p{Han}{2,30}?)(?:关于|(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})`)

// reCommunity finds a title whose subject is a village or a 社区, below the
// township: 幸福社区2023年法治建设工作总结.
var reCommunity = regexp.MustCompile(`^(\p{Han}{1,20}?(?:社区|村|居委会|村委会|居民委员会|村民委员会))(?:关于|(?:19|20)[0-9]{2})`)

// otherBody says why a report that names no township in its issuers or
// title is another body's: an issuer it writes (not the portal's 发布机构)
// that is no township's organ, a title that begins with a province, city
// or county of the table (静海区2023年度…报告, 清水县司法局…) or with a
// village or 社区, or an opening sentence whose subject is such a body.
// "" when nothing says so: the township may then be read from the body,
// as from a report that names itself only there.
func otherBody(d *report.Document, t *region.Table) string {
	if t == nil {
		t = region.Default()
	}
	if !d.IssuersFromPortal {
		for _, s := range d.Issuers {
			if s = strings.Join(strings.Fields(s), ""); s != "" && !reTownOrgan.MatchString(afterDivisions(t, s)) {
				return fmt.Sprintf("报告写明的发文机关是“%s”", s)
			}
		}
	}
	title := strings.Join(strings.Fields(d.Title), "")
	organ := func(name string) string {
		if g := reTitleOrgan.FindStringSubmatch(title); g != nil && len(g[1]) > len(name) {
			return g[1]
		}
		return name
	}
	if name := t.DivisionAt(strings.TrimPrefix(title, "中共")); name != "" && !reTownOrgan.MatchString(afterDivisions(t, organ(name))) {
		return fmt.Sprintf("标题写明这是“%s”的报告", organ(name))
	}
	if g := reCommunity.FindStringSubmatch(title); g != nil {
		return fmt.Sprintf("标题写明这是“%s”的报告", g[1])
	}
	// A copy without its title opens with its author as the subject:
	// "2022年,长治市司法局坚持……", "2022年,县人民政府坚持……".
	lead := strings.TrimSpace(leadText(d))
	if g := reLeadSubject.FindStringSubmatch(lead); g != nil && !reTownOrgan.MatchString(afterDivisions(t, g[1])) {
		if reUnnamedOrgan.MatchString(g[1]) {
			return fmt.Sprintf("开头一段写明这是“%s”的工作", g[1])
		}
		if div := t.DivisionAt(g[1]); div != "" {
			// The division and its organ, not the rest of the subject
			// (尖草坪区, of 尖草坪区法治政府建设工作).
			return fmt.Sprintf("开头一段写明这是“%s%s”的工作", div, reOrganAfter.FindString(g[1][len(div):]))
		}
	}
	return ""
}

// reOrganAfter reads the organ written after a division's name: 司法局 in
// 长治市司法局.
var reOrganAfter = regexp.MustCompile(`^(?:人民政府|政府|\p{Han}{0,8}?(?:局|委员会|委|办公室|厅))`)

// reLeadSubject reads the subject of a report's opening sentence, after the
// year it speaks of: 长治市司法局 in "2022年,长治市司法局坚持……".
var reLeadSubject = regexp.MustCompile(`^(?:(?:19|20)[0-9]{2}年(?:度|以来)?|一年来|今年以来)[,，]?\s*(\p{Han}{2,30}?)(?:坚持|深入|认真|全面|紧紧|始终|围绕|按照|严格|积极|聚焦|持续|扎实|不断|着力|高度|在)`)

// reUnnamedOrgan finds a county's or higher body that a report calls by its
// kind alone: 县人民政府, 区司法局, 市委.
var reUnnamedOrgan = regexp.MustCompile(`^(?:省|市|州|县|区|旗|盟)(?:人民政府|政府|委|\p{Han}{0,8}局)$`)

// afterDivisions is organ without the provinces, cities and counties it
// starts with (浙江省宁波市镇海区司法局 → 司法局), so that a division's name
// (镇海区, 城乡) is not read as a township's word.
func afterDivisions(t *region.Table, organ string) string {
	organ = strings.TrimPrefix(organ, "中共")
	for {
		name := t.DivisionAt(organ)
		if name == "" {
			return organ
		}
		organ = organ[len(name):]
	}
}

// placeIn fills the code and region fields of m with the table's township.
func placeIn(m *content.Meta, town region.Town) {
	m.Code, m.Town, m.County, m.City, m.Province = town.Code, town.Name, town.County, town.City, town.Province
}

// writtenChain fills the region fields from the names an issuer writes out.
func writtenChain(m *content.Meta, issuer string) bool {
	g := reWrittenChain.FindStringSubmatch(strings.Join(strings.Fields(issuer), ""))
	if g == nil {
		return false
	}
	setWritten(m, g)
	return true
}

// setWritten keeps the names a chain of divisions writes (g: province,
// city, county, township, as reWrittenChain and reTitleChain match them);
// a municipality is its own province.
func setWritten(m *content.Meta, g []string) {
	m.Province, m.City, m.County, m.Town = g[1], g[2], g[3], g[4]
	if slices.Contains(municipalities, m.City) && m.Province == "" {
		m.Province = m.City
	}
}

// writtenName joins the region names kept as written, without repeating a
// municipality's name as its city.
func writtenName(m *content.Meta) string {
	city := m.City
	if city == m.Province {
		city = ""
	}
	return m.Province + city + m.County + m.Town
}

// sameName reports whether the candidates all bear one name, as bare 下洋镇
// does for three townships; candidates of different names are not one
// township named ambiguously.
func sameName(cs []region.Town) bool {
	for _, c := range cs[1:] {
		if c.Name != cs[0].Name {
			return false
		}
	}
	return len(cs) > 0
}

// nameTown looks for the township in the source's file name and the folder
// it sits in, where staff write it (sources/石门街道/2020年法治政府建设报告.txt,
// 兴隆镇2024年报告.docx) when the text names it nowhere. Only a name the
// table places without doubt is taken, marked as derived.
func nameTown(m *content.Meta, t *region.Table) string {
	if m.Source == "" {
		return ""
	}
	base := path.Base(m.Source)
	base = strings.TrimSuffix(base, path.Ext(base))
	dir := path.Base(path.Dir(m.Source))
	if dir == "." || dir == "/" {
		dir = ""
	}
	town, err := t.Resolve(dir + " " + base)
	if err != nil || selfNamed(base, town.Name) < 0 && selfNamed(dir, town.Name) < 0 {
		return ""
	}
	placeIn(m, town)
	m.MarkDerived(derivedFields(m)...)
	return fmt.Sprintf("原件正文没有写明乡镇，乡镇%s是从文件名 %s 得出的，按 %s 年区划表定为%s：请核对",
		town.Name, m.Source, t.DataYear(), town.FullName())
}

// fromTable marks the region names of m that the text s (the issuer or
// title that named the township) does not write, and which the division
// table gave, as derived, and says so; "" when s writes them all. A short
// form (云阳 for 云阳县) counts as written.
func fromTable(m *content.Meta, s string, t *region.Table) string {
	s = strings.Join(strings.Fields(s), "")
	written := func(name string) bool {
		if name == "" || strings.Contains(s, name) {
			return true
		}
		r := []rune(name)
		return len(r) > 2 && strings.Contains(s, string(r[:len(r)-1]))
	}
	var keys, said []string
	for _, f := range []struct{ key, name string }{{"province", m.Province}, {"city", m.City}, {"county", m.County}} {
		if !written(f.name) {
			keys, said = append(keys, f.key), append(said, content.Label(f.key)+"（"+f.name+"）")
		}
	}
	if len(keys) == 0 {
		return ""
	}
	m.MarkDerived(keys...)
	return fmt.Sprintf("%s所属的%s是按 %s 年区划表补出的，标题和发文机关中没有写：请核对",
		m.Town, strings.Join(said, "、"), t.DataYear())
}

// settle places a township among candidates that bear one name (all the
// townships that do, or those a title left: 市中区永安镇 is in 枣庄 or 内江,
// never in 垫江县), as a clerk would: by the county, city or province the recipient, title, opening
// paragraph or the page's 来源 (浚县司法局) names; else by those the rest of
// the body names (a document of 广州市, 湖北省's guideline); else by what the
// text says of the levels above (省委: no municipality; 区委、区政府: under a
// 区), when only one of the townships lies there. how says which, for
// the warning; err is the *region.AmbiguousError of what is left.
func settle(cands []region.Town, d *report.Document, t *region.Table) (town region.Town, how string, err error) {
	if len(cands) == 1 {
		return cands[0], "", nil
	}
	lead := leadText(d)
	if town, err = t.ResolveAmong(cands, d.Recipient+"\n"+d.Title+"\n"+d.PortalSource+"\n"+lead); err == nil {
		return town, "主送机关、标题、开头一段或网页的“来源”写明了所在地", nil
	}
	body := bodyText(d)
	if town, err = t.ResolveAmong(cands, d.Recipient+"\n"+d.Title+"\n"+body); err == nil {
		return town, "正文写明了所在地", nil
	}
	// The page around the report (its site's name, breadcrumb, footer) is
	// the portal's, which publishes the reports of its own county.
	if page := d.PageText(); page != "" {
		if town, perr := t.ResolveAmong(cands, page); perr == nil {
			return town, "网页上（网站名称、导航或页脚）写明了所在地", nil
		}
	}
	// What the text says of the levels above narrows the candidates: a
	// report that speaks of its 省委 lies in a province, not in one of the
	// four municipalities; one that answers to a 区委 lies under a 区.
	fit := cands
	if amb := (*region.AmbiguousError)(nil); errors.As(err, &amb) {
		fit = amb.Candidates
	}
	var hows []string
	if said := reProvince.FindString(body); said != "" {
		if rest := slices.DeleteFunc(slices.Clone(fit), func(c region.Town) bool { return c.CityCode == c.ProvinceCode }); len(rest) > 0 && len(rest) < len(fit) {
			fit = rest
			hows = append(hows, fmt.Sprintf("正文提到省（“%s”），直辖市没有省", said))
		}
	}
	if kind, said := superior(d.Recipient, lead, body); kind != "" {
		if rest := slices.DeleteFunc(slices.Clone(fit), func(c region.Town) bool { return !strings.HasSuffix(c.County, kind) }); len(rest) > 0 {
			fit = rest
			hows = append(hows, fmt.Sprintf("报告的上级是%s委（“%s”）", kind, said))
		}
	}
	if len(fit) != 1 {
		return region.Town{}, "", &region.AmbiguousError{Text: cands[0].Name, Candidates: fit}
	}
	return fit[0], strings.Join(hows, "，且") + "，那里只有一个这个名字的乡镇", nil
}

// reProvince finds the words by which a report speaks of its province.
var reProvince = regexp.MustCompile(`省委|省政府|省人民政府|全省`)

// reSuperior finds the county-level body a report answers to, unnamed:
// "在区委、区政府的正确领导下", a recipient "市委全面依法治市委员会" or "县委、县政府".
var reSuperior = regexp.MustCompile(`(?:^|在|向)([县区市旗])委`)

// reSuperiorPair finds the same as the pair a report works under further
// on: "紧紧围绕市委、市政府法治建设工作部署".
var reSuperiorPair = regexp.MustCompile(`(?:^|[^\p{Han}]|在|向|围绕|按照|根据|落实|贯彻|服从)([县区市旗])委[、,，和及]\s*([县区市旗])(?:人民)?政府`)

// superior returns the kind of county (县, 区, 市, 旗) whose 委 the recipient
// line or, failing it, the opening paragraph names without a name, or else
// the body names with its 政府, and the words that say so.
func superior(recipient, lead, body string) (kind, said string) {
	for _, s := range []string{strings.TrimSpace(recipient), lead} {
		if g := reSuperior.FindStringSubmatchIndex(s); g != nil {
			kind = s[g[2]:g[3]]
			return kind, sentenceAt(s, g[2])
		}
	}
	for _, g := range reSuperiorPair.FindAllStringSubmatchIndex(body, -1) {
		if body[g[2]:g[3]] == body[g[4]:g[5]] {
			return body[g[2]:g[3]], sentenceAt(body, g[2])
		}
	}
	return "", ""
}
