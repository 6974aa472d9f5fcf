package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// oasgen is a short-lived batch process that allocates a lot while it loads
// a spec and keeps most of it. GOGC or GOMEMLIMIT in the environment always
// win over the settings below.

// tuneGC collects garbage half as often as Go's default: that saves about a
// tenth of the time of a generation for a few more megabytes.
func tuneGC() {
	if gcFromEnv() {
		return
	}
	debug.SetGCPercent(200)
}

// gcFreeHeap is how much `oasgen validate` may allocate before its first
// garbage collection. Loading a spec keeps nearly everything it allocates
// alive until the end (the parsed files, the decoded document, the types),
// so collecting earlier frees little: linting Medusa's largest spec peaks at
// about 80 MB either way, and skipping the collections saves a third of its
// time. Generation allocates much more that dies (the printed code), so it
// keeps collecting.
const gcFreeHeap = 256 << 20

// deferGC turns the collector off until the heap reaches gcFreeHeap; after
// the first collection (a spec larger than any we know) it collects as
// tuneGC does, so the heap stays bounded.
func deferGC() {
	if gcFromEnv() {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcFreeHeap)
	// The cleanup runs after the first collection finds the sentinel unreachable.
	runtime.AddCleanup(new([64]byte), func(struct{}) {
		debug.SetGCPercent(200)
		debug.SetMemoryLimit(math.MaxInt64)
	}, struct{}{})
}

func gcFromEnv() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }
