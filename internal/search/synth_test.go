package search

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// A synthetic corpus for benchmarks, scale measurements and agreement tests:
// reports made by recombining the paragraphs of the five real ones, about
// 12 KB each, for invented towns spread over many counties and five years.
// Paragraphs are varied (town names, numbers, village names) so that the
// vocabulary grows with the corpus as a real one does, if more slowly.

// seedPools cuts the fixture reports into paragraphs by section kind.
func seedPools(t testing.TB) map[string][]string {
	pools := map[string][]string{}
	for _, d := range loadFixtures(t) {
		for _, s := range d.Sections {
			k := s.Kind
			if s.ID == "" {
				k = "lead"
			}
			for _, l := range strings.Split(s.Text, "\n") {
				if len([]rune(l)) >= 20 {
					pools[k] = append(pools[k], l)
				}
			}
		}
	}
	return pools
}

const nameChars = "青龙白马金山石河东西南北安宁平太和兴隆永福新华明月清泉长乐大同古城双江黄花桃李凤凰天星云峰松柏" +
	"宝塔铁柱红岩黑水玉溪龙潭高桥三合五里七星九龙沙坝回坪仁义礼智信德桂花梅子竹林茶园柳荫" +
	"临江望江观音罗汉土地庙坡岗岭湾塘堡寨铺场集店头口渡滩洲湾湖溪"

const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"

func randName(rng *rand.Rand, n int) string {
	cs := []rune(nameChars)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(cs[rng.IntN(len(cs))])
	}
	return b.String()
}

// synthCorpus returns n reports generated from seed; the same arguments
// give the same reports.
func synthCorpus(t testing.TB, n int, seed uint64) []Doc {
	pools := seedPools(t)
	rng := rand.New(rand.NewPCG(seed, 42))
	years := []int{2024, 2023, 2022, 2021, 2020}
	ntowns := (n + len(years) - 1) / len(years)
	type town struct{ name, county, city, code, signer string }
	towns := make([]town, ntowns)
	used := map[string]bool{}
	county, city, countyCode := "", "", 0
	for i := range towns {
		if i%20 == 0 { // 20 towns a county
			county = randName(rng, 2) + []string{"县", "区"}[rng.IntN(2)]
			city = randName(rng, 2) + "市"
			countyCode = 510100 + i/20
		}
		name := ""
		for name == "" || used[county+name] {
			name = randName(rng, 2) + []string{"镇", "乡", "街道"}[rng.IntN(3)]
		}
		used[county+name] = true
		sr := []rune(surnames)
		towns[i] = town{name, county, city, fmt.Sprintf("%06d%03d", countyCode, 100+i%20),
			string(sr[rng.IntN(len(sr))]) + randName(rng, 2)}
	}
	// Dates from their own generator, so that the text is the same as
	// before dates were given: signed in the first quarter after the year,
	// the order in which reports arrive.
	dates := rand.New(rand.NewPCG(seed, 43))
	docs := make([]Doc, 0, n)
	for i := 0; i < n; i++ {
		tw := towns[i%ntowns]
		year := years[i/ntowns%len(years)]
		para := func(kind string) string {
			p := pools[kind][rng.IntN(len(pools[kind]))]
			p = strings.ReplaceAll(p, "我镇", tw.name)
			if rng.IntN(3) == 0 {
				p += "在" + randName(rng, 2) + []string{"村", "社区", "片区"}[rng.IntN(3)] + "开展" + randName(rng, 2) + "行动。"
			}
			return varyNumbers(rng, p)
		}
		fill := func(kind string, bytes int) string {
			var b strings.Builder
			for b.Len() < bytes {
				b.WriteString(para(kind))
				b.WriteByte('\n')
			}
			return b.String()
		}
		d := Doc{
			URL:      fmt.Sprintf("r/%s/%d/", tw.code, year),
			Title:    fmt.Sprintf("%s%s人民政府关于%d年法治政府建设情况的报告", tw.county, tw.name, year),
			Province: "四川省", City: tw.city, County: tw.county, Town: tw.name, Code: tw.code,
			Issuer: tw.county + tw.name + "人民政府", Signer: tw.signer,
			DocNumber: fmt.Sprintf("%s府发〔%d〕%d号", string([]rune(tw.name)[:1]), year+1, 1+rng.IntN(60)),
			Year:      year,
			Date:      fmt.Sprintf("%d-%02d-%02d", year+1, 1+dates.IntN(3), 1+dates.IntN(28)),
			Sections: []Section{
				{Text: "县政府：\n" + fill("lead", 400)},
				{ID: "s1", Title: fmt.Sprintf("一、%d年推进法治政府建设的主要举措和成效", year), Kind: "measures", Text: fill("measures", 5800)},
				{ID: "s2", Title: "二、党政主要负责人履行推进法治建设第一责任人职责情况", Kind: "leadership", Text: fill("leadership", 1500)},
				{ID: "s3", Title: "三、存在的不足和原因", Kind: "shortcomings", Text: fill("shortcomings", 1200)},
				{ID: "s4", Title: fmt.Sprintf("四、%d年工作思路", year+1), Kind: "plans", Text: fill("plans", 2000)},
			},
		}
		docs = append(docs, d)
	}
	return docs
}

// varyNumbers replaces numbers other than years and 12348 by random ones of
// the same length, so that numbers are as diverse as in real reports.
func varyNumbers(rng *rand.Rand, p string) string {
	rs := []rune(p)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) || rs[i] > '9' {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			j++
		}
		num := string(rs[i:j])
		if n, _ := strconv.Atoi(num); num == "12348" || (len(num) == 4 && n >= 2000 && n <= 2030) {
			b.WriteString(num)
		} else {
			for k := i; k < j; k++ {
				d := rng.IntN(10)
				if k == i && d == 0 && j-i > 1 {
					d = 1
				}
				b.WriteByte(byte('0' + d))
			}
		}
		i = j
	}
	return b.String()
}

// synthQueries cuts n queries from the text of docs: substrings of two to
// six characters, some multi-term, plus town names and numbers.
func synthQueries(docs []Doc, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var qs []string
	for len(qs) < n {
		d := docs[rng.IntN(len(docs))]
		switch rng.IntN(8) {
		case 0:
			qs = append(qs, d.Town)
			continue
		case 1:
			qs = append(qs, d.Signer)
			continue
		}
		s := d.Sections[rng.IntN(len(d.Sections))]
		rs := []rune(strings.Join(strings.Fields(s.Text), ""))
		if len(rs) < 10 {
			continue
		}
		l := 2 + rng.IntN(5)
		i := rng.IntN(len(rs) - l)
		q := string(rs[i : i+l])
		if rng.IntN(4) == 0 {
			j := rng.IntN(len(rs) - 2)
			q += " " + string(rs[j:j+2])
		}
		qs = append(qs, q)
	}
	return qs
}

func TestSynthCorpus(t *testing.T) {
	docs := synthCorpus(t, 50, 1)
	again := synthCorpus(t, 50, 1)
	if fmt.Sprint(docs) != fmt.Sprint(again) {
		t.Fatal("synthetic corpus is not deterministic")
	}
	total := 0
	for _, d := range docs {
		for _, s := range d.Sections {
			total += len(s.Text)
		}
	}
	if avg := total / len(docs); avg < 10000 || avg > 15000 {
		t.Errorf("average report size %d bytes, want about 12 KB", avg)
	}
}
