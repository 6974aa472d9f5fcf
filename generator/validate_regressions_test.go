package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// TestValidateRegressions generates testdata/validate-regressions and runs
// its regressions_test.go against the code: validators that were wrong
// (an untyped schema that did not compile, float32 bounds, object-level
// keywords of structs, integers written 1.0).
func TestValidateRegressions(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "testdata", "validate-regressions")
	mod := newModule(t)
	for name, content := range generateOK(t, filepath.Join(dir, "openapi.yaml"), "regressions") {
		writeFile(t, filepath.Join(mod, "regressions", name), string(content))
	}
	test, err := os.ReadFile(filepath.Join(dir, "regressions_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "regressions", "regressions_test.go"), string(test))
	goCmd(t, mod, "test", "./...")
}
