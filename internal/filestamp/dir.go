package filestamp

// Dir looks up the stamps of files under one directory by their names
// relative to it. Checking a whole published site is one lookup a file
// (over a hundred thousand at national scale); where the system allows,
// a lookup starts at the directory already open rather than at the root
// of the file system, and makes no FileInfo.
type Dir struct {
	path string
	fd   int // the open directory, or -1 where names are joined to path
}

// Lstat returns the stamp of the file name (slash-separated, relative to
// the directory) without following a final symbolic link, and whether it
// is a regular file.
func (d *Dir) Lstat(name string) (s Stamp, regular bool, err error) {
	return d.lstat(name)
}
