package report

import "testing"

// tailOf gives the last characters of a paragraph, not bytes: the text a
// join repair records.
func TestTailOfCountsCharacters(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 8, ""},
		{"推进", 8, "推进"},
		{"一二三四五六七八", 8, "一二三四五六七八"},
		{"一二三四五六七八九十", 8, "三四五六七八九十"},
		{"全年办理案件37件，LED屏2块", 8, "件，LED屏2块"},
		{"并向社会公", 0, ""},
	} {
		if got := tailOf(tc.in, tc.n); got != tc.want {
			t.Errorf("tailOf(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
