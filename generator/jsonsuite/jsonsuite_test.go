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
