//go:build !unix

package site

import "os"

// writeFile writes data to a new file name.
func writeFile(name string, data []byte) error {
	return os.WriteFile(name, data, 0o644)
}
