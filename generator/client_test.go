package generator

import "testing"

// TestClient generates specs/store with the strict server and the client
// and runs testdata/client/store_test.go against it: the client calls
// every operation of the generated server through httptest.
func TestClient(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "specs/store/openapi.yaml", Package: "store",
		Generate: []string{PartModels, PartServer, PartClient}, ServerInterface: ServerStrict}, "client/store_test.go", "client/fuzz_test.go")
	goCmd(t, mod, "test", "./...") // FuzzClientResponse runs its seeds
}

// TestClientStyles sends every parameter style of
// testdata/server/styles through the client to the generated server,
// which must read back the values sent (testdata/client/styles_test.go).
func TestClientStyles(t *testing.T) {
	mod := generatedPackage(t, "testdata/server/styles/openapi.yaml", "styles", []string{PartModels, PartServer, PartClient}, "client/styles_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestClientBodies sends every request body kind of testdata/server/bodies
// through the client and reads every response shape, streams included
// (testdata/client/bodies_test.go).
func TestClientBodies(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/bodies/openapi.yaml", Package: "bodies",
		Generate: []string{PartModels, PartServer, PartClient}, ServerInterface: ServerStrict}, "client/bodies_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestClientEncoding sends allowReserved query parameters and form and
// multipart bodies styled by their encoding object through the client to
// the generated server, which must read back the values sent
// (testdata/client/encoding_test.go).
func TestClientEncoding(t *testing.T) {
	mod := generatedPackage(t, "testdata/server/encoding/openapi.yaml", "encodings", []string{PartModels, PartServer, PartClient}, "client/encoding_test.go")
	goCmd(t, mod, "test", "./...")
}

// TestClientSecurity generates testdata/server/security with the client
// and runs testdata/client/credentials_test.go against its server: every
// scheme kind's credential, AND and OR requirements.
func TestClientSecurity(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/security/openapi.yaml", Package: "security", ServerInterface: ServerStrict},
		"server/security_test.go", "client/credentials_test.go")
	goCmd(t, mod, "test", "-run", "TestClientCredentials", "./...")
}

// TestClientOAS32 runs testdata/client/oas32_test.go against the strict
// server generated from testdata/server/oas32: the QUERY method,
// additionalOperations, querystring parameters and typed item streams
// (SSE, JSON Lines, JSON text sequences), flushed item by item and
// checked with WithResponseValidation.
func TestClientOAS32(t *testing.T) {
	mod := generatedModule(t, Config{Spec: "testdata/server/oas32/openapi.yaml", Package: "oas32",
		Generate: []string{PartModels, PartServer, PartClient}, ServerInterface: ServerStrict}, "client/oas32_test.go")
	goCmd(t, mod, "test", "./...")
}
