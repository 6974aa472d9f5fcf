package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFuzzDecodeValidate generates specs/store into a temporary module,
// copies testdata/fuzz/store_fuzz_test.go beside it and runs
// FuzzDecodeValidate: its seed corpus always, and the fuzzer for
// $OASGEN_FUZZTIME (such as 30s) when that is set. The target decodes
// arbitrary bytes into Cart, StorePostCartsCartLineItemsReq and
// PaymentMethod, validates them, must not panic, and checks with
// kin-openapi that what oasgen accepts is valid.
func TestFuzzDecodeValidate(t *testing.T) {
	root := repoRoot(t)
	mod := generatedPackage(t, "specs/store/openapi.yaml", "store", []string{PartModels, PartValidate}, "fuzz/store_fuzz_test.go")
	// kin-openapi comes from the module cache, at the version the main
	// module requires (goCmd runs with GOFLAGS=-mod=mod).
	writeFile(t, filepath.Join(mod, "go.mod"), "module gentest\n\ngo 1.26\n\nrequire github.com/getkin/kin-openapi v0.153.0\n")
	sums, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "go.sum"), string(sums))
	t.Setenv("OASGEN_FUZZ_SPEC", filepath.Join(root, "specs", "store"))

	goCmd(t, mod, "test", "-count=1", "-vet=off", "-v", "-run", "^FuzzDecodeValidate$", "./store")
	fuzztime := os.Getenv("OASGEN_FUZZTIME")
	if fuzztime == "" {
		return
	}
	// A failing input is written under store/testdata/fuzz in the temporary
	// module; goCmd prints it with the failure.
	goCmd(t, mod, "test", "-count=1", "-vet=off", "-run", "^$", "-fuzz", "^FuzzDecodeValidate$", "-fuzztime", fuzztime, "./store")
}
