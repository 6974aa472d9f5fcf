package build

import (
	"slices"
	"strconv"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// schemaType returns the Go type for the schema sr points at. ctx is the name
// an inline schema gets if it needs a declaration (CartItemsItem).
func (b *builder) schemaType(sr *load.SchemaRef, ctx string) *ir.Type {
	if sr == nil || sr.Value == nil {
		return anyType
	}
	s := sr.Value
	if t, ok := b.types[s]; ok {
		return t
	}
	if sh, ok := b.shaping[s]; ok { // an array or map that contains itself
		sh.recursive = true
		return sh.decl
	}
	b.check(s)
	name, named := b.names[s]
	switch {
	case named:
	case s.Ext.SchemaName != "": // Medusa v2 names its inline schemas
		name = naming.Exported(s.Ext.SchemaName)
	default:
		name = ctx
	}
	switch {
	case s.Ext.GoType != "" && b.goTypeOf(s) != "":
		return b.goType(s, named, name)
	case len(s.Enum) > 0 && enumBase(s) != nil:
		return b.enum(s, name)
	case len(s.OneOf)+len(s.AnyOf) > 0 && b.constEnum(s, name) != nil:
		return b.types[s]
	case soleNonNull(s) != nil && len(s.OneOf)+len(s.AnyOf) > 1:
		return b.memberType(s, soleNonNull(s), named, name)
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0 || len(s.Types) > 1:
		return b.union(s, name)
	case soleMember(s) && (s.RefBeside || ownConstraints(s)) && b.scalarBeside(s, s.AllOf[0], named, name) != nil:
		return b.types[s]
	case len(s.AllOf) > 0 && !(s.RefBeside && soleMember(s)) && s.Type != "object" && !objectAllOf(s, map[*load.Schema]bool{}):
		// No member says the value is an object ({allOf: [{minimum:
		// 1}, {maximum: 9}]}, {allOf: [$ref: Money, {minimum: 0}]}):
		// the builtin the typed members agree on, else the shape of s
		// itself (any when it has no type); the rules check every
		// member either way.
		if m := typedMember(s); m != nil && s.Type == "" && b.scalarBeside(s, m, named, name) != nil {
			return b.types[s]
		}
	case len(s.AllOf) > 0 && !(s.RefBeside && soleMember(s)):
		// A $ref beside keywords of its own ({$ref: X, maxLength: 2})
		// does not take X's Go type, which would check X's rules only:
		// its shape is its own, its rules are X's and its own.
		return b.allOf(s, named, name)
	case isStruct(s):
		return b.structType(s, name)
	}
	// The declaration exists before the element type is built, so that an
	// array or map may contain itself (type Tree []Tree): a named one, or an
	// unnamed one reached again through a $ref into it, which is then
	// declared too.
	sh := &shaping{decl: &ir.Type{Kind: ir.Defined}}
	b.shaping[s] = sh
	t := b.shape(s, name)
	delete(b.shaping, s)
	if t == anyType { // the shared any must not carry this schema's rules
		c := *anyType
		t = &c
	}
	t.Rules = b.rules(s)
	if !named && !sh.recursive && inlineNesting(t) <= maxInlineNesting {
		return t
	}
	d := sh.decl
	d.Name, d.Elem, d.Doc = b.scopeName(s, name), t, b.schemaDoc(s)
	return b.declareWithRules(s, d)
}

// shaping is an array or map schema whose element type is being built.
type shaping struct {
	decl      *ir.Type // its declaration, filled in once the element is built
	recursive bool     // the element contains the array or map itself
}

// declareWithRules declares a type and names its rules table after it.
func (b *builder) declareWithRules(s *load.Schema, t *ir.Type) *ir.Type {
	t.Rules = b.rules(s)
	if t.Rules != nil {
		t.Rules.Var = "schema" + t.Name
	}
	return b.declare(s, t)
}

// scopeName returns the schema's reserved name, or reserves ctx for it.
func (b *builder) scopeName(s *load.Schema, ctx string) string {
	if n, ok := b.names[s]; ok {
		return n
	}
	return b.scope.Unique(nonEmpty(shortName(ctx)))
}

// shape maps a schema that needs no declaration of its own to a type expression.
func (b *builder) shape(s *load.Schema, ctx string) *ir.Type {
	if len(s.PrefixItems) > 0 && (s.Type == "array" || s.Type == "") {
		return &ir.Type{Kind: ir.Slice, Elem: b.tupleElem(s, ctx+"Item")}
	}
	switch s.Type {
	case "array":
		return &ir.Type{Kind: ir.Slice, Elem: b.elemType(s.Items, ctx+"Item")}
	case "object", "":
		if len(s.Properties) == 0 && s.Type == "object" || s.AdditionalProperties != nil {
			if len(s.PatternProperties) > 0 {
				// additionalProperties does not apply to properties a
				// pattern matches: the values are any, the table checks them.
				return &ir.Type{Kind: ir.Map, Elem: anyType}
			}
			return &ir.Type{Kind: ir.Map, Elem: b.elemType(s.AdditionalProperties, ctx+"Value")}
		}
		if s.Items != nil { // "items" without "type: array" still means an array
			return &ir.Type{Kind: ir.Slice, Elem: b.elemType(s.Items, ctx+"Item")}
		}
		return &ir.Type{Kind: ir.Builtin, Go: "any"}
	}
	return primitive(s)
}

// elemType is the Go type of an array's items or a map's values: a
// Nullable when they may be null (items: {type: string, nullable: true} is
// []Nullable[string]), so that a null survives decoding and encoding.
func (b *builder) elemType(sr *load.SchemaRef, ctx string) *ir.Type {
	t := b.schemaType(sr, ctx)
	if sr == nil || !b.nullable(sr) || t.Kind == ir.Builtin && t.Go == "any" {
		return t
	}
	return &ir.Type{Kind: ir.Nullable, Elem: t}
}

// tupleElem is the element type of an array whose items are a list (a
// tuple): the one Go type every position (and items after them) has, or
// any when they differ. The rules check each position either way.
func (b *builder) tupleElem(s *load.Schema, ctx string) *ir.Type {
	if s.OpenTuple && s.Items == nil && !s.NoItems {
		return anyType // the items after the positions may be anything
	}
	var elem *ir.Type
	for i, sr := range append(slices.Clone(s.PrefixItems), s.Items) {
		if sr == nil {
			continue
		}
		t := b.elemType(sr, ctx+strconv.Itoa(i))
		switch {
		case elem == nil:
			elem = t
		case !sameType(elem, t):
			return anyType
		}
	}
	return elem
}

// sameType reports whether two type expressions are one Go type (print
// the same): the same declaration, the same builtin, or the same shape over
// them.
func sameType(x, y *ir.Type) bool {
	switch {
	case x == y:
		return true
	case x == nil || y == nil:
		return false
	case x.Name != "" || y.Name != "":
		return x.Name == y.Name
	case x.Kind != y.Kind:
		return false
	case x.Kind == ir.Builtin:
		return x.Go == y.Go && x.Import == y.Import
	}
	return sameType(x.Elem, y.Elem) // map keys are always strings
}

// nullable reports whether the spec says in so many words that a value of
// sr may be null: nullable on the schema or beside its $ref, null in its
// enum, or a oneOf or anyOf with a nullable branch (the union's Go type
// cannot hold null, so the value around it does). A schema without a type
// accepts null too in JSON Schema, but a Go value for every such schema
// would be a Nullable nobody asked for.
func (b *builder) nullable(sr *load.SchemaRef) bool {
	return b.nullableSchema(sr, map[*load.Schema]bool{})
}

func (b *builder) nullableSchema(sr *load.SchemaRef, seen map[*load.Schema]bool) bool {
	s := sr.Value
	if sr.Nullable || s.Nullable || s.Type == "null" || slices.ContainsFunc(s.Enum, func(v load.Value) bool { return v.V == nil }) {
		return true
	}
	if seen[s] || s.Type != "" && s.Type != "object" {
		return false
	}
	seen[s] = true
	for _, br := range slices.Concat(s.OneOf, s.AnyOf) {
		if b.nullableSchema(br, seen) {
			return true
		}
	}
	return false
}

// goType honours x-go-type (and x-go-type-import): the user names the type.
func (b *builder) goType(s *load.Schema, named bool, name string) *ir.Type {
	imp := ir.Import{Path: s.Ext.GoTypeImport.Path, Name: s.Ext.GoTypeImport.Name}
	// The rules apply as far as the Go type allows: x-go-type: string keeps
	// its format and pattern checks; other types check nothing.
	t := &ir.Type{Kind: ir.Builtin, Go: b.goTypeOf(s), Import: imp, Rules: b.rules(s)}
	if !named {
		return t
	}
	return b.declare(s, &ir.Type{Kind: ir.Alias, Name: name, Elem: t, Doc: b.schemaDoc(s)})
}

// objectAllOf reports whether s or a member of its allOf, at any depth,
// says that the value is an object (a type, properties or another object
// keyword), or holds what an allOf has always been read with as a member
// (a oneOf, anyOf or enum), so that the allOf keeps its struct.
func objectAllOf(s *load.Schema, seen map[*load.Schema]bool) bool {
	if seen[s] {
		return false
	}
	seen[s] = true
	if s.Type == "object" || len(s.Properties) > 0 || len(s.Required) > 0 ||
		s.AdditionalProperties != nil || s.AdditionalAllowed != nil || len(s.PatternProperties) > 0 ||
		s.PropertyNames != nil || s.UnevaluatedProperties != nil || s.Discriminator != nil ||
		len(s.DependentRequired)+len(s.DependentSchemas) > 0 ||
		s.Constraints.MinProperties != nil || s.Constraints.MaxProperties != nil ||
		len(s.OneOf)+len(s.AnyOf)+len(s.Enum) > 0 || len(s.Types) > 0 {
		return true
	}
	return slices.ContainsFunc(s.AllOf, func(m *load.SchemaRef) bool {
		return m.Value != nil && objectAllOf(m.Value, seen)
	})
}

// ownConstraints reports whether s checks values beyond what its allOf
// members check: a keyword of its own besides the allOf, the type they
// share and the annotations. It reads the schema, not its rules, so that
// asking builds nothing.
func ownConstraints(s *load.Schema) bool {
	return s.Constraints != (load.Constraints{}) || len(s.Enum) > 0 || checkedFormats[s.Format] ||
		len(s.OneOf)+len(s.AnyOf) > 0 || s.Not != nil || s.If != nil || s.False
}

// typedMember returns the member of s's allOf that gives the value its
// type when every typed member gives the same one (allOf: [$ref: Money,
// {minimum: 0}]), or nil when none does or they disagree.
func typedMember(s *load.Schema) *load.SchemaRef {
	var typed *load.SchemaRef
	for _, m := range s.AllOf {
		switch {
		case m.Value == nil || m.Value.Type == "":
		case typed == nil:
			typed = m
		case typed.Value.Type != m.Value.Type:
			return nil
		}
	}
	return typed
}

// isStruct reports whether a schema becomes a Go struct.
func isStruct(s *load.Schema) bool {
	return len(s.Properties) > 0 && (s.Type == "" || s.Type == "object")
}

var anyType = &ir.Type{Kind: ir.Builtin, Go: "any"}

// fieldName returns a struct field's Go name for a property.
func (b *builder) fieldName(prop string, goName string) string {
	if goName != "" {
		return naming.Exported(goName)
	}
	if name, ok := b.fieldNames[prop]; ok {
		return name
	}
	name := naming.Exported(prop)
	b.fieldNames[prop] = name
	return name
}

// scalarBeside types an allOf member that is a string, number or boolean
// beside keywords of s or other members ({$ref: Code, maxLength: 3} in
// 3.1, allOf: [$ref: Code], maxLength: 3 in 3.0) as that builtin, with the
// rules of s (the member's as an allOf part), rather than as the member's
// own type, which would check the member's rules only; nil when the
// member is not such a scalar.
func (b *builder) scalarBeside(s *load.Schema, member *load.SchemaRef, named bool, name string) *ir.Type {
	base := scalarBase(b.schemaType(member, name))
	if base == "" {
		return nil
	}
	t := &ir.Type{Kind: ir.Builtin, Go: base, Rules: b.rules(s)}
	if named || inlineNesting(t) > maxInlineNesting {
		t = b.declareWithRules(s, &ir.Type{Kind: ir.Defined, Name: b.scopeName(s, name), Elem: t, Doc: b.schemaDoc(s)})
	}
	b.types[s] = t
	return t
}

// scalarBase is the builtin a string, number or boolean type is made of
// (Code for type Code string), "" for other types.
func scalarBase(t *ir.Type) string {
	for t != nil && (t.Kind == ir.Alias || t.Kind == ir.Defined || t.Kind == ir.Enum) {
		t = t.Elem
	}
	if t == nil || t.Kind != ir.Builtin {
		return ""
	}
	switch t.Go {
	case "string", "bool", "int", "int32", "int64", "float32", "float64":
		return t.Go
	}
	return ""
}
