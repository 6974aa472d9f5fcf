package diag

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestRelFiles: files named in a message as File arguments are made
// relative when printed, as the position is.
func TestRelFiles(t *testing.T) {
	dir := filepath.FromSlash("/specs/store")
	abs := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	var l List
	l.Errorf(Pos{File: abs("paths/a.yaml"), Line: 3, Col: 5}, "ref-missing-file", "file %s does not exist", File(abs("schemas/B.yaml")))
	l.Warnf(Pos{File: abs("c.yaml"), Line: 1, Col: 1}, "unused-component", "not reachable from %s (and %s)", File(abs("../root.yaml")), File("https://example.com/x.yaml"))
	if got := l[0].Files; len(got) != 1 || got[0] != abs("schemas/B.yaml") {
		t.Errorf("Files = %q", got)
	}
	var b bytes.Buffer
	if err := Print(&b, dir, l, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "c.yaml:1:1: warning: not reachable from ../root.yaml (and https://example.com/x.yaml) [unused-component]\n" +
		"paths/a.yaml:3:5: error: file schemas/B.yaml does not exist [ref-missing-file]\n"
	if got := filepath.ToSlash(b.String()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(l[0].Error(), abs("schemas/B.yaml")) {
		t.Errorf("the diagnostic itself changed: %s", l[0].Error())
	}
}
