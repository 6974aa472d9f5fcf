package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// TestServer generates specs/store with the server part and runs
// testdata/server against it: an in-memory implementation of
// ServerInterface tested end to end with httptest (routing, 404, 405,
// parameters, bodies, problems, options).
func TestServer(t *testing.T) {
	root := repoRoot(t)
	mod := newModule(t)
	res, err := Generate(Config{Spec: filepath.Join(root, "specs", "store", "openapi.yaml"), Package: "store", Generate: []string{PartModels, PartServer}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		writeFile(t, filepath.Join(mod, "store", f.Name), string(f.Content))
	}
	test, err := os.ReadFile(filepath.Join(root, "testdata", "server", "store_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "store", "store_test.go"), string(test))
	goCmd(t, mod, "test", "./...")
}

// TestServerStyles generates testdata/server/styles (one operation with a
// parameter in every style the server binds) and runs
// testdata/server/styles_test.go against it.
func TestServerStyles(t *testing.T) {
	root := repoRoot(t)
	mod := newModule(t)
	res, err := Generate(Config{Spec: filepath.Join(root, "testdata", "server", "styles", "openapi.yaml"), Package: "styles", Generate: []string{PartModels, PartServer}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		writeFile(t, filepath.Join(mod, "styles", f.Name), string(f.Content))
	}
	test, err := os.ReadFile(filepath.Join(root, "testdata", "server", "styles_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "styles", "styles_test.go"), string(test))
	goCmd(t, mod, "test", "./...")
}
