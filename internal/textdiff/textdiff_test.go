package textdiff

import (
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestChars(t *testing.T) {
	cases := []struct{ a, b, want string }{
		{"开展普法活动48场次", "开展普法活动52场次", "开展普法活动[-48+52]场次"},
		{"2021年共调解12.5件", "2022年共调解12.8件", "[-2021+2022]年共调解[-12.5+12.8]件"},
		{"全年受理纠纷", "全年共受理纠纷", "全年[+共]受理纠纷"},
		{"完善制度。加强培训。", "加强培训。", "[-完善制度。]加强培训。"},
		{"", "新", "[+新]"},
		{"同", "同", "同"},
		// one kept character between edits is folded in
		{"甲乙丙", "丁乙戊", "[-甲乙丙+丁乙戊]"},
	}
	for _, c := range cases {
		var b strings.Builder
		ops := Chars(c.a, c.b)
		for k := 0; k < len(ops); k++ {
			op := ops[k]
			switch op.Kind {
			case Equal:
				b.WriteString(op.Text)
			case Delete:
				b.WriteString("[-" + op.Text)
				if k+1 < len(ops) && ops[k+1].Kind == Insert {
					k++
					b.WriteString("+" + ops[k].Text)
				}
				b.WriteString("]")
			case Insert:
				b.WriteString("[+" + op.Text + "]")
			}
		}
		if b.String() != c.want {
			t.Errorf("Chars(%q, %q) = %s, want %s", c.a, c.b, b.String(), c.want)
		}
	}
}

func TestAlign(t *testing.T) {
	old := []string{
		"坚持依法决策，重大行政决策全部经过合法性审查。",
		"全年开展普法宣传活动48场次，受教育群众2200人次。",
		"去年有、今年删去的一段关于老旧小区改造的文字。",
	}
	new := []string{
		"全年开展普法宣传活动52场次，受教育群众2600人次。",
		"坚持依法决策，重大行政决策全部经过合法性审查。",
		"今年新建了公共法律服务站，群众可以就近咨询。",
	}
	got := Align(old, new)
	want := []Pair{{1, 0, Edited}, {2, -1, Removed}, {0, 1, Same}, {-1, 2, Added}}
	if len(got) != len(want) {
		t.Fatalf("Align = %+v, want %+v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("Align[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzChars(f *testing.F) {
	f.Add("开展普法活动48场次", "开展普法活动52场次")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		var olds, news strings.Builder
		for _, op := range Chars(a, b) {
			if op.Kind != Insert {
				olds.WriteString(op.Text)
			}
			if op.Kind != Delete {
				news.WriteString(op.Text)
			}
		}
		if olds.String() != string([]rune(a)) || news.String() != string([]rune(b)) {
			t.Fatalf("Chars(%q, %q) does not give back both texts", a, b)
		}
		ops := Chars(a, b)
		for k := 1; k < len(ops); k++ {
			if ops[k].Kind == ops[k-1].Kind {
				t.Fatalf("Chars(%q, %q): two %c ops in a row", a, b, ops[k].Kind)
			}
		}
		Align(strings.Split(a, "\n"), strings.Split(b, "\n"))
	})
}

// TestPairBits: the hashed sets tell pairs apart by both characters: the
// same characters in another order share few bits.
func TestPairBits(t *testing.T) {
	a := "依法行政推进政务公开规范执法行为强化监督制约提升服务水平"
	r := []rune(a)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	x, y := make([]uint64, 64), make([]uint64, 64)
	pairBits(x, a)
	pairBits(y, string(r))
	if d := dice(x, y, ones(x)+ones(y)); d > 0.1 {
		t.Errorf("a text and its reverse: similarity %.2f, want near 0", d)
	}
	z := make([]uint64, 64)
	pairBits(z, a)
	if d := dice(x, z, ones(x)+ones(z)); d != 1 {
		t.Errorf("a text and itself: similarity %.2f", d)
	}
}

// BenchmarkAlign pairs the paragraphs of two bundled reports and diffs the
// pairs, as a changes page does.
func BenchmarkAlign(b *testing.B) {
	read := func(name string) []string {
		data, err := os.ReadFile(filepath.Join("..", "..", "sources", name))
		if err != nil {
			b.Skip(err)
		}
		return strings.Split(string(data), "\n")
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "sources", "*.txt"))
	if len(files) < 2 {
		b.Skip("no bundled sources")
	}
	old, new := read(filepath.Base(files[0])), read(filepath.Base(files[1]))
	for b.Loop() {
		for _, p := range Align(old, new) {
			if p.Kind == Edited {
				Chars(old[p.Old], new[p.New])
			}
		}
	}
}

func ones(b []uint64) int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// FuzzNormTokens: the one-pass norm is strings.Fields joined, for a text
// with a common space, and valid text is cut into the tokens []rune gives.
func FuzzNormTokens(f *testing.F) {
	f.Add("开展 普法\u3000活动 48 场次")
	f.Add("a\u2002b c\xffd\u00a0e")
	f.Add("共1,200.5元，3.和,4")
	f.Fuzz(func(t *testing.T, s string) {
		want := s
		if strings.ContainsAny(s, " \t\n\r") || strings.Contains(s, "\u3000") || strings.Contains(s, "\u00a0") {
			want = strings.Join(strings.Fields(s), "")
		}
		if got := norm(s); got != want {
			t.Fatalf("norm(%q) = %q, want %q", s, got, want)
		}
		if utf8.ValidString(s) && !slices.Equal(tokens(s), runeTokens(s)) {
			t.Fatalf("tokens(%q) = %q, want %q", s, tokens(s), runeTokens(s))
		}
	})
}

// BenchmarkChars diffs each paragraph of a bundled report against itself
// a year on: its years and figures changed, words put in and taken out,
// as a town's next report edits it.
func BenchmarkChars(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "sources", "*.txt"))
	if len(files) == 0 {
		b.Skip("no bundled sources")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	next := strings.NewReplacer("2021", "2022", "2022", "2023", "1", "3", "全面", "", "推进", "进一步推进", "工作", "各项工作")
	var olds, news []string
	for _, p := range strings.Split(string(data), "\n") {
		if utf8.RuneCountInString(p) >= 40 {
			olds, news = append(olds, p), append(news, next.Replace(p))
		}
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for i := range olds {
			Chars(olds[i], news[i])
		}
	}
}
