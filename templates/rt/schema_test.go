package rt

import (
	"reflect"
	"testing"
)

func leafSchema(t jsonType) *jsonSchema {
	return &jsonSchema{types: uint8(t), maxLength: -1, maxItems: -1, maxProps: -1}
}

// TestRequiredReadOnlyInRequest: a required readOnly property is in every
// Go value and its encoder writes it, so a request may hold it (the
// generated validators agree); an optional one must not be sent.
func TestRequiredReadOnlyInRequest(t *testing.T) {
	id, note := leafSchema(typeInteger), leafSchema(typeString)
	id.readOnly, note.readOnly = true, true
	s := leafSchema(typeObject)
	s.required = []string{"id"}
	s.props = []property{{name: "id", schema: id}, {name: "note", schema: note}}
	for _, tt := range []struct {
		x    map[string]any
		fail bool
	}{
		{map[string]any{"id": 1.0}, false},
		{map[string]any{"id": 1.0, "note": "n"}, true},
	} {
		v := validator{mode: modeRequest}
		s.validateAny(&v, tt.x)
		if got := v.err() != nil; got != tt.fail {
			t.Errorf("%v: error %v, want an error: %t", tt.x, v.err(), tt.fail)
		}
	}
}

// TestCoerceQueryTree: index keys (a[0]=x) are an array, or an object's
// keys where the schema wants an object; an untyped enum's member is read
// from the text it writes.
func TestCoerceQueryTree(t *testing.T) {
	mapOf := leafSchema(typeObject)
	mapOf.additional = leafSchema(typeString)
	listOf := leafSchema(typeArray)
	listOf.items = leafSchema(typeString)
	untyped := &jsonSchema{enum: []any{"x", 1.0, true}, maxLength: -1, maxItems: -1, maxProps: -1}
	indexed := func() any { return qsIndexed{keys: []string{"0", "1"}, items: []any{"a", "b"}} }
	for _, tt := range []struct {
		name string
		s    *jsonSchema
		x    any
		want any
	}{
		{"a map with index keys", mapOf, indexed(), map[string]any{"0": "a", "1": "b"}},
		{"an array", listOf, indexed(), []any{"a", "b"}},
		{"no schema", nil, indexed(), indexed()},
		{"a union of a map and an array", &jsonSchema{oneOf: []*jsonSchema{mapOf, listOf}, maxLength: -1, maxItems: -1, maxProps: -1}, indexed(), []any{"a", "b"}},
		{"an untyped enum's boolean", untyped, "true", true},
		{"an untyped enum's number", untyped, "1", 1.0},
		{"an untyped enum's string", untyped, "x", "x"},
		{"not a member", untyped, "y", "y"},
	} {
		if got := tt.s.coerce(tt.x, modeRequest); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, got, tt.want)
		}
	}
}

// TestHeaderFloat32: a float32 parameter is written as its shortest text,
// which holds no decimal point a path template's literal "." could be
// taken for.
func TestHeaderFloat32(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{headerFloat(float32(1e21)), "1e+21"},
		{headerFloat(float32(0.1)), "0.1"},
		{headerFloat(0.1), "0.1"},
		{headerFloat(float64(float32(0.1))), "0.10000000149011612"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

// TestContent: a string whose contentMediaType is JSON must hold JSON
// (after its contentEncoding) that matches contentSchema; what the JSON
// breaks is reported at the string's path, naming the pointer inside it.
func TestContent(t *testing.T) {
	inner := leafSchema(typeObject)
	inner.required = []string{"a"}
	inner.props = []property{{name: "a", schema: leafSchema(typeInteger)}}
	plain := leafSchema(typeString)
	plain.contentJSON, plain.contentSchema = true, inner
	encoded := leafSchema(typeString)
	encoded.contentJSON, encoded.contentEncoding, encoded.contentSchema = true, "base64url", inner
	for _, tt := range []struct {
		s    *jsonSchema
		x    string
		want []Violation
	}{
		{plain, `{"a":1}`, nil},
		{plain, `{"a":"x"}`, []Violation{{Path: "/p", Keyword: "contentSchema", Message: `holds JSON that breaks contentSchema at /a: must be integer, got string (type)`}}},
		{plain, `{}`, []Violation{{Path: "/p", Keyword: "contentSchema", Message: `holds JSON that breaks contentSchema at /: missing required property "a" (required)`}}},
		{plain, `{"a":`, []Violation{{Path: "/p", Keyword: "contentMediaType", Message: "must hold JSON: unexpected end of JSON input"}}},
		{encoded, "eyJhIjoxfQ", nil}, // {"a":1} without padding
		{encoded, "eyJhIjoxfQ==", nil},
		{encoded, "e30=", []Violation{{Path: "/p", Keyword: "contentSchema", Message: `holds JSON that breaks contentSchema at /: missing required property "a" (required)`}}},
		{encoded, "{}", []Violation{{Path: "/p", Keyword: "contentEncoding", Message: "must be base64url: illegal base64 data at input byte 0"}}},
	} {
		var v validator
		v.enter("p")
		tt.s.validateAny(&v, tt.x)
		v.leave()
		if !reflect.DeepEqual(v.violations, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.x, v.violations, tt.want)
		}
		var probing validator
		if ok := probing.satisfies(tt.s, tt.x); ok != (len(tt.want) == 0) {
			t.Errorf("%s: a probe says valid: %t", tt.x, ok)
		}
	}
}
