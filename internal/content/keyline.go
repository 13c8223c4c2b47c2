package content

import "strings"

// KeyLine finds the file line of a front matter key (canonical or
// Chinese), so that a problem with a value points at it; 1 when absent.
func KeyLine(raw []byte, keys ...string) int {
	lines := strings.Split(string(raw), "\n")
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "---" {
			break
		}
		for _, k := range keys {
			if rest, ok := strings.CutPrefix(l, k); ok {
				if rest = strings.TrimLeft(rest, " \t"); strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：") {
					return i + 1
				}
			}
		}
	}
	return 1
}
