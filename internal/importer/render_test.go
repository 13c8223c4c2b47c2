package importer

import (
	"testing"

	"nianbao/internal/readertext"
)

// renderedText renders a Markdown body and returns the text a reader sees
// (readertext.Of).
func renderedText(t testing.TB, md []byte) string {
	t.Helper()
	text, err := readertext.Of(md)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// nonSpace drops white space: layout, which the comparison ignores.
func nonSpace(s string) string { return readertext.NonSpace(s) }
