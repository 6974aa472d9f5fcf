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
