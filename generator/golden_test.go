package generator

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden/*/want")

// TestGolden generates every case under testdata/golden and compares the
// files and the diagnostics with want/. Adding a case is adding a folder.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "golden", "*", "openapi.yaml"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, spec := range cases {
		dir := filepath.Dir(spec)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Generate(Config{Spec: spec, Package: "api", Generate: caseParts(t, dir)})
			if err != nil {
				t.Fatalf("generate: %v\n%s", err, diagText(t, dir, res.Diagnostics))
			}
			want := filepath.Join(dir, "want")
			got := map[string]string{"diagnostics.txt": diagText(t, dir, res.Diagnostics)}
			for _, f := range res.Files {
				got[f.Name] = string(f.Content)
			}
			if *update {
				os.RemoveAll(want)
				for name, content := range got {
					writeFile(t, filepath.Join(want, name), content)
				}
				return
			}
			compareDir(t, want, got)
		})
	}
}

// compareDir checks that dir holds exactly the files in got.
func compareDir(t *testing.T, dir string, got map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -update to create it)", err)
	}
	for _, e := range entries {
		if _, ok := got[e.Name()]; !ok {
			t.Errorf("want/%s is no longer generated", e.Name())
		}
	}
	for name, content := range got {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("want/%s: %v", name, err)
			continue
		}
		if string(data) != content {
			t.Errorf("%s differs from want/%s (run go test ./generator -update and review the diff)", name, name)
		}
	}
}

// caseParts reads the parts a golden case generates from its optional
// oasgen.yaml; without one a case generates models only, which keeps the
// validation runtime out of most golden files.
func caseParts(t *testing.T, dir string) []string {
	fc, err := ReadConfigFile(filepath.Join(dir, "oasgen.yaml"))
	switch {
	case os.IsNotExist(err):
		return []string{PartModels}
	case err != nil:
		t.Fatal(err)
	}
	return fc.Generate
}
