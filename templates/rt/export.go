package rt

import (
	"regexp"

	"github.com/oasgen/oasgen/generator/ir"
)

// This file is not copied into generated packages: it lets the generator
// use the runtime at generation time, to check a spec's examples and defaults.

// Validator checks decoded JSON values against one rules table.
type Validator struct{ s *jsonSchema }

// Check returns the violations of value (decoded JSON: map[string]any,
// []any, float64, string, bool, nil).
func (c Validator) Check(value any) []Violation {
	var v validator
	c.s.validateAny(&v, value)
	if err := v.err(); err != nil {
		return err.(*ValidationError).Violations
	}
	return nil
}

// SequenceFraming says how a body of a sequential media type is split into
// items: sse, lines, or "" for other media types.
func SequenceFraming(media string) string { return sequenceFraming(media) }

// Compile turns IR rules into a Validator; recursive rules are fine.
func Compile(r *ir.Rules) Validator {
	return Validator{s: compile(r, map[*ir.Rules]*jsonSchema{})}
}

func compile(r *ir.Rules, memo map[*ir.Rules]*jsonSchema) *jsonSchema {
	if r == nil {
		return nil
	}
	if s, ok := memo[r]; ok {
		return s
	}
	s := &jsonSchema{maxLength: -1, maxItems: -1, maxProps: -1}
	memo[r] = s
	for _, t := range r.Types {
		s.types |= uint8(typeBit(t))
	}
	s.nullable, s.readOnly, s.writeOnly, s.enum = r.Nullable, r.ReadOnly, r.WriteOnly, r.Enum
	s.minLength, s.maxLength = intOr(r.MinLength, 0), intOr(r.MaxLength, -1)
	if r.Pattern != nil {
		s.pattern = regexp.MustCompile(r.Pattern.Source) // the builder compiled it already
	}
	s.format, s.minimum, s.maximum = r.Format, r.Minimum, r.Maximum
	s.exclMinimum, s.exclMaximum = r.ExclusiveMinimum, r.ExclusiveMaximum
	if r.MultipleOf != nil {
		s.multipleOf = *r.MultipleOf
	}
	s.minItems, s.maxItems, s.uniqueItems = intOr(r.MinItems, 0), intOr(r.MaxItems, -1), r.UniqueItems
	s.items = compile(r.Items, memo)
	s.prefixItems, s.noItems = compileList(r.PrefixItems, memo), r.NoItems
	if r.Contains != nil {
		s.contains, s.minContains, s.maxContains = compile(r.Contains, memo), intOr(r.MinContains, 1), intOr(r.MaxContains, -1)
	}
	s.propertyNames = compile(r.PropertyNames, memo)
	if r.UnevaluatedProperties != nil || r.NoUnevaluatedProperties || r.UnevaluatedItems != nil || r.NoUnevaluatedItems {
		s.unevaluated = &unevaluated{
			props: compile(r.UnevaluatedProperties, memo), noProps: r.NoUnevaluatedProperties,
			items: compile(r.UnevaluatedItems, memo), noItems: r.NoUnevaluatedItems,
		}
	}
	for _, p := range r.PatternProperties {
		s.patternProps = append(s.patternProps, patternProperty{pattern: regexp.MustCompile(p.Pattern.Source), schema: compile(p.Rules, memo)})
	}
	s.ifSchema, s.thenSchema, s.elseSchema = compile(r.If, memo), compile(r.Then, memo), compile(r.Else, memo)
	for _, d := range r.DependentRequired {
		s.dependentRequired = append(s.dependentRequired, dependency{name: d.Name, required: d.Required})
	}
	for _, p := range r.DependentSchemas {
		s.dependentSchemas = append(s.dependentSchemas, property{name: p.Name, schema: compile(p.Rules, memo)})
	}
	s.contentJSON, s.contentEncoding, s.contentSchema = r.ContentJSON, r.ContentEncoding, compile(r.ContentSchema, memo)
	s.minProps, s.maxProps, s.required = intOr(r.MinProperties, 0), intOr(r.MaxProperties, -1), r.Required
	for _, p := range r.Properties {
		s.props = append(s.props, property{name: p.Name, schema: compile(p.Rules, memo)})
	}
	s.additional, s.noAdditional, s.anyAdditional = compile(r.Additional, memo), r.NoAdditional, r.AnyAdditional
	s.allOf, s.anyOf, s.oneOf = compileList(r.AllOf, memo), compileList(r.AnyOf, memo), compileList(r.OneOf, memo)
	s.not = compile(r.Not, memo)
	if d := r.Discriminator; d != nil {
		s.discProperty = d.Property
		for _, c := range d.Cases {
			s.discCases = append(s.discCases, discCase{value: c.Value, schema: compile(c.Rules, memo)})
		}
	}
	return s
}

func compileList(list []*ir.Rules, memo map[*ir.Rules]*jsonSchema) []*jsonSchema {
	var out []*jsonSchema
	for _, r := range list {
		out = append(out, compile(r, memo))
	}
	return out
}

func typeBit(t string) jsonType {
	for bit, name := range typeNames {
		if name == t {
			return bit
		}
	}
	return 0
}

func intOr(v *int64, def int) int {
	if v == nil {
		return def
	}
	return int(*v)
}
