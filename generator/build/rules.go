package build

import (
	"cmp"
	"errors"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
)

// checkedFormats are the formats the generated validators check.
var checkedFormats = map[string]bool{
	"date-time": true, "date": true, "time": true, "email": true, "uuid": true, "uri": true,
	"uri-reference": true, "hostname": true, "ipv4": true, "ipv6": true, "byte": true,
}

// rules returns the validation rules of a schema to attach to its Go type;
// nil when validators are not generated.
func (b *builder) rules(s *load.Schema) *ir.Rules {
	if !b.validation {
		return nil
	}
	return b.schemaRules(s)
}

// schemaRules builds the rules of a schema, once per schema so that
// recursive schemas give a finite graph. They are built even without
// validators, to check the spec's examples and defaults.
func (b *builder) schemaRules(s *load.Schema) *ir.Rules {
	if s == nil {
		return nil
	}
	if r, ok := b.ruleMemo[s]; ok {
		return r
	}
	r := &ir.Rules{}
	b.ruleMemo[s] = r
	b.addRules(r, s)
	c := s.Constraints
	if s.Type != "" {
		r.Types = []string{s.Type}
	} else if len(s.Types) > 0 {
		r.Types = slices.Clone(s.Types)
	}
	if len(s.Types) > 1 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		defer b.typeListRules(r, s)
	}
	r.Nullable, r.ReadOnly, r.WriteOnly = s.Nullable, s.ReadOnly, s.WriteOnly
	for _, e := range s.Enum {
		r.Enum = append(r.Enum, normalizeJSON(e.V))
	}
	r.MinLength, r.MaxLength = c.MinLength, c.MaxLength
	r.Pattern = b.pattern(s)
	if checkedFormats[s.Format] && (s.Type == "string" || s.Type == "") {
		r.Format = s.Format
	}
	r.Minimum, r.ExclusiveMinimum = tighterBound(c.Minimum, c.ExclusiveMinimum && c.Minimum != nil, c.ExclusiveMinimumValue, 1)
	r.Maximum, r.ExclusiveMaximum = tighterBound(c.Maximum, c.ExclusiveMaximum && c.Maximum != nil, c.ExclusiveMaximumValue, -1)
	r.MultipleOf = c.MultipleOf
	r.MinItems, r.MaxItems, r.UniqueItems = c.MinItems, c.MaxItems, c.UniqueItems
	r.MinProperties, r.MaxProperties = c.MinProperties, c.MaxProperties
	r.Items = b.refRules(s.Items)
	r.PrefixItems, r.NoItems = b.ruleList(s.PrefixItems), s.NoItems
	for _, req := range s.Required {
		r.Required = append(r.Required, req.Name)
	}
	for _, p := range s.Properties {
		r.Properties = append(r.Properties, ir.PropertyRules{Name: p.Name, Rules: b.refRules(p.Schema)})
	}
	r.Additional = b.refRules(s.AdditionalProperties)
	r.NoAdditional = s.AdditionalAllowed != nil && !*s.AdditionalAllowed
	r.AnyAdditional = s.AdditionalAllowed != nil && *s.AdditionalAllowed && !strings.HasPrefix(b.doc.OpenAPI, "3.0")
	r.AllOf, r.AnyOf, r.OneOf = b.ruleList(s.AllOf), b.ruleList(s.AnyOf), b.ruleList(s.OneOf)
	r.Not = b.refRules(s.Not)
	r.Contains, r.PropertyNames = b.refRules(s.Contains), b.refRules(s.PropertyNames)
	r.UnevaluatedProperties, r.NoUnevaluatedProperties = b.unevaluated(s.UnevaluatedProperties)
	r.UnevaluatedItems, r.NoUnevaluatedItems = b.unevaluated(s.UnevaluatedItems)
	for _, p := range s.PatternProperties {
		if re := b.regexp(p.Name, p.Pos); re != nil {
			r.PatternProperties = append(r.PatternProperties, ir.PatternRules{Pattern: re, Rules: b.refRules(p.Schema)})
		}
	}
	if r.Contains != nil {
		r.MinContains, r.MaxContains = c.MinContains, c.MaxContains
	}
	r.If, r.Then, r.Else = b.refRules(s.If), b.refRules(s.Then), b.refRules(s.Else)
	if r.If == nil { // then and else mean nothing without if
		r.Then, r.Else = nil, nil
	}
	for _, dep := range s.DependentRequired {
		r.DependentRequired = append(r.DependentRequired, ir.Dependency{Name: dep.Name, Required: dep.Required})
	}
	for _, p := range s.DependentSchemas {
		r.DependentSchemas = append(r.DependentSchemas, ir.PropertyRules{Name: p.Name, Rules: b.refRules(p.Schema)})
	}
	if load.IsJSONMedia(s.ContentMediaType) {
		r.ContentJSON, r.ContentSchema = true, b.refRules(s.ContentSchema)
		if s.ContentEncoding == "base64" || s.ContentEncoding == "base64url" {
			r.ContentEncoding = s.ContentEncoding
		}
	}
	r.Discriminator = b.discriminatorRules(s)
	if s.False { // the schema false is not {}: no value matches it
		r.Not = &ir.Rules{}
	}
	return r
}

// unevaluated returns the rules of unevaluatedProperties or
// unevaluatedItems, or false for the schema false.
func (b *builder) unevaluated(sr *load.SchemaRef) (*ir.Rules, bool) {
	if sr != nil && sr.Value != nil && sr.Value.False {
		return nil, true
	}
	return b.refRules(sr), false
}

// refRules returns the rules at a place that uses a schema: the keys next to
// a $ref (nullable, readOnly...) refine the target's rules there.
func (b *builder) refRules(sr *load.SchemaRef) *ir.Rules {
	if sr == nil || sr.Value == nil {
		return nil
	}
	r := b.schemaRules(sr.Value)
	if r == nil || (!sr.Nullable || r.Nullable) && (!sr.ReadOnly || r.ReadOnly) && (!sr.WriteOnly || r.WriteOnly) {
		return r
	}
	refined := *r
	refined.Var, refined.Null = "", ir.NullUnknown
	b.addRules(&refined, sr.Value)
	refined.Nullable = r.Nullable || sr.Nullable
	refined.ReadOnly = r.ReadOnly || sr.ReadOnly
	refined.WriteOnly = r.WriteOnly || sr.WriteOnly
	return &refined
}

func (b *builder) ruleList(list []*load.SchemaRef) []*ir.Rules {
	var out []*ir.Rules
	for _, sr := range list {
		out = append(out, b.refRules(sr))
	}
	return out
}

func (b *builder) discriminatorRules(s *load.Schema) *ir.DiscriminatorRules {
	d := s.Discriminator
	branches := s.OneOf
	if len(branches) == 0 {
		branches = s.AnyOf
	}
	if d == nil || d.PropertyName == "" || len(branches) == 0 {
		return nil
	}
	dr := &ir.DiscriminatorRules{Property: d.PropertyName}
	seen := map[string]bool{}
	add := func(value string, sr *load.SchemaRef) {
		if !seen[value] {
			seen[value] = true
			dr.Cases = append(dr.Cases, ir.DiscriminatorCase{Value: value, Rules: b.refRules(sr)})
		}
	}
	for _, m := range d.Mapping {
		add(m.Value, m.Schema)
	}
	for _, br := range branches {
		if br.Ref != "" && !slices.ContainsFunc(d.Mapping, func(m load.Mapping) bool { return m.Schema.Value == br.Value }) {
			add(implicitDiscriminatorValue(br.Value), br)
		}
	}
	slices.SortFunc(dr.Cases, func(x, y ir.DiscriminatorCase) int { return cmp.Compare(x.Value, y.Value) })
	return dr
}

// pattern compiles a schema's pattern once per package. ECMA-262 features
// RE2 lacks (look-around, backreferences) cannot be checked: a warning says so.
func (b *builder) pattern(s *load.Schema) *ir.Pattern {
	if s.Constraints.Pattern == "" {
		return nil
	}
	return b.regexp(s.Constraints.Pattern, s.Loc.Pos)
}

// regexp returns the package's compiled regular expression for src
// (pattern, a key of patternProperties), or nil with a warning at pos when
// RE2 rejects it.
func (b *builder) regexp(src string, pos diag.Pos) *ir.Pattern {
	if p, ok := b.patterns[src]; ok {
		return p
	}
	if _, err := regexp.Compile(src); err != nil {
		b.diags.Warnf(pos, "pattern-unsupported", "pattern %q cannot be checked: Go's RE2 rejects it (%v); it is left out of the validators", src, unwrapRegexpError(err))
		b.patterns[src] = nil
		return nil
	}
	p := &ir.Pattern{Var: "pattern" + strconv.Itoa(len(b.patternList)+1), Source: src}
	b.patterns[src] = p
	b.patternList = append(b.patternList, p)
	return p
}

func unwrapRegexpError(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return string(se.Code)
	}
	return err.Error()
}

// normalizeJSON makes YAML numbers look like encoding/json's (float64).
func normalizeJSON(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalizeJSON(e)
		}
		return out
	}
	return v
}

// tighterBound merges 3.1's numeric exclusive bound into the inclusive one:
// both apply, so the one that allows less wins. sign is 1 for lower bounds
// and -1 for upper ones.
func tighterBound(inclusive *float64, exclusive bool, exclusiveValue *float64, sign float64) (*float64, bool) {
	if exclusiveValue == nil {
		return inclusive, exclusive
	}
	if inclusive == nil || sign**exclusiveValue >= sign**inclusive {
		return exclusiveValue, true
	}
	return inclusive, exclusive
}

// typeListRules makes the rules of a 3.1 type list of several types (type:
// [string, integer]) those of the union its Go type is: an anyOf of one
// branch per type, each with the keywords of its type, and the keywords
// of any value (enum, nullable...) at the top. The union's decoder picks the
// branch a value matches, as for any anyOf.
func (b *builder) typeListRules(r *ir.Rules, s *load.Schema) {
	*r = ir.Rules{
		Nullable: r.Nullable, ReadOnly: r.ReadOnly, WriteOnly: r.WriteOnly, Enum: r.Enum,
		AllOf: r.AllOf, Not: r.Not, AnyOf: b.ruleList(b.branches(s)),
	}
}
