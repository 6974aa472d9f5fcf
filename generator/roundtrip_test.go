package generator

import (
	"strings"
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

// TestRoundTripConstDiscriminator runs the tests of unions told apart by a
// const property (3.1) or a one-value enum (3.0) against the generated code,
// with every part and with the models alone.
func TestRoundTripConstDiscriminator(t *testing.T) {
	for _, spec := range []string{"oneof-const-31", "oneof-const-30"} {
		for _, parts := range [][]string{nil, {"models"}} {
			t.Run(spec+"/"+strings.Join(parts, ","), func(t *testing.T) {
				mod := generatedPackage(t, "testdata/golden/"+spec+"/openapi.yaml", "constdisc", parts, "roundtrip/const_discriminator_test.go")
				goCmd(t, mod, "test", "./...")
			})
		}
	}
}
