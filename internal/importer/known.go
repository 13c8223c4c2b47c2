package importer

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"nianbao/internal/content"
	"nianbao/internal/filestamp"
	"nianbao/internal/publish"
)

// knownSources reads the source named by every content file. Every build
// runs it over the whole content directory, so the files are read in
// parallel and, when a file's front matter has the simple form Import
// writes, only as far as the front matter and without a YAML parser (see
// frontSource); any other file gets the full content.ParseFront, so the
// result is always what content.ParseFront says. With opt.SourceCache, a
// file whose stamp (size, modification and change times, inode) is the one
// cached is not read at all.
func knownSources(opt Options) (map[string]statFile, error) {
	// The cache is read while the tree is walked, and each file's lstat
	// made by the workers that look its source up, not by the walk: one
	// after the other, 20,000 of them were a fifth of a second.
	var cache *sourceCache
	read := make(chan struct{})
	go func() {
		defer close(read)
		if opt.SourceCache != "" {
			cache = readSourceCache(opt.SourceCache)
		}
	}()
	var files []statFile
	var entries []fs.DirEntry
	err := filepath.WalkDir(abs(opt.Root, opt.Out), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		// The walk is also where the half-written files of a killed
		// import are cleared away.
		if removed, err := publish.RemoveStale(p, e); err != nil || removed {
			if removed && opt.Tidied != nil {
				opt.Tidied(p)
			}
			return err
		}
		if !e.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, statFile{path: p})
			entries = append(entries, e)
		}
		return nil
	})
	<-read
	if err != nil {
		return nil, err
	}
	srcs, errs := parallel(len(files), func(i int) (string, error) {
		if opt.SourceCache != "" {
			if info, err := entries[i].Info(); err == nil {
				files[i].stamp = filestamp.Of(info)
				opt.Seen.Put(files[i].path, info)
			}
		}
		if src, ok := cache.lookup(files[i]); ok {
			return src, nil
		}
		return fileSource(files[i].path)
	})
	known := make(map[string]statFile, len(files))
	for i, src := range srcs {
		if errs[i] != nil {
			return nil, errs[i] // the first in walk order, whatever the timing
		}
		if src != "" {
			known[src] = files[i]
		}
	}
	if cache != nil {
		// A cache that cannot be written costs the next build time, not
		// correctness: the error is dropped.
		_ = writeSourceCache(opt.SourceCache, cache, files, srcs)
	}
	return known, nil
}

// headSize is how much of a content file is read first: the front matter
// Import writes is one to two kilobytes, so this nearly always holds all
// of it, and reading no further saves copying the body.
const headSize = 8 << 10

// heads recycles the head buffers: a build reads tens of thousands of files.
var heads = sync.Pool{New: func() any { return new([headSize]byte) }}

// fileSource returns the source the content file at path names, "" when it
// names none.
func fileSource(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := heads.Get().(*[headSize]byte)
	defer heads.Put(head)
	return sourceFrom(f, path, head[:])
}

// sourceFrom returns the source a content file read from r names, "" when
// it names none. It reads into head first, with a single Read, which for a
// regular file gives all of head or the whole file, and reads the rest
// only when the front matter does not end within head or frontSource
// cannot vouch for it; name is the file's name for content.ParseFront.
func sourceFrom(r io.Reader, name string, head []byte) (string, error) {
	n, err := r.Read(head)
	if err != nil && err != io.EOF {
		return "", err
	}
	if src, ok := frontSource(head[:n], false); ok {
		return src, nil
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	data := append(bytes.Clone(head[:n]), rest...) // head goes back to the pool
	if src, ok := frontSource(data, true); ok {
		return src, nil
	}
	// A content file that does not parse is the site build's to report;
	// here it simply names no source.
	f, err := content.ParseFront(name, data)
	if err != nil {
		return "", nil
	}
	return f.Meta.Source, nil
}

// frontSource returns the source named by the front matter at the start
// of data, reading it line by line instead of with a YAML parser, which
// takes most of content.ParseFront's time. ok is true only when the front
// matter is closed within data and every line of it has one of the simple
// forms content.Marshal writes, checked well enough to be sure that
// content.Parse would accept the whole front matter and read the same
// source from it: a known key with a plain or simply quoted value, or an
// item of a list or of the sections. A file that is not whole may end
// mid-line, so its last, unfinished line is never read.
//
// The fences are found as content.Parse finds them (through
// adrg/frontmatter): after one optional byte order mark, the first line
// and the closing line are "---" once blank space of any kind is trimmed
// from both ends.
func frontSource(data []byte, whole bool) (src string, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(data, []byte("---")) {
		return "", false
	}
	line, rest, more := nextLine(data, whole)
	if !more || !isFence(line) {
		return "", false
	}
	var fm frontMatter
	for {
		line, rest, more = nextLine(rest, whole)
		if !more {
			return "", false // not closed, or closed beyond data
		}
		if isFence(line) {
			if len(data)-len(rest) > content.MaxFrontMatter {
				// content.Parse refuses front matter this long: let it
				// say so.
				return "", false
			}
			return fm.finish()
		}
		if !fm.read(line) {
			return "", false
		}
	}
}

// nextLine splits the first line, with its "\n", off data. A last line
// without "\n" counts only when data is the whole file.
func nextLine(data []byte, whole bool) (line, rest []byte, ok bool) {
	if len(data) == 0 {
		return nil, nil, false
	}
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return data, nil, whole
	}
	return data[:i+1], data[i+1:], true
}

// isFence reports whether line opens or closes front matter, as
// adrg/frontmatter decides it.
func isFence(line []byte) bool {
	// Trimming Unicode blank space is slow on lines ending in Chinese; most
	// lines hold no "---" at all.
	return bytes.Contains(line, []byte("---")) && string(bytes.TrimSpace(line)) == "---"
}

// valueForm is the shape of a key's value in front matter.
type valueForm int

const (
	scalarValue   valueForm = iota + 1 // one string on the key's line
	numberValue                        // a number on the key's line
	listValue                          // a list of strings, one "  - item" a line
	sectionsValue                      // a list of sections, their fields on lines of their own
)

// metaKey is a front matter key the fast path knows.
type metaKey struct {
	form valueForm
	bit  uint64 // the key's bit in a set of keys seen
}

// metaKeys and sectionKeys are read from content.Meta's and
// content.Section's yaml tags, so that they follow the format; a field of
// any other type is left out, and a file using its key takes the full
// parse.
var metaKeys, sectionKeys = yamlKeys(reflect.TypeFor[content.Meta]()), yamlKeys(reflect.TypeFor[content.Section]())

func yamlKeys(t reflect.Type) map[string]metaKey {
	keys := map[string]metaKey{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		var form valueForm
		switch {
		case f.Type.Kind() == reflect.String:
			form = scalarValue
		case f.Type.Kind() == reflect.Int:
			form = numberValue
		case f.Type == reflect.TypeFor[[]string]():
			form = listValue
		case f.Type == reflect.TypeFor[[]content.Section]():
			form = sectionsValue
		}
		if name != "" && form != 0 && len(keys) < 64 {
			keys[name] = metaKey{form, 1 << len(keys)}
		}
	}
	return keys
}

// frontMatter follows the lines of front matter for frontSource.
type frontMatter struct {
	src      string
	seen     uint64    // keys given so far: a key given twice is an error
	list     valueForm // listValue or sectionsValue while that key's items follow
	items    int       // items of list so far
	itemSeen uint64    // fields of the current section given so far
}

// read takes one line of front matter and reports whether it keeps the
// front matter within the forms frontSource can vouch for.
func (fm *frontMatter) read(line []byte) bool {
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	// This also refuses a lone "\r", at which YAML breaks lines too, and
	// tabs, which are errors in indentation: neither is worth telling
	// apart here.
	if !printable(line) {
		return false
	}
	line = bytes.TrimRight(line, " ")
	switch {
	case len(line) == 0:
		return true
	case line[0] != ' ':
		return fm.key(line)
	case bytes.HasPrefix(line, []byte("  - ")) && len(line) > 4 && line[4] != ' ':
		if mentionsSource(line) || fm.list == 0 {
			return false
		}
		fm.items++
		if fm.list == sectionsValue {
			fm.itemSeen = 0
			return fm.sectionField(line[4:])
		}
		return scalarOK(line[4:])
	case bytes.HasPrefix(line, []byte("    ")) && len(line) > 4 && line[4] != ' ':
		return !mentionsSource(line) && fm.list == sectionsValue && fm.items > 0 && fm.sectionField(line[4:])
	}
	return false
}

// key takes a top-level "key: value" or "key:" line.
func (fm *frontMatter) key(line []byte) bool {
	name, value, found := bytes.Cut(line, []byte(":"))
	k, known := metaKeys[string(name)]
	if !found || !known || fm.seen&k.bit != 0 || fm.list != 0 && fm.items == 0 {
		return false
	}
	if len(value) > 0 && value[0] != ' ' {
		return false // "key:value" is one plain scalar, not a mapping
	}
	isSource := string(name) == "source"
	if mentionsSource(line) && !isSource && string(name) != "source_sha256" {
		return false
	}
	value = bytes.TrimLeft(value, " ")
	fm.seen |= k.bit
	fm.list, fm.items = 0, 0
	switch k.form {
	case scalarValue:
		if isSource {
			// The source is taken only as a plain scalar, whose value is
			// its text: quotes could hold escapes.
			if !plainOK(value) {
				return false
			}
			fm.src = string(value)
			return true
		}
		return scalarOK(value)
	case numberValue:
		return numberOK(value)
	default:
		fm.list = k.form
		return len(value) == 0
	}
}

// sectionField takes "field: value" of a section.
func (fm *frontMatter) sectionField(b []byte) bool {
	name, value, found := bytes.Cut(b, []byte(": "))
	k, known := sectionKeys[string(name)]
	if !found || !known || k.form != scalarValue || fm.itemSeen&k.bit != 0 {
		return false
	}
	fm.itemSeen |= k.bit
	return scalarOK(bytes.TrimLeft(value, " "))
}

// finish ends front matter that has been closed.
func (fm *frontMatter) finish() (string, bool) {
	if fm.seen == 0 || fm.list != 0 && fm.items == 0 {
		return "", false // empty front matter, or a list key left null
	}
	return fm.src, true
}

// mentionsSource reports whether a line says "source" anywhere: only the
// lines of the source and source_sha256 keys may, so that no other way of
// writing the source key can go unnoticed.
func mentionsSource(line []byte) bool {
	return bytes.Contains(line, []byte("source"))
}

// scalarOK reports whether v, from a line that is printable, is a value
// YAML reads as a string on its own: a plain scalar, or a quoted one that
// has no escapes.
func scalarOK(v []byte) bool {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		inner := v[1 : len(v)-1]
		return bytes.IndexByte(inner, '"') < 0 && bytes.IndexByte(inner, '\'') < 0 && bytes.IndexByte(inner, '\\') < 0
	}
	return plainOK(v)
}

// plainOK reports whether v, from a line that is printable and with its
// blanks trimmed, is a YAML plain scalar that yaml.v3 reads as exactly the
// string v: it must not start with an indicator character, hold ": " or
// " #", end with ':' or spell null.
func plainOK(v []byte) bool {
	if len(v) == 0 || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", v[0]) >= 0 || v[len(v)-1] == ':' {
		return false
	}
	if bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) {
		return false
	}
	switch string(v) {
	case "~", "null", "Null", "NULL":
		return false
	}
	return true
}

// numberOK reports whether v is a plain decimal number that fits an int
// and that no YAML reading takes for octal.
func numberOK(v []byte) bool {
	if len(v) == 0 || len(v) > 9 || v[0] == '0' {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// printable reports whether s is valid UTF-8 of characters YAML takes as
// they are: no control characters, and none that YAML reads as a line
// break (U+0085, U+2028, U+2029) or that it does not allow or may drop
// (U+FEFF, U+FFFE, U+FFFF). It looks at bytes rather than decoding runes,
// since most of the text is Chinese.
func printable(s []byte) bool {
	if !utf8.Valid(s) {
		return false
	}
	for i, c := range s {
		switch {
		case c < 0x20 || c == 0x7f:
			return false
		case c == 0xc2: // U+0080–U+00BF
			if s[i+1] < 0xa0 {
				return false
			}
		case c == 0xe2: // U+2000–U+2FFF
			if s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
				return false
			}
		case c == 0xef: // U+F000–U+FFFF
			if s[i+1] == 0xbb && s[i+2] == 0xbf || s[i+1] == 0xbf && (s[i+2] == 0xbe || s[i+2] == 0xbf) {
				return false
			}
		}
	}
	return true
}
