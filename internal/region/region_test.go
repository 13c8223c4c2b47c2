package region

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestTownLookupGivesTheWholeChain(t *testing.T) {
	tests := []struct {
		name string
		code string
		want Town
	}{
		{"a municipality's city is the province", "500235145", Town{
			Code: "500235145", Name: "后叶镇",
			County: "云阳县", CountyCode: "500235",
			City: "重庆市", CityCode: "500000",
			Province: "重庆市", ProvinceCode: "500000",
		}},
		{"a municipality's district is a county too", "110105021", Town{
			Code: "110105021", Name: "南磨房地区",
			County: "朝阳区", CountyCode: "110105",
			City: "北京市", CityCode: "110000",
			Province: "北京市", ProvinceCode: "110000",
		}},
		{"a province has prefecture cities", "510811108", Town{
			Code: "510811108", Name: "昭化镇",
			County: "昭化区", CountyCode: "510811",
			City: "广元市", CityCode: "510800",
			Province: "四川省", ProvinceCode: "510000",
		}},
		{"a city without counties is its own county", "441900121", Town{
			Code: "441900121", Name: "虎门镇",
			County: "东莞市", CountyCode: "441900",
			City: "东莞市", CityCode: "441900",
			Province: "广东省", ProvinceCode: "440000",
		}},
		{"a county the province administers has no city", "429004100", Town{
			Code: "429004100", Name: "郑场镇",
			County: "仙桃市", CountyCode: "429004",
			Province: "湖北省", ProvinceCode: "420000",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Default().Town(tt.code)
			if !ok || got != tt.want {
				t.Errorf("Town(%q) = %+v, %v; want %+v, true", tt.code, got, ok, tt.want)
			}
		})
	}
}

func TestTownLookupMisses(t *testing.T) {
	for _, code := range []string{"", "500235", "500235999", "50023514", "5002351450", "abcdefghi", "500100000"} {
		if got, ok := Default().Town(code); ok {
			t.Errorf("Town(%q) = %+v, want no township", code, got)
		}
	}
}

func TestNameOfEveryLevel(t *testing.T) {
	tests := []struct {
		code, want string
		ok         bool
	}{
		{"500000", "重庆市", true},
		{"510000", "四川省", true},
		{"510800", "广元市", true},
		{"513200", "阿坝藏族羌族自治州", true},
		{"500235", "云阳县", true},
		{"441900", "东莞市", true},
		{"500235145", "后叶镇", true},
		{"500100", "", false}, // NBS's 市辖区 of 重庆 is no division in our model
		{"500200", "", false}, // nor its 县
		{"429000", "", false}, // nor 省直辖县级行政区划
		{"50", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := Default().Name(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Name(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestChainFollowsTheCode(t *testing.T) {
	tests := []struct {
		code                   string
		province, city, county string
		ok                     bool
	}{
		{"500235145", "500000", "500000", "500235", true},
		{"500235", "500000", "500000", "500235", true},
		{"110105021", "110000", "110000", "110105", true},
		{"510811108", "510000", "510800", "510811", true},
		{"441900121", "440000", "441900", "441900", true},
		{"429004100", "420000", "", "429004", true},
		{"659001001", "650000", "", "659001", true},
		{"5002351", "", "", "", false},
		{"50023514x", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		p, c, k, ok := Chain(tt.code)
		if p != tt.province || c != tt.city || k != tt.county || ok != tt.ok {
			t.Errorf("Chain(%q) = %q, %q, %q, %v; want %q, %q, %q, %v",
				tt.code, p, c, k, ok, tt.province, tt.city, tt.county, tt.ok)
		}
	}
}

// TestChainAgreesWithTheTable holds Chain to the table for every township, so neither can drift.
func TestChainAgreesWithTheTable(t *testing.T) {
	tb := Default()
	for i := range tb.towns {
		w := tb.town(int32(i))
		p, c, k, ok := Chain(w.Code)
		if !ok || p != w.ProvinceCode || c != w.CityCode || k != w.CountyCode {
			t.Fatalf("Chain(%q) = %q, %q, %q; table says %q, %q, %q",
				w.Code, p, c, k, w.ProvinceCode, w.CityCode, w.CountyCode)
		}
	}
}

func TestFullNameSkipsRepeatedLevels(t *testing.T) {
	tests := map[string]string{
		"500235145": "重庆市云阳县后叶镇",
		"510811108": "四川省广元市昭化区昭化镇",
		"441900121": "广东省东莞市虎门镇",
		"429004100": "湖北省仙桃市郑场镇",
	}
	for code, want := range tests {
		w, _ := Default().Town(code)
		if got := w.FullName(); got != want {
			t.Errorf("Town(%q).FullName() = %q, want %q", code, got, want)
		}
	}
}

func TestTableSizeAndYear(t *testing.T) {
	tb := Default()
	if got := tb.DataYear(); got != "2023" {
		t.Errorf("DataYear() = %q, want 2023", got)
	}
	// NBS 2023: 31 provinces, 41,352 township-level units.
	if len(tb.towns) != 41352 {
		t.Errorf("%d townships, want 41352", len(tb.towns))
	}
	provinces := 0
	for _, u := range tb.units {
		if u.level == levelProvince {
			provinces++
		}
	}
	if provinces != 31 {
		t.Errorf("%d provinces, want 31", provinces)
	}
}

func TestParseRejectsBrokenData(t *testing.T) {
	const head = "#year\t2023\n500000\t重庆市\t\n500235\t云阳县\t500000\n"
	tests := []struct {
		name, tsv, want string
	}{
		{"unknown parent", head + "510811108\t昭化镇\t510811\n", "line 4: 510811108 昭化镇: unknown parent 510811"},
		{"out of order", head + "500100\t某区\t500000\n", "line 4: code 500100 out of order"},
		{"township under a province", head + "500999001\t某镇\t500000\n", "bad parent"},
		{"missing column", head + "500235145\t后叶镇\n", "want code<TAB>name<TAB>parent"},
		{"bad code", head + "50023514x\t后叶镇\t500235\n", `bad code "50023514x"`},
		{"no year", "500000\t重庆市\t\n500235\t云阳县\t500000\n500235145\t后叶镇\t500235\n", "no year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(gzipString(t, tt.tsv))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := parse("not gzip"); err == nil {
		t.Error("parse of non-gzip data succeeded")
	}
}

func gzipString(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
