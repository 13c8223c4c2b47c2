package importer

import (
	"fmt"
	"os"
	"testing"

	"nianbao/internal/content"
	"nianbao/internal/report"
)

func TestZZDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := report.Parse(data)
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	meta, body := content.FromReport(doc)
	placeTown(&meta, doc, nil)
	out, _ := content.Marshal(&meta, body)
	fmt.Println(string(out))
	for _, w := range doc.Warnings {
		fmt.Println("WARN", w)
	}
	for _, r := range doc.Repairs {
		fmt.Printf("REPAIR %d %s %q\n", r.Line, r.Kind, r.Text)
	}
}

func BenchmarkZZ(b *testing.B) {
	var datas [][]byte
	for _, n := range []string{"000_520d7f9833027cc3", "001_1b87885d80e1077b", "002_79ead3803c27d682", "003_39af7f231e95775a", "004_45967ab9b73f81fb"} {
		d, _ := os.ReadFile("../../sources/" + n + ".txt")
		datas = append(datas, d)
	}
	placeTown(&content.Meta{}, &report.Document{Title: "x"}, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, _ := report.Parse(datas[i%5])
		meta, body := content.FromReport(doc)
		placeTown(&meta, doc, nil)
		content.Marshal(&meta, body)
	}
}
