package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"

	"nianbao/internal/content"
	"nianbao/internal/publish"
	"nianbao/internal/region"
)

// Settings is the site's identity, read from site.yaml: what a host changes
// to publish the reports under its own portal. Nothing here is code.
type Settings struct {
	// Name is the site name, shown in the header and as SiteName.
	Name string `yaml:"name"`
	// BaseURL is the canonical address of the site's home page, including the
	// sub-path it is served under, e.g. "https://www.example.gov.cn/zwgk/fzzfjsnb/".
	BaseURL string `yaml:"base_url"`
	// Description and Keywords describe the site for the home page's meta tags.
	Description string `yaml:"description"`
	Keywords    string `yaml:"keywords"`
	// Intro is the home page's paragraph on what the reports are and why
	// they exist.
	Intro string `yaml:"intro"`
	// Portal is the host portal the site belongs to.
	Portal Link `yaml:"portal"`
	// Organizer is the 主办单位.
	Organizer string `yaml:"organizer"`
	// SiteIDCode is the 网站标识码.
	SiteIDCode string `yaml:"site_id_code"`
	// ICP is the ICP备案号 and ICPURL where it links to.
	ICP    string `yaml:"icp"`
	ICPURL string `yaml:"icp_url"`
	// PSB is the 公安机关备案号 and PSBURL where it links to.
	PSB    string `yaml:"psb"`
	PSBURL string `yaml:"psb_url"`
	// Contact is shown in the footer.
	Contact Contact `yaml:"contact"`
	// Column holds the column-level meta tags (ColumnName …).
	Column Column `yaml:"column"`
	// DataLicense is the licence of the open data, as the host decided
	// it; unset, the data page says none is stated and whom to ask.
	DataLicense License `yaml:"data_license"`
	// Newest is how many reports the home page lists as newest (default 10).
	Newest int `yaml:"newest"`
	// FeedEntries is how many reports feed.xml holds (default 20).
	FeedEntries int `yaml:"feed_entries"`
	// CompareSplit is the number of towns above which a year's comparison of
	// one section kind is split into one page per county (default 60), so
	// that no page grows with the whole country.
	CompareSplit int `yaml:"compare_split"`
	// HomeTownLimit is the number of towns up to which the home page's
	// region tree lists towns; above it the tree stops at counties (default 300).
	HomeTownLimit int `yaml:"home_town_limit"`
}

// Link is a named link.
type Link struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// License names the terms the open data may be used under.
type License struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Contact is the host's contact details.
type Contact struct {
	Phone   string `yaml:"phone"`
	Email   string `yaml:"email"`
	Address string `yaml:"address"`
}

// Column is the column-level meta of 政务公开 pages.
type Column struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Keywords    string `yaml:"keywords"`
	Type        string `yaml:"type"`
}

// settingsGroups names, for messages, the key of site.yaml under which
// each type of Settings is written.
var settingsGroups = map[string]string{
	"site.Settings": "",
	"site.Link":     "portal",
	"site.Contact":  "contact",
	"site.Column":   "column",
	"site.License":  "data_license",
}

// ParseSettings reads site.yaml. name is used in error messages, which carry
// the file line. Anchors and aliases are refused, as in front matter.
func ParseSettings(name string, data []byte) (Settings, error) {
	var s Settings
	y := &content.YAMLText{File: name, Text: data, Line: 1, Groups: settingsGroups}
	if _, err := y.Parse(); err != nil {
		return s, err
	}
	// Parsed again to decode: only the decoder knows KnownFields, and a
	// misspelt key must not silently drop a footer line.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
		return s, y.Locate(err)
	}
	var problems []string
	if strings.TrimSpace(s.Name) == "" {
		problems = append(problems, fmt.Sprintf("%s: 没有写网站名称（name:）：请加上一行，例如 name: 某某县法治政府建设年度报告", name))
	}
	if u, err := url.Parse(s.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		problems = append(problems, fmt.Sprintf("%s: 网站地址 base_url: %q 不是以 http:// 或 https:// 开头的完整网址：请写成 https://www.example.gov.cn/zwgk/fzzfjsnb/ 这样的完整网址", name, s.BaseURL))
	}
	if len(problems) > 0 {
		return s, errors.New(strings.Join(problems, "\n"))
	}
	if s.Newest <= 0 {
		s.Newest = 10
	}
	if s.FeedEntries <= 0 {
		s.FeedEntries = 20
	}
	if s.CompareSplit <= 0 {
		s.CompareSplit = 60
	}
	if s.HomeTownLimit <= 0 {
		s.HomeTownLimit = 300
	}
	if s.Column.Name == "" {
		s.Column.Name = s.Name
	}
	return s, nil
}

// Regions finds townships: region.Default() in the program, a small table in
// tests. It must be safe for concurrent use.
type Regions interface {
	Town(code string) (region.Town, bool)
	Resolve(text string) (region.Town, error)
	County(province, city, county string) (region.Town, bool)
}

// Config is everything one build needs. cmd/build fills it from flags.
type Config struct {
	// Content holds the report Markdown files (*.md, any depth).
	Content fs.FS
	// ContentDir names Content in diagnostics, e.g. "content".
	ContentDir string
	// Root is the repository root, against which front matter source paths
	// resolve; nil skips copying source files.
	Root fs.FS
	// SourcesDir is the directory of Root, slash-separated, that holds the
	// original files (the build's -sources): a front matter source outside
	// it, or led out of it by a symbolic link, is never published.
	SourcesDir string
	// Templates and Assets are the directories a host may restyle.
	Templates fs.FS
	Assets    fs.FS
	// TemplatesDir and AssetsDir name them in diagnostics.
	TemplatesDir, AssetsDir string
	// Out is the output directory. It is replaced only when the whole build
	// succeeded.
	Out string
	// Settings is the site's identity (site.yaml).
	Settings Settings
	// BasePath overrides the path of Settings.BaseURL, e.g. "/" to preview
	// a site meant for a sub-path at the root.
	BasePath string
	// Regions resolves townships; nil uses region.Default().
	Regions Regions
	// Workers is the number of pages rendered at once; 0 uses GOMAXPROCS.
	Workers int
	// Gzip writes a deterministic .gz beside every text file, for nginx's
	// gzip_static.
	Gzip bool
	// CacheDir holds what a build keeps for the next one: the parsed
	// content files and the manifest of each output directory (see
	// cache.go). With it, a rebuild parses only the content files that
	// changed and rewrites only the output files whose bytes change; ""
	// builds everything from scratch.
	CacheDir string
	// NoSearch leaves out the full-text search index, for a quicker
	// preview: the search page then offers the year and region index only.
	NoSearch bool
	// Progress, when set, is told how far the long steps are: "load" (the
	// content files read) and "render" (the site's files made), done of
	// total. It is called from many goroutines at once.
	Progress func(step string, done, total int)
	// RootDir is the repository on disk and Reads the folders and files
	// the build reads from it (content, sources, templates, assets,
	// settings, cache): Out may not contain the one, nor be, contain or
	// lie inside any of the others (publish.Guard).
	RootDir string
	Reads   []publish.Input
}
