package output

import (
	"compress/gzip"
	"fmt"
	"io"
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

// An incremental build makes a file of new bytes and pieces of the
// published file: the result is the pieces joined, with its .gz when the
// build wants one, and a file the pieces give back unchanged is not
// written at all.
func TestPiecesOfThePublishedFile(t *testing.T) {
	for _, gz := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		w, err := New(out, gz, false, 1)
		if err != nil {
			t.Fatal(err)
		}
		w.Start(1)
		w.Send(Req{Idx: 0, Kind: "data", Name: "data/all.csv", Pieces: []Piece{{Data: []byte("head\n")}, {Data: []byte("a1\nb1\nc1\n")}}})
		if errs := w.Wait(); len(errs) > 0 {
			t.Fatal(errs)
		}
		if err := w.Commit(nil, 1); err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			pieces  []Piece
			want    string
			written int
		}{
			// b's row changed; a's and c's are copied.
			{[]Piece{{Data: []byte("head\n")}, {Published: true, Off: 5, N: 3}, {Data: []byte("b2\n")}, {Published: true, Off: 11, N: 3}}, "head\na1\nb2\nc1\n", 1},
			// Copied in another order, with a new row first.
			{[]Piece{{Data: []byte("head\nz0\n")}, {Published: true, Off: 11, N: 3}, {Published: true, Off: 5, N: 3}}, "head\nz0\nc1\na1\n", 1},
		} {
			w, err := New(out, gz, true, 1)
			if err != nil {
				t.Fatal(err)
			}
			w.Start(1)
			w.Send(Req{Idx: 0, Kind: "data", Name: "data/all.csv", Pieces: tc.pieces})
			if errs := w.Wait(); len(errs) > 0 {
				t.Fatal(errs)
			}
			if w.Written() != tc.written {
				t.Errorf("gzip %v: written = %d, want %d", gz, w.Written(), tc.written)
			}
			if err := w.Commit(nil, 1); err != nil {
				t.Fatal(err)
			}
			checkAllCSV(t, w, out, gz, tc.want, fmt.Sprintf("gzip %v", gz))
		}

		// Pieces that give the published file back: nothing is written.
		w, err = New(out, gz, true, 1)
		if err != nil {
			t.Fatal(err)
		}
		w.Start(1)
		w.Send(Req{Idx: 0, Kind: "data", Name: "data/all.csv", Pieces: []Piece{{Published: true, Off: 0, N: 8}, {Data: []byte("c1\n")}, {Published: true, Off: 11, N: 3}}})
		if errs := w.Wait(); len(errs) > 0 {
			t.Fatal(errs)
		}
		if w.Written() != 0 {
			t.Errorf("gzip %v: an unchanged file was written", gz)
		}
		w.Discard()
	}
}

// Pieces kept in a spill file are copied from it, in a full build and in
// an incremental one, beside new bytes and pieces of the published file;
// pieces that give the published file back write nothing.
func TestPiecesOfASpill(t *testing.T) {
	spill, err := os.CreateTemp(t.TempDir(), "spill")
	if err != nil {
		t.Fatal(err)
	}
	defer spill.Close()
	if _, err := spill.WriteString("__a1\nb1\nc1\n__b2\n"); err != nil {
		t.Fatal(err)
	}
	for _, gz := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		steps := []struct {
			pieces  []Piece
			want    string
			written int
		}{
			{[]Piece{{Data: []byte("head\n")}, {Spill: spill, Off: 2, N: 9}}, "head\na1\nb1\nc1\n", 1},
			// b's row changed, from the spill; a's and c's are copied.
			{[]Piece{{Data: []byte("head\n")}, {Published: true, Off: 5, N: 3}, {Spill: spill, Off: 13, N: 3}, {Published: true, Off: 11, N: 3}}, "head\na1\nb2\nc1\n", 1},
			// The same bytes again, all from the spill: nothing is written.
			{[]Piece{{Data: []byte("head\n")}, {Spill: spill, Off: 2, N: 3}, {Spill: spill, Off: 13, N: 3}, {Spill: spill, Off: 8, N: 3}}, "head\na1\nb2\nc1\n", 0},
		}
		for k, tc := range steps {
			w, err := New(out, gz, k > 0, 1)
			if err != nil {
				t.Fatal(err)
			}
			w.Start(1)
			w.Send(Req{Idx: 0, Kind: "data", Name: "data/all.csv", Pieces: tc.pieces})
			if errs := w.Wait(); len(errs) > 0 {
				t.Fatal(errs)
			}
			if w.Written() != tc.written {
				t.Errorf("gzip %v, step %d: written = %d, want %d", gz, k, w.Written(), tc.written)
			}
			if err := w.Commit(nil, 1); err != nil {
				t.Fatal(err)
			}
			checkAllCSV(t, w, out, gz, tc.want, fmt.Sprintf("gzip %v, step %d", gz, k))
		}
	}
}

// checkAllCSV checks that out's data/all.csv, its size as w recorded it
// and, with gz, its .gz hold want.
func checkAllCSV(t *testing.T, w *Writer, out string, gz bool, want, step string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(out, "data", "all.csv"))
	if err != nil || string(got) != want {
		t.Errorf("%s: all.csv = %q, %v; want %q", step, got, err, want)
	}
	if s := w.States()[0]; s.Size != int64(len(want)) {
		t.Errorf("%s: size = %d, want %d", step, s.Size, len(want))
	}
	if !gz {
		return
	}
	f, err := os.Open(filepath.Join(out, "data", "all.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	unz, err := io.ReadAll(zr)
	if err != nil || string(unz) != want {
		t.Errorf("%s: all.csv.gz = %q, %v; want %q", step, unz, err, want)
	}
}
