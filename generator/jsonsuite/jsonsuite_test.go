package jsonsuite

import "testing"

func TestNotApplicable(t *testing.T) {
	cases := []struct {
		schema string
		want   string
	}{
		{`{"type": "integer", "minimum": 1}`, ""},
		{`{"properties": {"$ref": {"type": "string"}, "id": {}}}`, ""}, // property names are data
		{`{"enum": [{"$ref": "http://x/y.json"}]}`, ""},                // enum values are data
		{`{"definitions": {"a": {"type": "integer"}}, "allOf": [{"$ref": "#/definitions/a"}]}`, ""},
		{`{"properties": {"foo": {"$ref": "#"}}}`, ""},
		{`{"type": ["integer", "string"]}`, "type given as an array"},
		{`{"items": {"type": "null"}}`, `type "null"`},
		{`{"items": [{}]}`, "items given as an array"},
		{`{"allOf": [{"patternProperties": {}}]}`, "patternProperties"},
		{`{"additionalItems": false}`, "additionalItems"},
		{`{"dependencies": {}}`, "dependencies"},
		{`{"id": "http://x/", "type": "string"}`, "id"},
		{`{"$ref": "http://json-schema.org/draft-04/schema#"}`, "remote ref http://json-schema.org/draft-04/schema#"},
		{`{"allOf": [{"$ref": "#foo"}]}`, "location-independent ref #foo"},
		{`{"not": {"definitions": {"x": {"$ref": "other.json"}}}}`, "remote ref other.json"},
		{`{"contains": {}}`, "keyword contains"},
	}
	for _, c := range cases {
		if got := NotApplicable([]byte(c.schema)); got != c.want {
			t.Errorf("NotApplicable(%s) = %q, want %q", c.schema, got, c.want)
		}
	}
}

func TestNotRun2020(t *testing.T) {
	cases := []struct {
		file, schema, want string
	}{
		{"ref.json", `{"$defs": {"a": {"type": "integer"}}, "$ref": "#/$defs/a"}`, ""},
		{"ref.json", `{"$id": "http://example.com/root.json", "$defs": {"b": {"$id": "b.json"}}, "$ref": "b.json#/x"}`, ""},
		{"anchor.json", `{"$ref": "#foo", "$defs": {"a": {"$anchor": "foo"}}}`, ""},
		{"ref.json", `{"enum": [{"$ref": "http://x/y.json"}]}`, ""}, // enum values are data
		{"ref.json", `{"$ref": "https://json-schema.org/draft/2020-12/schema"}`, "remote ref https://json-schema.org/draft/2020-12/schema"},
		{"ref.json", `{"$id": "http://example.com/a/", "items": {"$ref": "other.json"}}`, "remote ref http://example.com/a/other.json"},
		{"refRemote.json", `{}`, "remote refs to the suite's http://localhost:1234 server"},
		{"vocabulary.json", `{}`, "$vocabulary of a custom metaschema held elsewhere"},
	}
	for _, c := range cases {
		if got := NotRun2020(c.file, []byte(c.schema)); got != c.want {
			t.Errorf("NotRun2020(%s, %s) = %q, want %q", c.file, c.schema, got, c.want)
		}
	}
}
