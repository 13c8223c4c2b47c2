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
	path    string // absolute
	out     string // the content directory as given, to relativise paths
	sums    map[string]string
	changed bool
}

func loadManifest(opt Options) (*manifest, error) {
	m := &manifest{path: abs(opt.Root, path.Join(opt.Out, ManifestName)), out: opt.Out, sums: map[string]string{}}
	data, err := os.ReadFile(m.path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path.Join(opt.Out, ManifestName), unwrapPath(err))
	}
	if err := json.Unmarshal(data, &m.sums); err != nil {
		return nil, fmt.Errorf("%s: not a valid import manifest: %v (delete it and import again with -force)", path.Join(opt.Out, ManifestName), err)
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
		return fmt.Errorf("write import manifest: %w", unwrapPath(err))
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
