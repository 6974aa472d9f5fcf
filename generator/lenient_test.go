package generator

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

// TestWorkedAroundPaths: what generate works around in
// testdata/invalid/worked-around-paths is worked around as its warnings
// say: the explode marker is dropped from the route, the path parameter
// the template lacks is left out, and the second operation with an
// operationId gets a number.
func TestWorkedAroundPaths(t *testing.T) {
	spec := filepath.Join(repoRoot(t), "testdata", "invalid", "worked-around-paths", "openapi.yaml")
	res, err := Generate(Config{Spec: spec})
	if err != nil {
		t.Fatal(err)
	}
	all := map[string][]byte{}
	for _, f := range res.Files {
		all[f.Name] = f.Content
	}
	for _, check := range []struct {
		file, text string
		want       bool
	}{
		{"server.gen.go", `"/items/{id}"`, true},
		{"models.gen.go", "Gone", false},
		{"server.gen.go", "GetThing2(", true},
	} {
		if bytes.Contains(all[check.file], []byte(check.text)) != check.want {
			t.Errorf("%s contains %s: %v, want %v", check.file, check.text, !check.want, check.want)
		}
	}
}

// TestResponsesOptionalSince31: an operation without responses is an error
// in a 3.0 document (a warning for generate) and nothing at all in 3.1,
// where the field is optional.
func TestResponsesOptionalSince31(t *testing.T) {
	for _, tt := range []struct {
		version string
		want    bool
	}{{"3.0.3", true}, {"3.1.0", false}, {"3.1.1", false}} {
		dir := t.TempDir()
		spec := filepath.Join(dir, "openapi.yaml")
		writeFile(t, spec, "openapi: "+tt.version+"\ninfo: {title: t, version: '1'}\npaths:\n  /ping:\n    get:\n      operationId: ping\n")
		list, err := Lint(LintConfig{Spec: spec})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range list {
			found = found || strings.Contains(d.Message, `"responses"`)
		}
		if found != tt.want {
			t.Errorf("openapi %s: a finding about responses: %v, want %v\n%v", tt.version, found, tt.want, list)
		}
		res, err := Generate(Config{Spec: spec})
		if err != nil {
			t.Fatalf("openapi %s: generate: %v", tt.version, err)
		}
		if warned := res.Diagnostics.Count(diag.Warning) > 0; warned != tt.want {
			t.Errorf("openapi %s: generate warned: %v, want %v\n%v", tt.version, warned, tt.want, res.Diagnostics)
		}
	}
}
