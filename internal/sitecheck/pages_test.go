package sitecheck

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

func TestPagesGoodFixture(t *testing.T) {
	res := loadFixture(t, "good").CheckPages(fixtureOptions())
	sameLines(t, "pages of testdata/good", problemStrings(res.Problems), nil)
	if res.Checked != 3 {
		t.Errorf("checked %d pages, want 3", res.Checked)
	}
}

func TestPagesBrokenFixture(t *testing.T) {
	res := loadFixture(t, "broken").CheckPages(fixtureOptions())
	sameLines(t, "pages of testdata/broken", problemStrings(res.Problems), []string{
		`inline-script/index.html:29:3: inline <script> (the Content-Security-Policy forbids it)`,
		`missing-date/index.html:26:1: no visible date in <main>: want a <time datetime="YYYY-MM-DD"> or a date such as 2024年1月2日 or 2024-01-02 in its text`,
		`towns/500235145/2024/index.html:3:1: no <meta name="Author">`,
		`towns/500235145/2024/index.html:3:1: no <meta name="SiteIDCode">`,
		`towns/500235145/2024/index.html:16:1: <meta name="PubDate" content="2025/1/22">; want YYYY-MM-DD HH:MM`,
		`two-h1/index.html:29:3: 2 <h1> elements (at 27:3, 29:3); want exactly one`,
		`wrong-lang/index.html:2:1: <html lang="en">; want lang="zh-CN"`,
	})
}

func TestPagesCases(t *testing.T) {
	fsys := fstest.MapFS{
		"bare.html": {Data: []byte("<p>no head, no title, no lang</p>\n")},
		"empty.html": {Data: []byte(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title> </title>
<meta name="description" content="">
<meta name="viewport" content="width=device-width">
<meta name="SiteName" content="示例">
<meta name="SiteName" content="示例">
<link rel="canonical" href="https://fzzf.example.gov.cn/">
<meta name="sitedomain" content="fzzf.example.gov.cn">
</head>
<body><main><h1>标题</h1><p>2025年2月30日 is no date</p></main></body>
</html>
`)},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res := s.CheckPages(Options{})
	sameLines(t, "pages", problemStrings(res.Problems), []string{
		`bare.html: <html> has no lang; want lang="zh-CN"`,
		`bare.html: no <h1>`,
		`bare.html: no <link rel="canonical">`,
		`bare.html: no <meta charset="utf-8">`,
		`bare.html: no <meta name="ColumnDescription">`,
		`bare.html: no <meta name="ColumnKeywords">`,
		`bare.html: no <meta name="ColumnName">`,
		`bare.html: no <meta name="ColumnType">`,
		`bare.html: no <meta name="SiteDomain">`,
		`bare.html: no <meta name="SiteIDCode">`,
		`bare.html: no <meta name="SiteName">`,
		`bare.html: no <meta name="description">`,
		`bare.html: no <meta name="viewport">`,
		`bare.html: no <title>`,
		`bare.html: no visible date in <body>: want a <time datetime="YYYY-MM-DD"> or a date such as 2024年1月2日 or 2024-01-02 in its text`,
		`empty.html:3:1: no <meta name="ColumnDescription">`,
		`empty.html:3:1: no <meta name="ColumnKeywords">`,
		`empty.html:3:1: no <meta name="ColumnName">`,
		`empty.html:3:1: no <meta name="ColumnType">`,
		`empty.html:3:1: no <meta name="SiteDomain">`, // names of 政务公开 meta tags are case-sensitive
		`empty.html:3:1: no <meta name="SiteIDCode">`,
		`empty.html:5:1: empty <title>`,
		`empty.html:6:1: empty <meta name="description">`,
		`empty.html:9:1: duplicate <meta name="SiteName"> (first at 8:1)`,
		`empty.html:13:7: no visible date in <main>: want a <time datetime="YYYY-MM-DD"> or a date such as 2024年1月2日 or 2024-01-02 in its text`,
	})
}

// TestVisibleDate pins down what counts as a visible date.
func TestVisibleDate(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{`<time datetime="2025-01-22">2025-01-22</time>`, true},
		{`<time datetime="2025-01-22T08:00+08:00">1月22日</time>`, true},
		{`<time>2025-01-22</time>`, true},
		{`发布日期：2025年1月22日`, true},
		{`发布日期：2025 年 1 月 22 日`, true},
		{`更新于 2025-01-22`, true},
		{`<span>2025-</span><span>01-22</span>`, false}, // split across elements
		{`<time datetime="2025-01-22"></time>`, false},  // nothing shown
		{`<time datetime="2025">2025年</time>`, false},   // a year is not a date
		{`2025年13月1日`, false},
		{`2025年2月30日`, false},
		{`2021年度报告`, false},
		{`<p hidden>2025年1月22日</p>`, false},
		{`<p aria-hidden="true">2025年1月22日</p>`, false},
		{`<p style="display: none">2025年1月22日</p>`, false},
		{`<template><p>2025年1月22日</p></template>`, false},
		{`<noscript>2025年1月22日</noscript>`, false},
		{`<div><p><time datetime="2025-01-22">今天</time></p></div>`, true},
	} {
		doc, err := html.Parse(strings.NewReader("<main>" + tc.body + "</main>"))
		if err != nil {
			t.Fatal(err)
		}
		var main *html.Node
		for n := range doc.Descendants() {
			if isElement(n, "main") {
				main = n
			}
		}
		if got := hasVisibleDate(main); got != tc.want {
			t.Errorf("hasVisibleDate(%s) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

// What the Content-Security-Policy forbids is found without a browser, and
// a page loads nothing from another origin, not even an allowed one.
func TestInlineAndLoads(t *testing.T) {
	fsys := fstest.MapFS{"p.html": {Data: []byte(`<!DOCTYPE html>
<html lang="zh-CN"><head><style>p{}</style><script>alert(1)</script>
<script src="https://portal.example.gov.cn/toolbar.js"></script></head>
<body><main><h1 style="color:red">标题</h1><p onclick="x()">2024年1月2日</p>
<a href="https://portal.example.gov.cn/">门户</a><img src="https://portal.example.gov.cn/logo.png" alt=""></main></body></html>
`)}}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Origin: "https://fzzf.example.gov.cn", AllowedOrigins: []string{"https://portal.example.gov.cn"}}
	var got []string
	for _, p := range append(s.CheckPages(o).Problems, s.CheckLinks(o).Problems...) {
		if strings.Contains(p.Message, "Content-Security-Policy") || strings.Contains(p.Message, "origin") {
			got = append(got, p.String())
		}
	}
	sameLines(t, "inline and loads", got, []string{
		`p.html:2:26: inline <style> element (the Content-Security-Policy forbids it)`,
		`p.html:2:44: inline <script> (the Content-Security-Policy forbids it)`,
		`p.html:4:13: style attribute on <h1> (the Content-Security-Policy forbids it)`,
		`p.html:4:42: event handler attribute onclick on <p> (the Content-Security-Policy forbids it)`,
		`p.html:3:1: <script src> "https://portal.example.gov.cn/toolbar.js" loads from another origin, https://portal.example.gov.cn`,
		`p.html:5:48: <img src> "https://portal.example.gov.cn/logo.png" loads from another origin, https://portal.example.gov.cn`,
	})
}
