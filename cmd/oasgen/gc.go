package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// gcFreeHeap is how much a run may allocate before the first garbage
// collection. Loading a spec keeps nearly everything it allocates alive until
// the end (the parsed files, the decoded document, the types), so collecting
// earlier frees little: Medusa's largest spec peaks at about 80 MB either
// way, and skipping the collections saves a third of its time.
const gcFreeHeap = 256 << 20

// tuneGC turns the collector off until the heap reaches gcFreeHeap; after the
// first collection (a spec larger than any we know) it collects as usual, at
// GOGC=200, so the heap stays bounded. GOGC or GOMEMLIMIT in the environment
// still win.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
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
