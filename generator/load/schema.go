package load

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// appendPointer extends a JSON pointer by one token, escaping ~ and /.
func appendPointer(ptr string, tok string) string {
	tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
	return ptr + "/" + tok
}

// MaxSchemaDepth is how deeply schemas may nest in place: a schema inside
// properties, items, allOf... of another is one level deeper. A spec that
// nests deeper is refused (rule schema-depth): every level is a Go type
// inside the one above, and thousands of levels made the generated code
// and the time and memory it takes explode.
const MaxSchemaDepth = 256

// MaxRefNesting bounds the nesting counted through $refs too (the target
// of a $ref the first time it is read is one level deeper than the ref),
// which only the stack of the recursive loader and builder feels. It is
// far above MaxSchemaDepth because the targets of $refs are types of their
// own, and because how deep a large spec's web of $refs is first walked
// depends on the order of its components.
const MaxRefNesting = 8192

// nesting is how deep a schema is, in place and through $refs.
type nesting struct{ inPlace, withRefs int }

// in returns the nesting of a schema one level below.
func (n nesting) in() nesting { return nesting{n.inPlace + 1, n.withRefs + 1} }

// schemaRef decodes the schema or {$ref} at n, found at pointer in its file.
func (l *loader) schemaRef(at node, pointer string) (*SchemaRef, error) {
	return l.nestedSchemaRef(at, pointer, nesting{1, 1})
}

// nestedSchemaRef is schemaRef for a schema as deep as depth says.
func (l *loader) nestedSchemaRef(at node, pointer string, depth nesting) (*SchemaRef, error) {
	final, ptr, hops, err := l.r.follow(at, pointer)
	if err != nil {
		if l.soft(err) {
			return l.placeholder(at, pointer), nil
		}
		return nil, err
	}
	sr := &SchemaRef{Pos: nodePos(at.f.path, at.n)}
	if len(hops) > 0 {
		sr.Ref, sr.Pos, _ = refOf(at.f, at.n)
		applySiblings(sr, hops)
		depth.inPlace = 1 // the target nests in its own place
	}
	if !isMap(final.n) && !isBoolSchema(final.n) {
		err := posError(nodePos(final.f.path, final.n), "structure", "a schema must be an object, not %s", describe(final.n))
		if l.soft(err) {
			return &SchemaRef{Pos: sr.Pos, Value: &Schema{Loc: Loc{File: final.f.path, Pointer: ptr, Pos: nodePos(final.f.path, final.n)}}}, nil
		}
		return nil, err
	}
	sr.Value, err = l.schema(final, ptr, depth)
	if err == nil {
		l.recordRefFrom(sr.Value, hops)
	}
	return sr, err
}

// recordRefFrom adds to s the hops that may name it (see Schema.RefFrom),
// each once.
func (l *loader) recordRefFrom(s *Schema, hops []refHop) {
	for i, h := range hops {
		if l.refFrom[h.n] || strings.Count(h.ptr, "/") > 3 {
			continue
		}
		l.refFrom[h.n] = true
		s.RefFrom = append(s.RefFrom, RefFrom{Loc: Loc{File: h.f.path, Pointer: h.ptr, Pos: nodePos(h.f.path, h.n)}, Hops: len(hops) - i})
	}
}

// refAnnotations are the keys beside a $ref that only annotate or hold
// other schemas; any other makes the $ref one keyword among several.
var refAnnotations = map[string]bool{
	"$ref": true, "description": true, "title": true, "nullable": true, "readOnly": true, "writeOnly": true,
	"deprecated": true, "$comment": true, "example": true, "examples": true, "default": true, "$schema": true,
	"$id": true, "$defs": true, "definitions": true, "$anchor": true, "$dynamicAnchor": true, "externalDocs": true,
	"summary": true,
}

// refWithKeywords reports whether n is a $ref with validation keywords
// beside it.
func refWithKeywords(n *yaml.Node) bool {
	if v, _ := get(n, "$ref"); v == nil || v.Kind != yaml.ScalarNode {
		return false
	}
	found := false
	pairs(n, func(k, _ *yaml.Node) {
		found = found || !refAnnotations[k.Value] && !strings.HasPrefix(k.Value, "x-")
	})
	return found
}

func isBoolSchema(n *yaml.Node) bool { return n != nil && n.Tag == "!!bool" }

// applySiblings copies the keys written next to $ref, outermost hop first,
// because Medusa's authors rely on them (nullable, description).
func applySiblings(sr *SchemaRef, hops []refHop) {
	for i := len(hops) - 1; i >= 0; i-- {
		n := hops[i].n
		if v, _ := get(n, "description"); v != nil {
			sr.Description = v.Value
		}
		if v, _ := get(n, "title"); v != nil {
			sr.Title = v.Value
		}
		sr.Nullable = sr.Nullable || boolVal(first(get(n, "nullable")))
		sr.ReadOnly = sr.ReadOnly || boolVal(first(get(n, "readOnly")))
		sr.WriteOnly = sr.WriteOnly || boolVal(first(get(n, "writeOnly")))
		sr.Deprecated = sr.Deprecated || boolVal(first(get(n, "deprecated")))
	}
}

func first(v, _ *yaml.Node) *yaml.Node { return v }

// schema decodes the schema object at n, once per node: every ref to the
// same location gets the same *Schema, which is what makes recursion work.
func (l *loader) schema(at node, pointer string, depth nesting) (*Schema, error) {
	if s, ok := l.schemas[at.n]; ok {
		return s, nil
	}
	s := &Schema{Loc: Loc{File: at.f.path, Pointer: pointer, Pos: nodePos(at.f.path, at.n)}, Node: at.n}
	l.schemas[at.n] = s
	if isBoolSchema(at.n) {
		s.False = !boolVal(at.n)
		return s, nil
	}
	var err error
	switch {
	case depth.inPlace > MaxSchemaDepth:
		err = posError(s.Loc.Pos, "schema-depth", "schemas nest more than %d levels deep here (properties, items, allOf...); the spec is refused", MaxSchemaDepth)
	case depth.withRefs > MaxRefNesting:
		err = posError(s.Loc.Pos, "schema-depth", "schemas nest more than %d levels deep here, counting $refs; the spec is refused", MaxRefNesting)
	}
	if err != nil {
		if l.soft(err) {
			return s, nil // an empty schema: what is below is not read
		}
		return nil, err
	}
	d := schemaDecoder{l: l, at: at, ptr: pointer, s: s, depth: depth}
	l.checkShape(at.f, at.n, schemaShape)
	l.checkDialect(at.f, first(get(at.n, "$schema")))
	return s, d.decode()
}

type schemaDecoder struct {
	l     *loader
	at    node
	ptr   string
	s     *Schema
	depth nesting // of s: 1 for a schema that no other holds
	// typeNull is set when a type list names "null".
	typeNull bool
	constant *Value // const, applied with enum at the end
	// contentSchemaPos is where contentSchema is written (3.1).
	contentSchemaPos diag.Pos
}

func (d *schemaDecoder) pos(k *yaml.Node) diag.Pos { return nodePos(d.at.f.path, k) }

func (d *schemaDecoder) sub(n *yaml.Node, tokens ...string) (*SchemaRef, error) {
	ptr := d.ptr
	for _, t := range tokens {
		ptr = appendPointer(ptr, t)
	}
	return d.l.nestedSchemaRef(node{f: d.at.f, n: n}, ptr, d.depth.in())
}

func (d *schemaDecoder) decode() error {
	var err error
	pairs(d.at.n, func(k, v *yaml.Node) {
		if err == nil {
			err = d.key(k, v)
		}
	})
	if c := d.constant; c != nil { // with an enum, both apply: the const, if the enum lists it
		if len(d.s.Enum) > 0 && !slices.ContainsFunc(d.s.Enum, func(e Value) bool { return reflect.DeepEqual(e.V, c.V) }) {
			d.l.diags.Warnf(c.Pos, "enum-value", "const %v is not among the enum's values, so no value is valid; only the const is checked", c.V)
		}
		d.s.Enum = []Value{*c}
	}
	if d.s.ContentSchema != nil && !IsJSONMedia(d.s.ContentMediaType) {
		media := "no contentMediaType"
		if d.s.ContentMediaType != "" {
			media = fmt.Sprintf("contentMediaType %q", d.s.ContentMediaType)
		}
		d.l.diags.Warnf(d.contentSchemaPos, "unenforced-keyword", "contentSchema is checked for JSON content only, and this schema has %s; values are accepted as if it were absent", media)
	}
	// In JSON Schema both apply: a type list's "null" admits null, and an
	// enum or const without null takes it back. (OpenAPI 3.0's nullable
	// is read as tools read it, adding null to the enum too.)
	if d.typeNull && len(d.s.Enum) > 0 && !slices.ContainsFunc(d.s.Enum, func(e Value) bool { return e.V == nil }) {
		d.s.Nullable = false
	}
	return err
}

func (d *schemaDecoder) key(k, v *yaml.Node) error {
	s := d.s
	switch k.Value {
	case "type":
		d.decodeType(k, v)
	case "format":
		s.Format, s.FormatPos = str(v), d.pos(k)
	case "contentEncoding":
		// 3.1 writes base64 data as contentEncoding: base64 where 3.0 wrote
		// format: byte; both are []byte. Other encodings stay strings.
		s.ContentEncoding = str(v)
		if str(v) == "base64" {
			if s.Format == "" {
				s.Format, s.FormatPos = "byte", d.pos(k)
			}
		} else {
			d.l.diags.Warnf(d.pos(k), "unenforced-keyword", "contentEncoding %q is not decoded by the generated code; the value is a string", str(v))
		}
	case "title":
		s.Title = str(v)
	case "description":
		s.Description = str(v)
	case "nullable":
		s.Nullable = boolVal(v)
	case "readOnly":
		s.ReadOnly = boolVal(v)
	case "writeOnly":
		s.WriteOnly = boolVal(v)
	case "deprecated":
		s.Deprecated = boolVal(v)
	case "enum":
		if v.Kind == yaml.SequenceNode && len(v.Content) == 0 && d.l.minor >= 1 {
			s.False = true // 2020-12: no value is one of none
		}
		for _, e := range items(v) {
			s.Enum = append(s.Enum, Value{V: value(e), Pos: d.pos(e)})
		}
	case "examples":
		if v.Kind == yaml.SequenceNode { // 3.1's list; 3.0 has no schema examples
			for _, e := range items(v) {
				s.Examples = append(s.Examples, Value{V: value(e), Pos: d.pos(e)})
			}
		}
	case "const": // a one-value enum, which the enum code handles (see decode)
		d.constant = &Value{V: value(v), Pos: d.pos(v)}
	case "default":
		s.Default = &Value{V: value(v), Pos: d.pos(k)}
	case "example":
		s.Example = &Value{V: value(v), Pos: d.pos(k)}
	case "required":
		for _, r := range items(v) {
			s.Required = append(s.Required, Required{Name: str(r), Pos: d.pos(r)})
		}
	case "properties":
		return d.schemaMap(&s.Properties, v, "properties")
	case "items":
		switch {
		case v.Kind == yaml.SequenceNode: // draft 4's tuple form (see checkField)
			return d.list(&s.PrefixItems, v, "items")
		case isBoolSchema(v) && !boolVal(v):
			s.NoItems = true
			return nil
		}
		return d.set(&s.Items, v, "items")
	case "prefixItems":
		s.OpenTuple = true
		return d.list(&s.PrefixItems, v, "prefixItems")
	case "contains":
		return d.set(&s.Contains, v, "contains")
	case "propertyNames":
		return d.set(&s.PropertyNames, v, "propertyNames")
	case "unevaluatedProperties":
		return d.set(&s.UnevaluatedProperties, v, "unevaluatedProperties")
	case "unevaluatedItems":
		return d.set(&s.UnevaluatedItems, v, "unevaluatedItems")
	case "patternProperties":
		return d.schemaMap(&s.PatternProperties, v, "patternProperties")
	case "if":
		return d.set(&s.If, v, "if")
	case "then":
		return d.set(&s.Then, v, "then")
	case "else":
		return d.set(&s.Else, v, "else")
	case "dependentRequired":
		pairs(v, func(k, list *yaml.Node) {
			dep := Dependency{Name: k.Value}
			for _, r := range items(list) {
				dep.Required = append(dep.Required, str(r))
			}
			s.DependentRequired = append(s.DependentRequired, dep)
		})
	case "dependentSchemas":
		return d.schemaMap(&s.DependentSchemas, v, "dependentSchemas")
	case "additionalProperties":
		if v.Kind == yaml.ScalarNode {
			b := boolVal(v)
			s.AdditionalAllowed = &b
			return nil
		}
		return d.set(&s.AdditionalProperties, v, "additionalProperties")
	case "not":
		return d.set(&s.Not, v, "not")
	case "allOf":
		return d.list(&s.AllOf, v, "allOf")
	case "oneOf":
		return d.list(&s.OneOf, v, "oneOf")
	case "anyOf":
		return d.list(&s.AnyOf, v, "anyOf")
	case "discriminator":
		return d.discriminator(k, v)
	case "contentMediaType", "contentSchema":
		if d.l.minor >= 1 { // 3.0 has no such keywords
			return d.content(k, v)
		}
		d.defaultKey(k, v)
	case "$ref": // beside other keywords (refWithKeywords)
		return d.ref(k, v)
	case "$dynamicRef":
		if d.dynamicRef(k, v) {
			return d.ref(k, v)
		}
	case "externalDocs":
		s.ExternalDocs = &ExternalDocs{URL: str(first(get(v, "url"))), Description: str(first(get(v, "description")))}
	default:
		d.defaultKey(k, v)
	}
	return nil
}

// defaultKey reads a key no case of key names: a constraint, an
// extension, or a keyword the generated code does not check, with a
// warning.
func (d *schemaDecoder) defaultKey(k, v *yaml.Node) {
	if unenforced[k.Value] {
		d.l.diags.Warnf(d.pos(k), "unenforced-keyword", "%q is not checked by the generated validators yet; values are accepted as if it were absent", k.Value)
	}
	d.constraint(k.Value, v)
	d.extension(k, v)
}

// unenforced are the JSON Schema 2020-12 keywords OpenAPI allows that the
// generated code does not check: each gets a warning where it is written,
// rather than being dropped without a word. (In 3.1 contentSchema is
// checked when its contentMediaType is JSON; see content.)
var unenforced = map[string]bool{
	"contentSchema": true,
}

// content reads contentMediaType and contentSchema (3.1). The generated
// validators check that a string whose media type is JSON holds JSON, and
// that the JSON matches contentSchema; a contentSchema of another media
// type, or of none, is not checked, with a warning.
func (d *schemaDecoder) content(k, v *yaml.Node) error {
	if k.Value == "contentMediaType" {
		d.s.ContentMediaType = str(v)
		return nil
	}
	d.contentSchemaPos = d.pos(k)
	return d.set(&d.s.ContentSchema, v, "contentSchema")
}

// IsJSONMedia reports whether a media type is JSON: application/json or a
// +json type, whatever its parameters and case.
func IsJSONMedia(media string) bool {
	media, _, _ = strings.Cut(media, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// dynamicRef reports whether a $dynamicRef is checked as a $ref (to where
// it points in its own file), and warns when that may not be what it
// means: when the file declares its $dynamicAnchor more than once, the
// dynamic scope of JSON Schema 2020-12 may pick another of them, which
// oasgen does not follow. One that names nothing in the file is left out,
// with a warning.
func (d *schemaDecoder) dynamicRef(k, v *yaml.Node) bool {
	if _, ok := d.l.r.localRef(v.Value, d.at.f, d.at.n); !ok && v.Value != "#" && !strings.HasPrefix(v.Value, "#/") {
		d.l.diags.Warnf(d.pos(k), "unenforced-keyword", "$dynamicRef %q names no schema of this file; it is not checked", v.Value)
		return false
	}
	_, name, _ := strings.Cut(v.Value, "#")
	if n := d.l.r.resourcesOf(d.at.f).dynamic[name]; n > 1 {
		d.l.diags.Warnf(d.pos(k), "unenforced-keyword", "$dynamicRef %q is checked as a $ref to the anchor it names here; %d schemas of this file declare $dynamicAnchor %q, and the one the dynamic scope picks is not followed", v.Value, n, name)
	}
	return true
}

// ref adds the target of a $ref written beside other keywords to allOf:
// in JSON Schema 2020-12 it applies with them.
func (d *schemaDecoder) ref(k, v *yaml.Node) error {
	target, ptr, err := d.l.r.hop(v.Value, d.at, d.pos(k))
	if err == nil {
		var sr *SchemaRef
		if sr, err = d.l.nestedSchemaRef(target, ptr, d.depth.in()); err == nil {
			sr.Ref = v.Value
			d.s.AllOf, d.s.RefBeside = append(d.s.AllOf, sr), true
			return nil
		}
	}
	if d.l.soft(err) {
		d.s.AllOf = append(d.s.AllOf, d.l.placeholder(d.at, d.ptr))
		return nil
	}
	return err
}

func (d *schemaDecoder) decodeType(k, v *yaml.Node) {
	d.s.TypePos = d.pos(k)
	if v.Kind == yaml.ScalarNode {
		d.s.Type = v.Value
		return
	}
	// OpenAPI 3.1 style type lists: ["string", "null"], [string, integer].
	var types []string
	for _, t := range items(v) {
		if t.Value == "null" {
			d.s.Nullable, d.typeNull = true, true
		} else if !slices.Contains(types, t.Value) {
			types = append(types, t.Value)
		}
	}
	switch len(types) {
	case 0:
		d.s.Type = "null" // type: ["null"]
	case 1:
		d.s.Type = types[0]
	default:
		d.s.Types = types
	}
}

func (d *schemaDecoder) set(dst **SchemaRef, v *yaml.Node, tok string) error {
	sr, err := d.sub(v, tok)
	*dst = sr
	return err
}

func (d *schemaDecoder) list(dst *[]*SchemaRef, v *yaml.Node, tok string) error {
	for i, item := range items(v) {
		sr, err := d.sub(item, tok, strconv.Itoa(i))
		if err != nil {
			return err
		}
		*dst = append(*dst, sr)
	}
	return nil
}

// schemaMap reads a mapping of names to schemas (properties,
// dependentSchemas) into dst.
func (d *schemaDecoder) schemaMap(dst *[]*Property, v *yaml.Node, tok string) error {
	var err error
	pairs(v, func(k, pv *yaml.Node) {
		if err != nil {
			return
		}
		var sr *SchemaRef
		if sr, err = d.sub(pv, tok, k.Value); err == nil {
			*dst = append(*dst, &Property{Name: k.Value, Pos: d.pos(k), Schema: sr})
		}
	})
	return err
}

func (d *schemaDecoder) discriminator(k, v *yaml.Node) error {
	disc := &Discriminator{PropertyName: str(first(get(v, "propertyName"))), Pos: d.pos(k)}
	d.s.Discriminator = disc
	mapping, _ := get(v, "mapping")
	var err error
	pairs(mapping, func(mk, mv *yaml.Node) {
		if err != nil {
			return
		}
		var sr *SchemaRef
		sr, err = d.mappingTarget(mv)
		disc.Mapping = append(disc.Mapping, Mapping{Value: mk.Value, Schema: sr})
	})
	return err
}

// mappingTarget resolves a discriminator mapping value: a ref, or a bare
// component name meaning #/components/schemas/<name> of the root file.
func (d *schemaDecoder) mappingTarget(mv *yaml.Node) (*SchemaRef, error) {
	ref := str(mv)
	if !strings.ContainsAny(ref, "#/.") {
		ref = d.l.rootRef + "#/components/schemas/" + ref
	}
	ref = strings.TrimSpace(ref)
	target, ptr, err := d.l.r.lookup(ref, d.at.f, d.pos(mv))
	if err != nil {
		if d.l.soft(err) {
			return d.l.placeholder(d.at, d.ptr), nil
		}
		return nil, err
	}
	return d.l.nestedSchemaRef(target, ptr, d.depth.in())
}

func (d *schemaDecoder) constraint(key string, v *yaml.Node) {
	c := &d.s.Constraints
	switch key {
	case "minimum":
		c.Minimum = floatPtr(v)
	case "maximum":
		c.Maximum = floatPtr(v)
	case "multipleOf":
		c.MultipleOf = floatPtr(v)
	case "exclusiveMinimum":
		if isNumber(v) {
			c.ExclusiveMinimumValue = floatPtr(v)
		} else {
			c.ExclusiveMinimum = boolVal(v)
		}
	case "exclusiveMaximum":
		if isNumber(v) {
			c.ExclusiveMaximumValue = floatPtr(v)
		} else {
			c.ExclusiveMaximum = boolVal(v)
		}
	case "minLength":
		c.MinLength = intPtr(v)
	case "maxLength":
		c.MaxLength = intPtr(v)
	case "pattern":
		c.Pattern = str(v)
	case "minItems":
		c.MinItems = intPtr(v)
	case "maxItems":
		c.MaxItems = intPtr(v)
	case "uniqueItems":
		c.UniqueItems = boolVal(v)
	case "minProperties":
		c.MinProperties = intPtr(v)
	case "maxProperties":
		c.MaxProperties = intPtr(v)
	case "minContains":
		c.MinContains = intPtr(v)
	case "maxContains":
		c.MaxContains = intPtr(v)
	}
}

func (d *schemaDecoder) extension(k, v *yaml.Node) {
	e := &d.s.Ext
	switch k.Value {
	case "x-go-type":
		e.GoType, e.GoTypePos = str(v), d.pos(v)
	case "x-go-type-import":
		e.GoTypeImport = GoImport{Path: str(first(get(v, "path"))), Name: str(first(get(v, "name"))), Pos: d.pos(v)}
	case "x-go-name":
		e.GoName = str(v)
	case "x-omitempty":
		b := boolVal(v)
		e.OmitEmpty = &b
	case "x-enum-varnames", "x-enumNames":
		for _, n := range items(v) {
			e.EnumVarNames = append(e.EnumVarNames, str(n))
		}
	case "x-enum-descriptions", "x-enumDescriptions":
		for _, n := range items(v) {
			e.EnumDocs = append(e.EnumDocs, str(n))
		}
	case "x-schemaName":
		e.SchemaName = str(v)
	}
}

func floatPtr(n *yaml.Node) *float64 {
	f, err := strconv.ParseFloat(str(n), 64)
	if err != nil {
		return nil
	}
	return &f
}

// intPtr reads an integer, written as one or as a number with no
// fraction (2.0), as JSON Schema allows; nil when n is neither.
func intPtr(n *yaml.Node) *int64 {
	i, err := strconv.ParseInt(str(n), 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(str(n), 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
			return nil
		}
		i = int64(f)
	}
	return &i
}

// placeholder stands for a schema whose $ref could not be resolved, in
// lenient mode: an empty schema at the place of the ref.
func (l *loader) placeholder(at node, pointer string) *SchemaRef {
	ref, pos, _ := refOf(at.f, at.n)
	return &SchemaRef{Ref: ref, Pos: pos, Value: &Schema{Loc: Loc{File: at.f.path, Pointer: pointer, Pos: pos}}}
}

// isNumber reports whether v is a YAML number: 3.1's exclusiveMinimum: 0
// rather than 3.0's exclusiveMinimum: true.
func isNumber(v *yaml.Node) bool {
	v = resolveAlias(v)
	return v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float")
}
