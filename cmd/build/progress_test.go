package main

import (
	"bytes"
	"testing"
)

// TestProgress checks the progress line: shown on a terminal, at most
// every 200 ms but always at the end of a step, and cleared before other
// output; never when the output is not a terminal.
func TestProgress(t *testing.T) {
	if newProgress(&bytes.Buffer{}) != nil {
		t.Error("progress shown on output that is not a terminal")
	}
	var buf bytes.Buffer
	p := &progress{w: &buf}
	p.step("load", 1, 3)
	p.step("load", 2, 3) // within 200 ms: not shown
	p.step("load", 3, 3) // the end: shown
	p.clear()
	if want := "\r\033[K读取报告 1/3\r\033[K读取报告 3/3\r\033[K"; buf.String() != want {
		t.Errorf("progress wrote %q, want %q", buf.String(), want)
	}
	var none *progress
	none.step("render", 1, 1) // a nil progress shows nothing and does not panic
	none.clear()
}
