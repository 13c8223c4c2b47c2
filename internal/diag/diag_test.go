package diag

import (
	"strings"
	"testing"
)

func TestError(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "sources/a.txt", Line: 3, Msg: "bad"}, "sources/a.txt:3: bad"},
		{Diagnostic{File: "sources/a.txt", Line: 3, Col: 7, Msg: "bad"}, "sources/a.txt:3:7: bad"},
		{Diagnostic{File: "sources/a.txt", Msg: "bad"}, "sources/a.txt: bad"},
		{Diagnostic{Line: 3, Msg: "bad"}, "line 3: bad"},
		{Diagnostic{Msg: "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.d, got, tt.want)
		}
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := (Diagnostic{Line: 2, Msg: "x"}).In("a.txt").Error(); got != "a.txt:2: x" {
		t.Errorf("In = %q", got)
	}
}

// parseLine stands for a parser that faults on some input.
func parseLine(s []string) error {
	_ = s[3]
	return nil
}

func TestContain(t *testing.T) {
	err := Contain("content/a.md", func() error { return parseLine(nil) })
	d, ok := err.(*Diagnostic)
	if !ok {
		t.Fatalf("Contain of a panic = %v (%T), want a *Diagnostic", err, err)
	}
	for _, want := range []string{
		"content/a.md: 读这个文件时程序内部出错（runtime error: index out of range [3] with length 0，在 nianbao/internal/diag.parseLine:",
		"）：这个文件这次没有处理，其余文件照常处理；请把这个文件和这条信息发给维护人员",
	} {
		if !strings.Contains(d.Error(), want) {
			t.Errorf("message %q lacks %q", d.Error(), want)
		}
	}
	plain := &Diagnostic{File: "content/b.md", Line: 2, Msg: "bad"}
	if err := Contain("content/b.md", func() error { return plain }); err != plain {
		t.Errorf("Contain of an error = %v, want it as it was", err)
	}
	if err := Contain("content/c.md", func() error { return nil }); err != nil {
		t.Errorf("Contain of success = %v", err)
	}
}
