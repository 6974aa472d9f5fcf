package build

import (
	"slices"

	"github.com/oasgen/oasgen/generator/ir"
)

// markValidating sets Validates on every declared type that needs a validate
// method: it has constraints its Go type does not already enforce, or it
// contains such a type. Recursive types need a fixpoint: each type is
// judged once, then a type that turns out to validate marks the types that
// hold it, so the work grows with the size of the package, not its square.
// It returns how many types it judged, for tests.
func markValidating(decls []*ir.Type) (judged int) {
	iface := interfaces(decls)
	for _, t := range decls {
		t.CheckedDecode = t.Rules != nil && checkedKinds[t.Kind] && !iface[t]
	}
	// holders[u] are the types that validate when u does: a slot of theirs
	// holds u, maybe inside wrappers, slices and maps (see ExprValidates).
	holders := map[*ir.Type][]*ir.Type{}
	for _, t := range decls {
		if iface[t] {
			continue // an interface type has no validate method
		}
		for _, slot := range validateSlots(t) {
			if u := heldType(slot); u != nil {
				holders[u] = append(holders[u], t)
			}
		}
	}
	var queue []*ir.Type
	for _, t := range decls {
		judged++
		if !t.Validates && declValidates(t) {
			t.Validates = true
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		u := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, t := range holders[u] {
			if !t.Validates {
				t.Validates = true
				queue = append(queue, t)
			}
		}
	}
	return judged
}

// interfaces reports which declared types are Go interfaces (IsInterface),
// following each chain of aliases once.
func interfaces(decls []*ir.Type) map[*ir.Type]bool {
	memo := map[*ir.Type]bool{}
	var is func(t *ir.Type) bool
	is = func(t *ir.Type) bool {
		if t == nil || t.Kind != ir.Alias {
			return IsInterface(t)
		}
		if v, ok := memo[t]; ok {
			return v
		}
		memo[t] = false // an alias of itself is no interface
		v := is(t.Elem)
		memo[t] = v
		return v
	}
	out := map[*ir.Type]bool{}
	for _, t := range decls {
		out[t] = is(t)
	}
	return out
}

// validateSlots are the type expressions declValidates looks into.
func validateSlots(t *ir.Type) []*ir.Type {
	var out []*ir.Type
	switch t.Kind {
	case ir.Struct:
		for _, f := range t.Fields {
			out = append(out, f.Type)
		}
		if t.Extra != nil {
			out = append(out, t.Extra)
		}
	case ir.Union:
		for _, v := range t.Union.Variants {
			out = append(out, v.Type)
		}
	case ir.Defined, ir.Alias:
		out = append(out, t.Elem)
	}
	return out
}

// heldType returns the declared type whose Validates decides ExprValidates
// of t, when ExprValidates reaches one.
func heldType(t *ir.Type) *ir.Type {
	for t != nil {
		if t.Name != "" {
			return t
		}
		switch t.Kind {
		case ir.Opt, ir.Nullable, ir.OptNullable, ir.Slice, ir.Map:
			t = t.Elem
		default:
			return nil
		}
	}
	return nil
}

// checkedKinds are the kinds of declared types that get a generated decoder.
// An alias has its element's; a type S any can have no methods.
var checkedKinds = map[ir.Kind]bool{ir.Struct: true, ir.Union: true, ir.Enum: true, ir.Defined: true}

func declValidates(t *ir.Type) bool {
	switch t.Kind {
	case ir.Enum:
		return t.Rules != nil && len(t.Enum.Values) > 0
	case ir.Struct:
		if ObjectRules(t.Rules) != nil {
			return true
		}
		for _, f := range t.Fields {
			if ExprValidates(f.Type) || f.Rules != nil && (f.Rules.ReadOnly || f.Rules.WriteOnly) && Optional(f.Type) {
				return true
			}
		}
		return t.Extra != nil && ExprValidates(t.Extra)
	case ir.Union:
		for _, v := range t.Union.Variants {
			if ExprValidates(v.Type) {
				return true
			}
		}
		return false
	case ir.Defined, ir.Alias:
		if IsInterface(t) {
			return false // Go allows no methods on an interface type: see DynamicRules
		}
		return ExprValidates(t.Elem)
	}
	return false
}

// ObjectRules returns the keywords of a struct's schema that constrain the
// object as a whole, which neither its fields nor decoding check
// (minProperties, maxProperties, enum, not, and 2020-12's if/then/else,
// dependentRequired, dependentSchemas, propertyNames, patternProperties), as rules of their
// own; nil when there are none. The struct is checked against them through
// its JSON form.
func ObjectRules(r *ir.Rules) *ir.Rules {
	if r == nil {
		return nil
	}
	// The struct holds the properties of its allOf parts; what the parts
	// say of the object as a whole applies to it too. Only the parts' own
	// keywords: following their allOf in turn would grow exponentially
	// with an allOf that fans out (TestHostileFanOut).
	var parts []*ir.Rules
	for _, part := range r.AllOf {
		if o := wholeObjectRules(part, nil); o != nil {
			parts = append(parts, o)
		}
	}
	return wholeObjectRules(r, parts)
}

// wholeObjectRules returns what r says of an object as a whole, with the
// allOf parts given, or nil when that is nothing.
func wholeObjectRules(r *ir.Rules, parts []*ir.Rules) *ir.Rules {
	if r == nil || r.MinProperties == nil && r.MaxProperties == nil && len(r.Enum) == 0 && r.Not == nil && !Keywords2020(r) && len(parts) == 0 {
		return nil
	}
	if r.UnevaluatedProperties != nil || r.NoUnevaluatedProperties {
		// What the other keywords evaluated takes them all: the struct's
		// JSON form is checked against its whole table.
		return r
	}
	out := &ir.Rules{
		MinProperties: r.MinProperties, MaxProperties: r.MaxProperties, Enum: r.Enum, Not: r.Not,
		PropertyNames: r.PropertyNames, PatternProperties: r.PatternProperties, If: r.If, Then: r.Then, Else: r.Else,
		DependentRequired: r.DependentRequired, DependentSchemas: r.DependentSchemas, AllOf: parts,
	}
	if len(r.PatternProperties) > 0 {
		// The struct keeps every undeclared property as any: the table
		// applies additionalProperties to those no pattern matches. The
		// declared properties are named only, their fields check them.
		out.Additional, out.NoAdditional = r.Additional, r.NoAdditional
		for _, p := range r.Properties {
			out.Properties = append(out.Properties, ir.PropertyRules{Name: p.Name})
		}
	}
	return out
}

// IsInterface reports whether the declared type t is a Go interface: a
// schema with no type and no properties (type S any), or an alias of one.
func IsInterface(t *ir.Type) bool {
	for t != nil && t.Kind == ir.Alias {
		t = t.Elem
	}
	if t != nil && t.Kind == ir.Defined {
		t = t.Elem
	}
	return t != nil && t.Kind == ir.Builtin && t.Go == "any"
}

// DynamicRules returns the rules of a declared interface type (type S any)
// that has constraints, else nil. Such a type can have no validate method,
// so whatever holds a value of it checks the value against its rules table.
func DynamicRules(t *ir.Type) *ir.Rules {
	if t == nil || t.Name == "" || t.Rules == nil || !IsInterface(t) || !dynamicChecks(t.Rules) {
		return nil
	}
	return t.Rules
}

// ExprValidates reports whether a value of type t needs checks at runtime.
func ExprValidates(t *ir.Type) bool {
	if t == nil {
		return false
	}
	if t.Name != "" {
		return t.Validates || DynamicRules(t) != nil
	}
	switch t.Kind {
	case ir.Pointer: // a value behind a pointer to break a cycle must be there
		return true
	case ir.Opt, ir.Nullable, ir.OptNullable:
		return ExprValidates(t.Elem)
	case ir.Slice, ir.Map:
		return ownChecks(t, t.Rules) || ExprValidates(t.Elem)
	case ir.Builtin:
		return ownChecks(t, t.Rules)
	}
	return false
}

// ownChecks reports whether rules add checks to a value of Go type t.
func ownChecks(t *ir.Type, r *ir.Rules) bool {
	if r == nil || t == nil {
		return false
	}
	switch {
	case t.Kind == ir.Slice || t.Kind == ir.Map:
		return r.HasCount() || DynamicExtras(r)
	case t.Kind != ir.Builtin:
		return false
	case t.Go == "string":
		return r.HasString() || len(r.Enum) > 0 || ScalarExtras(t, r) != nil
	case isNumeric(t.Go):
		return r.HasNumber() || len(r.Enum) > 0 || ScalarExtras(t, r) != nil
	case t.Go == "bool" || t.Go == "[]byte":
		return ScalarExtras(t, r) != nil
	case t.Go == "any":
		return dynamicChecks(r)
	}
	return false
}

func isNumeric(goType string) bool {
	switch goType {
	case "int", "int32", "int64", "float32", "float64":
		return true
	}
	return false
}

// dynamicChecks reports whether rules say anything about a value of unknown type.
func dynamicChecks(r *ir.Rules) bool {
	return len(r.Types) > 0 || len(r.Enum) > 0 || r.HasString() || r.HasNumber() || r.HasCount() ||
		r.Items != nil || len(r.PrefixItems) > 0 || r.NoItems || len(r.Required) > 0 || len(r.Properties) > 0 || r.Additional != nil || r.NoAdditional ||
		len(r.AllOf) > 0 || len(r.AnyOf) > 0 || len(r.OneOf) > 0 || r.Not != nil || Keywords2020(r) || r.HasContent()
}

// Keywords2020 reports whether r has a JSON Schema 2020-12 keyword that only
// the schema tables check (contains, if/then/else...).
func Keywords2020(r *ir.Rules) bool {
	return r.Contains != nil || r.PropertyNames != nil || len(r.PatternProperties) > 0 || r.If != nil ||
		r.UnevaluatedProperties != nil || r.NoUnevaluatedProperties || r.UnevaluatedItems != nil || r.NoUnevaluatedItems ||
		len(r.DependentRequired) > 0 || len(r.DependentSchemas) > 0
}

// ScalarExtras returns the rules of a string, number or boolean that typed
// code does not check (not and the combinators, a boolean's enum, and the
// JSON a string holds), which the value is checked against through the
// rules table; nil when there are none. Of []byte (base64) only the JSON
// it holds is checked so.
func ScalarExtras(t *ir.Type, r *ir.Rules) *ir.Rules {
	if r == nil || t.Go == "any" {
		return nil
	}
	extras := &ir.Rules{ContentJSON: r.ContentJSON, ContentEncoding: r.ContentEncoding, ContentSchema: r.ContentSchema}
	if t.Go != "[]byte" {
		extras.Not, extras.AllOf, extras.AnyOf, extras.OneOf = r.Not, r.AllOf, r.AnyOf, r.OneOf
	}
	if t.Go == "bool" {
		extras.Enum = r.Enum
	}
	if extras.Not == nil && len(extras.AllOf)+len(extras.AnyOf)+len(extras.OneOf)+len(extras.Enum) == 0 && !extras.HasContent() {
		return nil
	}
	return extras
}

// DynamicExtras reports whether rules on an array or object go beyond what
// typed code checks (sizes and elements), so the whole value is checked
// against the rules table instead.
func DynamicExtras(r *ir.Rules) bool {
	return len(r.Enum) > 0 || len(r.PrefixItems) > 0 || r.NoItems || len(r.Required) > 0 || len(r.Properties) > 0 || r.NoAdditional ||
		len(r.AllOf) > 0 || len(r.AnyOf) > 0 || len(r.OneOf) > 0 || r.Not != nil || Keywords2020(r)
}

// Optional reports whether a field's Go value can be absent, which is when
// readOnly and writeOnly can be checked.
func Optional(t *ir.Type) bool {
	return t.Kind == ir.Opt || t.Kind == ir.OptNullable || t.Kind == ir.Pointer
}

// AcceptsNull reports whether a value with rules r may be null although its
// Go type cannot hold null, as the schema table would judge it: the schema
// is nullable, or it has no type (OpenAPI 3.0's nullable only adds null to
// an explicit type), no enum without null, and its allOf, anyOf, oneOf and
// not accept null too. The generated decoder then leaves the zero value.
//
// The build works it out once for every rules it makes (see markNull); the
// answer for rules made later is worked out here, each rules once.
func AcceptsNull(r *ir.Rules) bool {
	if r != nil && r.Null != ir.NullUnknown {
		return r.Null == ir.NullAccepted
	}
	return newNullAnalysis(false).accepts(r)
}

// markNull works out AcceptsNull for every rules in list, in order, and
// records the answers in the rules. Every rules is looked at once, however
// many schemas share it: an anyOf of ten $refs to an anyOf of ten $refs...
// would otherwise take ten to the power of its depth. It returns how many
// rules it looked at.
func markNull(list []*ir.Rules) int {
	a := newNullAnalysis(true)
	for _, r := range list {
		a.accepts(r)
	}
	return a.visits
}

// nullAnalysis works out AcceptsNull over a graph of rules.
type nullAnalysis struct {
	memo   map[*ir.Rules]bool
	active map[*ir.Rules]bool // being worked out
	record bool               // store the answers in Rules.Null
	visits int
}

func newNullAnalysis(record bool) *nullAnalysis {
	return &nullAnalysis{memo: map[*ir.Rules]bool{}, active: map[*ir.Rules]bool{}, record: record}
}

func (a *nullAnalysis) accepts(r *ir.Rules) bool {
	if r == nil {
		return false
	}
	if r.Null != ir.NullUnknown {
		return r.Null == ir.NullAccepted
	}
	if ok, done := a.memo[r]; done {
		return ok
	}
	if a.active[r] { // a schema that is its own member: say no
		return false
	}
	a.visits++
	a.active[r] = true
	ok := a.judge(r)
	delete(a.active, r)
	a.memo[r] = ok
	if a.record {
		r.Null = ir.NullRefused
		if ok {
			r.Null = ir.NullAccepted
		}
	}
	return ok
}

func (a *nullAnalysis) judge(r *ir.Rules) bool {
	if r.Nullable {
		return true
	}
	if len(r.Types) > 0 || len(r.Enum) > 0 && !slices.Contains(r.Enum, nil) {
		return false
	}
	for _, m := range r.AllOf {
		if !a.accepts(m) {
			return false
		}
	}
	if len(r.AnyOf) > 0 && !slices.ContainsFunc(r.AnyOf, a.accepts) {
		return false
	}
	if len(r.OneOf) > 0 {
		n := 0
		for _, m := range r.OneOf {
			if a.accepts(m) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	return r.Not == nil || !a.accepts(r.Not)
}
