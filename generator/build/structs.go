package build

import (
	"encoding/json"
	"github.com/oasgen/oasgen/generator/diag"
	"slices"
	"strings"
	"unicode"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// object is a struct-to-be: the properties of a schema, or of every member
// of an allOf merged in order.
type object struct {
	props    []*load.Property
	required map[string]bool
	reqList  []load.Required
	extra    *load.SchemaRef // additionalProperties schema
	extraAny bool            // additionalProperties: true
	patterns bool            // patternProperties or unevaluatedProperties: other properties are kept as any
}

func (o *object) add(s *load.Schema) {
	for _, p := range s.Properties {
		if i := o.index(p.Name); i >= 0 {
			o.props[i] = p // a later member refines an earlier one
			continue
		}
		o.props = append(o.props, p)
	}
	for _, r := range s.Required {
		o.required[r.Name] = true
		o.reqList = append(o.reqList, r)
	}
	if s.AdditionalProperties != nil {
		o.extra = s.AdditionalProperties
	}
	if s.AdditionalAllowed != nil && *s.AdditionalAllowed {
		o.extraAny = true
	}
	o.patterns = o.patterns || len(s.PatternProperties) > 0 || s.UnevaluatedProperties != nil
}

func (o *object) index(name string) int {
	for i, p := range o.props {
		if p.Name == name {
			return i
		}
	}
	return -1
}

func newObject() *object { return &object{required: map[string]bool{}} }

// structType declares a struct for a schema with properties.
func (b *builder) structType(s *load.Schema, ctx string) *ir.Type {
	o := newObject()
	o.add(s)
	return b.buildStruct(s, ctx, o)
}

// allOf flattens an allOf into one struct when every member is an object;
// an allOf of a single non-object member is that member's type.
func (b *builder) allOf(s *load.Schema, named bool, ctx string) *ir.Type {
	if !b.enterAllOf(s) { // A: allOf [B], B: allOf [A] says nothing
		return anyType
	}
	defer b.leaveAllOf(s)
	o := newObject()
	if soleMember(s) || !b.mergeAllOf(s, o, map[*load.Schema]bool{}) {
		if soleMember(s) || len(s.AllOf) == 1 && len(s.Properties) == 0 {
			return b.memberType(s, s.AllOf[0], named, ctx)
		}
		b.diags.Warnf(s.Loc.Pos, "allof-merge", "allOf members that are not objects cannot be merged into a struct; they are left out of the Go type")
	}
	if len(o.props) == 0 && o.extra == nil {
		if len(s.AllOf) == 1 {
			return b.schemaType(s.AllOf[0], ctx)
		}
		return b.declareFreeForm(s, named, ctx)
	}
	return b.buildStruct(s, ctx, o)
}

// memberType is the Go type of a schema that is one member and words
// around it (allOf: [X] with a description, anyOf: [X, {type: 'null'}]):
// the member's type, which a named schema aliases (methods and all) or,
// when the member has no name (a string, a slice), declares a type over so
// that it can have a validate method.
func (b *builder) memberType(s *load.Schema, member *load.SchemaRef, named bool, ctx string) *ir.Type {
	inner := b.schemaType(member, ctx)
	if !named || inner.Kind == ir.Builtin && inner.Go == "any" {
		return inner
	}
	kind := ir.Alias
	if inner.Name == "" {
		kind = ir.Defined
	}
	return b.declareWithRules(s, &ir.Type{Kind: kind, Name: b.scopeName(s, ctx), Elem: inner, Doc: b.schemaDoc(s)})
}

// soleMember reports whether s is one allOf member and nothing that shapes a
// value: the OpenAPI 3.0 way to put nullable, readOnly or a description
// beside a $ref (allOf: [$ref: X], nullable: true). Its Go type is the
// member's own (a field wraps it in Nullable when s is nullable), never a
// copy of the member's struct. Constraints beside the member stay checks.
func soleMember(s *load.Schema) bool {
	if len(s.AllOf) != 1 || len(s.Properties) > 0 || len(s.Required) > 0 ||
		s.Items != nil || s.AdditionalProperties != nil || s.AdditionalAllowed != nil {
		return false
	}
	m := s.AllOf[0].Value
	return m != nil && (s.Type == "" || s.Type == m.Type)
}

func (b *builder) declareFreeForm(s *load.Schema, named bool, ctx string) *ir.Type {
	t := &ir.Type{Kind: ir.Map, Elem: anyType}
	if !named {
		return t
	}
	return b.declareWithRules(s, &ir.Type{Kind: ir.Defined, Name: b.scopeName(s, ctx), Elem: t, Doc: b.schemaDoc(s)})
}

// mergeAllOf adds the properties of s and its allOf members to o. It returns
// false when a member is not an object.
func (b *builder) mergeAllOf(s *load.Schema, o *object, seen map[*load.Schema]bool) bool {
	if seen[s] {
		return true
	}
	seen[s] = true
	ok := true
	for _, m := range s.AllOf {
		ms := m.Value
		switch {
		case len(ms.AllOf) > 0:
			ok = b.mergeAllOf(ms, o, seen) && ok
		case len(ms.OneOf) > 0 || len(ms.AnyOf) > 0 || len(ms.Enum) > 0:
			ok = false
		case ms.Type == "" || ms.Type == "object":
			o.add(ms)
		default:
			ok = false
		}
	}
	o.add(s)
	return ok
}

// buildStruct declares the struct and fills in its fields.
func (b *builder) buildStruct(s *load.Schema, ctx string, o *object) *ir.Type {
	name := b.scopeName(s, ctx)
	t := b.declareWithRules(s, &ir.Type{Kind: ir.Struct, Name: name, Doc: b.schemaDoc(s)})
	b.flattenRules(t.Rules, o)
	b.checkRequired(o)
	if o.patterns {
		// A property matching a key of patternProperties need not fit
		// additionalProperties, and unevaluatedProperties looks at every
		// property: every undeclared property is kept as any, and the
		// rules table (ObjectRules) checks them.
		o.extra, o.extraAny = nil, true
	}
	fields := naming.NewScope("MarshalJSON", "UnmarshalJSON", "Validate")
	if o.extra != nil || o.extraAny {
		fields.Reserve("AdditionalProperties")
		t.Extra = b.elemType(o.extra, name+"AdditionalProperties")
	}
	for _, p := range o.props {
		if f := b.field(name, p, o.required[p.Name], fields); f != nil {
			t.Fields = append(t.Fields, f)
		}
	}
	return t
}

// field builds the struct field for one property.
func (b *builder) field(owner string, p *load.Property, required bool, scope *naming.Scope) *ir.Field {
	if !validJSONTag(p.Name) {
		b.diags.Warnf(p.Pos, "property-name", "property name %q cannot be written as a Go json tag; the property is left out of the generated struct", p.Name)
		return nil
	}
	goName := b.fieldName(p.Name, p.Schema.Value.Ext.GoName)
	if goName == "" {
		goName = "Field"
	}
	name := scope.Unique(goName)
	if name != goName {
		b.diags.Add(p.Pos, diag.Info, "name-collision", "property %q becomes the Go field %s of %s: %s is taken", p.Name, name, owner, goName)
	}
	base := b.schemaType(p.Schema, owner+name)
	nullable := b.nullable(p.Schema)
	f := &ir.Field{
		Name:     name,
		JSONName: p.Name,
		Rules:    b.refRules(p.Schema),
		Required: required,
		Nullable: nullable,
		Type:     wrap(base, required, nullable),
		Doc:      b.fieldDoc(p.Schema),
	}
	f.OmitZero = !required
	if om := p.Schema.Value.Ext.OmitEmpty; om != nil {
		f.OmitZero = *om
	}
	if !f.OmitZero && f.Type.Kind == ir.Opt {
		f.DefaultJSON = defaultJSON(p.Schema.Value)
	}
	return f
}

// defaultJSON returns the JSON of s's default when it has one of its type.
func defaultJSON(s *load.Schema) string {
	if s.Default == nil || s.Type != "" && !matchesType(s.Default.V, s.Type, s.Nullable) {
		return ""
	}
	data, err := json.Marshal(s.Default.V)
	if err != nil {
		return ""
	}
	return string(data)
}

// wrap applies the presence rules: a required non-nullable property is a
// plain value; the rest keep absent, null and a value apart.
func wrap(base *ir.Type, required, nullable bool) *ir.Type {
	if base.Kind == ir.Builtin && base.Go == "any" { // any already holds null
		nullable = false
	}
	switch {
	case required && !nullable:
		return base
	case required:
		return &ir.Type{Kind: ir.Nullable, Elem: base}
	case !nullable:
		return &ir.Type{Kind: ir.Opt, Elem: base}
	}
	return &ir.Type{Kind: ir.OptNullable, Elem: base}
}

// validJSONTag reports whether encoding/json can use name in a struct tag.
func validJSONTag(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// flattenRules gives a struct's rules the properties and required names of
// its merged allOf members, so the checks made while decoding see them all.
func (b *builder) flattenRules(r *ir.Rules, o *object) {
	if r == nil || len(r.AllOf) == 0 {
		return
	}
	r.Properties, r.Required = nil, nil
	for _, p := range o.props {
		r.Properties = append(r.Properties, ir.PropertyRules{Name: p.Name, Rules: b.refRules(p.Schema)})
	}
	for _, req := range o.reqList {
		if !slices.Contains(r.Required, req.Name) {
			r.Required = append(r.Required, req.Name)
		}
	}
	if o.extra != nil {
		r.Additional = b.refRules(o.extra)
	}
}
