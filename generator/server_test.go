package generator

import (
	"testing"
)

// TestServer generates specs/store with the server part and runs
// testdata/server against it: an in-memory implementation of
// ServerInterface tested end to end with httptest (routing, 404, 405,
// parameters, bodies, problems, options).
func TestServer(t *testing.T) {
	mod := generatedPackage(t, "specs/store/openapi.yaml", "store", []string{PartModels, PartServer}, "server/store_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestServerStyles generates testdata/server/styles (one operation with a
// parameter in every style the server binds) and runs
// testdata/server/styles_test.go against it.
func TestServerStyles(t *testing.T) {
	mod := generatedPackage(t, "testdata/server/styles/openapi.yaml", "styles", []string{PartModels, PartServer}, "server/styles_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestServerBodies generates testdata/server/bodies (every request body
// kind, every typed response shape) with the strict interface and runs
// testdata/server/bodies_test.go against it.
func TestServerBodies(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/bodies/openapi.yaml", Package: "bodies",
		Generate: []string{PartModels, PartServer}, ServerInterface: ServerStrict}, "server/bodies_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestServerSecurity generates testdata/server/security (every kind of
// security scheme; AND, OR and optional requirements) with the strict
// interface and runs testdata/server/security_test.go against it.
func TestServerSecurity(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/security/openapi.yaml", Package: "security",
		Generate: []string{PartModels, PartServer}, ServerInterface: ServerStrict}, "server/security_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestServerWebhooks generates testdata/server/webhooks (OpenAPI 3.1
// webhooks, one through components.pathItems, with security of their own)
// with the strict interface and runs testdata/server/webhooks_test.go,
// which posts webhooks to the generated receivers.
func TestServerWebhooks(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/webhooks/openapi.yaml", Package: "webhooks",
		Generate: []string{PartModels, PartServer}, ServerInterface: ServerStrict}, "server/webhooks_test.go")
	goCmd(t, mod, "test", "./...")
}
