//go:build !linux

package publish

// exchange is not to be had here: Swap moves the old tree aside under a
// journal instead.
func exchange(a, b string) error { return errNoExchange }

// syncDir is left to the system: not every one can sync a directory.
func syncDir(dir string) error { return nil }
