package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/emit"
)

// FuzzGenerate feeds arbitrary bytes to oasgen as the root file of a spec,
// in a copy of specs/store so that its relative $refs can resolve, and runs
// the whole generation (every part, the strict server too) and the linter.
// A spec may be refused, with diagnostics, but oasgen must never panic, and
// a spec it accepts must give Go that formats and that its output check
// accepts (no directive, no init, no unrecorded import): anything else is
// a bug. The seeds include specs with hostile text everywhere.
// The seeds (the example's root file and every single-file golden spec) run
// in every go test; fuzz with
//
//	go test ./generator -run '^$' -fuzz FuzzGenerate -fuzztime 60s
func FuzzGenerate(f *testing.F) {
	root := repoRoot(f)
	seeds := []string{filepath.Join(root, "specs", "store", "openapi.yaml")}
	golden, _ := filepath.Glob(filepath.Join(root, "testdata", "golden", "*", "openapi.yaml"))
	seeds = append(seeds, golden...)
	// Hostile text in every place it reaches code, and x-go-type injections.
	hostile, _ := filepath.Glob(filepath.Join(root, "testdata", "hostile", "*", "openapi.yaml"))
	goTypes, _ := filepath.Glob(filepath.Join(root, "testdata", "invalid", "go-type-*", "openapi.yaml"))
	seeds = append(append(seeds, hostile...), goTypes...)
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	dir := f.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "specs", "store"))); err != nil {
		f.Fatal(err)
	}
	spec := filepath.Join(dir, "openapi.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(spec, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Generate(Config{Spec: spec, ServerInterface: ServerStrict})
		var list *diag.ErrorList
		switch {
		case err == nil:
			if len(res.Files) == 0 {
				t.Error("generated no file, and no error")
			}
		case errors.As(err, &list):
			if len(list.List) == 0 || !list.List.HasErrors() {
				t.Errorf("refused without an error diagnostic: %v", err)
			}
		case strings.Contains(err.Error(), "internal error") || errors.Is(err, emit.ErrUnsafeOutput):
			t.Errorf("%v", err) // Go that does not format, or spec text that escaped its escaping
		}
		if _, err := Lint(LintConfig{Spec: spec}); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Errorf("lint: %v", err)
		}
	})
}
