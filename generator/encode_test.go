package generator

import (
	"path/filepath"
	"testing"
)

// TestEncodeMatchesEncodingJSON generates specs/store twice, with validators
// (whose types encode through the generated encodeJSON) and without (whose
// types encode through encoding/json), and runs testdata/encode against
// them: random values of every store type, copied from one package into the
// other, must marshal to the same bytes.
func TestEncodeMatchesEncodingJSON(t *testing.T) {
	root := repoRoot(t)
	mod := newModule(t)
	spec := filepath.Join(root, "specs", "store", "openapi.yaml")
	for name, content := range generateOK(t, spec, "store") {
		writeFile(t, filepath.Join(mod, "store", name), string(content))
	}
	res, err := Generate(Config{Spec: spec, Package: "plain", Generate: []string{PartModels}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		writeFile(t, filepath.Join(mod, "plain", f.Name), string(f.Content))
	}
	for _, name := range []string{"check_test.go", "store_pairs_test.go"} {
		copyTestFile(t, "encode/"+name, filepath.Join(mod, "store", name), "store")
	}
	goCmd(t, mod, "test", "./...")
}
