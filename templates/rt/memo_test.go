package rt

import (
	"strings"
	"testing"
	"time"
)

// unionLevels builds levels of anyOf (or oneOf) unions: each union of a
// level has ten branches, which are the unions of the next level (ten
// distinct ones, or the same one ten times), and the last level is an
// object that requires "id". Without remembering what the probes found,
// checking a value that matches nothing tries 10^levels branches.
func unionLevels(levels int, distinct, oneOf bool) *jsonSchema {
	leaf := &jsonSchema{types: uint8(typeObject), required: []string{"id"}, maxLength: -1, maxItems: -1, maxProps: -1}
	next := []*jsonSchema{leaf}
	for range levels {
		width := 1
		if distinct {
			width = 10
		}
		level := make([]*jsonSchema, width)
		for i := range level {
			branches := make([]*jsonSchema, 10)
			for j := range branches {
				branches[j] = next[j%len(next)]
			}
			s := &jsonSchema{maxLength: -1, maxItems: -1, maxProps: -1}
			if oneOf {
				s.oneOf = branches
			} else {
				s.anyOf = branches
			}
			level[i] = s
		}
		next = level
	}
	return next[0]
}

// TestNestedUnionsAreLinear checks ten levels of ten-branch unions on
// values that match no branch, and one that matches every branch (which
// oneOf refuses), within a guard: each would take hours if each path
// through the branches were checked again.
func TestNestedUnionsAreLinear(t *testing.T) {
	for _, tc := range []struct {
		name            string
		distinct, oneOf bool
	}{{"anyOf same", false, false}, {"anyOf distinct", true, false}, {"oneOf same", false, true}, {"oneOf distinct", true, true}} {
		t.Run(tc.name, func(t *testing.T) {
			s := unionLevels(10, tc.distinct, tc.oneOf)
			done := make(chan []Violation, 1)
			go func() {
				var found []Violation
				for _, x := range []any{map[string]any{"x": "a"}, map[string]any{"x": 0.0}, "a", []any{1.0}, map[string]any{"id": "1"}} {
					v := validator{mode: modeRequest}
					s.validateAny(&v, x)
					found = append(found, v.violations...)
				}
				done <- found
			}()
			select {
			case found := <-done:
				want := 4 // the four values without id
				if tc.oneOf {
					want = 5 // with id it matches all ten branches
				}
				if len(found) != want {
					t.Fatalf("%d violations, want %d: %v", len(found), want, found)
				}
				for _, f := range found {
					if !strings.Contains(f.Keyword, "Of") {
						t.Errorf("violation %+v, want anyOf/oneOf", f)
					}
				}
			case <-time.After(60 * time.Second):
				t.Fatal("checking nested unions did not finish in 60 s: exponential")
			}
		})
	}
}

// TestOneLevelOfUnionsAllocatesNothing: remembering answers is for unions
// inside union branches; the probes of a single level stay on the stack
// (a memo reachable from the top validator moved every probe to the heap,
// 900 bytes per check of the server benchmark).
func TestOneLevelOfUnionsAllocatesNothing(t *testing.T) {
	leaf := func(types jsonType) *jsonSchema {
		return &jsonSchema{types: uint8(types), maxLength: -1, maxItems: -1, maxProps: -1}
	}
	s := &jsonSchema{oneOf: []*jsonSchema{leaf(typeString), leaf(typeNumber)}, anyOf: []*jsonSchema{leaf(typeString)}, maxLength: -1, maxItems: -1, maxProps: -1}
	var x any = "a"
	allocs := testing.AllocsPerRun(100, func() {
		v := validator{mode: modeRequest}
		s.validateAny(&v, x)
		if len(v.violations) != 0 {
			t.Fatalf("violations: %v", v.violations)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per check, want 0", allocs)
	}
}
