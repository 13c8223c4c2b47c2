package search

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"法律顾问", "法律顾问"},
		{"１２３４８", "12348"},
		{"ＡＢＣ ａｂｃ ABC", "abc abc abc"},
		{"（2021—2025年）", "(2021-2025年)"},
		{"后叶委文〔2025〕5号", "后叶委文(2025)5号"},
		{"[2025]【2025】﹝2025﹞（2025）", "(2025)(2025)(2025)(2025)"},
		{"2021－2025 2021–2025 2021‐2025 2021−2025", "2021-2025 2021-2025 2021-2025 2021-2025"},
		{"　　一、\t主要\r\n举措\u00a0\u200b\ufeff", "  一、 主要  举措   "},
		{"“两点”‘四个’", "\"两点\"'四个'"},
		{"：；，！？％＋", ":;,!?%+"},
		{"。、《》", "。、《》"}, // CJK punctuation has no half-width twin here
		{"｡､｢｣", "。、「」"},
		{"1～3 1〜3", "1~3 1~3"},
		{"𠮷", "𠮷"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
		if utf8.RuneCountInString(Normalize(c.in)) != utf8.RuneCountInString(c.in) {
			t.Errorf("Normalize(%q) changes the number of code points", c.in)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // space-separated
	}{
		{"法律顾问", "法 法律 律 律顾 顾 顾问 问"},
		{"12348", "1 12 2 23 3 34 123 4 48 234 1234 8 348 2348 12348"},
		{"2021 年", "2 20 0 02 2 21 202 1 1年 021 2021 年"},
		{"ＬＥＤ屏", "l le e ed d d屏 led 屏"},
		{"a b", "a ab b"},
		{"x", "x"},
		{"", ""},
		{" \u3000 ", ""},
	} {
		got := strings.Join(Tokens(c.in), " ")
		if got != c.want {
			t.Errorf("Tokens(%q) =\n %s\nwant\n %s", c.in, got, c.want)
		}
	}
	// Long ASCII runs give n-grams of at most asciiMax characters.
	for _, tok := range Tokens("0123456789abcdefghij") {
		if n := utf8.RuneCountInString(tok); n > asciiMax {
			t.Errorf("token %q longer than %d", tok, asciiMax)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"法律顾问", []string{"法律顾问"}},
		{" 法律  顾问 法律 ", []string{"法律", "顾问"}},
		{"法律　顾问", []string{"法律", "顾问"}}, // ideographic space separates terms
		{"ＬＥＤ 2024", []string{"led", "2024"}},
		{"", nil},
		{"a b c d e f g h i j", []string{"a", "b", "c", "d", "e", "f", "g", "h"}},
		{strings.Repeat("法", 40), []string{strings.Repeat("法", maxTermLen)}},
	} {
		var got []string
		for _, term := range queryTerms(c.in) {
			got = append(got, string(term))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("queryTerms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPlan(t *testing.T) {
	for _, c := range []struct {
		term  string
		want  string
		exact bool
	}{
		{"法", "法", true},
		{"法律", "法律", true},
		{"法律顾问", "律顾 法律 顾问", false},
		{"12348", "12348", true},
		{"20", "20", true},
		{"a年", "a年", true},
		{"2021年", "1年 2021", false},
		{"(2021", "(2 2021", false},
		{"2021-2025", "-2 1- 2021 2025", false},
		{"abcdefghijk", "abcdefgh defghijk", false},
		{"abcdefgh", "abcdefgh", true},
		{"后叶委文(2025)5号", "(2 )5 2025 5) 5号 叶委 后叶 委文 文(", false},
	} {
		keys, exact := plan([]rune(c.term))
		var got []string
		for _, k := range keys {
			got = append(got, k.String())
		}
		if strings.Join(got, " ") != c.want || exact != c.exact {
			t.Errorf("plan(%q) = %q exact=%v, want %q exact=%v", c.term, got, exact, c.want, c.exact)
		}
	}
}

// TestPlanCoversTokens checks the property verification relies on: every
// token a term plans to look up occurs in any text containing the term, so
// no true match is ever missed.
func TestPlanCoversTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("法律顾问ab12 -（）年")
	for i := 0; i < 2000; i++ {
		text := randString(rng, alphabet, 1+rng.IntN(30))
		st := stream(text)
		if len(st) == 0 {
			continue
		}
		a := rng.IntN(len(st))
		b := a + 1 + rng.IntN(len(st)-a)
		term := st[a:b]
		have := map[string]bool{}
		for _, tok := range Tokens(text) {
			have[tok] = true
		}
		keys, _ := plan(term)
		for _, k := range keys {
			if !have[k.String()] {
				t.Fatalf("text %q contains %q but not its token %q", text, string(term), k.String())
			}
		}
	}
}

func randString(rng *rand.Rand, alphabet []rune, n int) string {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(rs)
}

// TestCounterMatchesTokens keeps the index builder's unrolled tokenizer in
// step with Tokens.
func TestCounterMatchesTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("法律顾问ab12 -（）年𠮷Ａ")
	c := newCounter()
	for i := 0; i < 500; i++ {
		text := randString(rng, alphabet, rng.IntN(40))
		occs, length := c.tokenize(&Doc{Sections: []Section{{Text: text}}}, nil)
		got := map[string]uint32{}
		for _, o := range occs {
			got[o.k.String()] += o.v >> 8
		}
		want := map[string]uint32{}
		for _, tok := range Tokens(text) {
			want[tok]++
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("text %q: counter %v, Tokens %v", text, got, want)
		}
		if length != len(stream(text)) {
			t.Fatalf("text %q: length %d", text, length)
		}
	}
}

func TestCodec(t *testing.T) {
	var b []byte
	vals := []uint64{0, 1, 31, 32, 1023, 1024, 1 << 30, 20000}
	for _, v := range vals {
		b = appendVLQ(b, v)
	}
	r := vlqReader{s: string(b)}
	for _, v := range vals {
		if got := r.next(); got != v || r.err != nil {
			t.Fatalf("VLQ %d read back as %d (%v)", v, got, r.err)
		}
	}
	for _, v := range []int64{0, -1, 1, -1000, 1000} {
		if unzigzag(zigzag(v)) != v {
			t.Errorf("zigzag %d", v)
		}
	}
	// FNV-1a test vectors.
	if fnv32("") != 0x811c9dc5 || fnv32("a") != 0xe40c292c || fnv32("foobar") != 0xbf9cf968 {
		t.Error("fnv32 does not match FNV-1a")
	}
}
