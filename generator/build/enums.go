package build

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
	"github.com/oasgen/oasgen/templates/rt"
)

// enumBase returns the Go type an enum's constants have, or nil when the
// values cannot be Go constants (objects, arrays, mixed types).
func enumBase(s *load.Schema) *ir.Type {
	kind := s.Type
	if kind == "" {
		kind = inferEnumType(s.Enum)
	}
	switch kind {
	case "string":
		if s.Format == "" || !knownFormats[s.Format] || s.Format == "email" || s.Format == "uuid" || s.Format == "uri" {
			return &ir.Type{Kind: ir.Builtin, Go: "string"}
		}
	case "integer":
		return primitive(&load.Schema{Type: "integer", Format: s.Format})
	case "number":
		return primitive(&load.Schema{Type: "number", Format: s.Format})
	case "boolean":
		return &ir.Type{Kind: ir.Builtin, Go: "bool"}
	}
	return nil
}

// specType names the spec's type of an enum's Go type, for messages.
func specType(goType string) string {
	switch {
	case goType == "bool":
		return "boolean"
	case strings.HasPrefix(goType, "int"):
		return "integer"
	case strings.HasPrefix(goType, "float"):
		return "number"
	}
	return goType
}

func inferEnumType(vals []load.Value) string {
	kind := ""
	for _, v := range vals {
		k := ""
		switch v.V.(type) {
		case nil:
			continue
		case string:
			k = "string"
		case int64:
			k = "integer"
		case float64:
			k = "number"
		case bool:
			k = "boolean"
		default:
			return ""
		}
		if kind != "" && kind != k {
			return ""
		}
		kind = k
	}
	return kind
}

// enum declares a typed enum with one constant per value; null is left out
// (nullability is the field's business).
func (b *builder) enum(s *load.Schema, ctx string) *ir.Type {
	base := enumBase(s)
	name := b.scopeName(s, ctx)
	t := b.declareWithRules(s, &ir.Type{Kind: ir.Enum, Name: name, Elem: base, Doc: b.schemaDoc(s), Enum: &ir.EnumInfo{}})
	seen := map[string]bool{}
	for i, v := range s.Enum {
		lit, ok := enumLiteral(v.V, base.Go)
		if !ok {
			if v.V != nil {
				b.diags.Warnf(v.Pos, "enum-value", "enum value %v does not match the enum's type %s; left out", v.V, specType(base.Go))
			}
			continue
		}
		if seen[lit] {
			continue
		}
		seen[lit] = true
		suffix := naming.Exported(fmt.Sprint(v.V))
		constName := name + suffix
		if i < len(s.Ext.EnumVarNames) && s.Ext.EnumVarNames[i] != "" {
			constName = varName(name, s.Ext.EnumVarNames[i])
		} else if suffix == "" {
			constName = name + "Empty"
		}
		doc := ""
		if i < len(s.Ext.EnumDocs) {
			doc = s.Ext.EnumDocs[i]
		}
		t.Enum.Values = append(t.Enum.Values, ir.EnumValue{Name: b.scope.Unique(constName), Literal: lit, Doc: doc})
	}
	return t
}

// enumLiteral writes an enum value as a Go constant literal of type goType.
func enumLiteral(v any, goType string) (string, bool) {
	switch x := v.(type) {
	case string:
		if goType == "string" {
			return strconv.Quote(x), true
		}
	case int64:
		switch goType {
		case "float32", "float64", "int", "int32", "int64":
			return strconv.FormatInt(x, 10), true
		}
	case float64:
		switch goType {
		case "float32", "float64":
			return strconv.FormatFloat(x, 'g', -1, 64), true
		case "int", "int32", "int64":
			if x == float64(int64(x)) {
				return strconv.FormatInt(int64(x), 10), true
			}
		}
	case bool:
		if goType == "bool" {
			return strconv.FormatBool(x), true
		}
	}
	return "", false
}

// varName turns an x-enum-varnames entry into a constant name. Some specs
// write full names (CartTypeDefault), others suffixes (Default); both end up
// prefixed with the type name exactly once.
func varName(typeName, v string) string {
	v = naming.Exported(v)
	if strings.HasPrefix(v, typeName) && len(v) > len(typeName) {
		return v
	}
	return typeName + v
}

// constEnum is the enum type of a oneOf or anyOf whose branches are each one
// value of one type, documented (OpenAPI 3.1's way to describe enum members:
// oneOf: [{const: card, title: Card, description: ...}, ...]): one constant per
// branch, named by its title and documented by its description, rather than
// a union of branches that all hold a string. nil when s is not one.
func (b *builder) constEnum(s *load.Schema, name string) *ir.Type {
	if s.Discriminator != nil || len(s.Types) > 1 || len(s.Enum) > 0 || len(s.Properties) > 0 {
		return nil
	}
	c := *s
	c.OneOf, c.AnyOf, c.Ext.EnumVarNames, c.Ext.EnumDocs = nil, nil, nil, nil
	for _, br := range slices.Concat(s.OneOf, s.AnyOf) {
		v := br.Value
		switch {
		case nullOnly(v): // makes the field nullable
			continue
		case len(v.Enum) != 1 || len(v.Properties) > 0 || len(slices.Concat(v.OneOf, v.AnyOf, v.AllOf)) > 0:
			return nil
		case len(rt.Compile(b.schemaRules(v)).Check(normalizeJSON(v.Enum[0].V))) > 0:
			// The branch's other keywords refuse its own constant (a
			// pattern it does not match): the union's code judges it.
			return nil
		}
		c.Enum = append(c.Enum, v.Enum[0])
		c.Ext.EnumVarNames = append(c.Ext.EnumVarNames, v.Title)
		c.Ext.EnumDocs = append(c.Ext.EnumDocs, v.Description)
	}
	if len(c.Enum) == 0 || enumBase(&c) == nil {
		return nil
	}
	if n, ok := b.names[s]; ok {
		b.names[&c] = n
	}
	t := b.enum(&c, name)
	b.types[s] = t
	return t
}
