package region

import (
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

// divisionsGz is the table written by tools/regiondata; a string, so nothing can change it.
//
//go:embed data/divisions.tsv.gz
var divisionsGz string

// parse reads a gzip'd table: "#key<TAB>value" lines, then "code<TAB>name<TAB>parent" rows sorted by code,
// every parent before its children.
func parse(gz string) (*Table, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("parse divisions: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("parse divisions: %w", err)
	}
	// One string for the whole text: every code and name below is a slice of it, not a copy.
	text := string(raw)

	// Most rows are townships: room for all of them, so that the slice is
	// not copied as it grows.
	t := &Table{towns: make([]town, 0, strings.Count(text, "\n"))}
	prev := ""
	for n := 1; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if strings.HasPrefix(line, "#") {
			if key, value, _ := strings.Cut(line[1:], "\t"); key == "year" {
				t.year = value
			}
			continue
		}
		code, rest, ok1 := strings.Cut(line, "\t")
		name, parent, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || name == "" || strings.Contains(parent, "\t") {
			return nil, fmt.Errorf("parse divisions: line %d: want code<TAB>name<TAB>parent: %q", n, line)
		}
		if code <= prev {
			return nil, fmt.Errorf("parse divisions: line %d: code %s out of order", n, code)
		}
		prev = code
		if err := t.add(code, name, parent); err != nil {
			return nil, fmt.Errorf("parse divisions: line %d: %w", n, err)
		}
	}
	if t.year == "" || len(t.towns) == 0 {
		return nil, fmt.Errorf("parse divisions: no year or no townships")
	}
	return t, nil
}

// add appends one row; rows come sorted, so appending keeps both slices sorted.
func (t *Table) add(code, name, parent string) error {
	if strings.Trim(code, "0123456789") != "" || (len(code) != 6 && len(code) != 9) {
		return fmt.Errorf("bad code %q", code)
	}
	p := int32(-1)
	if parent != "" {
		var ok bool
		if p, ok = t.unitIndex(parent); !ok {
			return fmt.Errorf("%s %s: unknown parent %s", code, name, parent)
		}
	}
	if len(code) == 9 {
		if p < 0 || t.units[p].level == levelProvince || code[:6] != parent {
			return fmt.Errorf("township %s %s: bad parent %q", code, name, parent)
		}
		t.towns = append(t.towns, town{code: code, name: name, county: p})
		return nil
	}

	var lv level
	switch {
	case code[2:] == "0000":
		lv = levelProvince
	case code[4:] == "00":
		lv = levelCity
	default:
		lv = levelCounty
	}
	// Provinces have no parent; cities hang under provinces; counties under cities or, in municipalities
	// and for directly administered counties, under the province.
	if (lv == levelProvince) != (p < 0) || (lv == levelCity && t.units[p].level != levelProvince) ||
		(lv == levelCounty && t.units[p].level == levelCounty) {
		return fmt.Errorf("%s %s: bad parent %q", code, name, parent)
	}
	t.units = append(t.units, unit{code: code, name: name, parent: p, level: lv, forms: unitForms(name, lv)})
	return nil
}
