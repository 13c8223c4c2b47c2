// Command statfloor times what noticing a change costs on a machine: listing
// every directory under the folders given and asking the file system for
// each file's size and times (lstat), as a build must do for every content
// file and original to find the ones added or edited since the last build,
// and for every published file to find one changed by hand. No build that
// checks its files can be faster than this, however little it rebuilds.
//
//	go run ./bench/statfloor bench/corpus/20000/content bench/corpus/20000/sources
//
// It lists the tree once, then lstats every file with -workers goroutines
// (default: the build's, one per CPU), -runs times. For the figure with
// the file system's caches cold, as on a machine where other work came
// between two builds, run it as root after
//
//	sync; echo 3 > /proc/sys/vm/drop_caches
//
// and read its first run: the listing and the first lstats are then cold.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("statfloor", flag.ContinueOnError)
	flags.SetOutput(stderr)
	workers := flags.Int("workers", runtime.GOMAXPROCS(0), "goroutines that lstat the files")
	runs := flags.Int("runs", 3, "times every file is lstat'ed")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 || *workers < 1 || *runs < 1 {
		fmt.Fprintln(stderr, "usage: statfloor [-workers N] [-runs R] DIR...")
		return 2
	}
	start := time.Now()
	var files []string
	dirs := 0
	for _, root := range flags.Args() {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
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
			fmt.Fprintf(stderr, "statfloor: %v\n", err)
			return 1
		}
	}
	list := time.Since(start)
	fmt.Fprintf(stdout, "%d files in %d folders: listed in %.3f s\n", len(files), dirs, list.Seconds())
	for r := 1; r <= *runs; r++ {
		took, err := lstatAll(files, *workers)
		if err != nil {
			fmt.Fprintf(stderr, "statfloor: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "run %d: lstat of every file with %d goroutines %.3f s (%.2f µs a file); with the listing %.3f s\n",
			r, *workers, took.Seconds(), float64(took.Nanoseconds())/1e3/float64(max(1, len(files))), (list + took).Seconds())
	}
	return 0
}

// lstatAll lstats every file with n goroutines and returns how long it
// took; a file that cannot be lstat'ed is an error, since a figure that
// left files out would be too low.
func lstatAll(files []string, n int) (time.Duration, error) {
	start := time.Now()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += n {
				if _, err := os.Lstat(files[i]); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start), errors.Join(errs...)
}
