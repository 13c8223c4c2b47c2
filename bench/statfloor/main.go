// Command statfloor times what noticing a change costs on a machine: listing
// every directory under the folders given and asking the file system for
// each file's size and times (lstat), as a build must do for every content
// file and original to find the ones added or edited since the last build,
// and for every published file to find one changed by hand. No build that
// checks its files can be faster than this, however little it rebuilds.
//
//	go run ./bench/statfloor bench/corpus/20000/content bench/corpus/20000/sources
//
// Each of its -runs runs lists the tree, then lstats every file with
// -workers goroutines (default: the build's, one per CPU). For the figure with
// the file system's caches cold, as on a machine where other work came
// between two builds, run it as root after
//
//	sync; echo 3 > /proc/sys/vm/drop_caches
//
// and read its first run: its listing and its lstats are then cold; the
// runs after it are the figure with the caches warm.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"nianbao/internal/workers"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("statfloor", flag.ContinueOnError)
	flags.SetOutput(stderr)
	workers := flags.Int("workers", runtime.GOMAXPROCS(0), "goroutines that lstat the files")
	runs := flags.Int("runs", 3, "times the tree is listed and every file lstat'ed")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 || *workers < 1 || *runs < 1 {
		fmt.Fprintln(stderr, "usage: statfloor [-workers N] [-runs R] DIR...")
		return 2
	}
	for r := 1; r <= *runs; r++ {
		files, dirs, list, err := listAll(flags.Args())
		if err != nil {
			fmt.Fprintf(stderr, "statfloor: %v\n", err)
			return 1
		}
		took, err := lstatAll(files, *workers)
		if err != nil {
			fmt.Fprintf(stderr, "statfloor: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "run %d: %d files in %d folders listed in %.3f s; lstat of every file with %d goroutines %.3f s (%.2f µs a file); in all %.3f s\n",
			r, len(files), dirs, list.Seconds(), *workers, took.Seconds(), float64(took.Nanoseconds())/1e3/float64(max(1, len(files))), (list + took).Seconds())
	}
	return 0
}

// listAll lists every folder under roots and returns the files found, the
// number of folders and how long it took.
func listAll(roots []string) (files []string, dirs int, took time.Duration, err error) {
	start := time.Now()
	for _, root := range roots {
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				dirs++
			} else {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, 0, 0, err
		}
	}
	return files, dirs, time.Since(start), nil
}

// lstatAll lstats every file with n goroutines of the build's own pool
// (internal/workers), so that the files are shared out as the build shares
// them, and returns how long it took; a file that cannot be lstat'ed is an
// error, since a figure that left files out would be too low.
func lstatAll(files []string, n int) (time.Duration, error) {
	start := time.Now()
	errs := make([]error, len(files))
	workers.Each(len(files), n, func(i int) {
		_, errs[i] = os.Lstat(files[i])
	})
	took := time.Since(start)
	for _, err := range errs {
		if err != nil {
			return took, err
		}
	}
	return took, nil
}
