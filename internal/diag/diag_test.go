package diag

import "testing"

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
