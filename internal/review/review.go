// Package review reads the content files as a careful editor does before
// publishing, and lists what deserves a second look that the build itself
// accepts: values the importer derived and nobody has confirmed, a title
// whose year disagrees with the report's, headings numbered twice or
// skipped, dates after today, and towns whose years have a gap. Every
// finding is a warning at its file and line, in the staff's words; what
// the build refuses is the build's to report (site.Check).
package review

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/diag"
	"nianbao/internal/report"
)

// File is one content file to review: its path as shown in messages, its
// bytes and what content.Parse read from them.
type File struct {
	Path string
	Raw  []byte
	Doc  *content.File
}

// Files reviews each file, then the files together (gaps in a town's
// years). today is the day of the review, YYYY-MM-DD, in the reports'
// time zone.
func Files(files []File, today string) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	for _, f := range files {
		out = append(out, one(f, today)...)
	}
	return append(out, gaps(files)...)
}

func one(f File, today string) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	m := &f.Doc.Meta
	at := func(line int, format string, args ...any) {
		out = append(out, &diag.Diagnostic{File: f.Path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if len(m.Derived) > 0 {
		var names []string
		for _, key := range m.Derived {
			if label := content.Label(key); label != "" {
				names = append(names, label+"（"+key+"）")
			} else {
				names = append(names, key)
			}
		}
		at(content.KeyLine(f.Raw, "derived"), "%s不是原件写明的，是导入时推断出来的：请对照原件核对；核对无误的，从 derived 下删去那一项",
			strings.Join(names, "、"))
	}
	if y, ok := titleYear(m.Title); ok && m.Year != 0 && y != m.Year {
		at(content.KeyLine(f.Raw, "year", "年度"), "标题写的是 %d 年，报告年度却是 %d：请对照原件核对其中之一", y, m.Year)
	}
	for _, d := range []struct{ key, value string }{{"date", m.Date}, {"published", m.Published}, {"printed", m.Printed}} {
		if len(d.value) == 10 && today != "" && d.value > today {
			at(content.KeyLine(f.Raw, d.key, content.Label(d.key)), "%s %s 晚于今天（%s）：请对照原件核对", content.Label(d.key), d.value, today)
		}
	}
	out = append(out, numbering(f, m.Year)...)
	return out
}

var reTitleYear = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年`)

// titleYear is the year a report's title names, when it names one.
func titleYear(title string) (int, bool) {
	ms := reTitleYear.FindAllStringSubmatch(title, -1)
	if len(ms) != 1 {
		return 0, false
	}
	y, _ := strconv.Atoi(ms[0][1])
	return y, true
}

// heading is a Markdown heading of a body with its numbering.
type heading struct {
	line, level, n int
	style, text    string
}

// numbering checks that the numbered headings under each heading run 1,
// 2, 3 without a number given twice or skipped, and that a section
// heading's year agrees with the report's (its plans are for the next).
func numbering(f File, year int) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	var hs []heading
	for i, l := range strings.Split(string(f.Doc.Body), "\n") {
		t := strings.TrimLeft(l, "#")
		level := len(l) - len(t)
		if level < 2 || level > 6 || !strings.HasPrefix(t, " ") {
			continue
		}
		t = strings.ReplaceAll(strings.TrimSpace(t), `\`, "")
		h := heading{line: f.Doc.BodyLine + i, level: level, text: t}
		h.n, h.style, _ = report.HeadingNumber(t)
		hs = append(hs, h)
	}
	// last[level] is the number and style of the last numbered heading at
	// that level under the current parent.
	type seen struct {
		n     int
		style string
		line  int
	}
	last := map[int]seen{}
	for _, h := range hs {
		for l := range last {
			if l > h.level {
				delete(last, l)
			}
		}
		if h.n == 0 {
			continue
		}
		prev, ok := last[h.level]
		switch {
		case ok && prev.style == h.style && h.n == prev.n:
			out = append(out, &diag.Diagnostic{File: f.Path, Line: h.line, Msg: fmt.Sprintf("标题序号重复：第 %d 行已有“%s”序号 %d：请对照原件核对", prev.line, h.style, h.n)})
		case ok && prev.style == h.style && h.n != prev.n+1:
			out = append(out, &diag.Diagnostic{File: f.Path, Line: h.line, Msg: fmt.Sprintf("标题序号不连续：上一个同级标题（第 %d 行）是 %d，这里是 %d：请对照原件核对是否漏了内容", prev.line, prev.n, h.n)})
		case !ok && h.n != 1:
			out = append(out, &diag.Diagnostic{File: f.Path, Line: h.line, Msg: fmt.Sprintf("这一级标题从序号 %d 开始，没有 1：请对照原件核对是否漏了内容", h.n)})
		}
		last[h.level] = seen{h.n, h.style, h.line}
		if h.level == 2 && year != 0 {
			if y, ok := titleYear(h.text); ok && y != year && y != year+1 {
				out = append(out, &diag.Diagnostic{File: f.Path, Line: h.line, Msg: fmt.Sprintf("这一节标题写的是 %d 年，报告年度却是 %d：请对照原件核对", y, year)})
			}
		}
	}
	return out
}

// gaps names each town whose reports skip a year: the site shows the
// year as not collected, which may be a report still to be put in.
func gaps(files []File) []*diag.Diagnostic {
	type rep struct {
		year int
		path string
	}
	byTown := map[string][]rep{}
	names := map[string]string{}
	for _, f := range files {
		m := &f.Doc.Meta
		key := m.Code
		if key == "" {
			key = m.County + m.Town
		}
		if key == "" || m.Year == 0 {
			continue
		}
		byTown[key] = append(byTown[key], rep{m.Year, f.Path})
		names[key] = m.County + m.Town
	}
	var out []*diag.Diagnostic
	keys := make([]string, 0, len(byTown))
	for k := range byTown {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		rs := byTown[k]
		slices.SortFunc(rs, func(a, b rep) int { return a.year - b.year })
		for i := 1; i < len(rs); i++ {
			if rs[i].year-rs[i-1].year > 1 {
				var missing []string
				for y := rs[i-1].year + 1; y < rs[i].year; y++ {
					missing = append(missing, strconv.Itoa(y))
				}
				out = append(out, &diag.Diagnostic{File: rs[i].path, Msg: fmt.Sprintf(
					"%s有 %d 和 %d 年度的报告，缺 %s 年度：如已发布，请把原件放入 sources/ 后运行 go run ./cmd/build check",
					names[k], rs[i-1].year, rs[i].year, strings.Join(missing, "、"))})
			}
		}
	}
	return out
}
