package build

import (
	"slices"

	"github.com/oasgen/oasgen/generator/ir"
)

// markValidating sets Validates on every declared type that needs a validate
// method: it has constraints its Go type does not already enforce, or it
// contains such a type. Recursive types need a fixpoint.
func markValidating(decls []*ir.Type) {
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
// (minProperties, maxProperties, enum, not), as rules of their own; nil
// when there are none. The struct is checked against them through its JSON form.
func ObjectRules(r *ir.Rules) *ir.Rules {
	if r == nil || r.MinProperties == nil && r.MaxProperties == nil && len(r.Enum) == 0 && r.Not == nil {
		return nil
	}
	return &ir.Rules{MinProperties: r.MinProperties, MaxProperties: r.MaxProperties, Enum: r.Enum, Not: r.Not}
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
		return r.HasString() || len(r.Enum) > 0
	case isNumeric(t.Go):
		return r.HasNumber() || len(r.Enum) > 0
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
		r.Items != nil || len(r.Required) > 0 || len(r.Properties) > 0 || r.Additional != nil || r.NoAdditional ||
		len(r.AllOf) > 0 || len(r.AnyOf) > 0 || len(r.OneOf) > 0 || r.Not != nil
}

// DynamicExtras reports whether rules on an array or object go beyond what
// typed code checks (sizes and elements), so the whole value is checked
// against the rules table instead.
func DynamicExtras(r *ir.Rules) bool {
	return len(r.Enum) > 0 || len(r.Required) > 0 || len(r.Properties) > 0 || r.NoAdditional ||
		len(r.AllOf) > 0 || len(r.AnyOf) > 0 || len(r.OneOf) > 0 || r.Not != nil
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
func AcceptsNull(r *ir.Rules) bool {
	return acceptsNull(r, map[*ir.Rules]bool{})
}

func acceptsNull(r *ir.Rules, seen map[*ir.Rules]bool) bool {
	if r == nil || seen[r] { // a schema that is its own member: say no
		return false
	}
	if r.Nullable {
		return true
	}
	if len(r.Types) > 0 || len(r.Enum) > 0 && !slices.Contains(r.Enum, nil) {
		return false
	}
	seen[r] = true
	defer delete(seen, r)
	for _, m := range r.AllOf {
		if !acceptsNull(m, seen) {
			return false
		}
	}
	if len(r.AnyOf) > 0 && !slices.ContainsFunc(r.AnyOf, func(m *ir.Rules) bool { return acceptsNull(m, seen) }) {
		return false
	}
	if len(r.OneOf) > 0 {
		n := 0
		for _, m := range r.OneOf {
			if acceptsNull(m, seen) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	return r.Not == nil || !acceptsNull(r.Not, seen)
}
