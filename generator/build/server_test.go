package build

import (
	"maps"
	"reflect"
	"testing"

	"github.com/oasgen/oasgen/generator/ir"
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

// TestEventItem: an item type is a whole server-sent event when its fields
// are all among data, event, id and retry, with data or event.
func TestEventItem(t *testing.T) {
	str := &ir.Type{Kind: ir.Builtin, Go: "string"}
	note := &ir.Type{Kind: ir.Struct, Name: "Note", Fields: []*ir.Field{{JSONName: "id", Type: str}, {JSONName: "title", Type: str}}}
	opt := func(t *ir.Type) *ir.Type { return &ir.Type{Kind: ir.Opt, Elem: t} }
	event := func(fields ...*ir.Field) *ir.Type { return &ir.Type{Kind: ir.Struct, Name: "E", Fields: fields} }
	tests := []struct {
		name string
		item *ir.Type
		want *ir.EventItem
	}{
		{"JSON data", event(&ir.Field{JSONName: "data", Type: note, Required: true}, &ir.Field{JSONName: "id", Type: opt(str)}, &ir.Field{JSONName: "retry", Type: opt(str)}),
			&ir.EventItem{ID: true, Retry: true}},
		{"text data", event(&ir.Field{JSONName: "data", Type: opt(str)}, &ir.Field{JSONName: "event", Type: opt(str)}),
			&ir.EventItem{Text: true, Event: true, Bare: true}},
		{"required text data", event(&ir.Field{JSONName: "data", Type: str, Required: true}, &ir.Field{JSONName: "event", Type: opt(str)}),
			&ir.EventItem{Text: true, Event: true}},
		{"event only", event(&ir.Field{JSONName: "event", Type: str}), &ir.EventItem{Event: true, Bare: true}},
		{"alias", &ir.Type{Kind: ir.Alias, Name: "A", Elem: event(&ir.Field{JSONName: "data", Type: note})}, &ir.EventItem{}},
		{"other properties", note, nil},
		{"id only", event(&ir.Field{JSONName: "id", Type: str}), nil},
		{"data and more", event(&ir.Field{JSONName: "data", Type: str}, &ir.Field{JSONName: "kind", Type: str}), nil},
		{"string", str, nil},
	}
	for _, tt := range tests {
		if got := eventItem(tt.item); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
