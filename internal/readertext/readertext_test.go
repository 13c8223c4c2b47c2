package readertext

import "testing"

func TestOf(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"一是**矛盾纠纷化解不停步。**全面落实。", "一是**矛盾纠纷化解不停步。**全面落实。"},
		{"# 标题\n\n正文&amp;<b>粗</b>", "标题\n正文&粗"},
		{"| 甲 | 乙 |\n|---|---|\n| 1 | 2 |", "甲乙12"},
	} {
		got, err := Of([]byte(c.md))
		if err != nil {
			t.Fatal(err)
		}
		if NonSpace(got) != NonSpace(c.want) {
			t.Errorf("Of(%q) = %q, want %q", c.md, got, c.want)
		}
	}
}

func TestNonSpace(t *testing.T) {
	if got := NonSpace(" 一\u3000二\t三\n"); got != "一二三" {
		t.Errorf("NonSpace = %q", got)
	}
}
