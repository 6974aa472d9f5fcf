package regressions

import (
	"encoding/json"
	"errors"
	"reflect"
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

func TestDeclaredPropertyWithoutField(t *testing.T) {
	var o Odd
	if err := json.Unmarshal([]byte(`{"": {"n": 1, "zz": 2}, "a": "x", "b": {"k": 1}}`), &o); err != nil {
		t.Fatal(err)
	}
	if _, ok := o.AdditionalProperties[""]; !ok || len(o.AdditionalProperties) != 2 {
		t.Errorf("AdditionalProperties %v: want the keys \"\" and b", o.AdditionalProperties)
	}
	var ve *ValidationError
	err := json.Unmarshal([]byte(`{"": {"n": 0}}`), &o)
	if !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Path != "//n" || ve.Violations[0].Keyword != "minimum" {
		t.Errorf("got %v, want //n minimum", err)
	}
}

func TestNilCyclePointer(t *testing.T) {
	n := Node{Next: &Node{}}
	var ve *ValidationError
	if err := n.Validate(); !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Path != "/next/next" {
		t.Errorf("got %v, want /next/next must not be null", err)
	}
}

// TestValidateInterfaceType: a bare Untyped (type Untyped any) is checked by
// ValidateUntyped, as it can have no Validate method.
func TestValidateInterfaceType(t *testing.T) {
	var u Untyped
	if err := json.Unmarshal([]byte(`"abc"`), &u); err != nil {
		t.Fatal(err)
	}
	if err := ValidateUntyped(u); err != nil {
		t.Errorf("ValidateUntyped(%q) = %v, want nil", u, err)
	}
	var ve *ValidationError
	if err := ValidateUntyped("a"); !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Keyword != "minLength" {
		t.Errorf("ValidateUntyped(\"a\") = %v, want minLength", err)
	}
	if err := ValidateUntyped(5.0); err != nil { // minLength says nothing of numbers
		t.Errorf("ValidateUntyped(5) = %v, want nil", err)
	}
}

// TestIntegerWithFraction: every integer type (a plain field, Opt,
// OptNullable, items, map values, an integer enum) takes 1.0 and 1e2,
// exactly past 2^53, and refuses 1.5 and values out of range.
func TestIntegerWithFraction(t *testing.T) {
	var c Counts
	data := `{"small": -2.0e1, "big": 9007199254740993.0, "maybe": 0.0, "list": [1.0, 1e2, -0.0], "byName": {"k": 1.2e1}, "level": 2.0}`
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		t.Fatal(err)
	}
	want := Counts{
		Small: -20, Big: NewOpt[int64](9007199254740993), Maybe: NewOptNullable(0), List: NewOpt([]int{1, 100, 0}),
		ByName: NewOpt(map[string]int64{"k": 12}), Level: NewOpt(CountsLevelX2),
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v, want %+v", c, want)
	}
	check[Counts](t, `{"small": 1.5, "big": 9223372036854775808.0, "list": [2.5e0], "byName": {"k": 1e1, "j": 9.0}, "level": 3.0}`,
		"/big type", "/byName/j minimum", "/level enum", "/list/0 type", "/small type")
	check[Counts](t, `{"small": 2147483648.0}`, "/small type")
}
