package filestamp

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// OpenDir opens the directory path for Lstat; Close releases it.
func OpenDir(path string) (*Dir, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return &Dir{path: path, fd: fd}, nil
	}
}

// Close releases the directory.
func (d *Dir) Close() error { return unix.Close(d.fd) }

func (d *Dir) lstat(name string) (Stamp, bool, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, false, &fs.PathError{Op: "lstat", Path: d.path + "/" + name, Err: err}
		}
		break
	}
	s := Stamp{
		Size:  st.Size,
		Mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec,
		Ctime: st.Ctim.Sec*1e9 + st.Ctim.Nsec,
		Ino:   st.Ino,
	}
	return s, st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}
