package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// invocation describes one generator run.
type invocation struct {
	Bin     string
	Args    []string
	Dir     string // working directory of the child
	OutDir  string // where the tool must write its output
	Timeout time.Duration
	// Required lists files (relative to OutDir) that must exist after a
	// successful run. In addition at least one .go file must exist.
	Required []string
	// Shorten lists path prefixes (e.g. the spec directory) removed from the
	// error line to keep it readable.
	Shorten []string
	// Lint marks a linter run: exit 1 means "problems found", a success,
	// and no output files are expected.
	Lint bool
}

// maxCapture bounds how much stdout/stderr of a child is kept in memory.
const maxCapture = 1 << 20

// capWriter keeps the first max bytes written to it and discards the rest.
type capWriter struct {
	buf bytes.Buffer
	max int
}

func (w *capWriter) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		if len(p) > room {
			w.buf.Write(p[:room])
		} else {
			w.buf.Write(p)
		}
	}
	return len(p), nil
}

// execute runs inv once, measuring wall time around cmd.Run and peak RSS
// from the child's rusage. A run succeeds iff the exit status is 0 and the
// expected output exists.
func execute(ctx context.Context, inv invocation) RunResult {
	ctx, cancel := context.WithTimeout(ctx, inv.Timeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, inv.Bin, inv.Args...)
	cmd.Dir = inv.Dir
	stdout := &capWriter{max: maxCapture}
	stderr := &capWriter{max: maxCapture}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	setProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second

	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)

	var r RunResult
	r.Wall = wall
	r.MaxRSSKB, r.User, r.Sys = processUsage(cmd.ProcessState)
	r.WallSec, r.UserSec, r.SysSec = r.Wall.Seconds(), r.User.Seconds(), r.Sys.Seconds()
	if cmd.ProcessState != nil {
		r.ExitCode = cmd.ProcessState.ExitCode()
	}

	switch {
	case ctx.Err() == context.DeadlineExceeded:
		r.Status = StatusTimeout
		r.ErrLine = fmt.Sprintf("timed out after %s", inv.Timeout)
		return r
	case err != nil && inv.Lint && r.ExitCode == 1:
		r.Status = StatusOK // the linter ran and reported problems
		return r
	case err != nil:
		r.Status = StatusFail
		r.ErrLine = errorLine(stderr.buf.Bytes(), stdout.buf.Bytes(), inv.Shorten)
		if r.ErrLine == "" {
			r.ErrLine = err.Error()
		}
		return r
	}

	if inv.Lint {
		r.Status = StatusOK
		return r
	}
	r.OutFiles, r.OutBytes = goFiles(inv.OutDir)
	for _, f := range inv.Required {
		if st, err := os.Stat(filepath.Join(inv.OutDir, f)); err != nil || st.Size() == 0 {
			r.Status = StatusFail
			r.ErrLine = fmt.Sprintf("exit 0 but %s was not written", f)
			return r
		}
	}
	if r.OutFiles == 0 {
		r.Status = StatusFail
		r.ErrLine = "exit 0 but no .go files were written"
		return r
	}
	r.Status = StatusOK
	return r
}

// goFiles counts .go files (recursively) under dir and their total size.
func goFiles(dir string) (n int, size int64) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		n++
		if info, err := d.Info(); err == nil {
			size += info.Size()
		}
		return nil
	})
	return n, size
}

// logLine matches zap console log lines (ogen logs INFO/WARN to stderr even
// on success) and similar leveled log prefixes, which are noise when
// looking for the actual error.
var logLine = regexp.MustCompile(`^(?:\d{4}-\d\d-\d\dT\S+\s+)?(?:DEBUG|INFO|WARN|WARNING)\b`)

// errorLine returns the first meaningful line of a failed tool's output:
// the first non-empty stderr line that is not a leveled INFO/WARN log line
// (falling back to stdout). Path prefixes in shorten are removed.
func errorLine(stderr, stdout []byte, shorten []string) string {
	for _, out := range [][]byte{stderr, stdout} {
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 64*1024), maxCapture)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			// ogen prefixes located errors with "- ".
			line = strings.TrimSpace(strings.TrimPrefix(line, "- "))
			if line == "" || logLine.MatchString(line) {
				continue
			}
			return shortenPaths(line, shorten)
		}
	}
	return ""
}

// shortenPaths removes "file://" + prefix + "/" and prefix + "/" from s.
func shortenPaths(s string, prefixes []string) string {
	for _, p := range prefixes {
		if p == "" {
			continue
		}
		p = strings.TrimSuffix(p, string(filepath.Separator)) + "/"
		s = strings.ReplaceAll(s, "file://"+p, "")
		s = strings.ReplaceAll(s, p, "")
	}
	return s
}

// gofmtCheck runs `gofmt -l dir`. It reports "ok" when every file parses
// and is formatted, "unformatted (N files)" when gofmt lists files, and
// "unformattable" when gofmt cannot parse the output (detail holds the first
// error line).
func gofmtCheck(ctx context.Context, gofmt, dir string, timeout time.Duration) (status, detail string) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, gofmt, "-l", ".")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return "gofmt timeout", ""
	}
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return "gofmt error", err.Error()
		}
		return "unformattable", errorLine(stderr.Bytes(), nil, []string{dir})
	}
	if files := strings.Fields(stdout.String()); len(files) > 0 {
		unit := "files"
		if len(files) == 1 {
			unit = "file"
		}
		return fmt.Sprintf("unformatted (%d %s)", len(files), unit), strings.Join(files, " ")
	}
	return "ok", ""
}
