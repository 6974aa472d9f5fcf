package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoToolRecipe runs the //go:generate recipe of docs/usage.md in a
// scratch module: oasgen as a tool dependency (what "go get -tool" writes,
// with a replace to this checkout since the module is not fetched), one
// package with its own oasgen.yaml and one whose directive names the
// module's oasgen.yaml with -c. "go generate ./..." must generate both,
// print nothing, and leave a module that builds and vets.
func TestGoToolRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds oasgen as a tool of another module with the go command")
	}
	// go test puts its own GOROOT/bin first in PATH, so this is the go
	// command that runs the test.
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	checkout, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	writeTree(t, mod, map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.24\n\ntool github.com/oasgen/oasgen/cmd/oasgen\n\n" +
			"require github.com/oasgen/oasgen v0.0.0\n\nreplace github.com/oasgen/oasgen => " + checkout + "\n",
		"openapi/openapi.yaml": petSpec,
		// The directive's folder holds oasgen.yaml; paths are relative to it.
		"internal/api/oasgen.yaml": "spec: ../../openapi/openapi.yaml\noutput: .\npackage: api\n",
		"internal/api/doc.go":      "// Package api is generated from openapi/openapi.yaml.\npackage api\n\n//go:generate go tool oasgen generate\n",
		// One oasgen.yaml at the module root, named with -c: its paths are
		// relative to the root, not to the directive's folder.
		"oasgen.yaml":            "spec: openapi/openapi.yaml\noutput: internal/models\npackage: models\ngenerate: [models]\n",
		"internal/models/doc.go": "// Package models holds the types of openapi/openapi.yaml.\npackage models\n\n//go:generate go tool oasgen generate -c ../../oasgen.yaml\n",
	})
	gocmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(gobin, args...)
		cmd.Dir = mod
		// GOFLAGS is cleared so that the module is used as a user's would
		// be (-mod=readonly), and GOTOOLCHAIN=local keeps this go command.
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// go mod tidy completes what go get -tool would write: the go line and
	// oasgen's requirements, and go.sum (from the module proxy or cache).
	gocmd("mod", "tidy")
	if out := gocmd("generate", "./..."); strings.Contains(out, "oasgen") {
		t.Errorf("go generate printed:\n%s\nwant nothing from oasgen on success", out)
	}
	for _, name := range []string{
		"internal/api/models.gen.go", "internal/api/validate.gen.go", "internal/api/server.gen.go",
		"internal/models/models.gen.go",
	} {
		if _, err := os.Stat(filepath.Join(mod, filepath.FromSlash(name))); err != nil {
			t.Errorf("go generate did not write %s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(mod, "internal", "models", "server.gen.go")); err == nil {
		t.Error("internal/models has server.gen.go: the -c config's generate: [models] was not used")
	}
	gocmd("build", "./...")
	gocmd("vet", "./...")
}
