package jsonstr

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestAppendMatchesEncodingJSON compares Append with json.Marshal on
// awkward strings and on random ones built from them.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	pieces := []string{"", "a", "后叶镇", `"`, `\`, "<", ">", "&", "\b", "\f", "\n", "\r", "\t", "\x00", "\x1f", "\x7f",
		"\u2028", "\u2029", "\xff", "\xe2\x80", "\xe6\xb3", "𠀀", "é"}
	check := func(s string) {
		want, _ := json.Marshal(s)
		if got := Append([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("Append(%q) = %s, json.Marshal gives %s", s, got[1:], want)
		}
	}
	for _, p := range pieces {
		check(p)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		s := ""
		for n := r.IntN(8); n > 0; n-- {
			s += pieces[r.IntN(len(pieces))]
		}
		check(s)
	}
}
