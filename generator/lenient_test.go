package generator

import (
	"bytes"
	"path/filepath"
	"testing"
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
