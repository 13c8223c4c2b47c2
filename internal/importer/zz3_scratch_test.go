package importer

import (
	"fmt"
	"strings"
	"testing"
)

func TestZZSeeds(t *testing.T) {
	for _, s := range seeds(t) {
		m := s.conv.Meta
		fmt.Printf("%s %s\n%+v\n", s.name, s.conv.Path, m)
		body := string(bodyOf(t, s.conv.File))
		var counts []int
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "## ") {
				counts = append(counts, 0)
			}
			if strings.HasPrefix(l, "### ") {
				counts[len(counts)-1]++
			}
		}
		fmt.Println(counts)
		for _, w := range s.conv.Warnings {
			fmt.Println("  W", w)
		}
	}
}
