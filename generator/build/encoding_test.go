package build

import (
	"reflect"
	"testing"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
)

// TestFormFields: an encoding entry of a form body becomes a FormField only
// when it writes its property otherwise than form style, exploded.
func TestFormFields(t *testing.T) {
	no, yes := false, true
	got := formFields([]*load.Encoding{
		{Name: "default"},
		{Name: "form", Style: "form", Explode: &yes},
		{Name: "commas", Explode: &no},
		{Name: "pipes", Style: "pipeDelimited"},
		{Name: "spaces", Style: "spaceDelimited", Explode: &yes},
		{Name: "deep", Style: "deepObject"},
		{Name: "json", ContentType: "application/merge-patch+json; charset=utf-8"},
		{Name: "text", ContentType: "text/plain, application/json"},
		{Name: "kept", AllowReserved: true, ContentType: "application/json"},
		{Name: "styled", Style: "form", ContentType: "application/json"},
	})
	want := []ir.FormField{
		{Name: "commas", Delim: ","},
		{Name: "pipes", Delim: "|"},
		{Name: "spaces", Delim: " "},
		{Name: "json", JSON: true},
		{Name: "kept", Reserved: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("formFields:\n got  %+v\n want %+v", got, want)
	}
}

// TestPartTypes: only a single, valid media type is a part's default.
func TestPartTypes(t *testing.T) {
	got := partTypes([]*load.Encoding{
		{Name: "png", ContentType: "image/png"},
		{Name: "none"},
		{Name: "range", ContentType: "image/*"},
		{Name: "list", ContentType: "image/png, image/jpeg"},
		{Name: "bad", ContentType: "not a type"},
		{Name: "params", ContentType: " text/csv; charset=utf-8 "},
	})
	want := []ir.PartType{{Name: "png", ContentType: "image/png"}, {Name: "params", ContentType: "text/csv; charset=utf-8"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("partTypes:\n got  %+v\n want %+v", got, want)
	}
}
