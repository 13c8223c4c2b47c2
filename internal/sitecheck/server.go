package sitecheck

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

// Server serves a built site under its base path the way its host does:
// index.html for a directory path, a redirect for a directory without its
// slash, 404.html with status 404 for anything else, and on every response
// the headers netlify.toml gives its path — so a browser loading the pages
// enforces the site's real Content-Security-Policy.
type Server struct {
	fsys  fs.FS
	base  string
	rules []HeaderRule
	// htmlTail is appended to every HTML page served (SetHTMLTail).
	htmlTail []byte
}

// SetHTMLTail has every HTML page served end with tail: how a local
// preview adds its reload script to pages whose files never hold it.
func (s *Server) SetHTMLTail(tail string) { s.htmlTail = []byte(tail) }

// NewServer serves fsys under basePath with the header rules.
func NewServer(fsys fs.FS, basePath string, rules []HeaderRule) *Server {
	return &Server{fsys: fsys, base: Options{BasePath: basePath}.basePath(), rules: rules}
}

// contentTypes are the types of the files a site holds; the system's MIME
// table fills in the rest.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".json": "application/json",
	".xml":  "application/xml; charset=utf-8",
	".svg":  "image/svg+xml",
	".md":   "text/markdown; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".webp": "image/webp",
	".pdf":  "application/pdf",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	sitePath, ok := strings.CutPrefix(p, s.base)
	for k, vs := range HeadersFor(s.rules, "/"+sitePath, p) {
		w.Header()[k] = vs
	}
	if !ok && p+"/" == s.base {
		http.Redirect(w, r, s.base, http.StatusMovedPermanently)
		return
	}
	if !ok || strings.Contains(sitePath, "..") || strings.Contains(sitePath, "//") {
		s.notFound(w, r)
		return
	}
	name := sitePath
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if info, err := fs.Stat(s.fsys, name); err == nil && info.IsDir() {
		if _, err := fs.Stat(s.fsys, path.Join(name, "index.html")); err == nil {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	s.send(w, r, name, http.StatusOK, data)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	data, err := fs.ReadFile(s.fsys, "404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.send(w, r, "404.html", http.StatusNotFound, data)
}

func (s *Server) send(w http.ResponseWriter, r *http.Request, name string, status int, data []byte) {
	if w.Header().Get("Content-Type") == "" { // netlify.toml may set it
		w.Header().Set("Content-Type", contentType(name))
	}
	if len(s.htmlTail) > 0 && strings.HasSuffix(name, ".html") {
		// Before </body> when the page has one (a minified page may not).
		at := bytes.LastIndex(data, []byte("</body>"))
		if at < 0 {
			at = len(data)
		}
		data = slices.Concat(data[:at], s.htmlTail, data[at:])
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}
