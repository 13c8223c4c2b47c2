package content

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestMetaClone checks that Clone copies every field of the front matter,
// including any added later, and shares no string with the original: each
// string of the original is a slice of one text, and none of the clone's
// may point into it.
func TestMetaClone(t *testing.T) {
	text := strings.Repeat("法治政府建设年度报告", 100)
	at := 0
	next := func() string { // a different slice of text each time
		at = (at + 3) % (len(text) - 30)
		return text[at : at+30]
	}
	var m Meta
	fill(t, reflect.ValueOf(&m).Elem(), next)
	c := m.Clone()
	if !reflect.DeepEqual(c, m) {
		t.Fatalf("Clone differs:\n%+v\nwant\n%+v", c, m)
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	check(t, reflect.ValueOf(c), "Meta", func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= lo && p < hi
	})
}

// fill sets every string of v (in structs and slices of them) to a
// distinct slice of one text, every slice to two elements, and every int
// to a number.
func fill(t *testing.T, v reflect.Value, next func() string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(next())
	case reflect.Int:
		v.SetInt(2024)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(t, v.Field(i), next)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(t, v.Index(i), next)
		}
	default:
		t.Fatalf("Meta has a field of kind %s: teach Clone and this test about it", v.Kind())
	}
}

// check reports every string of v that shared says points into the text.
func check(t *testing.T, v reflect.Value, path string, shared func(string) bool) {
	switch v.Kind() {
	case reflect.String:
		if shared(v.String()) {
			t.Errorf("%s shares its bytes with the original", path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			check(t, v.Field(i), path+"."+v.Type().Field(i).Name, shared)
		}
	case reflect.Slice:
		for i := range v.Len() {
			check(t, v.Index(i), path+"[]", shared)
		}
	}
}
