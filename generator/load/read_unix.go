//go:build unix

package load

import "syscall"

// openFlags keep open from blocking on a FIFO (or a device) swapped in after
// the file was checked, and from following a link swapped in for it.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
