package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// oldestGo is the oldest Go release the generated code must build with.
const oldestGo = "go1.24.0"

// TestGeneratedCodeBuildsWithOldestGo vets the generated code of the
// example spec, the server fixtures, the golden cases, the hostile spec and
// Medusa's v1 store API with the oldest Go release oasgen supports (the go
// command downloads it through the module proxy), in a module that
// declares that version: the runtime must not use newer APIs
// (errors.AsType is Go 1.26).
func TestGeneratedCodeBuildsWithOldestGo(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads and runs another Go toolchain")
	}
	root := repoRoot(t)
	specs := globAll(t, filepath.Join(root, "specs", "*", "openapi.yaml"), filepath.Join(root, "testdata", "golden", "*", "openapi.yaml"),
		filepath.Join(root, "testdata", "server", "*", "openapi.yaml"), filepath.Join(root, "testdata", "hostile", "injection", "openapi.yaml"))
	if corpus := corpusDir(t); corpus != "" {
		specs = append(specs, filepath.Join(corpus, "medusa-v1", "store", "openapi.yaml"))
	}
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), "module gentest\n\ngo "+strings.TrimPrefix(oldestGo, "go")+"\n")
	for i, spec := range specs {
		pkg := "p" + strconv.Itoa(i)
		for name, content := range generateOK(t, spec, pkg) {
			writeFile(t, filepath.Join(mod, pkg, name), string(content))
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+oldestGo, "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(string(out), "downloading "+oldestGo) && !strings.Contains(string(out), "vet:") && !strings.Contains(string(out), ".go:") {
		t.Skipf("%s could not be downloaded: %s", oldestGo, out)
	}
	if err != nil {
		t.Fatalf("go vet with %s: %v\n%s", oldestGo, err, out)
	}
}
