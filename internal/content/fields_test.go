package content

import (
	"reflect"
	"strings"
	"testing"
)

// Fields holds every key of Meta, in Meta's order, each with the accessor
// its kind needs: a key added to Meta and not to Fields would be lost by
// the cache and the open data.
func TestFieldsAreMeta(t *testing.T) {
	mt := reflect.TypeFor[Meta]()
	if mt.NumField() != len(Fields) {
		t.Fatalf("Meta has %d fields, Fields %d", mt.NumField(), len(Fields))
	}
	var m Meta
	for i := range Fields {
		f := &Fields[i]
		key, _, _ := strings.Cut(mt.Field(i).Tag.Get("yaml"), ",")
		if f.Key != key {
			t.Errorf("Fields[%d] is %q, Meta's field %d is %q", i, f.Key, i, key)
		}
		switch f.Kind {
		case TextField:
			*f.Text(&m) = key
		case ListField:
			*f.List(&m) = []string{key}
		}
		if c, ok := canonicalKey(f.Key); !ok || c != f.Key {
			t.Errorf("canonicalKey(%q) = %q, %v", f.Key, c, ok)
		}
		for _, a := range f.Aliases {
			if c, ok := canonicalKey(a); !ok || c != f.Key {
				t.Errorf("the alias %q names %q, want %q", a, c, f.Key)
			}
		}
	}
	// Each accessor reaches its own field.
	mv := reflect.ValueOf(m)
	for i := range Fields {
		if k := Fields[i].Kind; k == TextField && mv.Field(i).String() != Fields[i].Key ||
			k == ListField && mv.Field(i).Index(0).String() != Fields[i].Key {
			t.Errorf("Fields[%d] (%s) reaches another field of Meta", i, Fields[i].Key)
		}
	}
}
