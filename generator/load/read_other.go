//go:build !unix

package load

// openFlags: outside unix, named pipes and devices do not live among spec
// files, and the checks before and after opening are all there is.
const openFlags = 0
