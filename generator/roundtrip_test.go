package generator

import (
	"testing"
)

// TestRoundTrip generates specs/store and runs testdata/roundtrip against it:
// absent, null and values survive JSON, unions pick the right variant, and
// recursive types work.
func TestRoundTrip(t *testing.T) {
	mod := generatedPackage(t, "specs/store/openapi.yaml", "store", nil, "roundtrip/store_test.go", "roundtrip/discriminator_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestRoundTripModelsOnly runs the union tests against the models alone,
// whose unions marshal through encoding/json rather than generated encoders.
func TestRoundTripModelsOnly(t *testing.T) {
	mod := generatedPackage(t, "specs/store/openapi.yaml", "store", []string{"models"}, "roundtrip/discriminator_test.go")
	goCmd(t, mod, "test", "./...")
}
