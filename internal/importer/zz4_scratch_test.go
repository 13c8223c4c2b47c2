package importer

import (
	"fmt"
	"testing"
	"time"

	"nianbao/internal/region"
)

func BenchmarkZZPhases(b *testing.B) {
	corpus := benchCorpus(b, 1000)
	root := benchRepo(b, corpus)
	region.Default()
	opt := Options{Root: root, Out: "content", Regions: region.Default()}
	files, _ := expand([]string{"sources"}, opt)
	t0 := time.Now()
	convs, _ := convertAll(files, "content", opt)
	t1 := time.Now()
	man, _ := loadManifest(opt)
	claimed := map[string]string{}
	var tg, tw time.Duration
	for _, c := range convs {
		s := time.Now()
		guard(c, opt, man)
		tg += time.Since(s)
		s = time.Now()
		writeAtomic(abs(opt.Root, c.Path), c.File)
		tw += time.Since(s)
		claimed[c.Path] = c.Source
	}
	t2 := time.Now()
	man.save()
	fmt.Println("convert", t1.Sub(t0), "write loop", t2.Sub(t1), "guard", tg, "write", tw, "save", time.Since(t2))
}

func BenchmarkZZImport(b *testing.B) {
	corpus := benchCorpus(b, 1000)
	root := benchRepo(b, corpus)
	region.Default()
	for k := 0; k < 3; k++ {
		t0 := time.Now()
		res := Import([]string{"sources"}, Options{Root: root, Out: fmt.Sprint("c", k)})
		fmt.Println("import", time.Since(t0), len(res.Written), len(res.Problems))
	}
}
