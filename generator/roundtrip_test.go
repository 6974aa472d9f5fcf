package generator

import (
	"testing"
)

// TestRoundTrip generates specs/store and runs testdata/roundtrip against it:
// absent, null and values survive JSON, unions pick the right variant, and
// recursive types work.
func TestRoundTrip(t *testing.T) {
	mod := generatedPackage(t, "specs/store/openapi.yaml", "store", nil, "roundtrip/store_test.go")
	goCmd(t, mod, "test", "./...")
}
