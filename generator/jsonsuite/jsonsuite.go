// Package jsonsuite reads the official JSON Schema Test Suite
// (../shared/corpus/json-schema-test-suite) for oasgen's conformance tests:
// the generated validators (generator/jsonschema_suite_test.go) and the
// runtime alone (templates/rt/suite_test.go). It decides which groups of
// tests apply to OpenAPI 3.0 schema objects.
package jsonsuite

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Group is one group of a suite file: a schema and the instances tested against it.
type Group struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []Test          `json:"tests"`
}

// Test is one instance and whether it is valid against the group's schema.
type Test struct {
	Description string          `json:"description"`
	Data        json.RawMessage `json:"data"`
	Valid       bool            `json:"valid"`
}

// File is one suite file, such as type.json.
type File struct {
	Name   string // base name
	Groups []Group
}

// Draft4Dir returns the draft4 folder of the suite under corpus
// (../shared/corpus), or "" when it is absent.
func Draft4Dir(corpus string) string { return Dir(corpus, "draft4") }

// Dir returns the folder of one draft of the suite (draft4,
// draft2020-12) under corpus, or "" when it is absent.
func Dir(corpus, draft string) string {
	dir := filepath.Join(corpus, "json-schema-test-suite", "tests", draft)
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// LoadDir reads every *.json file of dir (not its subfolders, such as
// optional/), sorted by name.
func LoadDir(dir string) ([]File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var files []File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f := File{Name: filepath.Base(p)}
		if err := json.Unmarshal(data, &f.Groups); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		files = append(files, f)
	}
	return files, nil
}

// NotApplicable returns why a draft-4 schema cannot be written as an OpenAPI
// 3.0 schema object, or "" when it can. OpenAPI 3.0 has no
// patternProperties, dependencies, additionalItems, items given as an array,
// type arrays, type "null", id or $schema, and no remote or location-independent
// ($ref: "#foo") refs. definitions are accepted as a place that local refs
// ("#/definitions/...", or any "#/..." JSON pointer into the same file) point
// into. Keywords are checked in schema positions only: enum, default and
// property names are data.
func NotApplicable(schema json.RawMessage) string {
	var v any
	if err := json.Unmarshal(schema, &v); err != nil {
		return "schema is not JSON: " + err.Error()
	}
	return notApplicable(v)
}

// dataKeywords are the OpenAPI 3.0 keywords whose value is not a schema.
var dataKeywords = map[string]bool{
	"enum": true, "required": true, "format": true, "default": true, "title": true, "description": true,
	"$comment": true, "minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true,
	"multipleOf": true, "minLength": true, "maxLength": true, "pattern": true, "minItems": true,
	"maxItems": true, "uniqueItems": true, "minProperties": true, "maxProperties": true,
}

func notApplicable(node any) string {
	m, ok := node.(map[string]any)
	if !ok {
		return "a schema that is not an object"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := m[k]
		var why string
		switch k {
		case "type":
			switch t := v.(type) {
			case string:
				if t == "null" {
					why = `type "null"`
				}
			default:
				why = "type given as an array"
			}
		case "$ref":
			ref, _ := v.(string)
			switch {
			case ref == "#" || strings.HasPrefix(ref, "#/"):
			case strings.HasPrefix(ref, "#"):
				why = "location-independent ref " + ref
			default:
				why = "remote ref " + ref
			}
		case "items":
			if _, isList := v.([]any); isList {
				why = "items given as an array"
			} else {
				why = notApplicable(v)
			}
		case "not":
			why = notApplicable(v)
		case "additionalProperties":
			if _, isBool := v.(bool); !isBool {
				why = notApplicable(v)
			}
		case "properties", "definitions":
			why = eachValue(v)
		case "allOf", "anyOf", "oneOf":
			list, _ := v.([]any)
			for _, sub := range list {
				if why = notApplicable(sub); why != "" {
					break
				}
			}
		case "patternProperties", "dependencies", "additionalItems", "id", "$schema":
			why = k
		default:
			if !dataKeywords[k] {
				why = "keyword " + k
			}
		}
		if why != "" {
			return why
		}
	}
	return ""
}

func eachValue(v any) string {
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if why := notApplicable(m[k]); why != "" {
			return why
		}
	}
	return ""
}

// NotRun2020 returns why a group of draft2020-12 file is not run against
// oasgen, or "" when it is. OpenAPI 3.1 schema objects are JSON Schema
// 2020-12, so every keyword applies; what is not run is what needs more
// than the one document: refRemote.json and any other $ref or $dynamicRef
// to a resource the group's schema does not hold itself (the suite's
// http://localhost:1234 server, the 2020-12 metaschema), and
// vocabulary.json, whose custom metaschemas are such resources too.
func NotRun2020(file string, schema json.RawMessage) string {
	switch file {
	case "refRemote.json":
		return "remote refs to the suite's http://localhost:1234 server"
	case "vocabulary.json":
		return "$vocabulary of a custom metaschema held elsewhere"
	}
	var v any
	if err := json.Unmarshal(schema, &v); err != nil {
		return "schema is not JSON: " + err.Error()
	}
	root, _ := url.Parse(defaultBase)
	ids := map[string]bool{defaultBase: true}
	var refs []*url.URL
	walk2020(v, root, ids, &refs)
	for _, r := range refs {
		r.Fragment, r.RawFragment = "", ""
		if !ids[r.String()] {
			return "remote ref " + r.String()
		}
	}
	return ""
}

// defaultBase stands for the base URI of a schema without $id.
const defaultBase = "file:///S.json"

// dataKeywords2020 hold values, not schemas, that may look like schemas.
var dataKeywords2020 = map[string]bool{"enum": true, "const": true, "default": true, "examples": true}

// walk2020 collects the resources ($id) of a 2020-12 schema and its refs,
// both resolved against the base URI in force where they are written.
func walk2020(node any, base *url.URL, ids map[string]bool, refs *[]*url.URL) {
	switch n := node.(type) {
	case []any:
		for _, x := range n {
			walk2020(x, base, ids, refs)
		}
	case map[string]any:
		if id, ok := n["$id"].(string); ok {
			if u, err := base.Parse(id); err == nil {
				base = u
				u := *u
				u.Fragment, u.RawFragment = "", ""
				ids[u.String()] = true
			}
		}
		for k, x := range n {
			if dataKeywords2020[k] {
				continue
			}
			if k == "$ref" || k == "$dynamicRef" {
				if ref, ok := x.(string); ok {
					if u, err := base.Parse(ref); err == nil {
						*refs = append(*refs, u)
					}
				}
				continue
			}
			walk2020(x, base, ids, refs)
		}
	}
}
