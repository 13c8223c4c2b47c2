//go:build !unix

package output

import (
	"bytes"
	"os"
)

// writeFile writes the parts, one after the other, to a new file name.
func writeFile(name string, parts ...[]byte) error {
	return os.WriteFile(name, bytes.Join(parts, nil), 0o644)
}
