package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// typeDoc matches the first doc line of a generated schema type, which names
// where the schema sits.
var typeDoc = regexp.MustCompile(`(?m)^// (\w+) is generated from (\S+)\.$`)

// TestNamesStableWhenSpecGrows adds an unrelated operation (with inline
// schemas and a new component that collides with an existing name) to a copy
// of specs/store: every type generated before keeps its name.
func TestNamesStableWhenSpecGrows(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "specs", "store"))); err != nil {
		t.Fatal(err)
	}
	before := typeNames(t, filepath.Join(dir, "openapi.yaml"))

	root := filepath.Join(dir, "openapi.yaml")
	data, err := os.ReadFile(root)
	if err != nil {
		t.Fatal(err)
	}
	grown := strings.Replace(string(data), "\npaths:\n", "\npaths:\n  /store/aaa:\n    $ref: paths/aaa.yaml\n", 1)
	if grown == string(data) {
		t.Fatal("could not find paths: in the root file")
	}
	writeFile(t, root, grown)
	writeFile(t, filepath.Join(dir, "paths", "aaa.yaml"), `get:
  operationId: GetAaa
  responses:
    '200':
      description: OK
      content:
        application/json:
          schema:
            type: object
            properties:
              cart:
                $ref: ../components/schemas/zzz/Cart.yaml
              items:
                type: array
                items:
                  type: object
                  properties:
                    id: {type: string}
`)
	writeFile(t, filepath.Join(dir, "components", "schemas", "zzz", "Cart.yaml"), "type: object\nproperties:\n  other: {type: string}\n")
	after := typeNames(t, root)
	for name, source := range before {
		if after[name] != source {
			t.Errorf("type %s was generated from %s, now from %q", name, source, after[name])
		}
	}
	if len(after) <= len(before) {
		t.Errorf("the new operation added no types (%d before, %d after)", len(before), len(after))
	}
}

// typeNames maps each generated schema type to the location it comes from.
func typeNames(t *testing.T, spec string) map[string]string {
	t.Helper()
	names := map[string]string{}
	for _, content := range generateOK(t, spec, "api") {
		for _, m := range typeDoc.FindAllStringSubmatch(string(content), -1) {
			names[m[1]] = m[2]
		}
	}
	if len(names) == 0 {
		t.Fatal("no generated types found")
	}
	return names
}
