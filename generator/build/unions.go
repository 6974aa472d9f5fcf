package build

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// union declares a sum type for a oneOf or anyOf.
func (b *builder) union(s *load.Schema, ctx string) *ir.Type {
	name := b.scopeName(s, ctx)
	info := &ir.UnionInfo{OneOf: len(s.OneOf) > 0, KindName: b.scope.Unique(name + "Kind")}
	t := b.declareWithRules(s, &ir.Type{Kind: ir.Union, Name: name, Doc: b.schemaDoc(s), Union: info})
	branches := b.branches(s)
	vscope := naming.NewScope("Kind", "Validate") // the union's own field and method
	for i, br := range branches {
		if nullOnly(br.Value) { // the field around the union holds the null
			continue
		}
		vname := vscope.Unique(b.variantName(br, i))
		v := &ir.Variant{Name: vname, Type: b.schemaType(br, name+vname), Branch: i}
		v.KindConst = b.scope.Unique(info.KindName + vname)
		v.Constructor = b.scope.Unique("New" + name + vname)
		b.describeVariant(v, br.Value)
		info.Variants = append(info.Variants, v)
	}
	switch {
	case s.Discriminator != nil:
		info.Discriminator = b.discriminator(s, branches, info.Variants)
		b.checkDiscriminatorProperty(s, branches, info.Variants)
	case len(s.Types) <= 1:
		info.Discriminator = constDiscriminator(branches, info.Variants)
	}
	return t
}

// branches are the schemas a union's variants hold: its oneOf, else its
// anyOf, else one per type of a 3.1 type list (type: [string, integer]).
func (b *builder) branches(s *load.Schema) []*load.SchemaRef {
	switch {
	case len(s.OneOf) > 0:
		return s.OneOf
	case len(s.AnyOf) > 0:
		return s.AnyOf
	}
	if br, ok := b.typeBranches[s]; ok {
		return br
	}
	var br []*load.SchemaRef
	for _, t := range s.Types {
		// The schema with that one type: the keywords of the other types do
		// not apply to it. What documents or checks the whole value (the
		// title, default, example, enum) stays with the union's schema.
		c := *s
		c.Type, c.Types, c.Nullable = t, nil, false
		c.Title, c.Description, c.Default, c.Example, c.Enum = "", "", nil, nil, nil
		c.Ext.SchemaName = ""
		br = append(br, &load.SchemaRef{Value: &c})
	}
	if b.typeBranches == nil {
		b.typeBranches = map[*load.Schema][]*load.SchemaRef{}
	}
	b.typeBranches[s] = br
	return br
}

// nullOnly reports whether a schema accepts null and nothing else: {type:
// 'null'}, enum: [null]. As a oneOf or anyOf branch it makes the value
// around the union nullable (see nullable) rather than a variant.
func nullOnly(s *load.Schema) bool {
	if s.Type == "null" {
		return true
	}
	return len(s.Enum) > 0 && !slices.ContainsFunc(s.Enum, func(v load.Value) bool { return v.V != nil })
}

// soleNonNull returns the one branch of a oneOf or anyOf that is not
// null-only, when there is exactly one and no discriminator: anyOf: [X,
// {type: 'null'}], OpenAPI 3.1's "a nullable X", is X in a Nullable.
func soleNonNull(s *load.Schema) *load.SchemaRef {
	if s.Discriminator != nil || len(s.Types) > 1 {
		return nil
	}
	var sole *load.SchemaRef
	for _, br := range slices.Concat(s.OneOf, s.AnyOf) {
		switch {
		case nullOnly(br.Value):
		case sole != nil:
			return nil
		default:
			sole = br
		}
	}
	return sole
}

// variantName names a branch after the type it holds.
func (b *builder) variantName(br *load.SchemaRef, i int) string {
	s := br.Value
	if n, ok := b.names[s]; ok {
		return n
	}
	if n := naming.Exported(s.Ext.SchemaName); n != "" {
		return n
	}
	if s.Title != "" {
		if n := naming.Exported(s.Title); n != "" {
			return n
		}
	}
	switch {
	case s.Type == "array":
		return "Array"
	case s.Type == "object" || len(s.Properties) > 0:
		return "Object"
	case s.Type != "":
		return naming.Exported(s.Type)
	}
	return "Variant" + strconv.Itoa(i+1)
}

// describeVariant records what JSON a variant accepts, so the generated
// decoder can choose a branch without a discriminator.
func (b *builder) describeVariant(v *ir.Variant, s *load.Schema) {
	v.JSONKinds = b.jsonKinds(s)
	o := newObject()
	collectObject(s, o, map[*load.Schema]bool{})
	for _, p := range o.props {
		v.Known = append(v.Known, p.Name)
	}
	for _, r := range o.reqList {
		if !slices.Contains(v.Required, r.Name) {
			v.Required = append(v.Required, r.Name)
		}
	}
}

func collectObject(s *load.Schema, o *object, seen map[*load.Schema]bool) {
	if seen[s] {
		return
	}
	seen[s] = true
	for _, m := range s.AllOf {
		collectObject(m.Value, o, seen)
	}
	o.add(s)
}

// discriminator maps discriminator values to variants: explicit mapping
// first, then each referenced branch's component name.
func (b *builder) discriminator(s *load.Schema, branches []*load.SchemaRef, vars []*ir.Variant) *ir.Discriminator {
	d := &ir.Discriminator{Property: s.Discriminator.PropertyName}
	used := map[string]bool{}
	variantOf := func(target *load.Schema) *ir.Variant {
		for i, br := range branches {
			if br.Value == target {
				return vars[i]
			}
		}
		return nil
	}
	for _, m := range s.Discriminator.Mapping {
		v := variantOf(m.Schema.Value)
		if v == nil {
			b.diags.Warnf(s.Discriminator.Pos, "discriminator-mapping", "discriminator mapping %q names a schema that is not one of the branches", m.Value)
			continue
		}
		d.Values = append(d.Values, ir.DiscriminatorValue{Value: m.Value, Variant: v})
		used[m.Value] = true
	}
	for i, br := range branches {
		if br.Ref == "" || slices.ContainsFunc(d.Values, func(dv ir.DiscriminatorValue) bool { return dv.Variant == vars[i] }) {
			continue
		}
		value := implicitDiscriminatorValue(br.Value)
		if !used[value] {
			d.Values = append(d.Values, ir.DiscriminatorValue{Value: value, Variant: vars[i]})
			used[value] = true
		}
	}
	return tagVariants(d)
}

// tagVariants gives each variant its discriminator values, in the order
// d lists them (the spec's), and sorts d's values.
func tagVariants(d *ir.Discriminator) *ir.Discriminator {
	for _, dv := range d.Values {
		dv.Variant.Tags = append(dv.Variant.Tags, dv.Value)
	}
	slices.SortFunc(d.Values, func(x, y ir.DiscriminatorValue) int { return cmp.Compare(x.Value, y.Value) })
	return d
}

// constDiscriminator returns the discriminator a oneOf or anyOf without one
// implies, or nil: when every variant is an object that requires one
// property and fixes it to a string of its own (const: message, or the
// enum: [message] of OpenAPI 3.0), that property tells the variants apart
// as a discriminator would, and no value can match two of them. The first
// such property of the first variant is the one.
func constDiscriminator(branches []*load.SchemaRef, vars []*ir.Variant) *ir.Discriminator {
	if len(vars) < 2 {
		return nil
	}
	props := make([]*object, len(vars))
	for i, v := range vars {
		if !slices.Equal(v.JSONKinds, []string{"object"}) {
			return nil
		}
		props[i] = newObject()
		collectObject(branches[v.Branch].Value, props[i], map[*load.Schema]bool{})
	}
candidates:
	for _, p := range props[0].props {
		d := &ir.Discriminator{Property: p.Name}
		seen := map[string]bool{}
		for i, v := range vars {
			value, ok := constString(props[i], p.Name)
			if !ok || seen[value] || !slices.Contains(v.Required, p.Name) {
				continue candidates
			}
			seen[value] = true
			d.Values = append(d.Values, ir.DiscriminatorValue{Value: value, Variant: v})
		}
		return tagVariants(d)
	}
	return nil
}

// constString returns the one string a property of o allows: its const,
// or the single value of its enum.
func constString(o *object, name string) (string, bool) {
	i := o.index(name)
	if i < 0 || o.props[i].Schema == nil || o.props[i].Schema.Value == nil || o.props[i].Schema.Nullable {
		return "", false
	}
	s := o.props[i].Schema.Value
	if len(s.Enum) != 1 || s.Nullable {
		return "", false
	}
	value, ok := s.Enum[0].V.(string)
	return value, ok
}

// implicitDiscriminatorValue is the schema's component name: the last
// pointer token, or the file name without extension.
func implicitDiscriminatorValue(s *load.Schema) string {
	if toks := pointerTokens(s.Loc.Pointer); len(toks) > 0 {
		return toks[len(toks)-1]
	}
	base := filepath.Base(s.Loc.File)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// checkDiscriminatorProperty warns when a variant does not declare the
// discriminator property: such a value cannot say which variant it is.
func (b *builder) checkDiscriminatorProperty(s *load.Schema, branches []*load.SchemaRef, vars []*ir.Variant) {
	prop := s.Discriminator.PropertyName
	for i, v := range vars {
		if !slices.Contains(v.Known, prop) {
			b.diags.Warnf(s.Discriminator.Pos, "discriminator-property", "discriminator property %q is not a property of %s", prop, branchName(s, branches[i], i))
		}
	}
}

// branchName names the i-th branch of a oneOf or anyOf as the spec has
// it, for messages: its $ref, or its place (the Go name of its variant is
// made up, such as Variant4).
func branchName(s *load.Schema, br *load.SchemaRef, i int) string {
	keyword := "anyOf"
	if len(s.OneOf) > 0 {
		keyword = "oneOf"
	}
	if br.Ref != "" {
		return fmt.Sprintf("%s entry %d ($ref %q)", keyword, i+1, br.Ref)
	}
	return fmt.Sprintf("%s entry %d (#%s)", keyword, i+1, br.Value.Loc.Pointer)
}
