package load

import (
	"strings"
	"testing"
)

// TestSchema2020Refs: in a 3.1 document a $ref finds the $anchor, or the
// $id resource, of its own file, resolved against the base URI in force;
// a $ref beside validation keywords becomes an allOf member next to them;
// integral numbers such as 2.0 are integers.
func TestSchema2020Refs(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    ByAnchor: {$ref: '#positive'}
    ById:
      $id: http://example.com/root.json
      $ref: item.json
      $defs:
        item: {$id: item.json, type: string, maxLength: 2.0}
    WithSiblings:
      $ref: '#/components/schemas/Base'
      maxProperties: 3
    Base:
      $anchor: positive
      type: integer
      minimum: 1
`})
	doc, diags, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	if len(doc.Schemas) != 4 {
		t.Fatalf("%d schemas, want 4", len(doc.Schemas))
	}
	byName := map[string]*Schema{}
	for i, name := range []string{"ByAnchor", "ById", "WithSiblings", "Base"} {
		byName[name] = doc.Schemas[i]
	}
	base := byName["Base"]
	if byName["ByAnchor"] != base {
		t.Errorf("ByAnchor resolves to %+v, want Base", byName["ByAnchor"].Loc)
	}
	item := byName["ById"]
	if item.Type != "string" || item.Constraints.MaxLength == nil || *item.Constraints.MaxLength != 2 {
		t.Errorf("ById resolves to %+v, want $defs/item with maxLength 2", item.Loc)
	}
	ws := byName["WithSiblings"]
	if ws == base || len(ws.AllOf) != 1 || ws.AllOf[0].Value != base || ws.Constraints.MaxProperties == nil {
		t.Errorf("WithSiblings = %+v, want maxProperties and allOf [Base]", ws)
	}
}

// TestDynamicRef: a $dynamicRef is checked as a $ref to the anchor it
// names, with a warning when the file declares that $dynamicAnchor more
// than once (the dynamic scope could pick another) or when it names
// nothing in the file (then it is not checked).
func TestDynamicRef(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Tree:
      $dynamicAnchor: node
      type: object
      properties:
        children: {type: array, items: {$dynamicRef: '#node'}}
    Lone: {$dynamicRef: '#nowhere'}
`})
	doc, diags, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tree := doc.Schemas[0]
	items := tree.Properties[0].Schema.Value.Items.Value
	if len(items.AllOf) != 1 || items.AllOf[0].Value != tree {
		t.Errorf("items = %+v, want allOf [Tree]", items)
	}
	if len(diags) != 1 || diags[0].Rule != "unenforced-keyword" || !strings.Contains(diags[0].Message, `"#nowhere" names no schema`) {
		t.Errorf("diagnostics = %v, want one unenforced-keyword for #nowhere", diags)
	}

	spec = writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {$dynamicAnchor: node, type: string}
    B: {$dynamicAnchor: node, type: integer}
    C: {items: {$dynamicRef: '#node'}}
`})
	if _, diags, err = Load(spec, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `2 schemas of this file declare $dynamicAnchor "node"`) {
		t.Errorf("diagnostics = %v, want the dynamic scope warning", diags)
	}
}

// TestPointerUnderID: under an $id, a JSON pointer fragment is one into that
// resource, not into the file.
func TestPointerUnderID(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Outer:
      $id: http://example.com/outer.json
      properties:
        foo:
          $id: inner.json
          $defs: {n: {type: integer}}
          $ref: '#/$defs/n'
`})
	doc, _, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if foo := doc.Schemas[0].Properties[0].Schema.Value; foo.Type != "integer" {
		t.Errorf("foo = %+v, want the integer of inner.json#/$defs/n", foo.Loc)
	}
}
