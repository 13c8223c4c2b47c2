package cache

import (
	"bytes"
	"os"
	"path/filepath"

	"nianbao/internal/publish"
)

// The index of every report's units (internal/reuse's saved form) is kept
// beside the pack, so that the next build updates it with the reports that
// changed rather than reading every report's units. It is valid for the
// version of the code that wrote it only.

const reuseFile = "reuse"

// ReadReuse returns the saved reuse index of this version of the code;
// nil when there is none.
func ReadReuse(dir, version string) []byte {
	data, err := os.ReadFile(filepath.Join(dir, reuseFile))
	if err != nil {
		return nil
	}
	head := []byte(version + "\n")
	if !bytes.HasPrefix(data, head) {
		return nil
	}
	return data[len(head):]
}

// WriteReuse saves the reuse index atomically.
func WriteReuse(dir, version string, saved []byte) error {
	data := make([]byte, 0, len(version)+1+len(saved))
	data = append(append(append(data, version...), '\n'), saved...)
	return publish.WriteFile(filepath.Join(dir, reuseFile), data)
}
