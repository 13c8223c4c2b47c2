package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"nianbao/internal/readertext"

	"nianbao/internal/content"
	"nianbao/internal/report"
)

// FuzzParse checks that Parse never panics on any bytes, and that whatever
// it accepts survives the rest of the import: the front matter written by
// content.Marshal reads back equal with content.Parse, the body renders to
// exactly the text of its blocks, and the body lines Parse accounts for
// hold exactly that text too.
//
// The corpus is testdata/fuzz/FuzzParse plus, added here, the five real
// reports and every golden fixture of the importer.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../sources/*.txt", "../importer/testdata/*.txt"} {
		names, _ := filepath.Glob(pattern)
		for _, n := range names {
			if data, err := os.ReadFile(n); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := report.Parse(data)
		if err != nil {
			if _, ok := err.(*report.Error); !ok {
				t.Fatalf("Parse returned a %T, want *report.Error: %v", err, err)
			}
			return
		}
		meta, body := content.FromReport(doc)
		file, err := content.Marshal(&meta, body)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := content.Parse("fuzz.md", file)
		if err != nil {
			t.Fatalf("the written file does not parse: %v\n%s", err, file)
		}
		if !reflect.DeepEqual(normalMeta(back.Meta), normalMeta(meta)) {
			t.Fatalf("front matter does not round-trip:\n wrote %+v\n read  %+v", meta, back.Meta)
		}
		if !bytes.Equal(bytes.TrimPrefix(back.Body, []byte("\n")), body) {
			t.Fatalf("body does not round-trip")
		}

		var blocks, lines strings.Builder
		for _, b := range doc.Blocks {
			blocks.WriteString(b.Text)
			for _, row := range b.Rows { // a table's cells, row by row
				for _, c := range row {
					blocks.WriteString(c)
				}
			}
		}
		for _, l := range doc.Lines {
			if l.Role == report.RoleBody {
				lines.WriteString(l.Text)
			}
		}
		want := nonSpace(blocks.String())
		if got := nonSpace(lines.String()); got != want {
			t.Fatalf("the body lines hold %q, the blocks %q", got, want)
		}
		if got := nonSpace(rendered(t, body)); got != want {
			t.Fatalf("the body renders as %q, want %q\nMarkdown:\n%s", got, want, body)
		}
	})
}

// normalMeta makes empty and nil lists equal: YAML omits both.
func normalMeta(m content.Meta) content.Meta {
	if len(m.Issuers) == 0 {
		m.Issuers = nil
	}
	if len(m.CC) == 0 {
		m.CC = nil
	}
	if len(m.Sections) == 0 {
		m.Sections = nil
	}
	return m
}

// rendered returns the text a reader sees of a Markdown body (readertext.Of).
func rendered(t *testing.T, md []byte) string {
	t.Helper()
	text, err := readertext.Of(md)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func nonSpace(s string) string { return readertext.NonSpace(s) }
