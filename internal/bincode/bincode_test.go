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
