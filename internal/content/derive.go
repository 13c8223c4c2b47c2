package content

import (
	"slices"
	"strings"
)

// IssuerOf is the issuing body a township's report is sent by when the
// report writes none: the 人民政府 of a 镇, 乡 or 苏木, the 办事处 of a 街道.
// It returns "" for a name of any other kind. The value is derived, and is
// marked so wherever it is kept or shown.
func IssuerOf(town string) string {
	switch {
	case strings.HasSuffix(town, "街道"):
		return town + "办事处"
	case strings.HasSuffix(town, "镇"), strings.HasSuffix(town, "乡"), strings.HasSuffix(town, "苏木"):
		return town + "人民政府"
	}
	return ""
}

// IsDerived reports whether the front matter's value under key was worked
// out rather than read from the report (Meta.Derived).
func (m *Meta) IsDerived(key string) bool { return slices.Contains(m.Derived, key) }

// MarkDerived adds keys to the front matter's list of derived values, once
// each, in the order of the front matter.
func (m *Meta) MarkDerived(keys ...string) {
	for _, k := range keys {
		if !m.IsDerived(k) {
			m.Derived = append(m.Derived, k)
		}
	}
	slices.SortStableFunc(m.Derived, func(a, b string) int { return fieldRank(a) - fieldRank(b) })
}
