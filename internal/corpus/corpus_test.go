package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"nianbao/internal/region"
	"nianbao/internal/report"
)

func material(t *testing.T) *Material {
	t.Helper()
	names, _ := filepath.Glob("../../sources/*.txt")
	var seeds [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	m, err := NewMaterial(seeds)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func generate(t *testing.T, m *Material, n int, seed uint64) []Report {
	t.Helper()
	var out []Report
	err := Generate(m, Options{N: n, Seed: seed, Towns: region.Default().Towns()}, func(r Report) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	m := material(t)
	a, b := generate(t, m, 50, 7), generate(t, m, 50, 7)
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("report %d differs between two runs with the same seed", i)
		}
	}
	if c := generate(t, m, 50, 8); bytes.Equal(a[0].Data, c[0].Data) {
		t.Error("another seed gives the same report")
	}
}

// TestGeneratedReportsImport checks that the corpus measures the real path:
// every report parses, names its town and year, and spreads over n/5 towns
// with five years each.
func TestGeneratedReportsImport(t *testing.T) {
	reports := generate(t, material(t), 200, 1)
	towns := map[string]int{}
	for _, r := range reports {
		d, err := report.Parse(r.Data)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		if d.Year != r.Year {
			t.Errorf("%s: parsed year %d, generated %d", r.Name, d.Year, r.Year)
		}
		towns[r.Town.Code]++
	}
	if len(towns) != 40 {
		t.Errorf("%d towns, want 40", len(towns))
	}
	for code, n := range towns {
		if n != 5 {
			t.Errorf("town %s has %d reports, want 5", code, n)
		}
	}
}

// TestTownsComeByCounty checks that a corpus takes whole counties, spread
// over the country, as a real site's towns are.
func TestTownsComeByCounty(t *testing.T) {
	all := region.Default().Towns()
	for _, n := range []int{40, 200, 4000} {
		towns := pickTowns(all, n)
		if len(towns) != n {
			t.Fatalf("%d towns, want %d", len(towns), n)
		}
		inCounty := map[string]int{}
		provinces := map[string]bool{}
		for _, tw := range towns {
			inCounty[tw.CountyCode]++
			provinces[tw.ProvinceCode] = true
		}
		whole := 0
		for _, tw := range all {
			if inCounty[tw.CountyCode] > 0 {
				whole++
			}
		}
		if whole-n > len(all)/len(inCounty) {
			t.Errorf("n=%d: %d towns in %d counties that hold %d: counties are not whole", n, n, len(inCounty), whole)
		}
		if n >= 200 && (float64(n)/float64(len(inCounty)) < 5 || len(provinces) < 3) {
			t.Errorf("n=%d: %d counties in %d provinces", n, len(inCounty), len(provinces))
		}
	}
}
