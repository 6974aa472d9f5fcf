package rt

import (
	"encoding/json"
	"errors"
	"testing"
)

// TestExplainTypeErrorMessage checks that a value of the wrong JSON type is
// reported in JSON Schema words, not with the Go type encoding/json saw
// (generated UnmarshalJSON methods decode into a local type named plain).
func TestExplainTypeErrorMessage(t *testing.T) {
	type inner struct {
		N int32 `json:"n"`
	}
	type plain struct {
		A int                `json:"a"`
		B []inner            `json:"b"`
		C []byte             `json:"c"`
		D map[string]float64 `json:"d"`
		E float32            `json:"e"`
	}
	s := &jsonSchema{maxLength: -1, maxItems: -1, maxProps: -1} // no type: only decoding objects
	cases := []struct{ data, path, message string }{
		{`[1]`, "", "must be object, got array"},
		{`true`, "", "must be object, got boolean"},
		{`{"a":"x"}`, "/a", "must be integer, got string"},
		{`{"a":1.5}`, "/a", "must be integer, got number 1.5"},
		{`{"b":{}}`, "/b", "must be array, got object"},
		{`{"b":[{"n":1e10}]}`, "/b/n", "must be integer (int32), got number 1e10"},
		{`{"c":3}`, "/c", "must be string, got number"},
		{`{"d":{"k":"s"}}`, "/d", "must be number, got string"},
		{`{"e":false}`, "/e", "must be number (float32), got boolean"},
	}
	for _, c := range cases {
		var p plain
		err := s.checkDecoded([]byte(c.data), json.Unmarshal([]byte(c.data), &p))
		var ve *ValidationError
		if !errors.As(err, &ve) || len(ve.Violations) != 1 {
			t.Errorf("%s: got %v, want one violation", c.data, err)
			continue
		}
		if got := ve.Violations[0]; got.Path != c.path || got.Keyword != "type" || got.Message != c.message {
			t.Errorf("%s: got %+v, want path %q, keyword type, message %q", c.data, got, c.path, c.message)
		}
	}
}
