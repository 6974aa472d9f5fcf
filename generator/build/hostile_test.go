package build

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/templates/rt"
)

// The analyses here follow subschemas; a spec can reach a schema along ten
// to the power of its depth paths. These tests build such graphs 40 levels
// deep, which no analysis without a memo finishes, and count how many
// times each looks at a schema.

// finishes runs f and fails the test when f has not returned after a
// minute (it then keeps running until the test binary exits).
func finishes(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("did not finish within a minute")
	}
}

// fanOutRules returns rules levels deep whose every level is a combinator
// (set by add) of width members: one rules per level whose members are all
// the next level's (distinct false), or width rules per level, each with
// every rules of the next level as members. It returns the root and every
// rules made.
func fanOutRules(levels, width int, distinct bool, leaf func() *ir.Rules, add func(r, m *ir.Rules)) (*ir.Rules, []*ir.Rules) {
	n := 1
	if distinct {
		n = width
	}
	var all []*ir.Rules
	next := make([]*ir.Rules, n)
	for i := range next {
		next[i] = leaf()
		all = append(all, next[i])
	}
	for range levels {
		level := make([]*ir.Rules, n)
		for i := range level {
			level[i] = &ir.Rules{}
			for j := range width {
				add(level[i], next[j%n])
			}
			all = append(all, level[i])
		}
		next = level
	}
	root := &ir.Rules{}
	for _, m := range next {
		add(root, m)
	}
	return root, append(all, root)
}

func TestAcceptsNullFanOut(t *testing.T) {
	anyOf := func(r, m *ir.Rules) { r.AnyOf = append(r.AnyOf, m) }
	oneOf := func(r, m *ir.Rules) { r.OneOf = append(r.OneOf, m) }
	allOf := func(r, m *ir.Rules) { r.AllOf = append(r.AllOf, m) }
	integer := func() *ir.Rules { return &ir.Rules{Types: []string{"integer"}} }
	nullable := func() *ir.Rules { return &ir.Rules{Nullable: true} }
	for _, c := range []struct {
		name string
		leaf func() *ir.Rules
		add  func(r, m *ir.Rules)
		want bool
	}{
		{"anyOf of integers", integer, anyOf, false},   // every branch fails: all are tried
		{"oneOf of nullables", nullable, oneOf, false}, // every branch is counted
		{"allOf of nullables", nullable, allOf, true},  // every member must accept null
	} {
		for _, distinct := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s distinct=%v", c.name, distinct), func(t *testing.T) {
				root, all := fanOutRules(40, 10, distinct, c.leaf, c.add)
				var got bool
				finishes(t, func() { got = AcceptsNull(root) }) // nothing recorded yet: worked out on the spot
				if got != c.want {
					t.Fatalf("AcceptsNull = %v, want %v", got, c.want)
				}
				if visits := markNull(all); visits != len(all) {
					t.Errorf("markNull looked at %d rules, want each of the %d once", visits, len(all))
				}
				want := ir.NullRefused
				if c.want {
					want = ir.NullAccepted
				}
				for _, r := range all[len(all)-1:] {
					if r.Null != want {
						t.Errorf("recorded %v, want %v", r.Null, want)
					}
				}
				if AcceptsNull(root) != c.want {
					t.Error("the recorded answer differs")
				}
			})
		}
	}
}

// TestAcceptsNullCycle: a schema that is its own member is no help.
func TestAcceptsNullCycle(t *testing.T) {
	a := &ir.Rules{}
	b := &ir.Rules{AnyOf: []*ir.Rules{a, {Types: []string{"string"}}}}
	a.AllOf = []*ir.Rules{b}
	if AcceptsNull(a) || AcceptsNull(b) {
		t.Error("a loop of combinators without a nullable member accepts null")
	}
	b.AnyOf = append(b.AnyOf, &ir.Rules{Nullable: true})
	if !AcceptsNull(a) {
		t.Error("a loop with a nullable way out refuses null")
	}
}

// fanOutSchemas is fanOutRules for spec schemas: anyOf $refs levels deep,
// ending in integers.
func fanOutSchemas(levels, width int, distinct bool) (*load.Schema, []*load.Schema) {
	n := 1
	if distinct {
		n = width
	}
	var all []*load.Schema
	next := make([]*load.Schema, n)
	for i := range next {
		next[i] = &load.Schema{Type: "integer"}
		all = append(all, next[i])
	}
	for range levels + 1 {
		level := make([]*load.Schema, n)
		for i := range level {
			level[i] = &load.Schema{}
			for j := range width {
				level[i].AnyOf = append(level[i].AnyOf, &load.SchemaRef{Ref: "#/x", Value: next[j%n]})
			}
			all = append(all, level[i])
		}
		next = level
	}
	return next[0], all
}

// TestJSONKindsFanOut: the JSON kinds of every union's variants are worked
// out once per schema for the whole build.
func TestJSONKindsFanOut(t *testing.T) {
	for _, distinct := range []bool{false, true} {
		root, all := fanOutSchemas(40, 10, distinct)
		b := &builder{}
		finishes(t, func() {
			for _, s := range all { // as describeVariant asks, for every variant of every union
				b.jsonKinds(s)
			}
		})
		if got := b.jsonKinds(root); !slices.Equal(got, []string{"number"}) {
			t.Errorf("distinct=%v: kinds %v, want [number]", distinct, got)
		}
		if b.an.kindVisits != len(all) {
			t.Errorf("distinct=%v: jsonKinds looked at %d schemas, want each of the %d once", distinct, b.an.kindVisits, len(all))
		}
	}
}

// TestMarkValidatingChain: a chain of structs, each holding the next, whose
// last one has constraints, declared in the order that made the former
// fixpoint take one pass per link (the square of the chain's length).
func TestMarkValidatingChain(t *testing.T) {
	const n = 5000
	decls := make([]*ir.Type, n)
	for i := n - 1; i >= 0; i-- {
		decls[i] = &ir.Type{Kind: ir.Struct, Name: fmt.Sprintf("T%05d", i)}
		if i == n-1 {
			minLen := int64(1)
			str := &ir.Type{Kind: ir.Builtin, Go: "string", Rules: &ir.Rules{MinLength: &minLen}}
			decls[i].Fields = []*ir.Field{{Name: "S", Type: str}}
		} else {
			decls[i].Fields = []*ir.Field{{Name: "Next", Type: &ir.Type{Kind: ir.Opt, Elem: decls[i+1]}}}
		}
	}
	judged := markValidating(decls)
	for _, d := range decls {
		if !d.Validates {
			t.Fatalf("%s does not validate", d.Name)
		}
	}
	if judged != n {
		t.Errorf("judged %d types, want each of the %d once", judged, n)
	}
}

// TestMarkValidatingSameAsFixpoint compares markValidating with the plain
// fixpoint it replaces, on random packages.
func TestMarkValidatingSameAsFixpoint(t *testing.T) {
	for seed := range uint64(200) {
		a, b := randomDecls(seed), randomDecls(seed)
		markValidating(a)
		fixpointValidating(b)
		for i := range a {
			if a[i].Validates != b[i].Validates || a[i].CheckedDecode != b[i].CheckedDecode {
				t.Fatalf("seed %d: %s: Validates %v, CheckedDecode %v; the fixpoint says %v, %v",
					seed, a[i].Name, a[i].Validates, a[i].CheckedDecode, b[i].Validates, b[i].CheckedDecode)
			}
		}
	}
}

// fixpointValidating is markValidating as it was: passes until none changes.
func fixpointValidating(decls []*ir.Type) {
	for _, t := range decls {
		t.CheckedDecode = t.Rules != nil && checkedKinds[t.Kind] && !IsInterface(t)
	}
	for changed := true; changed; {
		changed = false
		for _, t := range decls {
			if !t.Validates && declValidates(t) {
				t.Validates, changed = true, true
			}
		}
	}
}

// randomDecls makes declared types of every kind holding one another
// through wrappers, slices, maps and pointers; the same seed, the same types.
func randomDecls(seed uint64) []*ir.Type {
	rnd := rand.New(rand.NewPCG(seed, 1))
	n := 2 + rnd.IntN(12)
	kinds := []ir.Kind{ir.Struct, ir.Union, ir.Defined, ir.Alias, ir.Enum}
	decls := make([]*ir.Type, n)
	for i := range decls {
		decls[i] = &ir.Type{Kind: kinds[rnd.IntN(len(kinds))], Name: fmt.Sprintf("T%d", i)}
	}
	minLen := int64(1)
	var expr func(depth int) *ir.Type
	expr = func(depth int) *ir.Type {
		switch k := rnd.IntN(9); {
		case k < 3 || depth > 2:
			return decls[rnd.IntN(n)]
		case k == 3:
			return &ir.Type{Kind: ir.Builtin, Go: "string"}
		case k == 4:
			return &ir.Type{Kind: ir.Builtin, Go: "string", Rules: &ir.Rules{MinLength: &minLen}}
		case k == 5:
			return &ir.Type{Kind: ir.Builtin, Go: "any"}
		case k == 6:
			return &ir.Type{Kind: []ir.Kind{ir.Opt, ir.Nullable, ir.OptNullable}[rnd.IntN(3)], Elem: expr(depth + 1)}
		case k == 7:
			return &ir.Type{Kind: []ir.Kind{ir.Slice, ir.Map}[rnd.IntN(2)], Elem: expr(depth + 1)}
		}
		return &ir.Type{Kind: ir.Pointer, Elem: decls[rnd.IntN(n)]}
	}
	for _, t := range decls {
		if rnd.IntN(3) == 0 {
			t.Rules = &ir.Rules{}
			if rnd.IntN(2) == 0 {
				t.Rules.MinProperties = &minLen
			}
		}
		switch t.Kind {
		case ir.Struct:
			for i := range rnd.IntN(3) {
				t.Fields = append(t.Fields, &ir.Field{Name: fmt.Sprint("F", i), Type: expr(0)})
			}
		case ir.Union:
			t.Union = &ir.UnionInfo{}
			for i := range 1 + rnd.IntN(3) {
				t.Union.Variants = append(t.Union.Variants, &ir.Variant{Name: fmt.Sprint("V", i), Type: expr(0)})
			}
		case ir.Alias: // of a type declared before: aliases never loop
			if i := slices.Index(decls, t); i > 0 && rnd.IntN(2) == 0 {
				t.Elem = decls[rnd.IntN(i)]
			} else {
				t.Elem = &ir.Type{Kind: ir.Builtin, Go: "any"}
			}
		case ir.Defined: // of a slice or map
			t.Elem = &ir.Type{Kind: []ir.Kind{ir.Slice, ir.Map}[rnd.IntN(2)], Elem: expr(1)}
		case ir.Enum:
			t.Elem = &ir.Type{Kind: ir.Builtin, Go: "string"}
			t.Enum = &ir.EnumInfo{Values: []ir.EnumValue{{Name: t.Name + "A", Literal: `"a"`}}}
		}
	}
	return decls
}

// fanOutUnions declares unions levels deep, each holding width variants
// of the next level by value, down to a struct of one int.
func fanOutUnions(levels, width int, distinct bool) []*ir.Type {
	n := 1
	if distinct {
		n = width
	}
	var decls []*ir.Type
	next := make([]*ir.Type, n)
	for i := range next {
		next[i] = &ir.Type{Kind: ir.Struct, Name: fmt.Sprint("Leaf", i), Fields: []*ir.Field{{Name: "X", Type: &ir.Type{Kind: ir.Builtin, Go: "int"}}}}
		decls = append(decls, next[i])
	}
	for l := range levels {
		level := make([]*ir.Type, n)
		for i := range level {
			u := &ir.Type{Kind: ir.Union, Name: fmt.Sprint("L", l, "x", i), Union: &ir.UnionInfo{}}
			for j := range width {
				u.Union.Variants = append(u.Union.Variants, &ir.Variant{Name: fmt.Sprint("V", j), Type: next[j%n]})
			}
			level[i] = u
			decls = append(decls, u)
		}
		next = level
	}
	return decls
}

// TestBoundSizes: unions of unions by value grow as ten to the power of
// their depth, which Go cannot compile; behind pointers they stay small.
func TestBoundSizes(t *testing.T) {
	for _, distinct := range []bool{false, true} {
		decls := fanOutUnions(40, 10, distinct)
		breakCycles(decls)
		var visits int
		finishes(t, func() { visits = boundSizes(decls) })
		if visits != len(decls) {
			t.Errorf("distinct=%v: sized %d types, want each of the %d once", distinct, visits, len(decls))
		}
		after := &sizer{memo: map[*ir.Type]int64{}, active: map[*ir.Type]bool{}}
		for _, d := range decls {
			if n := after.declSize(d); n > MaxValueSize {
				t.Errorf("distinct=%v: %s takes %d bytes", distinct, d.Name, n)
			}
			if d.Kind != ir.Union {
				continue
			}
			pointers := 0
			for _, v := range d.Union.Variants {
				if v.Type.Kind == ir.Pointer {
					pointers++
				}
			}
			if !distinct && pointers != 0 && pointers != len(d.Union.Variants) {
				t.Errorf("%s: %d of its variants of one type are pointers", d.Name, pointers)
			}
		}
	}
}

// TestBoundSizesLeavesSmallTypes: types below the bound keep their values.
func TestBoundSizesLeavesSmallTypes(t *testing.T) {
	decls := fanOutUnions(3, 10, false) // 8 + 10*(8 + 10*(8 + 10*8)) bytes: under 64 KB
	boundSizes(decls)
	for _, d := range decls {
		for _, s := range valueSlots(d) {
			if (*s).Kind == ir.Pointer {
				t.Fatalf("%s: a variant was put behind a pointer", d.Name)
			}
		}
	}
}

// TestBreakCombinatorCycles: rules that are their own member through
// combinators alone are cut where the loop closes, with a warning, so a
// value can be checked against them.
func TestBreakCombinatorCycles(t *testing.T) {
	sa, sb := &load.Schema{}, &load.Schema{}
	a := &ir.Rules{}
	str := &ir.Rules{Types: []string{"string"}}
	b := &ir.Rules{AnyOf: []*ir.Rules{a, str}, Not: a}
	a.AllOf = []*ir.Rules{b}
	a.Discriminator = &ir.DiscriminatorRules{Property: "k", Cases: []ir.DiscriminatorCase{{Value: "x", Rules: a}}}
	bl := &builder{}
	bl.addRules(a, sa)
	bl.addRules(b, sb)
	bl.addRules(str, sb)
	bl.breakCombinatorCycles()
	if len(bl.diags) != 3 { // b's anyOf member 1 and its not, a's discriminator case
		t.Errorf("%d warnings, want 3:\n%v", len(bl.diags), bl.diags)
	}
	for _, d := range bl.diags {
		if d.Rule != "combinator-cycle" {
			t.Errorf("rule %q", d.Rule)
		}
	}
	finishes(t, func() {
		rt.Compile(a).Check(1.0)
		rt.Compile(b).Check(map[string]any{"k": "x"})
	})
}

func TestInlineNesting(t *testing.T) {
	var typ *ir.Type = &ir.Type{Kind: ir.Builtin, Go: "int"}
	for range 5 {
		typ = &ir.Type{Kind: ir.Slice, Elem: typ}
	}
	typ = &ir.Type{Kind: ir.Map, Elem: &ir.Type{Kind: ir.Defined, Name: "Inner", Elem: typ}}
	if n := inlineNesting(typ); n != 1 {
		t.Errorf("inlineNesting = %d, want 1: a declared type ends the expression", n)
	}
	if n := inlineNesting(typ.Elem.Elem); n != 5 {
		t.Errorf("inlineNesting = %d, want 5", n)
	}
}

func TestShortName(t *testing.T) {
	long := strings.Repeat("Item", 100)
	if got := shortName("Cart" + long); len(got) > maxDerivedName || !strings.HasPrefix(got, "Item") {
		t.Errorf("shortName = %q", got)
	}
	if got := shortName("Short"); got != "Short" {
		t.Errorf("shortName(Short) = %q", got)
	}
	word := "X" + strings.Repeat("é", 300) // one word, and a cut inside a rune
	if got := shortName(word); len(got) > maxDerivedName || !strings.HasPrefix(got, "X") || !utf8Valid(got) {
		t.Errorf("shortName of one long word = %q", got)
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "?") == s }

func TestShortSource(t *testing.T) {
	ptr := "spec.yaml#/components/schemas/Deep" + strings.Repeat("/properties/p", 100)
	got := shortSource(ptr)
	if len(got) > maxSource+10 || !strings.HasPrefix(got, "spec.yaml#/components/schemas/Deep/") || !strings.HasSuffix(got, "/properties/p") || !strings.Contains(got, "/…/") {
		t.Errorf("shortSource = %q", got)
	}
	if got := shortSource("a.yaml#/b"); got != "a.yaml#/b" {
		t.Errorf("shortSource of a short one = %q", got)
	}
}
