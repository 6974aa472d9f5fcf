package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

// repoRoot is the module root, where specs/ and testdata/ live.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// corpusDir returns ../shared/corpus beside the repository, or "" when absent.
func corpusDir(t testing.TB) string {
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// newModule creates a temporary Go module for generated code.
func newModule(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module gentest\n\ngo 1.26\n")
	return dir
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go command in dir and fails the test with its output.
func goCmd(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
}

// diagText prints diagnostics relative to dir, one per line.
func diagText(t testing.TB, dir string, list diag.List) string {
	var b strings.Builder
	if err := diag.PrintText(&b, dir, list); err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(b.String())
}

// generatedPackage generates spec (relative to the repository) into package
// pkg of a new temporary module, copies each testdata file (relative to
// testdata/) beside it under its base name, and returns the module folder.
func generatedPackage(t testing.TB, spec, pkg string, parts []string, testFiles ...string) string {
	t.Helper()
	return generatedModule(t, Config{Spec: spec, Package: pkg, Generate: parts}, testFiles...)
}

// generatedModule is generatedPackage with a whole Config; cfg.Spec is
// relative to the repository root.
func generatedModule(t testing.TB, cfg Config, testFiles ...string) string {
	t.Helper()
	root := repoRoot(t)
	spec, pkg := cfg.Spec, cfg.Package
	cfg.Spec = filepath.Join(root, filepath.FromSlash(spec))
	res, err := Generate(cfg)
	if err != nil {
		t.Fatalf("generate %s: %v", spec, err)
	}
	mod := newModule(t)
	for _, f := range res.Files {
		writeFile(t, filepath.Join(mod, pkg, f.Name), string(f.Content))
	}
	for _, name := range testFiles {
		src, err := os.ReadFile(filepath.Join(root, "testdata", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(mod, pkg, filepath.Base(name)), string(src))
	}
	return mod
}

// copyTestFile copies testdata/name to dst as a file of package pkg: its
// package clause is replaced.
func copyTestFile(t testing.TB, name, dst, pkg string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	clause := regexp.MustCompile(`(?m)^package \w+$`)
	if !clause.Match(src) {
		t.Fatalf("%s has no package clause", name)
	}
	writeFile(t, dst, clause.ReplaceAllString(string(src), "package "+pkg))
}
