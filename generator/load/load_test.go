package load

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSpec(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "openapi.yaml")
}

const rootWithRef = `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Cart:
      $ref: %s
`

func TestRemoteRefs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/Cart.yaml" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("type: object\nproperties:\n  id: {type: string}\n"))
	}))
	defer srv.Close()
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": strings.Replace(rootWithRef, "%s", srv.URL+"/Cart.yaml", 1)})

	if _, _, err := Load(spec, Options{}); err == nil || !strings.Contains(err.Error(), "--allow-remote") {
		t.Errorf("remote ref without --allow-remote: err = %v", err)
	}
	doc, _, err := Load(spec, Options{AllowRemote: true})
	if err != nil {
		t.Fatalf("with AllowRemote: %v", err)
	}
	if got := doc.Schemas[0].Properties[0].Name; got != "id" {
		t.Errorf("remote schema property = %q", got)
	}
}

func TestSymlinkOutOfRootRefused(t *testing.T) {
	outside := t.TempDir()
	writeSpec(t, outside, map[string]string{"Secret.yaml": "type: string\n"})
	dir := t.TempDir()
	spec := writeSpec(t, dir, map[string]string{"openapi.yaml": strings.Replace(rootWithRef, "%s", "./link/Secret.yaml", 1)})
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	_, _, err := Load(spec, Options{})
	var le *Error
	if !errors.As(err, &le) || le.Diag.Rule != "ref-outside-root" {
		t.Errorf("err = %v, want ref-outside-root", err)
	}
	if _, _, err := Load(spec, Options{AllowOutsideRoot: true}); err != nil {
		t.Errorf("with AllowOutsideRoot: %v", err)
	}
}

func TestRefSiblingsAndExtensions(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{
		"openapi.yaml": `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    $ref: paths/a_{id}.yaml
`,
		"paths/a_{id}.yaml": `get:
  x-codeSamples:
    - source: {$ref: ../missing/sample.sh}
  responses:
    '200':
      description: OK
      content:
        application/json:
          schema:
            $ref: ../schemas/Cart.yaml
`,
		"schemas/Cart.yaml": `type: object
properties:
  region:
    $ref: ./Region.yaml
    nullable: true
    description: The cart's region.
    x-expandable: region
  $ref:
    type: string
example: {$ref: "not a reference"}
`,
		"schemas/Region.yaml": "type: object\nproperties:\n  name: {type: string}\n",
	})
	doc, _, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cart := doc.Paths[0].Operations[0].Responses[0].Content[0].Schema.Value
	region := cart.Properties[0].Schema
	if !region.Nullable || region.Description != "The cart's region." || region.Value.Properties[0].Name != "name" {
		t.Errorf("region ref = %+v", region)
	}
	if cart.Properties[1].Name != "$ref" || cart.Properties[1].Schema.Value.Type != "string" {
		t.Errorf("a property named $ref must be a property: %+v", cart.Properties[1])
	}
	if ex, ok := cart.Example.V.(map[string]any); !ok || ex["$ref"] != "not a reference" {
		t.Errorf("example = %#v", cart.Example.V)
	}
}

func TestSameLocationIsOneSchema(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{
		"openapi.yaml": `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: './s/Cart.yaml'}
    B: {$ref: 's/../s/Cart.yaml#'}
    C: {$ref: './s/Other.yaml#/Wrapper/properties/cart'}
`,
		"s/Cart.yaml":  "type: object\nproperties:\n  self: {$ref: '#'}\n",
		"s/Other.yaml": "Wrapper:\n  type: object\n  properties:\n    cart: {$ref: Cart.yaml}\n",
	})
	doc, _, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := doc.Schemas[0], doc.Schemas[1], doc.Schemas[2]
	if a != b || a != c || a.Properties[0].Schema.Value != a {
		t.Errorf("one location must give one *Schema: %p %p %p self=%p", a, b, c, a.Properties[0].Schema.Value)
	}
}
