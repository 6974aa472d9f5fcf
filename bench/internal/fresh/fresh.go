// Package fresh checks that the oasgen packages the benchmarks measure
// (internal/oasgencart, internal/oasgenstore) are what the oasgen of this
// checkout generates, so that a change to the generator or the templates
// cannot leave the benchmarks measuring older code: the tests of the
// benchmark packages call Check, and CI runs them.
package fresh

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// benchDir is the bench module's root, from this file's location.
var benchDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

var build struct {
	once sync.Once
	bin  string
	out  []byte
	err  error
}

// oasgen builds ../cmd/oasgen once per test binary.
func oasgen(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		if build.err = readSources(); build.err != nil {
			return
		}
		dir, err := os.MkdirTemp("", "oasgen-fresh")
		if err != nil {
			build.err = err
			return
		}
		build.bin = filepath.Join(dir, "oasgen")
		cmd := exec.Command("go", "build", "-o", build.bin, "./cmd/oasgen")
		cmd.Dir = filepath.Join(benchDir, "..")
		build.out, build.err = cmd.CombinedOutput()
	})
	if build.err != nil {
		t.Fatalf("building oasgen: %v\n%s", build.err, build.out)
	}
	return build.bin
}

// readSources reads every file oasgen is built from. go test caches a
// passing result until a file the test opened changes; oasgen's sources are
// in another module, so without this a cached pass would outlive a change
// to the generator.
func readSources() error {
	root := filepath.Join(benchDir, "..")
	for _, f := range []string{"go.mod", "go.sum"} {
		if _, err := os.ReadFile(filepath.Join(root, f)); err != nil {
			return err
		}
	}
	for _, dir := range []string{"cmd", "generator", "templates"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			_, err = os.ReadFile(path)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Check runs `oasgen generate args... --check` in the bench module's root
// (which has no oasgen.yaml: every setting is in args) and fails t when the
// committed output differs, naming the script that regenerates it.
func Check(t *testing.T, script string, args ...string) {
	t.Helper()
	cmd := exec.Command(oasgen(t), append(append([]string{"generate"}, args...), "--check")...)
	cmd.Dir = benchDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the committed code is not what this checkout's oasgen generates; run bench/%s\n%v\n%s", script, err, out)
	}
}

// HaveCorpus reports whether ../shared/corpus is beside the repository.
func HaveCorpus() bool {
	_, err := os.Stat(filepath.Join(benchDir, "..", "..", "shared", "corpus", "medusa-v1"))
	return err == nil
}
