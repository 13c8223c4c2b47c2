package reuse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bundledParagraphs are the lines of the five bundled reports' sources.
func bundledParagraphs(b *testing.B) ([][]string, int) {
	files, _ := filepath.Glob("../../sources/*.txt")
	var docs [][]string
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		n += len(data)
		docs = append(docs, strings.Split(string(data), "\n"))
	}
	return docs, n
}

// BenchmarkParagraph masks and hashes the bundled reports' paragraphs, as a
// build does once for each new report.
func BenchmarkParagraph(b *testing.B) {
	docs, n := bundledParagraphs(b)
	places := NewPlaces("重庆市", "渝北区", "兴隆镇")
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, d := range docs {
			for i, p := range d {
				Paragraph(p, places, 0, i)
			}
		}
	}
}

// BenchmarkFind finds the text shared by 1,000 reports: the five bundled
// ones, each as 200 towns' (the units repeat, as a county's do).
func BenchmarkFind(b *testing.B) {
	texts, _ := bundledParagraphs(b)
	var docs []Doc
	for town := range int32(200) {
		for _, t := range texts {
			d := Doc{Town: town}
			for i, p := range t {
				d.Paras = append(d.Paras, Paragraph(p, nil, 0, i))
			}
			docs = append(docs, d)
		}
	}
	for b.Loop() {
		Find(docs, 2, 50)
	}
}

// BenchmarkFindNational finds the shared text of 200,000 reports (40,000
// towns, five years), 60 paragraphs of three units each, drawn from 20
// million distinct units so that most are a report's own and some are
// shared: the country's size. Run alone, it takes about a minute:
//
//	go test -run '^$' -bench FindNational -benchtime 1x -benchmem ./internal/reuse
func BenchmarkFindNational(b *testing.B) {
	if testing.Short() {
		b.Skip("the national size is not for -short")
	}
	const towns, years, paras, units = 40000, 5, 60, 3
	seed := uint64(1)
	next := func() uint64 { // xorshift: fixed, so every run compares the same
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return seed
	}
	docs := make([]Doc, 0, towns*years)
	for t := range int32(towns) {
		for range years {
			d := Doc{Town: t, Paras: make([]Para, paras)}
			for p := range d.Paras {
				q := &d.Paras[p]
				q.Part, q.Index, q.Units = 1, int32(p), make([]Unit, units)
				for u := range q.Units {
					q.Units[u] = Unit{Hash: next() % 20_000_000, Runes: 30}
					q.Runes += 30
				}
			}
			docs = append(docs, d)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res, _ := Find(docs, 2, 50)
		if len(res) != len(docs) {
			b.Fatal(len(res))
		}
	}
}
