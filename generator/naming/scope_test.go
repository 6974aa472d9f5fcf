package naming

import "testing"

func TestScopeUnique(t *testing.T) {
	tests := []struct {
		name     string
		reserved []string
		in       []string
		want     []string
	}{
		{"free names pass through", nil, []string{"Cart", "Store"}, []string{"Cart", "Store"}},
		{"collision from different spellings",
			nil,
			[]string{Exported("foo-bar"), Exported("foo_bar"), Exported("fooBar")},
			[]string{"FooBar", "FooBar2", "FooBar3"}},
		{"reserved name", []string{"Date"}, []string{"Date", "Date"}, []string{"Date2", "Date3"}},
		{"suffix already taken", []string{"Cart2"}, []string{"Cart", "Cart"}, []string{"Cart", "Cart3"}},
		{"generated suffix collides later", nil, []string{"Cart", "Cart", "Cart2"}, []string{"Cart", "Cart2", "Cart22"}},
		{"empty", nil, []string{"", "", "Empty"}, []string{"Empty", "Empty2", "Empty3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScope(tt.reserved...)
			for i, in := range tt.in {
				if got := s.Unique(in); got != tt.want[i] {
					t.Errorf("call %d: Unique(%q) = %q, want %q", i, in, got, tt.want[i])
				}
			}
		})
	}
}

func TestScopeTakenAndReserve(t *testing.T) {
	s := NewScope("Nullable")
	if !s.Taken("Nullable") {
		t.Error(`Taken("Nullable") = false after NewScope("Nullable")`)
	}
	if s.Taken("Cart") {
		t.Error(`Taken("Cart") = true before use`)
	}
	s.Unique("Cart")
	if !s.Taken("Cart") {
		t.Error(`Taken("Cart") = false after Unique("Cart")`)
	}
	s.Reserve("Store")
	if got := s.Unique("Store"); got != "Store2" {
		t.Errorf(`Unique("Store") after Reserve = %q, want "Store2"`, got)
	}
}

func TestScopeZeroValue(t *testing.T) {
	var s Scope
	if s.Taken("A") {
		t.Error("zero Scope reports a name taken")
	}
	if got := s.Unique("A"); got != "A" {
		t.Errorf(`Unique("A") = %q, want "A"`, got)
	}
	if got := s.Unique("A"); got != "A2" {
		t.Errorf(`second Unique("A") = %q, want "A2"`, got)
	}
}

// TestScopeDeterministic replays one sequence of calls on two scopes.
func TestScopeDeterministic(t *testing.T) {
	names := []string{"A", "B", "A", "", "A2", "A", "B", "", "Empty2"}
	a, b := NewScope("B"), NewScope("B")
	for _, n := range names {
		if x, y := a.Unique(n), b.Unique(n); x != y {
			t.Fatalf("Unique(%q) gave %q and %q", n, x, y)
		}
	}
}

// TestScopeManyCollisions checks that every name handed out is distinct.
func TestScopeManyCollisions(t *testing.T) {
	s := NewScope()
	seen := map[string]bool{}
	for i := range 500 {
		name := "N"
		if i%3 == 0 {
			name = "N2"
		}
		got := s.Unique(name)
		if seen[got] {
			t.Fatalf("Unique(%q) returned %q twice", name, got)
		}
		seen[got] = true
	}
}
