package load

import (
	"strings"
	"testing"
)

// TestLocate: a finding's JSON pointer is that of the key or value it is
// about, also where a mapping and its first key share a position, in the
// root file and in a file a $ref reaches, in YAML and in JSON.
func TestLocate(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{
		"openapi.yaml": `openapi: 3.0.3
info: {title: t}
paths:
  /pets/{id}:
    get:
      requried: first key of the operation
      parameters:
        - name: id
          in: body
          required: true
          schema: {type: string}
      responses: {'200': {$ref: 'responses.json#/ok'}}
components:
  schemas:
    Pet:
      nulable: true
`,
		"responses.json": `{"ok": {"content": {"application/json": {"schema": {"maxLenght": 3}}}}}`,
	})
	_, list, err := Load(spec, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	var all []string
	for _, d := range list {
		file := d.Pos.File[strings.LastIndexByte(d.Pos.File, '/')+1:]
		got[file+" "+d.Rule+" "+d.Pointer] = true
		all = append(all, file+" "+d.Rule+" "+d.Pointer+": "+d.Message)
	}
	for _, want := range []string{
		"openapi.yaml structure #/info",                                // info lacks version: the mapping
		"openapi.yaml unknown-field #/paths/~1pets~1{id}/get/requried", // the mapping's first key
		"openapi.yaml structure #/paths/~1pets~1{id}/get/parameters/0/in",
		"openapi.yaml unknown-field #/components/schemas/Pet/nulable",
		"responses.json unknown-field #/ok/content/application~1json/schema/maxLenght",
		"responses.json structure #/ok", // a response without description
	} {
		if !got[want] {
			t.Errorf("no %s in\n%s", want, strings.Join(all, "\n"))
		}
	}
}

func TestPointerOfMissingNode(t *testing.T) {
	root, err := Parse("f.yaml", []byte("a: {b: [1, 2]}\nc: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := Parse("g.yaml", []byte("x: 1\n"))
	if ptr, ok := pointerOf(root, other.Content[1], ""); ok {
		t.Errorf("a node of another file found at %q", ptr)
	}
	b := root.Content[1].Content[1]
	if ptr, ok := pointerOf(root, b.Content[1], ""); !ok || ptr != "/a/b/1" {
		t.Errorf("got %q, %v; want /a/b/1", ptr, ok)
	}
}
