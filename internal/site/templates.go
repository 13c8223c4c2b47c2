package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"nianbao/internal/assets"
)

// templateFuncs are the functions templates may call besides the builtins.
// Pages get their URLs and labels ready-made, so the list stays short.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"kindLabel": kindLabel,
		"yearText":  yearText,
		"add":       func(a, b int) int { return a + b },
		"linkText":  linkText,
		// The lists of links pages repeat most (lists_html.go).
		"linkTo":        linkTo,
		"linkItems":     linkItems,
		"inlineLinks":   inlineLinks,
		"yearbarItems":  yearbarItems,
		"timelineItems": timelineItems,
		"metaRows":      metaRows,
		// The blocks of comparison and changes pages (compare_html.go).
		"compareEntryHTML": compareEntryHTML,
		"changeBlocks":     changeBlocks,
		"switchItems":      switchItems,
		"crumbItems":       crumbItems,
		"yearItems":        yearItems,
		"tocHTML":          tocHTML,
		// The figures' repeated markup (figures_html.go).
		"figureList":   figureList,
		"figureCharts": figureCharts,
		"figureGrid":   figureGrid,
		// dict passes several values to a partial: dict "ID" "q" "Action" url.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// loadTemplates parses the layout and partials once, then each page
// template on a clone of them, each file's text first given to transform
// unless it is nil. It also returns a hash of every file it read, which is
// part of the version of the output.
func loadTemplates(fsys fs.FS, dir string, extra template.FuncMap, transform func([]byte) []byte) (map[string]*template.Template, string, []error) {
	if transform == nil {
		transform = func(data []byte) []byte { return data }
	}
	sum := sha256.New()
	base := template.New("layout.html").Funcs(templateFuncs()).Funcs(extra)
	data, err := fs.ReadFile(fsys, "layout.html")
	if err != nil {
		return nil, "", []error{fmt.Errorf("%s: %w", path.Join(dir, "layout.html"), err)}
	}
	fmt.Fprintf(sum, "layout.html %d\n%s", len(data), data)
	if _, err := base.Parse(string(transform(data))); err != nil {
		return nil, "", []error{templateError(dir, err)}
	}
	partials, _ := fs.Glob(fsys, "_*.html")
	for _, name := range partials {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, "", []error{fmt.Errorf("%s: %w", path.Join(dir, name), err)}
		}
		fmt.Fprintf(sum, "%s %d\n%s", name, len(data), data)
		if _, err := base.New(name).Parse(string(transform(data))); err != nil {
			return nil, "", []error{templateError(dir, err)}
		}
	}
	out := map[string]*template.Template{}
	var problems []error
	for _, kind := range pageKinds {
		name := kind + ".html"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", path.Join(dir, name), err))
			continue
		}
		fmt.Fprintf(sum, "%s %d\n%s", name, len(data), data)
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(transform(data)))
		}
		if err != nil {
			problems = append(problems, templateError(dir, err))
			continue
		}
		out[kind] = t
	}
	return out, hex.EncodeToString(sum.Sum(nil)), problems
}

// minifyTemplate is assets.MinifyTemplate for loadTemplates: a file the
// minifier cannot read is kept as it is.
func minifyTemplate(data []byte) []byte {
	if min, err := assets.MinifyTemplate(data); err == nil {
		return min
	}
	return data
}

// templateLoc finds the "name:line" or "name:line:col" html/template puts
// after "template: " in its messages.
var templateLoc = regexp.MustCompile(`^(?:html/)?template: ([^:\s]+\.html):(\d+)(?::(\d+))?: `)

// templateError rewrites html/template's "template: report.html:12: …" as
// "templates/report.html:12: …", the file:line form of every diagnostic.
func templateError(dir string, err error) error {
	msg := err.Error()
	if m := templateLoc.FindStringSubmatchIndex(msg); m != nil {
		loc := msg[m[2]:m[3]] + ":" + msg[m[4]:m[5]]
		if m[6] >= 0 {
			loc += ":" + msg[m[6]:m[7]]
		}
		return fmt.Errorf("%s: %s", path.Join(dir, loc), strings.TrimSpace(msg[m[1]:]))
	}
	return fmt.Errorf("%s: %s", dir, strings.TrimPrefix(msg, "template: "))
}

// closingPunct are the full-width closing marks whose glyph sits in the
// left half of its em box: a link's underline would run on under the
// empty right half.
const closingPunct = "）」』》〉】〕"

// linkText escapes a link's text and wraps a closing mark at its end in a
// span that CSS draws half-width (.pe), so the underline stops at the
// mark, as a typesetter would set it.
func linkText(s string) template.HTML {
	r, size := utf8.DecodeLastRuneInString(s)
	if size == 0 || !strings.ContainsRune(closingPunct, r) {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(template.HTMLEscapeString(s[:len(s)-size]) + `<span class="pe">` + string(r) + `</span>`)
}
