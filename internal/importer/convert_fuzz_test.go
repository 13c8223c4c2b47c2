package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"nianbao/internal/content"
	"nianbao/internal/region"
)

// FuzzConvert checks that no bytes, under any of a few file names, make
// Convert panic; that what it refuses it refuses with a *Problem; and that
// what it accepts is a content file the site reads back, with a township and
// a plausible year.
func FuzzConvert(f *testing.F) {
	for _, pattern := range []string{"testdata/*.txt", "testdata/real/*.txt"} {
		names, _ := filepath.Glob(pattern)
		for _, n := range names {
			if data, err := os.ReadFile(n); err == nil {
				f.Add(data, uint8(0))
			}
		}
	}
	srcs := []string{"sources/a.txt", "sources/兴隆镇2024年报告.txt", "sources/云阳县后叶镇/2023年报告.txt", "sources/2021年和2022年.txt"}
	regions := region.Default()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		src := srcs[int(which)%len(srcs)]
		c, err := Convert(src, data, "content", regions)
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Convert returned a %T, want *Problem: %v", err, err)
			}
			return
		}
		f, err := content.Parse(c.Path, c.File)
		if err != nil {
			t.Fatalf("the content file does not parse: %v\n%s", err, c.File)
		}
		if err := content.CheckTown(&f.Meta); err != nil {
			t.Fatalf("the content file names no township: %v", err)
		}
		if err := content.CheckYear(f.Meta.Year); err != nil {
			t.Fatalf("the content file's year: %v", err)
		}
	})
}
