package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFuzzServer generates specs/store with the server part into a temporary
// module, copies testdata/server/fuzz_test.go beside it and runs FuzzServer:
// its seed corpus always, and the fuzzer for $OASGEN_FUZZTIME (such as 30s)
// when that is set. The target sends arbitrary requests (method, path, raw
// query, a header, content type and body) through Handler to an in-memory
// implementation; nothing may panic and no response may be a 5xx.
func TestFuzzServer(t *testing.T) {
	root := repoRoot(t)
	mod := newModule(t)
	res, err := Generate(Config{Spec: filepath.Join(root, "specs", "store", "openapi.yaml"), Package: "store", Generate: []string{PartModels, PartServer}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		writeFile(t, filepath.Join(mod, "store", f.Name), string(f.Content))
	}
	src, err := os.ReadFile(filepath.Join(root, "testdata", "server", "fuzz_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "store", "fuzz_test.go"), string(src))

	goCmd(t, mod, "test", "-count=1", "-v", "-run", "^FuzzServer$", "./store")
	fuzztime := os.Getenv("OASGEN_FUZZTIME")
	if fuzztime == "" {
		return
	}
	// A failing input is written under store/testdata/fuzz in the temporary
	// module; goCmd prints it with the failure.
	goCmd(t, mod, "test", "-count=1", "-vet=off", "-run", "^$", "-fuzz", "^FuzzServer$", "-fuzztime", fuzztime, "./store")
}
