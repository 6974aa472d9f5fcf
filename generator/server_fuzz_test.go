package generator

import (
	"os"
	"testing"
)

// TestFuzzServer generates specs/store with the server part into a temporary
// module, copies testdata/server/fuzz_test.go beside it and runs FuzzServer:
// its seed corpus always, and the fuzzer for $OASGEN_FUZZTIME (such as 30s)
// when that is set. The target sends arbitrary requests (method, path, raw
// query, a header, content type and body) through Handler to an in-memory
// implementation; nothing may panic and no response may be a 5xx.
func TestFuzzServer(t *testing.T) {
	mod := generatedPackage(t, "specs/store/openapi.yaml", "store", []string{PartModels, PartServer}, "server/fuzz_test.go")

	goCmd(t, mod, "test", "-count=1", "-v", "-run", "^FuzzServer$", "./store")
	fuzztime := os.Getenv("OASGEN_FUZZTIME")
	if fuzztime == "" {
		return
	}
	// A failing input is written under store/testdata/fuzz in the temporary
	// module; goCmd prints it with the failure.
	goCmd(t, mod, "test", "-count=1", "-vet=off", "-run", "^$", "-fuzz", "^FuzzServer$", "-fuzztime", fuzztime, "./store")
}

// TestFuzzBodies generates testdata/server/bodies with the strict interface
// and runs FuzzBodies (testdata/server/bodies_fuzz_test.go) against the
// implementation of bodies_test.go: its seeds always, the fuzzer for
// $OASGEN_FUZZTIME when that is set. Every body kind, arbitrary bytes.
func TestFuzzBodies(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/bodies/openapi.yaml", Package: "bodies",
		Generate: []string{PartModels, PartServer}, ServerInterface: ServerStrict}, "server/bodies_test.go", "server/bodies_fuzz_test.go")
	goCmd(t, mod, "test", "-count=1", "-run", "^FuzzBodies$", "./bodies")
	if fuzztime := os.Getenv("OASGEN_FUZZTIME"); fuzztime != "" {
		goCmd(t, mod, "test", "-count=1", "-vet=off", "-run", "^$", "-fuzz", "^FuzzBodies$", "-fuzztime", fuzztime, "./bodies")
	}
}
