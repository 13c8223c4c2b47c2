// Command prepare readies a built site for the Pagefind comparison
// (bench/pagefind/run.sh): it writes the site's own search index under
// SITE/search/index/ unless the site build already did, and bundles the
// search page script (assets/search/main.js) the way internal/assets does
// (esbuild, minified, ES2017, UTF-8) for the harness page.
//
//	go run ./bench/pagefind/prepare -site DIR -bundle FILE [-content content] [-force]
//
// Run it from the repository root. The mapping from a content file to a
// search.Doc follows internal/search/README.md ("Left for the integration
// step", item 1): metadata from the front matter, the lead is the 主送机关
// line and the text before the first "##" heading, each top-level section
// is its plain text with sub-headings as lines, and the URL is the report
// page towns/CODE/YEAR/ relative to the site root.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"nianbao/internal/content"
	"nianbao/internal/search"
)

func main() {
	site := flag.String("site", "", "the built site (required)")
	contentDir := flag.String("content", "content", "the content directory")
	bundle := flag.String("bundle", "", "write the bundled search page script here (required)")
	force := flag.Bool("force", false, "rebuild search/index/ even if the site build wrote one")
	flag.Parse()
	if *site == "" || *bundle == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*site, *contentDir, *bundle, *force); err != nil {
		fmt.Fprintln(os.Stderr, "prepare:", err)
		os.Exit(1)
	}
}

func run(site, contentDir, bundle string, force bool) error {
	indexDir := filepath.Join(site, "search", "index")
	if _, err := os.Stat(filepath.Join(indexDir, "meta.json")); err == nil && !force {
		fmt.Println("search index: written by the site build, kept")
	} else {
		docs, err := loadDocs(contentDir)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(d.URL), "index.html")); err != nil {
				return fmt.Errorf("%s: no report page in the built site: %w", d.URL, err)
			}
		}
		files, err := search.Build(docs, search.Options{})
		if err != nil {
			return err
		}
		if err := os.RemoveAll(indexDir); err != nil {
			return err
		}
		n := 0
		for _, f := range files {
			p := filepath.Join(indexDir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return err
			}
			n += len(f.Data)
		}
		fmt.Printf("search index: %d reports, %d files, %d bytes (built by bench/pagefind/prepare)\n", len(docs), len(files), n)
	}
	return bundleScript(bundle)
}

// loadDocs reads every content/**/*.md into a search.Doc.
func loadDocs(dir string) ([]search.Doc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	md := content.NewMarkdown()
	var docs []search.Doc
	var errs []error
	for _, p := range paths {
		d, err := loadDoc(md, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errors.Join(errs...)
}

func loadDoc(md *content.Markdown, path string) (search.Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return search.Doc{}, err
	}
	f, err := content.Parse(path, data)
	if err != nil {
		return search.Doc{}, err
	}
	r, err := md.RenderParts(f.Body)
	if err != nil {
		return search.Doc{}, fmt.Errorf("%s: %w", path, err)
	}
	m := f.Meta
	if m.Code == "" || m.Year == 0 {
		return search.Doc{}, fmt.Errorf("%s: no code or year", path)
	}
	d := search.Doc{
		URL:      "towns/" + m.Code + "/" + strconv.Itoa(m.Year) + "/",
		Title:    m.Title,
		Province: m.Province, City: m.City, County: m.County, Town: m.Town, Code: m.Code,
		Issuer: m.Issuer, Signer: m.Signer, DocNumber: m.DocNumber,
		Year: m.Year,
	}
	lead := r.LeadText
	if m.Recipient != "" {
		lead = m.Recipient + "：\n" + lead
	}
	d.Sections = append(d.Sections, search.Section{Text: lead})
	for i, s := range r.Sections {
		kind := content.KindOfIn(s.Text, m.Year)
		if i < len(m.Sections) && m.Sections[i].Kind != "" {
			kind = m.Sections[i].Kind
		}
		d.Sections = append(d.Sections, search.Section{ID: s.ID, Title: s.Text, Kind: kind, Text: s.Plain})
	}
	return d, nil
}

// bundleScript bundles assets/search/main.js with the options of
// internal/assets.
func bundleScript(out string) error {
	r := api.Build(api.BuildOptions{
		EntryPoints:       []string{filepath.Join("assets", "search", "main.js")},
		Bundle:            true,
		Write:             false,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		Target:            api.ES2017,
		LegalComments:     api.LegalCommentsNone,
		LogLevel:          api.LogLevelSilent,
	})
	if len(r.Errors) > 0 {
		var msgs []string
		for _, m := range r.Errors {
			msgs = append(msgs, m.Text)
		}
		return fmt.Errorf("esbuild assets/search/main.js: %s", strings.Join(msgs, "; "))
	}
	if len(r.OutputFiles) != 1 {
		return fmt.Errorf("esbuild: %d output files", len(r.OutputFiles))
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fmt.Printf("search script: %d bytes minified\n", len(r.OutputFiles[0].Contents))
	return os.WriteFile(out, r.OutputFiles[0].Contents, 0o644)
}
