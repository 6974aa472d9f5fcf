package build

import (
	"fmt"

	"github.com/oasgen/oasgen/templates/rt"

	"github.com/oasgen/oasgen/generator/load"
)

// check warns, once per schema, about defects that generation works around.
func (b *builder) check(s *load.Schema) {
	if b.done[s] {
		return
	}
	b.done[s] = true
	if s.Format != "" && !knownFormats[s.Format] {
		b.diags.Warnf(s.FormatPos, "unknown-format", "unknown format %q; the value is treated as a plain %s", s.Format, typeOrAny(s.Type))
	}
	if s.Default != nil {
		b.checkValue("default", s, *s.Default)
	}
	if s.Example != nil {
		b.checkValue("example", s, *s.Example)
	}
	for _, e := range s.Examples {
		b.checkValue("example", s, e)
	}
}

func typeOrAny(t string) string {
	if t == "" {
		return "value"
	}
	return t
}

// checkValue warns when a default or example breaks its own schema, with
// the validators' runtime, so the spec and the generated code agree.
func (b *builder) checkValue(what string, s *load.Schema, v load.Value) {
	if s.Type != "" && !matchesType(v.V, s.Type, s.Nullable) {
		b.diags.Warnf(v.Pos, what+"-type", "%s %s is %s, but the schema's type is %s", what, quoteValue(v.V), jsonTypeName(v.V), s.Type)
		return
	}
	b.pending = append(b.pending, pendingValue{what: what, schema: s, value: v})
}

// pendingValue is an example or default checked once every rule is built.
type pendingValue struct {
	what   string
	schema *load.Schema
	value  load.Value
}

// checkPendingValues validates examples and defaults against their schemas;
// it runs after the build so that recursive rules are complete.
func (b *builder) checkPendingValues() {
	for _, p := range b.pending {
		violations := rt.Compile(b.schemaRules(p.schema)).Check(normalizeJSON(p.value.V))
		if len(violations) == 0 {
			continue
		}
		more := ""
		if len(violations) > 1 {
			more = fmt.Sprintf(" (and %d more)", len(violations)-1)
		}
		b.diags.Warnf(p.value.Pos, p.what+"-invalid", "%s does not match its schema: %s%s", p.what, violations[0], more)
	}
}

func matchesType(v any, typ string, nullable bool) bool {
	switch x := v.(type) {
	case nil:
		return nullable
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case int64:
		return typ == "integer" || typ == "number"
	case float64:
		return typ == "number" || typ == "integer" && x == float64(int64(x))
	case []any:
		return typ == "array"
	case map[string]any:
		return typ == "object"
	}
	return true
}

func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case []any:
		return "an array"
	}
	return "an object"
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return exampleText(v)
}

// checkRequired warns about required names that are not properties.
func (b *builder) checkRequired(o *object) {
	if o.extra != nil || o.extraAny {
		return
	}
	for _, r := range o.reqList {
		if o.index(r.Name) < 0 {
			b.diags.Warnf(r.Pos, "required-unknown", "required property %q is not declared in properties", r.Name)
		}
	}
}
