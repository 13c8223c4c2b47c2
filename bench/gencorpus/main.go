// Command gencorpus writes a corpus of realistic raw reports for benchmarks:
//
//	go run ./bench/gencorpus -n 20000 -seed 1 -out bench/corpus/20000/sources
//
// The reports recombine the paragraphs of the bundled reports in sources/,
// spread over n/5 real townships with five years each.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"nianbao/internal/corpus"
	"nianbao/internal/region"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of reports")
	seed := fs.Uint64("seed", 1, "random seed")
	src := fs.String("seeds", "sources", "directory of seed reports to recombine")
	out := fs.String("out", "", "output directory (required)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "gencorpus: -out is required")
		return 2
	}
	seeds, err := readSeeds(*src)
	if err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	mat, err := corpus.NewMaterial(seeds)
	if err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	bytes := 0
	err = corpus.Generate(mat, corpus.Options{N: *n, Seed: *seed, Towns: region.Default().Towns()}, func(r corpus.Report) error {
		p := filepath.Join(*out, filepath.FromSlash(r.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		bytes += len(r.Data)
		return os.WriteFile(p, r.Data, 0o644)
	})
	if err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d reports (%.1f MB) to %s\n", *n, float64(bytes)/1e6, *out)
	return 0
}

func readSeeds(dir string) ([][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".txt") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}
