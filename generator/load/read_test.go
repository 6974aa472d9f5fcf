package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFolderAsRefTarget checks that a ref to a folder is refused with its
// position, not read.
func TestFolderAsRefTarget(t *testing.T) {
	for _, ref := range []string{"./schemas", "./", "schemas/#/Cart"} {
		dir := t.TempDir()
		spec := writeSpec(t, dir, map[string]string{
			"openapi.yaml":      strings.Replace(rootWithRef, "%s", ref, 1),
			"schemas/Cart.yaml": "type: object\n",
		})
		_, _, err := Load(spec, Options{})
		le := wantRule(t, err, "ref-read", "is not a regular file: it is a folder")
		if filepath.Base(le.Diag.Pos.File) != "openapi.yaml" || le.Diag.Pos.Line != 7 || le.Diag.Pos.Col != 7 {
			t.Errorf("$ref %s: position %v, want openapi.yaml:7:7", ref, le.Diag.Pos)
		}
	}
}

// TestTooLargeFile checks that a file over maxFileBytes is refused before
// it is read (the test file is sparse: nothing is written).
func TestTooLargeFile(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, map[string]string{"openapi.yaml": strings.Replace(rootWithRef, "%s", "./big.yaml", 1)})
	f, err := os.Create(filepath.Join(dir, "big.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(maxFileBytes + 1); err != nil {
		t.Skip("truncate:", err)
	}
	_, _, err = Load(spec, Options{})
	wantRule(t, err, "ref-read", "big.yaml is larger than 512 MiB")
}

func wantRule(t *testing.T, err error, rule, text string) *Error {
	t.Helper()
	var le *Error
	if !errors.As(err, &le) || le.Diag.Rule != rule || !strings.Contains(le.Diag.Message, text) {
		t.Fatalf("err = %v, want %s containing %q", err, rule, text)
	}
	if le.Diag.Pos.File == "" {
		t.Errorf("%v: no position", err)
	}
	return le
}

// TestTotalBudget: the files of one load share a budget, so many files
// each under the per-file bound cannot add up to any amount of memory.
func TestTotalBudget(t *testing.T) {
	dir := t.TempDir()
	writeSpec(t, dir, map[string]string{"a.yaml": strings.Repeat("#", 60) + "\n", "b.yaml": strings.Repeat("#", 60) + "\n"})
	lr := newLocalReader(Options{Root: dir}, "")
	lr.left = 100
	if _, err := lr.read(filepath.Join(dir, "a.yaml")); err != nil {
		t.Fatalf("within the budget: %v", err)
	}
	if _, err := lr.read(filepath.Join(dir, "b.yaml")); !errors.Is(err, errTooMuch) {
		t.Fatalf("past the budget: %v, want errTooMuch", err)
	}
}
