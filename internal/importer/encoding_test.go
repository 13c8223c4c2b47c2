package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"nianbao/internal/report"
)

// derivedFixtures are made from testdata/encoding-utf8.txt by re-encoding
// it or changing its line ends, so that every encoding is tested on the same
// text. They are committed (they are binary, and testdata/.gitattributes
// keeps Git from touching their line ends) so that importing the testdata
// directory by hand sees them too; "go test -update" regenerates them and
// TestDerivedFixturesAreCurrent keeps them in step with the base text.
var derivedFixtures = []struct {
	name   string
	enc    string // the encoding Parse must detect
	encode func(utf8 []byte) []byte
}{
	{"encoding-utf8-bom.txt", report.EncUTF8BOM, func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }},
	{"encoding-utf16le.txt", report.EncUTF16LE, func(b []byte) []byte {
		return encodeWith(b, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
	}},
	{"encoding-utf16be.txt", report.EncUTF16BE, func(b []byte) []byte {
		return encodeWith(b, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder())
	}},
	{"encoding-gb18030.txt", report.EncGB18030, func(b []byte) []byte { return encodeWith(b, simplifiedchinese.GB18030.NewEncoder()) }},
	{"lineend-crlf.txt", report.EncUTF8, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
	{"lineend-cr.txt", report.EncUTF8, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }},
}

type byteEncoder interface {
	Bytes([]byte) ([]byte, error)
}

func encodeWith(b []byte, enc byteEncoder) []byte {
	out, err := enc.Bytes(b)
	if err != nil {
		panic("encode fixture: " + err.Error())
	}
	return out
}

func derivedBase(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "encoding-utf8.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeDerivedFixtures(t testing.TB) {
	base := derivedBase(t)
	for _, f := range derivedFixtures {
		if err := os.WriteFile(filepath.Join("testdata", f.name), f.encode(base), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDerivedFixturesAreCurrent(t *testing.T) {
	base := derivedBase(t)
	for _, f := range derivedFixtures {
		got, err := os.ReadFile(filepath.Join("testdata", f.name))
		if err != nil {
			t.Errorf("%v (run go test ./internal/importer -update)", err)
			continue
		}
		if !bytes.Equal(got, f.encode(base)) {
			t.Errorf("testdata/%s is not testdata/encoding-utf8.txt re-encoded (run go test ./internal/importer -update)", f.name)
		}
	}
}

// TestEncodingsGiveTheSameReport checks that every encoding of the same text
// gives the same content file, apart from the source's name and hash.
func TestEncodingsGiveTheSameReport(t *testing.T) {
	want, _ := convertFixture(t, "encoding-utf8.txt")
	for _, f := range derivedFixtures {
		got, _ := convertFixture(t, f.name)
		if got.Doc.Encoding != f.enc {
			t.Errorf("%s: detected %s, want %s", f.name, got.Doc.Encoding, f.enc)
		}
		g, w := got.Meta, want.Meta
		g.Source, g.SourceSHA256, w.Source, w.SourceSHA256 = "", "", "", ""
		if !reflect.DeepEqual(g, w) || !bytes.Equal(bodyOf(t, got.File), bodyOf(t, want.File)) {
			t.Errorf("%s gives a different report than encoding-utf8.txt:\n%s", f.name, firstDiff(want.File, got.File))
		}
	}
}
