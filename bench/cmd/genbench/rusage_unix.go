//go:build unix

package main

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// processUsage extracts peak RSS (in KiB) and CPU times of a finished child.
// Linux reports ru_maxrss in KiB, macOS in bytes.
func processUsage(ps *os.ProcessState) (maxRSSKB int64, user, sys time.Duration) {
	if ps == nil {
		return 0, 0, 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, ps.UserTime(), ps.SystemTime()
	}
	maxRSSKB = int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		maxRSSKB /= 1024
	}
	return maxRSSKB, ps.UserTime(), ps.SystemTime()
}

// setProcessGroup makes the child the leader of a new process group and
// makes context cancellation (timeout) kill the whole group, so a tool that
// spawns helpers cannot outlive its timeout.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
