package build

import (
	"maps"
	"testing"
)

func TestMuxRoute(t *testing.T) {
	tests := []struct {
		path, route string
		wildcards   map[string]string
		fails       bool
	}{
		{path: "/store/carts/{id}", route: "/store/carts/{id}", wildcards: map[string]string{"id": "id"}},
		{path: "/store/carts", route: "/store/carts", wildcards: map[string]string{}},
		{path: "/", route: "/{$}", wildcards: map[string]string{}},
		{path: "/store/", route: "/store/{$}", wildcards: map[string]string{}},
		{path: "/a/{item-id}/b", route: "/a/{p1}/b", wildcards: map[string]string{"item-id": "p1"}},
		{path: "/files/{name}.{ext}", fails: true},
		{path: "/files/v{version}", fails: true},
		{path: "/a/{id}/b/{id}", fails: true},
		{path: "store", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			route, wildcards, why := muxRoute(tt.path)
			if (why != "") != tt.fails {
				t.Fatalf("muxRoute(%q) reason %q, want failure %v", tt.path, why, tt.fails)
			}
			if route != tt.route || !tt.fails && !maps.Equal(wildcards, tt.wildcards) {
				t.Errorf("muxRoute(%q) = %q %v, want %q %v", tt.path, route, wildcards, tt.route, tt.wildcards)
			}
		})
	}
}

func TestRegisterFindsConflicts(t *testing.T) {
	b := &builder{}
	for _, p := range []string{"POST /products/{id}/options/{option_id}", "GET /products/{id}"} {
		if why := b.register(p); why != "" {
			t.Fatalf("register %s: %s", p, why)
		}
	}
	if why := b.register("POST /products/import/{tid}/confirm"); why == "" {
		t.Error("a conflicting pattern was accepted")
	}
	if why := b.register("GET /products/{id}/x{y}"); why == "" {
		t.Error("an invalid pattern was accepted")
	}
}
