package output

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A full build publishes its whole tree; an incremental one stages only
// the files whose bytes differ and removes those the site no longer has.
func TestFullThenIncremental(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := New(out, false, false, 2)
	if err != nil {
		t.Fatal(err)
	}
	w.Start(2)
	w.Send(Req{Idx: 0, Kind: "page", Name: "index.html", Data: []byte("home")})
	w.Send(Req{Idx: 1, Kind: "page", Name: "a/index.html", Data: []byte("a")})
	if errs := w.Wait(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := w.Commit(nil, 2); err != nil {
		t.Fatal(err)
	}
	if got := Counts(w.States()); !reflect.DeepEqual(got, []KindCount{{Kind: "page", Files: 2, Bytes: 5}}) {
		t.Errorf("counts = %+v", got)
	}

	w, err = New(out, false, true, 2)
	if err != nil {
		t.Fatal(err)
	}
	w.Start(1)
	w.Send(Req{Idx: 0, Kind: "page", Name: "index.html", Data: []byte("home")})
	w.Send(Req{Idx: 1, Kind: "page", Name: "b/index.html", Data: []byte("b")})
	if errs := w.Wait(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if w.Written() != 1 {
		t.Errorf("written = %d, want 1 (index.html is unchanged)", w.Written())
	}
	if err := w.Commit([]string{"a/index.html"}, 1); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"index.html": "home", "b/index.html": "b"} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v", name, got, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "a", "index.html")); !os.IsNotExist(err) {
		t.Errorf("a/index.html is still there: %v", err)
	}
}
