// Package assets turns the site's CSS, JavaScript and static files into
// content-hashed files, and sets up the minifier every output type goes
// through. It is a leaf: it knows nothing of reports or pages.
package assets

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/minify/v2"
)

// Options tells Bundle where things are.
type Options struct {
	// Dir names the assets directory in diagnostics, e.g. "assets".
	Dir string
	// OutDir is the directory of the output files inside the site, e.g. "assets".
	OutDir string
	// Minifier minifies copied SVG files; nil copies them as they are.
	Minifier *minify.M
}

// File is one output file.
type File struct {
	// Path is slash-separated and relative to the site root, e.g. "assets/main-3KQ2XJ5A.css".
	Path string
	Data []byte
}

// Result holds the bundled files and the hashed name of each input.
type Result struct {
	// Files are sorted by Path.
	Files []File
	// Names maps an input name ("main.css", "favicon.svg") to its output Path.
	Names map[string]string
}

// Error is a problem in an asset file, with its position when known.
type Error struct {
	File   string
	Line   int // 1-based; 0 when unknown
	Column int // 1-based; 0 when unknown
	Msg    string
	// LineText is the offending line, when known.
	LineText string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.LineText != "" {
		b.WriteString("\n\t")
		b.WriteString(e.LineText)
	}
	return b.String()
}

// Errors is every problem of one Bundle call.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

const namespace = "assets"

// Bundle bundles every .js and .css file at the top of fsys (files whose name
// starts with "_" are partials, only imported) with esbuild, minified and
// named by content hash, and copies every other top-level file under a hashed
// name. Nothing is written to disk.
func Bundle(fsys fs.FS, opt Options) (*Result, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", opt.Dir, err)
	}
	res := &Result{Names: map[string]string{}}
	var entryPoints []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			continue
		}
		switch path.Ext(name) {
		case ".js", ".css":
			entryPoints = append(entryPoints, name)
		default:
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", path.Join(opt.Dir, name), err)
			}
			if path.Ext(name) == ".svg" && opt.Minifier != nil {
				if data, err = opt.Minifier.Bytes(SVG, data); err != nil {
					return nil, &Error{File: path.Join(opt.Dir, name), Msg: err.Error()}
				}
			}
			out := path.Join(opt.OutDir, hashedName(name, data))
			res.Files = append(res.Files, File{Path: out, Data: data})
			res.Names[name] = out
		}
	}
	if len(entryPoints) > 0 {
		if err := bundle(fsys, entryPoints, opt, res); err != nil {
			return nil, err
		}
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	return res, nil
}

// outRoot is the virtual absolute directory esbuild writes into; output paths
// are made relative to it. Nothing is written there (Write is false).
const outRoot = "/_out"

func bundle(fsys fs.FS, entryPoints []string, opt Options, res *Result) error {
	r := api.Build(api.BuildOptions{
		EntryPoints:       entryPoints,
		Bundle:            true,
		Write:             false,
		Metafile:          true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8, // keep Chinese strings readable, not \u escapes
		Target:            api.ES2017,      // domestic browsers run old Chromium cores
		EntryNames:        "[name]-[hash]",
		AssetNames:        "[name]-[hash]",
		Outdir:            outRoot,
		AbsWorkingDir:     "/",
		LegalComments:     api.LegalCommentsNone,
		Plugins:           []api.Plugin{fsPlugin(fsys)},
		Loader: map[string]api.Loader{
			".svg": api.LoaderFile, ".png": api.LoaderFile, ".ico": api.LoaderFile,
			".woff2": api.LoaderFile, ".gif": api.LoaderFile, ".jpg": api.LoaderFile,
		},
	})
	if len(r.Errors) > 0 {
		errs := make(Errors, 0, len(r.Errors))
		for _, m := range r.Errors {
			errs = append(errs, toError(m, opt.Dir))
		}
		return errs
	}
	var meta struct {
		Outputs map[string]struct {
			EntryPoint string `json:"entryPoint"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(r.Metafile), &meta); err != nil {
		return fmt.Errorf("read esbuild metafile: %w", err)
	}
	for _, f := range r.OutputFiles {
		rel := strings.TrimPrefix(strings.TrimPrefix(f.Path, outRoot), "/")
		out := path.Join(opt.OutDir, rel)
		res.Files = append(res.Files, File{Path: out, Data: f.Contents})
	}
	for outPath, o := range meta.Outputs {
		if o.EntryPoint == "" {
			continue
		}
		in := strings.TrimPrefix(o.EntryPoint, namespace+":")
		rel := strings.TrimPrefix(strings.TrimPrefix(outPath, strings.TrimPrefix(outRoot, "/")), "/")
		res.Names[in] = path.Join(opt.OutDir, rel)
	}
	return nil
}

// fsPlugin makes esbuild read every file from fsys rather than the disk, so
// tests can bundle an fstest.MapFS and the build never depends on the
// working directory.
func fsPlugin(fsys fs.FS) api.Plugin {
	return api.Plugin{
		Name: "fsys",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				p := a.Path
				if a.Kind != api.ResolveEntryPoint {
					if strings.Contains(p, "://") || strings.HasPrefix(p, "data:") {
						return api.OnResolveResult{External: true}, nil
					}
					p = path.Join(path.Dir(a.Importer), p)
				}
				p = path.Clean(strings.TrimPrefix(p, "/"))
				if !fs.ValidPath(p) {
					return api.OnResolveResult{}, fmt.Errorf("%s is outside the assets directory", a.Path)
				}
				return api.OnResolveResult{Path: p, Namespace: namespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: namespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(fsys, a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(data)
				return api.OnLoadResult{Contents: &s, Loader: loaderFor(a.Path)}, nil
			})
		},
	}
}

func loaderFor(p string) api.Loader {
	switch path.Ext(p) {
	case ".css":
		return api.LoaderCSS
	case ".js":
		return api.LoaderJS
	case ".json":
		return api.LoaderJSON
	}
	return api.LoaderFile
}

func toError(m api.Message, dir string) *Error {
	e := &Error{File: dir, Msg: m.Text}
	if l := m.Location; l != nil {
		e.File = path.Join(dir, strings.TrimPrefix(l.File, namespace+":"))
		e.Line = l.Line
		e.Column = l.Column + 1
		e.LineText = l.LineText
	}
	return e
}

// hashedName inserts a content hash into name the way esbuild does for
// bundles: "favicon.svg" → "favicon-ABCD2345.svg".
func hashedName(name string, data []byte) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + Hash(data) + ext
}

// Hash returns a short content hash of data, for callers that fingerprint
// files themselves.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return base32.StdEncoding.EncodeToString(sum[:5])
}
