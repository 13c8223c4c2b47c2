// Package filestamp tells whether a file may have changed since it was
// last seen, from its metadata alone, so that a rebuild need not read
// every file to find the few that changed.
//
// Size and modification time are not enough: cp -p, rsync -a and tar x
// write new bytes and then set the old modification time back. The
// change time (ctime) cannot be set back by anyone but the clock, and
// moves forward on every write, rename and chmod; the inode number tells
// a file replaced by another. A stamp holds all four, as git's index does.
package filestamp

import "io/fs"

// Stamp is what the file system says of one version of a file.
type Stamp struct {
	Size  int64
	Mtime int64  // modification time, Unix nanoseconds; 0 when unknown
	Ctime int64  // change time, Unix nanoseconds; 0 where the system has none
	Ino   uint64 // inode number; 0 where the system has none
}

// Of returns the stamp of the file info describes.
func Of(info fs.FileInfo) Stamp {
	if si, ok := info.(*seenInfo); ok {
		return si.stamp
	}
	s := Stamp{Size: info.Size()}
	if t := info.ModTime(); !t.IsZero() {
		s.Mtime = t.UnixNano()
	}
	s.Ctime, s.Ino = sys(info)
	return s
}

// Known reports whether the stamp can tell anything: a file of unknown
// time is always read.
func (s Stamp) Known() bool { return s.Mtime != 0 }

// Changed is the last time the file can have changed: the later of its
// modification and change times. A file that changed within a clock tick
// of being recorded may change again without its stamp changing, so a
// stamp recorded less than a tick after Changed is not to be trusted.
func (s Stamp) Changed() int64 { return max(s.Mtime, s.Ctime) }
