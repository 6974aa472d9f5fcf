package build

import "github.com/oasgen/oasgen/generator/ir"

// markValidating sets Validates on every declared type that needs a validate
// method: it has constraints its Go type does not already enforce, or it
// contains such a type. Recursive types need a fixpoint.
func markValidating(decls []*ir.Type) {
	for changed := true; changed; {
		changed = false
		for _, t := range decls {
			if !t.Validates && declValidates(t) {
				t.Validates, changed = true, true
			}
		}
	}
}

func declValidates(t *ir.Type) bool {
	switch t.Kind {
	case ir.Enum:
		return t.Rules != nil && len(t.Enum.Values) > 0
	case ir.Struct:
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
		return ExprValidates(t.Elem)
	}
	return false
}

// ExprValidates reports whether a value of type t needs checks at runtime.
func ExprValidates(t *ir.Type) bool {
	if t == nil {
		return false
	}
	if t.Name != "" {
		return t.Validates
	}
	switch t.Kind {
	case ir.Opt, ir.Nullable, ir.OptNullable, ir.Pointer:
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
