package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
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
	if err := json.Unmarshal(data, &m.sums); err != nil {
		return nil, &Problem{File: name, Msg: fmt.Sprintf("not a valid import manifest: %v (delete it and import again with -force)", err)}
	}
	return m, nil
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

func (m *manifest) record(p string, data []byte) {
	sum := sha256.Sum256(data)
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
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(m.sums[k])
		buf = append(buf, "  "...)
		buf = append(buf, kb...)
		buf = append(buf, ": "...)
		buf = append(buf, vb...)
		if i < len(keys)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
	}
	buf = append(buf, "}\n"...)
	if err := writeAtomic(m.path, buf); err != nil {
		return &Problem{File: m.name, Msg: fmt.Sprintf("write the import manifest: %v", unwrapPath(err))}
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
