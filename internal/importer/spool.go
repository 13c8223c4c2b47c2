package importer

import (
	"crypto/sha256"

	"nianbao/internal/spill"
)

// spool keeps the converted files of an import on disk until it writes
// them. An import decides what to write only once every source is
// converted (copies of one another, two sources for one town and year),
// so a bulk import of the whole country (200,000 reports, 2.8 GB of
// Markdown) held every converted file in memory at once; the spool holds
// them in one temporary file instead, and the import keeps each report's
// front matter, the place and size of its file there, and its hash.
type spool struct{ f *spill.File }

// newSpool creates the spool's file in dir ("" for the system's temporary
// directory). The import removes it when it ends (close); one a killed
// import left, named .import-spool.tmp-*, is a temporary file to
// publish.IsTemp, which the next build's tidying of its cache removes.
func newSpool(dir string) (*spool, error) {
	f, err := spill.New(dir, "import-spool")
	if err != nil {
		return nil, err
	}
	return &spool{f: f}, nil
}

// put moves c's file into the spool: c keeps its place, size and hash.
// Safe for concurrent use.
func (s *spool) put(c *Converted) error {
	at, err := s.f.Append(c.File)
	if err != nil {
		return err
	}
	c.sum, c.at, c.size, c.spooled = sha256.Sum256(c.File), at, len(c.File), true
	c.File = nil
	return nil
}

// file returns c's file, from the spool when it is there; a nil spool
// (none could be made) holds none.
func (s *spool) file(c *Converted) ([]byte, error) {
	if !c.spooled {
		return c.File, nil
	}
	data := make([]byte, c.size)
	if err := s.f.ReadAt(data, c.at); err != nil {
		return nil, err
	}
	return data, nil
}

// close removes the spool's file.
func (s *spool) close() { s.f.Close() }
