package sitecheck

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

// WCAG21AA are the axe-core tags of the WCAG 2.0 and 2.1 level A and AA rules.
var WCAG21AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// BrowserPage is a page for the browser to load.
type BrowserPage struct {
	// Name says what kind of page it is: home, report, town, 404 ….
	Name string `json:"name"`
	// File is the page's file in the site, used as the problem's file.
	File string `json:"file"`
	// URL is where the server serves it.
	URL string `json:"url"`
	// Status is the HTTP status the page must answer with: 200, or 404 for
	// the 404 page.
	Status int `json:"status"`
	// Storage is put in the page's localStorage before it loads: the
	// reader's choices the page's script applies, such as high contrast.
	Storage map[string]string `json:"storage,omitempty"`
}

// HighContrast is the same pages as a reader who chose 高对比度 sees them,
// named "… (高对比度)", for axe to check their contrast too.
func HighContrast(pages []BrowserPage) []BrowserPage {
	out := make([]BrowserPage, len(pages))
	for i, p := range pages {
		p.Name += " (高对比度)"
		p.Storage = map[string]string{"nianbao-contrast": "hc"}
		out[i] = p
	}
	return out
}

// BrowserJob is what scripts/browser.mjs does: load each page at each width
// in Chromium, collect console errors, CSP violations and failed requests,
// and run axe-core with the given tags.
type BrowserJob struct {
	// Node runs the script; Script is scripts/browser.mjs, which finds
	// playwright-core in the node_modules beside it.
	Node   string `json:"-"`
	Script string `json:"-"`
	// Chromium is the browser executable, e.g. Debian's chromium.
	Chromium string `json:"chromium"`
	// Axe is node_modules/axe-core/axe.min.js; empty skips axe.
	Axe string `json:"axe"`
	// Tags select the axe rules, e.g. WCAG21AA.
	Tags []string `json:"tags"`
	// Widths are the window widths in CSS pixels, e.g. 390 and 1280.
	Widths []int `json:"widths"`
	// Pages are loaded, each at each width, Parallel at a time (default 4).
	Pages    []BrowserPage `json:"pages"`
	Parallel int           `json:"parallel"`
	// Origin is the server's base URL (http://127.0.0.1:port/base/), cut
	// from URLs in messages so that they do not depend on the port.
	Origin string `json:"-"`
}

// BrowserReport is what the browser found.
type BrowserReport struct {
	// Loads counts page loads: pages × widths.
	Loads int
	// AxeRules counts the axe rules that ran on each page.
	AxeRules int
	// Axe holds the axe violations (check "axe"); Browser the console
	// errors, CSP violations, failed requests and wrong statuses (check
	// "browser"). Both are sorted; a problem seen at several widths is
	// reported once, naming them.
	Axe, Browser []Problem
}

// browserResult is what scripts/browser.mjs reports for one page at one width.
type browserResult struct {
	Name       string         `json:"name"`
	File       string         `json:"file"`
	URL        string         `json:"url"`
	Width      int            `json:"width"`
	Status     int            `json:"status"`
	AxeRules   int            `json:"axeRules"`
	Error      string         `json:"error"` // why the page could not be checked
	PageErrors []string       `json:"pageErrors"`
	Console    []consoleEntry `json:"console"`
	Requests   []requestEntry `json:"requests"`
	CSP        []cspViolation `json:"csp"`
	Axe        []axeViolation `json:"axe"`
}

type consoleEntry struct {
	Text string `json:"text"`
	URL  string `json:"url"`
	Line int    `json:"line"`
}

type requestEntry struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
	Error  string `json:"error"`
}

type cspViolation struct {
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target string `json:"target"`
	} `json:"nodes"`
}

// RunBrowser runs the job and turns what the browser saw into problems.
func RunBrowser(ctx context.Context, job BrowserJob) (BrowserReport, error) {
	in, err := json.Marshal(job)
	if err != nil {
		return BrowserReport{}, err
	}
	cmd := exec.CommandContext(ctx, job.Node, job.Script)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return BrowserReport{}, fmt.Errorf("run %s: %w\n%s", job.Script, err, tail(stderr.String(), 2000))
	}
	var out struct {
		Results []browserResult `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return BrowserReport{}, fmt.Errorf("read the output of %s: %w\n%s", job.Script, err, tail(stderr.String(), 2000))
	}
	return browserProblems(job, out.Results), nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// finding is a problem before the widths it was seen at are merged in:
// its message is before + " at " + widths + after.
type finding struct {
	check, file   string
	line          int
	before, after string
}

func browserProblems(job BrowserJob, results []browserResult) BrowserReport {
	var rep BrowserReport
	widths := map[finding][]int{}
	var order []finding
	add := func(f finding, width int) {
		if _, seen := widths[f]; !seen {
			order = append(order, f)
		}
		if !slices.Contains(widths[f], width) {
			widths[f] = append(widths[f], width)
		}
	}
	short := func(u string) string {
		if job.Origin == "" {
			return u
		}
		return strings.ReplaceAll(u, job.Origin, "")
	}
	for _, r := range results {
		rep.Loads++
		rep.AxeRules = max(rep.AxeRules, r.AxeRules)
		b := func(line int, before, after string) {
			add(finding{"browser", r.File, line, before, after}, r.Width)
		}
		pageFindings(job, r, short, b)
		for _, v := range r.Axe {
			for _, n := range v.Nodes {
				add(finding{"axe", r.File, 0, "axe " + v.ID + " (" + v.Impact + ")", ": " + v.Help + ": " + n.Target}, r.Width)
			}
		}
	}
	for _, f := range order {
		var ws []string
		for _, w := range widths[f] {
			ws = append(ws, strconv.Itoa(w)+"px")
		}
		p := Problem{Check: f.check, File: f.file, Line: f.line, Message: f.before + " at " + strings.Join(ws, ", ") + f.after}
		if f.check == "axe" {
			rep.Axe = append(rep.Axe, p)
		} else {
			rep.Browser = append(rep.Browser, p)
		}
	}
	sortProblems(rep.Axe)
	sortProblems(rep.Browser)
	return rep
}

// pageFindings reports what one page load found wrong besides axe's:
// a load that failed, a status other than the page's, uncaught exceptions,
// CSP violations, console errors and failed requests, each once (Chromium
// repeats a CSP violation on the console and as a failed request).
func pageFindings(job BrowserJob, r browserResult, short func(string) string, b func(line int, before, after string)) {
	if r.Error != "" {
		b(0, "could not check the page", ": "+short(r.Error))
	}
	want := cmp.Or(pageStatus(job, r.File), 200)
	if r.Status != want && r.Error == "" {
		b(0, "status "+strconv.Itoa(r.Status), "; want "+strconv.Itoa(want))
	}
	for _, e := range r.PageErrors {
		b(0, "uncaught exception", ": "+short(e))
	}
	for _, v := range r.CSP {
		line := 0
		if v.Source == "" || v.Source == r.URL {
			line = v.Line
		}
		blocked := v.Blocked
		if blocked != "inline" && blocked != "eval" {
			blocked = short(blocked)
		}
		b(line, "CSP blocked "+blocked+" ("+v.Directive+")", "")
	}
	for _, c := range r.Console {
		// Chromium repeats each CSP violation on the console; the event
		// above already reported it.
		if len(r.CSP) > 0 && strings.Contains(c.Text, "Content Security Policy") {
			continue
		}
		// The 404 page's own status is expected, and checked above.
		if c.URL == r.URL && r.Status == want && strings.HasPrefix(c.Text, "Failed to load resource") {
			continue
		}
		b(0, "console error", ": "+short(c.Text))
	}
	for _, q := range r.Requests {
		if (q.Error == "csp" || q.Error == "net::ERR_BLOCKED_BY_CSP") && len(r.CSP) > 0 {
			continue
		}
		why := q.Error
		if q.Status != 0 {
			why = "status " + strconv.Itoa(q.Status)
		}
		b(0, "request for "+short(q.URL)+" failed", ": "+why)
	}
}

func pageStatus(job BrowserJob, file string) int {
	for _, p := range job.Pages {
		if p.File == file {
			return p.Status
		}
	}
	return 0
}
