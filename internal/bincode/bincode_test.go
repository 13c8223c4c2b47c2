package bincode

import (
	"errors"
	"reflect"
	"testing"
)

// What an Encoder writes, a Decoder reads back; a cut file is an error
// that sticks, never a panic or an allocation without bound.
func TestRoundTrip(t *testing.T) {
	var e Encoder
	e.Byte(7)
	e.Uint(300)
	e.Int(-5)
	e.Str("后叶镇")
	e.Bool(true)
	e.Strs([]string{"a", "", "b"})
	d := NewDecoder(string(e.B))
	if d.Byte() != 7 || d.Uint() != 300 || d.Int() != -5 || d.Str() != "后叶镇" || !d.Bool() ||
		!reflect.DeepEqual(d.Strs(), []string{"a", "", "b"}) || d.Err() != nil || d.Len() != 0 {
		t.Fatal("round trip failed")
	}
	for cut := range len(e.B) {
		d := NewDecoder(string(e.B[:cut]))
		d.Byte()
		d.Uint()
		d.Int()
		d.Str()
		d.Bool()
		d.Strs()
		if !errors.Is(d.Err(), ErrCorrupt) {
			t.Errorf("cut at %d: err = %v", cut, d.Err())
		}
	}
}

// FuzzDecoder checks that no bytes make a Decoder panic or read past the
// end, whatever is asked of it.
func FuzzDecoder(f *testing.F) {
	var e Encoder
	e.Str("x")
	e.Strs([]string{"a", "b"})
	f.Add(string(e.B), []byte{2, 5, 3})
	f.Add("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", []byte{0, 1, 4})
	f.Fuzz(func(t *testing.T, s string, ops []byte) {
		d := NewDecoder(s)
		for _, op := range ops {
			switch op % 7 {
			case 0:
				d.Uint()
			case 1:
				d.Int()
			case 2:
				d.Str()
			case 3:
				d.Bool()
			case 4:
				d.Count()
			case 5:
				d.Strs()
			case 6:
				d.Byte()
			}
			if d.Len() < 0 || d.Len() > len(s) {
				t.Fatalf("Len() = %d of %d", d.Len(), len(s))
			}
		}
	})
}
