package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"unicode/utf8"

	"nianbao/internal/jsonstr"
	"nianbao/internal/publish"
)

// ManifestName is the file in the content directory that records the hash
// of every file as import last wrote it, so that a later import can tell a
// file edited by hand (which it must not overwrite silently) from its own.
const ManifestName = ".imported.json"

// manifest maps content paths (relative to the content directory) to the
// SHA-256 of the bytes import wrote.
type manifest struct {
	path    string // on this machine
	name    string // relative to the repository, for messages
	out     string // the content directory relative to the repository
	sums    map[string]string
	changed bool
}

func loadManifest(opt Options) (*manifest, error) {
	out := rel(opt.Root, abs(opt.Root, opt.Out))
	name := path.Join(out, ManifestName)
	m := &manifest{path: abs(opt.Root, name), name: name, out: out, sums: map[string]string{}}
	data, err := os.ReadFile(m.path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, &Problem{File: name, Msg: unwrapPath(err).Error()}
	}
	if sums, ok := parseManifest(data); ok {
		m.sums = sums
		return m, nil
	}
	if err := json.Unmarshal(data, &m.sums); err != nil {
		return nil, &Problem{File: name, Msg: fmt.Sprintf("导入记录文件已损坏（%v）：删除它（rm %s），再运行 go run ./cmd/build；之后手工修改过的报告需逐个确认", err, shellQuote(name))}
	}
	return m, nil
}

// parseManifest reads a manifest in the form save writes, one
// `  "key": "value",` a line with nothing to unescape, which every build
// that imports reads whole: tens of thousands of entries, several times
// faster than encoding/json. ok is false for any other form, which
// json.Unmarshal then reads.
func parseManifest(data []byte) (map[string]string, bool) {
	rest, ok := bytes.CutPrefix(data, []byte("{\n"))
	if !ok {
		return nil, false
	}
	sums := make(map[string]string, bytes.Count(rest, []byte("\n")))
	for {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		if !found {
			return nil, false
		}
		if string(line) == "}" {
			if len(after) != 0 {
				return nil, false
			}
			return sums, true
		}
		line, ok := bytes.CutPrefix(line, []byte("  "))
		if !ok {
			return nil, false
		}
		if last := bytes.HasPrefix(after, []byte("}\n")); !last {
			if line, ok = bytes.CutSuffix(line, []byte(",")); !ok {
				return nil, false
			}
		}
		k, v, ok := bytes.Cut(line, []byte(": "))
		if !ok {
			return nil, false
		}
		key, ok1 := plainJSONString(k)
		val, ok2 := plainJSONString(v)
		if !ok1 || !ok2 {
			return nil, false
		}
		sums[key] = val
		rest = after
	}
}

// plainJSONString returns the text of a JSON string literal b that needs
// no unescaping: quoted, valid UTF-8, no backslash, quote or control
// character inside.
func plainJSONString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	b = b[1 : len(b)-1]
	for _, c := range b {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

func (m *manifest) key(p string) string {
	if r, err := relSlash(m.out, p); err == nil {
		return r
	}
	return p
}

// unchanged reports whether data is what import last wrote to p.
func (m *manifest) unchanged(p string, data []byte) bool {
	sum := sha256.Sum256(data)
	return m.sums[m.key(p)] == hex.EncodeToString(sum[:])
}

// record notes that import wrote the bytes of SHA-256 sum to p.
func (m *manifest) record(p string, sum [32]byte) {
	k, v := m.key(p), hex.EncodeToString(sum[:])
	if m.sums[k] != v {
		m.sums[k] = v
		m.changed = true
	}
}

// save writes the manifest with sorted keys, one entry a line, so that it
// diffs well and two imports give the same bytes.
func (m *manifest) save() error {
	if !m.changed {
		return nil
	}
	keys := make([]string, 0, len(m.sums))
	for k := range m.sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf := []byte("{\n")
	for i, k := range keys {
		buf = append(buf, "  "...)
		buf = jsonstr.Append(buf, k)
		buf = append(buf, ": "...)
		buf = jsonstr.Append(buf, m.sums[k])
		if i < len(keys)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
	}
	buf = append(buf, "}\n"...)
	if err := publish.WriteFile(m.path, buf); err != nil {
		return &Problem{File: m.name, Msg: fmt.Sprintf("无法写入导入记录（%v）：请检查磁盘空间和文件夹的写入权限，再运行 go run ./cmd/build", unwrapPath(err))}
	}
	return nil
}

// relSlash gives p relative to dir, both slash paths.
func relSlash(dir, p string) (string, error) {
	dir, p = path.Clean(dir), path.Clean(p)
	if dir == "." {
		return p, nil
	}
	if len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/' {
		return p[len(dir)+1:], nil
	}
	return "", errors.New("outside")
}
