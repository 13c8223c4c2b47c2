// Package content reads and writes the project's Markdown files: YAML front
// matter holding a report's 公文 elements, followed by the report body.
//
// It is the contract between the importer (which writes these files) and the
// site build (which reads them, including files written by hand).
package content

import (
	"strings"

	"nianbao/internal/report"
)

// Section kinds, decided from a top-level heading's words (see DOMAIN.md).
const (
	KindMeasures     = report.KindMeasures
	KindLeadership   = report.KindLeadership
	KindShortcomings = report.KindShortcomings
	KindPlans        = report.KindPlans
	KindOther        = report.KindOther
)

// Kinds lists the section kinds in the order the regulation names them.
var Kinds = []string{KindMeasures, KindLeadership, KindShortcomings, KindPlans, KindOther}

// KindLabel gives the Chinese label shown to readers for a section kind.
func KindLabel(kind string) string {
	switch kind {
	case KindMeasures:
		return "主要举措和成效"
	case KindLeadership:
		return "第一责任人履职"
	case KindShortcomings:
		return "存在的不足"
	case KindPlans:
		return "下一年度安排"
	}
	return "其他"
}

// Meta is a report's front matter. The YAML key names are part of the
// project's published data format; a key with no value is omitted.
type Meta struct {
	Title       string   `yaml:"title,omitempty" json:"title,omitempty"`
	Issuer      string   `yaml:"issuer,omitempty" json:"issuer,omitempty"`
	Issuers     []string `yaml:"issuers,omitempty" json:"issuers,omitempty"`
	Province    string   `yaml:"province,omitempty" json:"province,omitempty"`
	City        string   `yaml:"city,omitempty" json:"city,omitempty"`
	County      string   `yaml:"county,omitempty" json:"county,omitempty"`
	Town        string   `yaml:"town,omitempty" json:"town,omitempty"`
	Code        string   `yaml:"code,omitempty" json:"code,omitempty"`
	Year        int      `yaml:"year,omitempty" json:"year,omitempty"`
	Date        string   `yaml:"date,omitempty" json:"date,omitempty"`
	Signer      string   `yaml:"signer,omitempty" json:"signer,omitempty"`
	DocNumber   string   `yaml:"doc_number,omitempty" json:"doc_number,omitempty"`
	Recipient   string   `yaml:"recipient,omitempty" json:"recipient,omitempty"`
	CC          []string `yaml:"cc,omitempty" json:"cc,omitempty"`
	Printer     string   `yaml:"printer,omitempty" json:"printer,omitempty"`
	Printed     string   `yaml:"printed,omitempty" json:"printed,omitempty"`
	IndexNumber string   `yaml:"index_number,omitempty" json:"index_number,omitempty"`
	Published   string   `yaml:"published,omitempty" json:"published,omitempty"`
	// Added is the day this site took the report in (收录日期): the site's
	// own fact, never a date of the document.
	Added        string    `yaml:"added,omitempty" json:"added,omitempty"`
	Sections     []Section `yaml:"sections,omitempty" json:"sections,omitempty"`
	Source       string    `yaml:"source,omitempty" json:"source,omitempty"`
	SourceSHA256 string    `yaml:"source_sha256,omitempty" json:"source_sha256,omitempty"`
	// Derived lists the keys whose values were not read from the report
	// but worked out (a township from the body, a region from the table),
	// for staff to check.
	Derived []string `yaml:"derived,omitempty" json:"derived,omitempty"`
}

// Clone returns a copy of m that shares no memory with it: every string
// copied. The front matter of a converted report holds slices of the
// report's whole text (its title, issuer, town as written), and a caller
// that keeps the front matter of many reports, as an import of a whole
// country does until it writes them, would keep every text with it.
func (m *Meta) Clone() Meta {
	c := Meta{
		Title: strings.Clone(m.Title), Issuer: strings.Clone(m.Issuer), Issuers: cloneStrings(m.Issuers),
		Province: strings.Clone(m.Province), City: strings.Clone(m.City), County: strings.Clone(m.County),
		Town: strings.Clone(m.Town), Code: strings.Clone(m.Code), Year: m.Year, Date: strings.Clone(m.Date),
		Signer: strings.Clone(m.Signer), DocNumber: strings.Clone(m.DocNumber), Recipient: strings.Clone(m.Recipient),
		CC: cloneStrings(m.CC), Printer: strings.Clone(m.Printer), Printed: strings.Clone(m.Printed),
		IndexNumber: strings.Clone(m.IndexNumber), Published: strings.Clone(m.Published), Added: strings.Clone(m.Added),
		Source: strings.Clone(m.Source), SourceSHA256: strings.Clone(m.SourceSHA256), Derived: cloneStrings(m.Derived),
	}
	if m.Sections != nil {
		c.Sections = make([]Section, len(m.Sections))
		for i, s := range m.Sections {
			c.Sections[i] = Section{Title: strings.Clone(s.Title), Kind: strings.Clone(s.Kind), ID: strings.Clone(s.ID)}
		}
	}
	return c
}

// cloneStrings copies ss and each of its strings; nil stays nil.
func cloneStrings(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// Section describes one top-level section of a report body.
type Section struct {
	Title string `yaml:"title" json:"title"`
	Kind  string `yaml:"kind" json:"kind"`
	ID    string `yaml:"id" json:"id"`
}

// SectionID returns the stable anchor of a heading from its position: the
// 1-based index of each enclosing heading, outermost first ("s2", "s2-3",
// "s2-3-1"). Positional IDs stay ASCII and stable however the heading is worded.
func SectionID(path ...int) string {
	b := make([]byte, 0, 12)
	b = append(b, 's')
	for i, n := range path {
		if i > 0 {
			b = append(b, '-')
		}
		b = appendInt(b, n)
	}
	return string(b)
}

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}
