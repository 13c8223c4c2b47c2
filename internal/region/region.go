// Package region holds China's administrative divisions down to the townships (乡级) and finds the township
// that an issuer or title names.
//
// The table is NBS's statistical division codes (统计用区划代码) of one data year, embedded from
// data/divisions.tsv.gz (see data/ATTRIBUTION.md). A township's 9-digit code starts with its county's
// 6-digit code. Municipalities (北京, 天津, 上海, 重庆) have no prefecture level: their city is the province.
// Counties a province administers directly (仙桃市, 五指山市, 石河子市, …) have no city at all.
package region

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Town is a township with the names and codes of the divisions above it.
type Town struct {
	Code string // 9-digit township code, e.g. "500235145"
	Name string // e.g. "后叶镇"

	County, CountyCode string // e.g. "云阳县", "500235"
	// City is the prefecture city ("广元市", "510800"): the province for a municipality ("重庆市",
	// "500000"), the county itself for 东莞市, 中山市 and 儋州市, which have no counties, and empty for a
	// county the province administers directly (仙桃市).
	City, CityCode         string
	Province, ProvinceCode string // e.g. "重庆市", "500000"
}

// FullName returns the chain of names from the province down, without repeating a level that is the same
// division as the one above it, e.g. "重庆市云阳县后叶镇" or "四川省广元市昭化区昭化镇".
func (t Town) FullName() string {
	var b strings.Builder
	b.WriteString(t.Province)
	if t.CityCode != t.ProvinceCode {
		b.WriteString(t.City)
	}
	if t.CountyCode != t.CityCode {
		b.WriteString(t.County)
	}
	b.WriteString(t.Name)
	return b.String()
}

// Table is an immutable division table, safe for concurrent use.
type Table struct {
	year  string
	units []unit // provinces, cities and counties, sorted by code
	towns []town // sorted by code

	// The townships by name, made on first use (names): a build that
	// finds its townships by code never needs them, and making them is
	// most of the cost of reading the table, paid by every run.
	named  sync.Once
	byName map[string][]int32 // township name or alias → indices into towns, ascending
	final  map[rune]int       // last rune of an indexed name → length in runes of the longest such name
}

// names makes the townships' name index once; every method that reads
// byName or final calls it first.
func (t *Table) names() {
	t.named.Do(func() {
		t.byName = make(map[string][]int32, 2*len(t.towns))
		t.final = map[rune]int{}
		for i := range t.towns {
			for _, a := range townForms(t.towns[i].name) {
				t.byName[a] = append(t.byName[a], int32(i))
				r, _ := utf8.DecodeLastRuneInString(a)
				t.final[r] = max(t.final[r], utf8.RuneCountInString(a))
			}
		}
	})
}

type level uint8

const (
	levelProvince level = iota + 1
	levelCity
	levelCounty
)

// unit is a province, prefecture city or county.
type unit struct {
	code, name string
	parent     int32 // index into units; -1 for a province
	level      level
	forms      []string // how a text may write the name: the full name first, then shorter forms
}

type town struct {
	code, name string
	county     int32 // index into units: a county, or a city without counties (东莞市)
}

// defaultTable parses the embedded data on first use; the data is tested, so failing to parse it is a
// bug in the build, not a condition to handle.
var defaultTable = sync.OnceValue(func() *Table {
	t, err := parse(divisionsGz)
	if err != nil {
		panic("region: embedded division table: " + err.Error())
	}
	return t
})

// Default returns the table embedded in the program, parsed on first use.
func Default() *Table { return defaultTable() }

// DataYear returns the year of the NBS statistical codes the table holds, e.g. "2023".
func (t *Table) DataYear() string { return t.year }

// Town returns the township with the 9-digit code.
func (t *Table) Town(code string) (Town, bool) {
	i, ok := t.townIndex(code)
	if !ok {
		return Town{}, false
	}
	return t.town(i), true
}

// Name returns the name of the province, city or county with the 6-digit code, or of the township with the
// 9-digit code.
func (t *Table) Name(code string) (string, bool) {
	switch len(code) {
	case 6:
		if i, ok := t.unitIndex(code); ok {
			return t.units[i].name, true
		}
	case 9:
		if i, ok := t.townIndex(code); ok {
			return t.towns[i].name, true
		}
	}
	return "", false
}

// Chain returns the province, prefecture city and county codes of a 9-digit township or 6-digit county
// code from the structure of the code alone, giving the province as the city of a municipality and an
// empty city for a county the province administers directly; ok is false if code is not 6 or 9 digits.
func Chain(code string) (province, city, county string, ok bool) {
	if (len(code) != 6 && len(code) != 9) || strings.Trim(code, "0123456789") != "" {
		return "", "", "", false
	}
	province = code[:2] + "0000"
	switch {
	case isMunicipality(province):
		city = province
	case code[2:4] == "90": // 省直辖县级行政区划
		city = ""
	default:
		city = code[:4] + "00"
	}
	return province, city, code[:6], true
}

// isMunicipality reports whether a province code is one of the four municipalities.
func isMunicipality(provinceCode string) bool {
	switch provinceCode {
	case "110000", "120000", "310000", "500000":
		return true
	}
	return false
}

func (t *Table) unitIndex(code string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(t.units, code, func(u unit, c string) int { return strings.Compare(u.code, c) })
	return int32(i), ok
}

func (t *Table) townIndex(code string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(t.towns, code, func(w town, c string) int { return strings.Compare(w.code, c) })
	return int32(i), ok
}

// chain returns the indices of a township's county, city and province; city is -1 when there is none and
// may equal the county (东莞市) or the province (municipalities).
func (t *Table) chain(i int32) (county, city, province int32) {
	county = t.towns[i].county
	c := &t.units[county]
	if c.level == levelCity {
		return county, county, c.parent
	}
	p := c.parent
	if t.units[p].level == levelCity {
		return county, p, t.units[p].parent
	}
	if isMunicipality(t.units[p].code) {
		return county, p, p
	}
	return county, -1, p
}

func (t *Table) town(i int32) Town {
	w := t.towns[i]
	county, city, province := t.chain(i)
	out := Town{
		Code: w.code, Name: w.name,
		County: t.units[county].name, CountyCode: t.units[county].code,
		Province: t.units[province].name, ProvinceCode: t.units[province].code,
	}
	if city >= 0 {
		out.City, out.CityCode = t.units[city].name, t.units[city].code
	}
	return out
}
