package figures

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Indicator is one comparable figure a report may give (indicators.yaml).
type Indicator struct {
	ID    string   `yaml:"id"`
	Label string   `yaml:"label"`
	Units []string `yaml:"units"`
	Terms []string `yaml:"terms"`
	Near  []string `yaml:"near"`
	Not   []string `yaml:"not"`
	// Unless rules the indicator out when one of its words is in the
	// sentence before the figure (cadres' study is no 普法 for the public).
	Unless []string `yaml:"unless"`
}

// Unit is the unit the indicator is compared in: its first, or 元 for an
// amount of money (万元 is multiplied out).
func (in *Indicator) Unit() string {
	if slices.Contains(in.Units, "元") || slices.Contains(in.Units, "万元") {
		return "元"
	}
	return in.Units[0]
}

// Taxonomy is the table of indicators, in the order they are tried.
type Taxonomy struct {
	Indicators []Indicator
	byID       map[string]*Indicator
	// byUnit are the indicators of each unit, in table order: classify
	// runs for every figure of every report.
	byUnit map[string][]*Indicator
}

//go:embed indicators.yaml
var indicatorsYAML []byte

// Default is the taxonomy of indicators.yaml, read once.
var Default = sync.OnceValue(func() *Taxonomy {
	t, err := ParseTaxonomy(indicatorsYAML)
	if err != nil {
		panic("figures: indicators.yaml: " + err.Error()) // a test keeps it valid
	}
	return t
})

// ParseTaxonomy reads a table of indicators in the form of indicators.yaml.
func ParseTaxonomy(data []byte) (*Taxonomy, error) {
	t := &Taxonomy{byID: map[string]*Indicator{}, byUnit: map[string][]*Indicator{}}
	if err := yaml.Unmarshal(data, &t.Indicators); err != nil {
		return nil, err
	}
	for i := range t.Indicators {
		in := &t.Indicators[i]
		switch {
		case in.ID == "" || in.Label == "":
			return nil, fmt.Errorf("indicator %d: id and label are required", i+1)
		case len(in.Units) == 0 || len(in.Terms) == 0:
			return nil, fmt.Errorf("indicator %s: units and terms are required", in.ID)
		case t.byID[in.ID] != nil:
			return nil, fmt.Errorf("indicator %s is listed twice", in.ID)
		}
		t.byID[in.ID] = in
		for _, u := range in.Units {
			if !slices.Contains(t.byUnit[u], in) {
				t.byUnit[u] = append(t.byUnit[u], in)
			}
		}
	}
	return t, nil
}

// ByID returns the indicator of the id, or nil.
func (t *Taxonomy) ByID(id string) *Indicator { return t.byID[id] }

// classify returns the indicators whose unit is the fact's and whose words
// are around it, in table order: terms and not in the words between the
// figure and its neighbours in the clause, near and unless anywhere in the
// sentence before it (the topic a list of figures shares). They are
// appended to out.
func (t *Taxonomy) classify(out []string, f *Fact, sentenceBefore, before, after string) []string {
	for _, in := range t.byUnit[f.Unit] {
		if !containsAny(before, in.Terms) && !containsAny(after, in.Terms) || containsAny(before, in.Not) || containsAny(after, in.Not) {
			continue
		}
		if len(in.Near) > 0 && !containsAny(sentenceBefore, in.Near) && !containsAny(after, in.Near) || containsAny(sentenceBefore, in.Unless) {
			continue
		}
		out = append(out, in.ID)
	}
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
