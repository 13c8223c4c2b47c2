package importer

import (
	"slices"
	"testing"

	"nianbao/internal/content"
)

// TestImportedFilesMeetTheBuildRules checks that what import writes is what
// the site build accepts: the rules it applies before writing
// (content.CheckYear, content.CheckTown) and those its files meet by
// construction, as the build checks them: the front matter parses, the
// body has no level-1 heading, and its "##" headings are the sections the
// front matter lists, with their titles, positional IDs and known kinds.
func TestImportedFilesMeetTheBuildRules(t *testing.T) {
	var convs []*Converted
	for _, name := range fixtures(t) {
		c, _ := convertFixture(t, name)
		convs = append(convs, c)
	}
	for _, s := range seeds(t) {
		convs = append(convs, s.conv)
	}
	md := content.NewMarkdown()
	for _, c := range convs {
		f, err := content.Parse(c.Path, c.File)
		if err != nil {
			t.Errorf("%s: %v", c.Source, err)
			continue
		}
		if err := content.CheckYear(f.Meta.Year); err != nil {
			t.Errorf("%s: %v", c.Source, err)
		}
		if err := content.CheckTown(&f.Meta); err != nil {
			t.Errorf("%s: %v", c.Source, err)
		}
		doc, err := md.RenderParts(f.Body)
		if err != nil {
			t.Errorf("%s: %v", c.Source, err)
			continue
		}
		for _, h := range doc.TOC {
			if h.Level == 1 {
				t.Errorf("%s: level-1 heading %q in the body", c.Source, h.Text)
			}
		}
		if len(doc.Sections) != len(f.Meta.Sections) {
			t.Errorf("%s: the front matter lists %d sections, the body has %d", c.Source, len(f.Meta.Sections), len(doc.Sections))
			continue
		}
		for i, s := range doc.Sections {
			fm := f.Meta.Sections[i]
			if fm.ID != s.ID || fm.Title != s.Text || !slices.Contains(content.Kinds, fm.Kind) {
				t.Errorf("%s: section %d is %+v in the front matter, %q (%s) in the body", c.Source, i+1, fm, s.Text, s.ID)
			}
		}
	}
}
