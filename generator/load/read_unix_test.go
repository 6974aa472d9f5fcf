//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generator/diag"
)

// loadGuarded runs Load and fails the test if it has not returned after
// 20 seconds (it returns in milliseconds), instead of hanging the test run.
func loadGuarded(t *testing.T, spec string, opts Options) (*Document, diag.List, error) {
	t.Helper()
	type result struct {
		doc   *Document
		diags diag.List
		err   error
	}
	done := make(chan result, 1)
	go func() {
		doc, diags, err := Load(spec, opts)
		done <- result{doc, diags, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.diags, r.err
	case <-time.After(20 * time.Second):
		t.Fatalf("Load(%s) hangs", spec)
		return nil, nil, nil
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("symlink:", err)
	}
}

// watchOpen reports, through the returned function, whether anything
// opened the FIFO at path for reading (a writer waits in open until a
// reader comes) by the deadline. Call the function once the code under
// test is done.
func watchOpen(t *testing.T, path string) (opened func(deadline time.Time) bool) {
	t.Helper()
	signal := make(chan struct{})
	go func() {
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			close(signal)
			f.Close()
		}
	}()
	return func(deadline time.Time) bool {
		select {
		case <-signal:
			return true
		case <-time.After(time.Until(deadline)):
		}
		// Release the writer.
		if f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			<-signal
			f.Close()
		}
		return false
	}
}

// TestFIFOs checks that a named pipe, as a ref target or as the spec, is
// refused instead of blocking Load forever.
func TestFIFOs(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, map[string]string{"openapi.yaml": strings.Replace(rootWithRef, "%s", "./pipe.yaml", 1)})
	mkfifo(t, filepath.Join(dir, "pipe.yaml"))
	_, _, err := loadGuarded(t, spec, Options{})
	le := wantRule(t, err, "ref-read", "pipe.yaml is not a regular file: it is a named pipe")
	if le.Diag.Pos.Line != 7 || le.Diag.Pos.Col != 7 {
		t.Errorf("position %v, want openapi.yaml:7:7", le.Diag.Pos)
	}

	root := filepath.Join(dir, "root.yaml")
	mkfifo(t, root)
	_, _, err = loadGuarded(t, root, Options{})
	wantRule(t, err, "ref-read", "root.yaml is not a regular file")
}

// TestNothingOutsideRootIsOpened checks that symbolic links in the spec's
// folder to files outside it are refused before anything opens them, by
// the prefetcher as by the loader, also where the loader never follows
// refs (externalDocs); and that with --allow-outside-root what is not a
// regular file is still never opened.
func TestNothingOutsideRootIsOpened(t *testing.T) {
	outside := t.TempDir()
	outPipe := filepath.Join(outside, "pipe.yaml")
	mkfifo(t, outPipe)
	dir := t.TempDir()
	inPipe := filepath.Join(dir, "unfollowed-pipe.yaml")
	mkfifo(t, inPipe)
	symlink(t, outPipe, filepath.Join(dir, "out-pipe.yaml"))
	symlink(t, "/dev/zero", filepath.Join(dir, "zero.yaml"))
	symlink(t, "/dev/zero", filepath.Join(dir, "unfollowed-zero.yaml"))
	symlink(t, "/etc/passwd", filepath.Join(dir, "passwd.yaml"))
	spec := writeSpec(t, dir, map[string]string{"openapi.yaml": `openapi: 3.0.3
info: {title: t, version: "1"}
externalDocs: {$ref: ./unfollowed-zero.yaml}
tags:
  - name: a
    externalDocs: {$ref: ./unfollowed-pipe.yaml}
  - name: b
    externalDocs: {$ref: ./out-pipe.yaml}
paths: {}
components:
  schemas:
    Pipe: {$ref: ./out-pipe.yaml}
    Zero: {$ref: ./zero.yaml}
    Passwd: {$ref: ./passwd.yaml#/root}
`})

	for _, allow := range []bool{false, true} {
		outOpened, inOpened := watchOpen(t, outPipe), watchOpen(t, inPipe)
		_, diags, err := loadGuarded(t, spec, Options{Lenient: true, AllowOutsideRoot: allow})
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(time.Second) // the prefetcher may still run after Load
		if outOpened(deadline) {
			t.Errorf("allow=%v: the FIFO outside the root was opened", allow)
		}
		if inOpened(deadline) {
			t.Errorf("allow=%v: the FIFO no ref is followed to was opened", allow)
		}
		var got []string
		for _, d := range diags {
			if d.Severity == diag.Error {
				d = d.Rel(dir)
				got = append(got, d.Pos.String()+" "+d.Rule+": "+d.Message)
			}
		}
		want := []string{
			"openapi.yaml:12:12 ref-outside-root",
			"openapi.yaml:13:12 ref-outside-root",
			"openapi.yaml:14:14 ref-outside-root",
		}
		if allow {
			want = []string{
				"openapi.yaml:12:12 ref-read: out-pipe.yaml is not a regular file: it is a named pipe",
				"openapi.yaml:13:12 ref-read: zero.yaml is not a regular file: it is a device",
				"openapi.yaml:14:14 ref-", // /etc/passwd is read: it is a regular file
			}
		}
		if len(got) != len(want) {
			t.Fatalf("allow=%v: errors\n%s\nwant\n%s", allow, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("allow=%v: error %d = %s\nwant %s...", allow, i, got[i], want[i])
			}
		}
	}
}

// TestLocalReader checks the one function every local read goes through.
func TestLocalReader(t *testing.T) {
	dir := t.TempDir()
	writeSpec(t, dir, map[string]string{"a.yaml": "type: string\n"})
	symlink(t, "/dev/zero", filepath.Join(dir, "zero.yaml"))
	symlink(t, "/etc/passwd", filepath.Join(dir, "passwd.yaml"))
	symlink(t, filepath.Join(dir, "a.yaml"), filepath.Join(dir, "link.yaml"))
	mkfifo(t, filepath.Join(dir, "pipe.yaml"))
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(maxFileBytes + 1); err != nil { // sparse: nothing is written
		t.Skip("truncate:", err)
	}
	big.Close()

	for _, tc := range []struct {
		file  string
		allow bool
		err   string // "" for the file's contents
	}{
		{"a.yaml", false, ""},
		{"link.yaml", false, ""},
		{"zero.yaml", false, "outside the spec's folder"},
		{"zero.yaml", true, "it is a device"},
		{"passwd.yaml", false, "outside the spec's folder"},
		{"pipe.yaml", false, "it is a named pipe"},
		{"folder", false, "it is a folder"},
		{"big.yaml", false, "larger than 512 MiB"},
		{"missing.yaml", false, "no such file"},
	} {
		lr := newLocalReader(Options{Root: dir, AllowOutsideRoot: tc.allow}, filepath.Join(dir, "openapi.yaml"))
		data, err := lr.read(filepath.Join(dir, tc.file))
		switch {
		case tc.err == "" && (err != nil || string(data) != "type: string\n"):
			t.Errorf("%s: %q, %v", tc.file, data, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s (allow=%v): err = %v, want %q", tc.file, tc.allow, err, tc.err)
		}
	}

	// The spec itself may be a link to anywhere; it must be a regular file.
	outside := t.TempDir()
	writeSpec(t, outside, map[string]string{"real.yaml": "type: string\n"})
	symlink(t, filepath.Join(outside, "real.yaml"), filepath.Join(dir, "spec.yaml"))
	lr := newLocalReader(Options{Root: dir}, filepath.Join(dir, "spec.yaml"))
	if _, err := lr.read(filepath.Join(dir, "spec.yaml")); err != nil {
		t.Errorf("the spec as a link: %v", err)
	}
	lr = newLocalReader(Options{Root: dir}, filepath.Join(dir, "zero.yaml"))
	if _, err := lr.read(filepath.Join(dir, "zero.yaml")); err == nil || !strings.Contains(err.Error(), "it is a device") {
		t.Errorf("the spec as a link to /dev/zero: %v", err)
	}
}
