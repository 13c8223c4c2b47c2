// Package publish puts files and whole trees in place so that neither a
// reader nor a crash ever sees half of one.
//
// A site is published into its output directory (public/) in one of two
// ways. A full build writes a new tree beside it and Swap exchanges the two
// in one rename; an incremental build stages the files that changed and
// Apply moves them into place, after writing a journal of the moves. A
// build killed at any moment therefore leaves either the whole old site,
// or a journal that the next start (Recover) carries out to the end, so
// that the whole new site is published before anything else happens.
//
// Everything beside the output shares its name: out.tmp-* (a tree or a
// staging directory being written), out.old-* (an old tree being removed)
// and out.journal. Recover removes the leftovers of builds that stopped;
// Lock keeps a second build from taking the first one's for leftovers.
//
// An incremental build trusts the files it does not rewrite to be the ones
// it wrote last time; the site package checks them against its manifest
// with their change times (internal/filestamp) against Touch's.
//
//	file.go     WriteFile: one file, through a temporary file and a rename
//	guard.go    Guard: what an output may be; the Marker that says a tree is ours; Touch
//	swap.go     NewTree, Swap: a whole tree exchanged for the old one
//	journal.go  Apply, Recover: staged files moved in, replayed after a crash
//	lock_*.go   Lock: one build at a time per output
//	exchange_*.go  the one-rename exchange of two directories, where the system has it
package publish
