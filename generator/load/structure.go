package load

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// kind is what a field of an OpenAPI object must hold.
type kind uint8

const (
	anyKind kind = iota
	stringKind
	boolKind
	numberKind
	intKind
	mapKind
	seqKind
	schemaKind // a schema: a mapField, or a boolField in 3.1
	typeKind   // a type name, or a listField of them in 3.1
	boundKind  // exclusiveMinimum/Maximum: a boolField in 3.0, a numField in 3.1
)

func (k kind) String() string {
	return [...]string{"any value", "a string", "a boolean", "a number", "an integer", "a mapping", "a list",
		"a schema object", "a type name", "a boolean"}[k]
}

// field describes one field of an OpenAPI object.
type field struct {
	kind     kind
	required bool
	oneOf    []string // allowed values of a string field
	// later are the values of oneOf a later OpenAPI version added, with
	// the minor version that did (in: querystring is 3.2's).
	later map[string]int
}

// shape describes an OpenAPI object: its fields; other keys must start with x-.
type shape struct {
	name     string
	fields   map[string]field
	names    []string // of the fields, sorted, for "did you mean"
	required []string // names of the required fields, sorted
}

func newShape(name string, fields map[string]field) *shape {
	s := &shape{name: name, fields: fields}
	for name, fl := range fields {
		s.names = append(s.names, name)
		if fl.required {
			s.required = append(s.required, name)
		}
	}
	slices.Sort(s.names)
	slices.Sort(s.required)
	return s
}

var (
	strField    = field{kind: stringKind}
	reqStrField = field{kind: stringKind, required: true}
	boolField   = field{kind: boolKind}
	numField    = field{kind: numberKind}
	intField    = field{kind: intKind}
	mapField    = field{kind: mapKind}
	reqMapField = field{kind: mapKind, required: true}
	listField   = field{kind: seqKind}
	anyField    = field{kind: anyKind}
	schemaField = field{kind: schemaKind}
)

var (
	documentShape = newShape("OpenAPI document", map[string]field{
		"openapi": reqStrField, "info": {kind: mapKind, required: true}, "servers": listField, "paths": mapField,
		"components": mapField, "security": listField, "tags": listField, "externalDocs": mapField,
		"webhooks": mapField, "jsonSchemaDialect": strField, "$self": strField,
	})
	infoShape = newShape("info", map[string]field{
		"title": reqStrField, "version": reqStrField, "description": strField, "termsOfService": strField,
		"contact": mapField, "license": mapField, "summary": strField,
	})
	licenseShape = newShape("license", map[string]field{
		"name": reqStrField, "identifier": strField, "url": strField,
	})
	pathItemShape = newShape("path item", map[string]field{
		"$ref": strField, "summary": strField, "description": strField, "servers": listField, "parameters": listField,
		"get": mapField, "put": mapField, "post": mapField, "delete": mapField, "options": mapField,
		"head": mapField, "patch": mapField, "trace": mapField, "query": mapField, "additionalOperations": mapField,
	})
	operationShape = newShape("operation", map[string]field{
		"tags": listField, "summary": strField, "description": strField, "externalDocs": mapField, "operationId": strField,
		"parameters": listField, "requestBody": mapField, "responses": reqMapField, "callbacks": mapField,
		"deprecated": boolField, "security": listField, "servers": listField,
	})
	parameterShape = newShape("parameter", map[string]field{
		"name": reqStrField,
		"in": {kind: stringKind, required: true, oneOf: []string{"path", "query", "querystring", "header", "cookie"},
			later: map[string]int{"querystring": 2}},
		"description": strField, "required": boolField, "deprecated": boolField, "allowEmptyValue": boolField,
		"style": {kind: stringKind, oneOf: []string{"matrix", "label", "form", "simple", "spaceDelimited", "pipeDelimited", "deepObject", "cookie"},
			later: map[string]int{"cookie": 2}},
		"explode": boolField, "allowReserved": boolField, "schema": schemaField, "example": anyField,
		"examples": mapField, "content": mapField,
	})
	requestBodyShape = newShape("request body", map[string]field{
		"description": strField, "content": reqMapField, "required": boolField,
	})
	responseShape = newShape("response", map[string]field{
		"description": reqStrField, "headers": mapField, "content": mapField, "links": mapField, "summary": strField,
	})
	headerShape = newShape("header", map[string]field{
		"description": strField, "required": boolField, "deprecated": boolField, "allowEmptyValue": boolField,
		"style": strField, "explode": boolField, "allowReserved": boolField, "schema": schemaField,
		"example": anyField, "examples": mapField, "content": mapField,
	})
	mediaTypeShape = newShape("media type", map[string]field{
		"schema": schemaField, "example": anyField, "examples": mapField, "encoding": mapField,
		"itemSchema": schemaField, "itemEncoding": mapField, "prefixEncoding": listField,
	})
	tagShape = newShape("tag", map[string]field{
		"name": reqStrField, "description": strField, "externalDocs": mapField,
		"summary": strField, "parent": strField, "kind": strField,
	})
	encodingShape = newShape("encoding", map[string]field{
		"contentType": strField, "headers": mapField,
		"style":   {kind: stringKind, oneOf: []string{"form", "spaceDelimited", "pipeDelimited", "deepObject"}},
		"explode": boolField, "allowReserved": boolField,
	})
	schemaShape = newShape("schema", map[string]field{
		"type":   {kind: typeKind, oneOf: []string{"string", "number", "integer", "boolean", "array", "object", "null"}},
		"format": strField, "title": strField, "description": strField, "multipleOf": numField, "maximum": numField,
		"exclusiveMaximum": {kind: boundKind}, "minimum": numField, "exclusiveMinimum": {kind: boundKind},
		"maxLength": intField, "minLength": intField, "pattern": strField, "maxItems": intField, "minItems": intField,
		"uniqueItems": boolField, "maxProperties": intField, "minProperties": intField, "required": listField,
		"enum": listField, "allOf": listField, "oneOf": listField, "anyOf": listField, "not": schemaField, "items": schemaField,
		"properties": mapField, "additionalProperties": schemaField, "default": anyField, "nullable": boolField,
		"discriminator": mapField, "readOnly": boolField, "writeOnly": boolField, "xml": mapField,
		"externalDocs": mapField, "example": anyField, "deprecated": boolField,
		// JSON Schema 2020-12 keywords that OpenAPI 3.1 allows.
		"$schema": strField, "$id": strField, "$ref": strField, "$anchor": strField, "$dynamicAnchor": strField, "$dynamicRef": strField, "$defs": mapField, "$comment": strField, "const": anyField, "examples": listField,
		"prefixItems": listField, "contains": schemaField, "patternProperties": mapField, "propertyNames": schemaField,
		"dependentRequired": mapField, "dependentSchemas": mapField, "if": schemaField, "then": schemaField,
		"else": schemaField, "unevaluatedProperties": schemaField, "unevaluatedItems": schemaField,
		"contentMediaType": strField, "contentEncoding": strField, "contentSchema": schemaField,
	})
)

// checkShape reports missing required fields, values of the wrong kind and
// unknown fields of the object n. Positions name the offending key.
func (l *loader) checkShape(f *file, n *yaml.Node, s *shape) {
	if n == nil || n.Kind != yaml.MappingNode {
		if n != nil && !(s == schemaShape && n.Tag == "!!bool") {
			l.diags.Errorf(nodePos(f.path, n), "structure", "%s must be a mapping, not %s", article(s.name), describe(n))
		}
		return
	}
	pairs(n, func(k, v *yaml.Node) {
		fl, known := s.fields[k.Value]
		switch {
		case known:
			l.checkField(f, k, v, fl)
			if since := addedIn[s][k.Value]; since > l.minor {
				l.laterVersion(f, k, fmt.Sprintf("the field %q", k.Value), since)
			}
		case strings.HasPrefix(k.Value, "x-"):
		case s == pathItemShape && k.Value == "$ref":
		default:
			l.diags.Warnf(nodePos(f.path, k), "unknown-field", "unknown field %q in %s%s", k.Value, article(s.name), diag.DidYouMean(k.Value, s.names))
		}
	})
	for _, name := range s.required {
		if l.minor >= 1 && slices.Contains(optionalSince31[s], name) || l.minor >= 2 && slices.Contains(optionalSince32[s], name) {
			continue
		}
		if v, _ := get(n, name); v == nil {
			l.diags.Add(nodePos(f.path, n), l.missingSeverity(s, name), "structure", "%s must have the field %q", article(s.name), name)
		}
	}
}

// workedAround are the required fields whose absence generation works
// around, as both peers do: no info (or title) names nothing generated, a
// response's description is documentation, an operation without
// responses declares none, and tags are documentation.
var workedAround = map[*shape][]string{
	documentShape:  {"info"},
	infoShape:      {"title"},
	licenseShape:   {"name"},
	responseShape:  {"description"},
	operationShape: {"responses"},
	tagShape:       {"name"}, // tags name nothing generated
}

// optionalSince31 are the fields OpenAPI 3.0 requires and 3.1 does not: a
// document may hold only webhooks or components, an operation may declare
// no responses.
var optionalSince31 = map[*shape][]string{
	documentShape:  {"paths"},
	operationShape: {"responses"},
}

// optionalSince32 are the fields 3.1 requires and 3.2 does not.
var optionalSince32 = map[*shape][]string{
	responseShape: {"description"},
}

// addedIn gives the fields a later OpenAPI version added, with the minor
// version that did: a document of an earlier one that has them is read as
// the later one reads them, with a version-field diagnostic.
var addedIn = map[*shape]map[string]int{
	documentShape:       {"webhooks": 1, "jsonSchemaDialect": 1, "$self": 2},
	infoShape:           {"summary": 1},
	licenseShape:        {"identifier": 1},
	pathItemShape:       {"query": 2, "additionalOperations": 2},
	mediaTypeShape:      {"itemSchema": 2, "itemEncoding": 2, "prefixEncoding": 2},
	responseShape:       {"summary": 2},
	tagShape:            {"summary": 2, "parent": 2, "kind": 2},
	securitySchemeShape: {"oauth2MetadataUrl": 2, "deprecated": 2},
	oauthFlowsShape:     {"deviceAuthorization": 2},
	oauthFlowShape:      {"deviceAuthorizationUrl": 2},
}

// laterVersion reports what (a field, a value) at k that OpenAPI 3.since
// added, in a document of an earlier version.
func (l *loader) laterVersion(f *file, k *yaml.Node, what string, since int) {
	l.diags.Add(nodePos(f.path, k), l.workedAround(), "version-field", "%s is OpenAPI 3.%d's, and this document is 3.%d%s", what, since, l.minor, l.how("it is read as 3."+itoa(since)+" reads it"))
}

// missingSeverity is how serious a missing required field is: an error for
// oasgen validate (the spec is invalid), a warning for generate when
// generation works around it.
func (l *loader) missingSeverity(s *shape, name string) diag.Severity {
	if slices.Contains(workedAround[s], name) {
		return l.workedAround()
	}
	return diag.Error
}

// workedAround is the severity of a spec error that generation works
// around: an error for oasgen validate, a warning for generate (which
// --strict still refuses).
func (l *loader) workedAround() diag.Severity {
	if l.r.opts.Lenient {
		return diag.Error
	}
	return diag.Warning
}

// how says what generate does about a spec error it works around; oasgen
// validate, which generates nothing, says nothing of it.
func (l *loader) how(what string) string {
	if l.r.opts.Lenient {
		return ""
	}
	return "; " + what
}

func (l *loader) checkField(f *file, k, v *yaml.Node, fl field) {
	if fl.kind == schemaKind && k.Value == "items" && resolveAlias(v).Kind == yaml.SequenceNode {
		l.diags.Add(nodePos(f.path, k), l.workedAround(), "items-list", "\"items\" is a list (JSON Schema draft 4's tuple form), which OpenAPI does not allow%s", l.how("each item is checked against the schema of its position"))
		return
	}
	if !matchesKind(v, fl.kind) {
		l.diags.Errorf(nodePos(f.path, k), "structure", "%q must be %s, not %s", k.Value, fl.kind, describe(v))
		return
	}
	if len(fl.oneOf) == 0 {
		return
	}
	values := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		values = items(v)
	}
	for _, x := range values {
		if !slices.Contains(fl.oneOf, x.Value) {
			allowed := slices.DeleteFunc(slices.Clone(fl.oneOf), func(v string) bool { return fl.later[v] > l.minor })
			l.diags.Errorf(nodePos(f.path, x), "structure", "%q must be one of %s, not %q", k.Value, strings.Join(allowed, ", "), x.Value)
		} else if since := fl.later[x.Value]; since > l.minor {
			l.laterVersion(f, x, fmt.Sprintf("%s: %s", k.Value, x.Value), since)
		}
	}
}

func matchesKind(v *yaml.Node, k kind) bool {
	v = resolveAlias(v)
	switch k {
	case stringKind:
		return v.Kind == yaml.ScalarNode && v.Tag == "!!str"
	case boolKind:
		return v.Kind == yaml.ScalarNode && v.Tag == "!!bool"
	case numberKind:
		return v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float")
	case intKind: // JSON Schema counts 2.0 as an integer
		return v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float" && intPtr(v) != nil)
	case mapKind:
		return v.Kind == yaml.MappingNode
	case seqKind:
		return v.Kind == yaml.SequenceNode
	case schemaKind:
		return v.Kind == yaml.MappingNode || v.Tag == "!!bool"
	case typeKind:
		return v.Kind == yaml.SequenceNode || v.Kind == yaml.ScalarNode && v.Tag == "!!str"
	case boundKind:
		return v.Kind == yaml.ScalarNode && (v.Tag == "!!bool" || v.Tag == "!!int" || v.Tag == "!!float")
	}
	return true
}

// describe names what a node holds, for messages.
func describe(n *yaml.Node) string {
	n = resolveAlias(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Tag == "!!null":
		return "null"
	case n.Tag == "!!bool":
		return "a boolean"
	case n.Tag == "!!int" || n.Tag == "!!float":
		return "a number"
	}
	return fmt.Sprintf("the string %q", n.Value)
}

var templateParam = regexp.MustCompile(`\{([^}]*)\}`)

// checkPathParams reports path template parameters an operation does not
// declare, and declared path parameters the template does not have; for
// generate, the latter are left out of the operation.
func (l *loader) checkPathParams(op *Operation) {
	var inTemplate []string
	for _, m := range templateParam.FindAllStringSubmatch(op.Path, -1) {
		name := m[1]
		if base, explode := strings.CutSuffix(name, "*"); explode {
			// RFC 6570's explode marker, which OpenAPI paths do not have;
			// explode belongs on the parameter.
			l.diags.Add(op.Loc.Pos, l.workedAround(), "path-params", "%s %s: {%s} has an explode marker, which path templates do not allow%s", op.Method, op.Path, name, l.how("read as {"+base+"}"))
			if !l.r.opts.Lenient {
				op.Path = strings.Replace(op.Path, "{"+name+"}", "{"+base+"}", 1)
			}
			name = base
		}
		inTemplate = append(inTemplate, name)
	}
	declared := map[string]bool{}
	var absent []*Parameter
	for _, p := range op.Parameters {
		if p.In != "path" {
			continue
		}
		declared[p.Name] = true
		if !slices.Contains(inTemplate, p.Name) {
			l.diags.Add(p.Loc.Pos, l.workedAround(), "path-params", "path parameter %q is not in the path %s%s", p.Name, op.Path, l.how("it is left out"))
			absent = append(absent, p)
		}
		if !p.Required {
			l.diags.Errorf(p.Loc.Pos, "structure", "path parameter %q must have required: true", p.Name)
		}
	}
	if len(absent) > 0 && !l.r.opts.Lenient {
		// A new slice: operations of one path item may share the backing
		// array of its parameters.
		kept := make([]*Parameter, 0, len(op.Parameters))
		for _, p := range op.Parameters {
			if !slices.Contains(absent, p) {
				kept = append(kept, p)
			}
		}
		op.Parameters = kept
	}
	for _, name := range inTemplate {
		if !declared[name] {
			l.diags.Errorf(op.Loc.Pos, "path-params", "%s %s does not declare the path parameter %q", op.Method, op.Path, name)
		}
	}
}

// checkOperationIDs reports operationIds used twice.
func (l *loader) checkOperationIDs(doc *Document) {
	first := map[string]*Operation{}
	for _, op := range doc.Operations() {
		if op.OperationID == "" {
			continue
		}
		if prev, ok := first[op.OperationID]; ok {
			l.diags.Add(op.OperationIDPos, l.workedAround(), "duplicate-operation-id", "operationId %q is also used by %s%s", op.OperationID, prev.Label(), l.how("this operation's names get a number"))
			continue
		}
		first[op.OperationID] = op
	}
}

// checkInfo checks info and its license: OpenAPI 3.1 adds
// license.identifier, an SPDX expression, which excludes url.
func (l *loader) checkInfo(doc *Document, f *file, info *yaml.Node) {
	l.checkShape(f, info, infoShape)
	license, _ := get(info, "license")
	if license == nil || license.Kind != yaml.MappingNode {
		return
	}
	l.checkShape(f, license, licenseShape)
	_, id := get(license, "identifier")
	_, url := get(license, "url")
	switch {
	case id != nil && url != nil:
		l.diags.Add(nodePos(f.path, id), l.workedAround(), "structure", "a license has an identifier or a url, not both%s", l.how("they are documentation only"))
	}
}

// check31 reports what OpenAPI 3.1 adds to the document's top level that a
// 3.0 document uses (read as 3.1 reads it), and a 3.1 document with none of
// paths, webhooks and components, which 3.1 requires one of.
func (l *loader) check31(doc *Document, f *file, comps *yaml.Node) {
	if l.minor < 1 {
		if _, k := get(comps, "pathItems"); k != nil {
			l.laterVersion(f, k, `the field "pathItems" of components`, 1)
		}
		return
	}
	for _, name := range []string{"paths", "webhooks", "components"} {
		if v, _ := get(f.root, name); v != nil {
			return
		}
	}
	l.diags.Add(nodePos(f.path, f.root), l.workedAround(), "structure", "an OpenAPI %s document must have paths, webhooks or components%s", doc.OpenAPI, l.how("nothing is generated from it"))
}

// article puts "a" or "an" before a noun.
func article(noun string) string {
	if strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
