//go:build !unix

package main

import (
	"os"
	"os/exec"
	"time"
)

// processUsage: peak RSS is not available on this platform.
func processUsage(ps *os.ProcessState) (maxRSSKB int64, user, sys time.Duration) {
	if ps == nil {
		return 0, 0, 0
	}
	return 0, ps.UserTime(), ps.SystemTime()
}

func setProcessGroup(cmd *exec.Cmd) {}
