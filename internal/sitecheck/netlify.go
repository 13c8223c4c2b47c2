package sitecheck

import (
	"cmp"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// HeaderRule is one [[headers]] section of netlify.toml: the response
// headers for the paths that match For.
type HeaderRule struct {
	// For is Netlify's path pattern: "/*", "/assets/*", "/towns/:code/".
	For string
	// Values are the headers, sorted by name.
	Values []Header

	match *regexp.Regexp
}

// Header is one response header.
type Header struct{ Name, Value string }

// ParseNetlifyHeaders reads the [[headers]] sections of a netlify.toml. A
// value written over several lines (a long Content-Security-Policy) is
// joined with single spaces, as it has to travel in one header line.
func ParseNetlifyHeaders(name string, data []byte) ([]HeaderRule, error) {
	var file struct {
		Headers []struct {
			For    string         `toml:"for"`
			Values map[string]any `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := toml.Decode(string(data), &file); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var rules []HeaderRule
	for i, h := range file.Headers {
		if !strings.HasPrefix(h.For, "/") {
			return nil, fmt.Errorf("%s: [[headers]] %d: for = %q must start with /", name, i+1, h.For)
		}
		r := HeaderRule{For: h.For, match: netlifyPattern(h.For)}
		for key, v := range h.Values {
			var parts []string
			switch v := v.(type) {
			case string:
				parts = []string{v}
			case []any:
				for _, e := range v {
					s, ok := e.(string)
					if !ok {
						return nil, fmt.Errorf("%s: [[headers]] %d: %s: want a string or a list of strings", name, i+1, key)
					}
					parts = append(parts, s)
				}
			default:
				return nil, fmt.Errorf("%s: [[headers]] %d: %s: want a string or a list of strings", name, i+1, key)
			}
			for j, p := range parts {
				parts[j] = strings.Join(strings.Fields(p), " ")
			}
			r.Values = append(r.Values, Header{Name: http.CanonicalHeaderKey(key), Value: strings.Join(parts, ", ")})
		}
		slices.SortFunc(r.Values, func(a, b Header) int { return cmp.Compare(a.Name, b.Name) })
		rules = append(rules, r)
	}
	return rules, nil
}

// netlifyPattern turns a Netlify path pattern into a regular expression:
// "*" matches the rest of the path and ":name" one path segment.
func netlifyPattern(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '*':
			b.WriteString(".*")
		case p[i] == ':' && (i == 0 || p[i-1] == '/'):
			for i+1 < len(p) && p[i+1] != '/' {
				i++
			}
			b.WriteString("[^/]+")
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// HeadersFor gives the headers of every rule whose pattern matches one of
// paths (the path as a root-deployed site sees it, and the full request
// path). Two rules that set the same header both apply, as two
// Content-Security-Policy headers both restrict a page.
func HeadersFor(rules []HeaderRule, paths ...string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !slices.ContainsFunc(paths, r.match.MatchString) {
			continue
		}
		for _, v := range r.Values {
			h.Add(v.Name, v.Value)
		}
	}
	return h
}
