package regressions

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// check decodes data into v and validates it, and compares the violations,
// as "path keyword" lines, with want.
func check[T interface{ Validate() error }](t *testing.T, data string, want ...string) {
	t.Helper()
	var v T
	err := json.Unmarshal([]byte(data), &v)
	if err == nil {
		err = v.Validate()
	}
	var got []string
	var ve *ValidationError
	if errors.As(err, &ve) {
		for _, x := range ve.Violations {
			got = append(got, x.Path+" "+x.Keyword)
		}
	} else if err != nil {
		t.Fatalf("%s: %v is not a *ValidationError", data, err)
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("%s: got violations %q, want %q (%v)", data, got, want, err)
	}
}

func TestInterfaceTypeHeldByOthers(t *testing.T) {
	check[Holder](t, `{"u": "ab", "list": ["cd", 3], "byName": {"k": "ef"}}`)
	check[Holder](t, `{"u": "a", "list": ["cd", "e"], "byName": {"k": "f"}}`, "/byName/k minLength", "/list/1 minLength", "/u minLength")
}

func TestFloat32Constraints(t *testing.T) {
	check[Measure](t, `{"value": 0.1}`)
	check[Measure](t, `{"value": 0.3}`)
	check[Measure](t, `{"value": 0.25}`, "/value multipleOf")
	check[Measure](t, `{"value": 0.4}`, "/value maximum")
}

func TestObjectKeywordsOfStructs(t *testing.T) {
	check[Patch](t, `{"a": "x"}`)
	check[Patch](t, `{"a": "x", "c": "y"}`)
	check[Patch](t, `{}`, " minProperties")
	check[Patch](t, `{"a": "x", "b": "y"}`, " not")
	check[Patch](t, `{"a": "x", "b": "y", "c": "z"}`, " maxProperties", " not")
}
