package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"sync"
)

// startProfile starts a CPU profile into cpuFile and an execution trace
// into traceFile ("" for neither) and returns the function that stops
// them, which may be called more than once. The trace shows the import and
// each step of the build as regions (go tool trace, "User-defined
// regions"), and what runs beside them.
func startProfile(cpuFile, traceFile string) (stop func(), err error) {
	var files []*os.File
	var stops []func()
	create := func(name, what string, start func(*os.File) error, stop func()) error {
		if name == "" {
			return nil
		}
		f, err := os.Create(name)
		if err == nil {
			if err = start(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		files, stops = append(files, f), append(stops, stop)
		return nil
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			for i, s := range stops {
				s()
				files[i].Close()
			}
		})
	}
	if err := create(cpuFile, "cpu profile", func(f *os.File) error { return pprof.StartCPUProfile(f) }, pprof.StopCPUProfile); err != nil {
		return nil, err
	}
	if err := create(traceFile, "trace", func(f *os.File) error { return trace.Start(f) }, trace.Stop); err != nil {
		stop()
		return nil, err
	}
	return stop, nil
}

// writeHeapProfile writes the live heap into file ("" writes nothing).
func writeHeapProfile(file string) error {
	if file == "" {
		return nil
	}
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}
