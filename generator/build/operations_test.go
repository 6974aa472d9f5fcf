package build

import (
	"testing"

	"github.com/oasgen/oasgen/generator/load"
)

func TestSharedName(t *testing.T) {
	op := &load.Operation{Loc: load.Loc{File: "/spec/paths/carts.yaml", Pointer: "/post"}}
	tests := []struct {
		loc  load.Loc
		want string
	}{
		{load.Loc{File: "/spec/paths/carts.yaml", Pointer: "/post/responses/200"}, ""},
		{load.Loc{File: "/spec/openapi.yaml", Pointer: "/components/responses/NotFound"}, "NotFound"},
		{load.Loc{File: "/spec/openapi.yaml", Pointer: "/components/responses/invalid_state"}, "InvalidState"},
		{load.Loc{File: "/spec/components/responses/400_error.yaml"}, "Error400"},
		{load.Loc{File: "/spec/components/responses/default_error.yaml"}, "DefaultError"},
		{load.Loc{File: "/spec/responses/404.yaml"}, "X404"},
		{load.Loc{File: "/spec/openapi.yaml", Pointer: "/components/requestBodies/Cart"}, ""}, // not a response
	}
	for _, tt := range tests {
		if got := sharedName(op, tt.loc, "responses"); got != tt.want {
			t.Errorf("%s#%s: %q, want %q", tt.loc.File, tt.loc.Pointer, got, tt.want)
		}
	}
	body := load.Loc{File: "/spec/openapi.yaml", Pointer: "/components/requestBodies/cart_update"}
	if got := sharedName(op, body, "requestBodies"); got != "CartUpdate" {
		t.Errorf("request body: %q, want CartUpdate", got)
	}
	param := load.Loc{File: "/spec/components/parameters/limit.yaml"}
	if got := sharedName(op, param, "parameters"); got != "Limit" {
		t.Errorf("parameter file: %q, want Limit", got)
	}
}
