package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRoundTrip generates specs/store and runs testdata/roundtrip against it:
// absent, null and values survive JSON, unions pick the right variant, and
// recursive types work.
func TestRoundTrip(t *testing.T) {
	root := repoRoot(t)
	mod := newModule(t)
	for name, content := range generateOK(t, filepath.Join(root, "specs", "store", "openapi.yaml"), "store") {
		writeFile(t, filepath.Join(mod, "store", name), string(content))
	}
	test, err := os.ReadFile(filepath.Join(root, "testdata", "roundtrip", "store_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "store", "store_test.go"), string(test))
	goCmd(t, mod, "test", "./...")
}
