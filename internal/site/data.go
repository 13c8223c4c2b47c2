package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"nianbao/internal/content"
)

// record is one report in the open data: every front matter field (with
// the derived ones filled in) and where to read it.
type record struct {
	content.Meta
	URL       string `json:"url"`
	Markdown  string `json:"markdown"`
	SourceURL string `json:"source_url,omitempty"`
}

func (p *pages) records() []record {
	out := make([]record, 0, len(p.site.Reports))
	for _, r := range p.site.Reports {
		rec := record{Meta: r.Meta,
			URL:      p.l.abs(reportPath(r.Town.Code, r.Year)),
			Markdown: p.l.abs(reportMarkdownPath(r.Town.Code, r.Year)),
		}
		if r.Source != "" {
			rec.SourceURL = p.l.abs(reportSourcePath(r.Town.Code, r.Year, r.Source))
		}
		out = append(out, rec)
	}
	return out
}

func (p *pages) reportsJSON() ([]byte, error) {
	return json.MarshalIndent(p.records(), "", " ")
}

// csvColumns are the CSV's columns, named as the JSON keys.
var csvColumns = []string{
	"title", "issuer", "issuers", "province", "city", "county", "town", "code", "year", "date",
	"signer", "doc_number", "recipient", "cc", "printer", "printed", "index_number", "published",
	"sections", "source", "source_sha256", "url", "markdown", "source_url",
}

// reportsCSV writes the records as CSV with a UTF-8 byte order mark, which
// is what makes Excel read Chinese text as UTF-8. Lists are joined by "；";
// sections are written "id:kind:title".
func (p *pages) reportsCSV() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true // Excel's own line ending
	if err := w.Write(csvColumns); err != nil {
		return nil, err
	}
	for _, rec := range p.records() {
		m := rec.Meta
		secs := make([]string, len(m.Sections))
		for i, s := range m.Sections {
			secs[i] = s.ID + ":" + s.Kind + ":" + s.Title
		}
		year := ""
		if m.Year != 0 {
			year = strconv.Itoa(m.Year)
		}
		row := []string{
			m.Title, m.Issuer, strings.Join(m.Issuers, "；"), m.Province, m.City, m.County, m.Town, m.Code, year, m.Date,
			m.Signer, m.DocNumber, m.Recipient, strings.Join(m.CC, "；"), m.Printer, m.Printed, m.IndexNumber, m.Published,
			strings.Join(secs, "；"), m.Source, m.SourceSHA256, rec.URL, rec.Markdown, rec.SourceURL,
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Author    atomAuthor `xml:"author"`
	Summary   string     `xml:"summary,omitempty"`
}

// feed is an Atom feed of the newest reports, newest first.
func (p *pages) feed() ([]byte, error) {
	reports := make([]*Report, len(p.site.Reports))
	copy(reports, p.site.Reports)
	sort.SliceStable(reports, func(i, j int) bool {
		a, b := reports[i].Newest().formatted, reports[j].Newest().formatted
		if a != b {
			return a > b
		}
		if reports[i].Year != reports[j].Year {
			return reports[i].Year > reports[j].Year
		}
		return townLess(reports[i].Town, reports[j].Town)
	})
	if len(reports) > p.set.FeedEntries {
		reports = reports[:p.set.FeedEntries]
	}
	author := p.set.Organizer
	if author == "" {
		author = p.set.Name
	}
	updated := p.site.Updated.rfc3339()
	if updated == "" {
		updated = "1970-01-01T00:00:00+08:00"
	}
	f := atomFeed{
		Lang:    "zh-CN",
		Title:   p.set.Name,
		ID:      p.l.abs(pathHome),
		Updated: updated,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: p.l.abs(pathFeed)},
			{Rel: "alternate", Type: "text/html", Href: p.l.abs(pathHome)},
		},
		Author: atomAuthor{Name: author},
	}
	for _, r := range reports {
		u := p.l.abs(reportPath(r.Town.Code, r.Year))
		e := atomEntry{
			Title:   reportTitle(r),
			ID:      u,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Updated: r.Newest().rfc3339(),
			Summary: p.reportDescription(r),
			Author:  atomAuthor{Name: r.Meta.Issuer},
		}
		if e.Author.Name == "" {
			e.Author.Name = r.Town.FullName()
		}
		if e.Updated == "" {
			e.Updated = updated
		}
		if r.Date.valid {
			e.Published = r.Date.rfc3339()
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sitemapEntry is one page of the sitemap; lastmod is empty when unknown.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemapLimit is the number of URLs one sitemap file may hold.
const sitemapLimit = 50000

// sitemaps returns sitemap.xml, and when the site has more pages than one
// sitemap may list, the numbered sitemaps it indexes.
func (p *pages) sitemaps(entries []sitemapEntry) (map[string][]byte, []string, error) {
	type urlset struct {
		XMLName xml.Name       `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapEntry `xml:"url"`
	}
	files := map[string][]byte{}
	if len(entries) <= sitemapLimit {
		b, err := marshalXML(urlset{URLs: entries})
		files[pathSitemap] = b
		return files, []string{pathSitemap}, err
	}
	type index struct {
		XMLName  xml.Name       `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []sitemapEntry `xml:"sitemap"`
	}
	var idx index
	var names []string
	for i := 0; i*sitemapLimit < len(entries); i++ {
		part := entries[i*sitemapLimit : min((i+1)*sitemapLimit, len(entries))]
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		b, err := marshalXML(urlset{URLs: part})
		if err != nil {
			return nil, nil, err
		}
		files[name] = b
		names = append(names, name)
		idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: p.l.abs(name)})
	}
	b, err := marshalXML(idx)
	files[pathSitemap] = b
	return files, append(names, pathSitemap), err
}

func (p *pages) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + p.l.abs(pathSitemap) + "\n")
}
