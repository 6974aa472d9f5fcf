package prismcheck

import (
	"math"
	"slices"
	"strings"
)

// value gives a JSON value (as encoding/json decodes one into any) that
// the schema accepts, for a request: enum, const and default values first,
// then the smallest value of the type the constraints allow; objects get
// their required properties (all but readOnly ones when full is set, to
// depth 4), arrays max(minItems, 1) items (2 when full).
func (s *spec) value(schema map[string]any, full bool, depth int) any {
	schema = s.resolve(schema)
	if schema == nil || depth > 16 {
		return map[string]any{}
	}
	if enum, ok := schema["enum"].([]any); ok && len(enum) > 0 {
		for _, v := range enum {
			if v != nil {
				return v
			}
		}
	}
	if v, ok := schema["const"]; ok {
		return v
	}
	if v, ok := schema["default"]; ok && v != nil {
		return v
	}
	if all, ok := schema["allOf"].([]any); ok && len(all) > 0 {
		merged := map[string]any{}
		for _, sub := range all {
			v := s.value(obj(sub), full, depth+1)
			m, ok := v.(map[string]any)
			if !ok {
				return v
			}
			for k, x := range m {
				merged[k] = x
			}
		}
		for k, x := range s.object(schema, full, depth) {
			merged[k] = x
		}
		return merged
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		if alts, ok := schema[key].([]any); ok && len(alts) > 0 {
			return s.value(s.pick(alts), full, depth+1)
		}
	}
	switch typeOf(schema) {
	case "object":
		return s.object(schema, full, depth)
	case "array":
		// Two items when full (a one-item array looks like a scalar on
		// the wire: form-exploded ?status=a), distinct enum values when the
		// items have an enum.
		n := max(num(schema, "minItems", 0), 1)
		if full {
			n = max(n, 2)
		}
		if max, ok := schema["maxItems"].(float64); ok && max < n {
			n = max
		}
		item := s.resolve(obj(schema["items"]))
		var enum []any
		if list, ok := item["enum"].([]any); ok {
			enum = slices.DeleteFunc(slices.Clone(list), func(v any) bool { return v == nil })
		}
		if unique, _ := schema["uniqueItems"].(bool); unique && len(enum) < int(n) {
			n = max(num(schema, "minItems", 0), 1)
		}
		items := make([]any, int(n))
		for i := range items {
			if i < len(enum) {
				items[i] = enum[i]
			} else {
				items[i] = s.value(item, full, depth+1)
			}
		}
		return items
	case "integer", "number":
		v := 1.0
		if min, ok := schema["minimum"].(float64); ok {
			v = min
			if excl, _ := schema["exclusiveMinimum"].(bool); excl {
				v++
			}
		} else if min, ok := schema["exclusiveMinimum"].(float64); ok {
			v = math.Floor(min) + 1
		}
		if max, ok := schema["maximum"].(float64); ok && v > max {
			v = max
		}
		return v
	case "boolean":
		return true
	case "null":
		return nil
	case "string":
		return stringValue(schema)
	}
	if ex, ok := schema["example"]; ok && ex != nil {
		return ex
	}
	return "x"
}

// pick chooses the alternative of a oneOf or anyOf to fill: the first
// whose type no other alternative has (so that a oneOf's value matches it
// alone: medusa's status is six alike strings or an array), else the first
// that is not null.
func (s *spec) pick(alts []any) map[string]any {
	types := map[string]int{}
	for _, alt := range alts {
		types[typeOf(s.resolve(obj(alt)))]++
	}
	for _, alt := range alts {
		if t := typeOf(s.resolve(obj(alt))); t != "null" && types[t] == 1 {
			return obj(alt)
		}
	}
	for _, alt := range alts {
		if typeOf(s.resolve(obj(alt))) != "null" {
			return obj(alt)
		}
	}
	return obj(alts[0])
}

// object gives the properties of an object value.
func (s *spec) object(schema map[string]any, full bool, depth int) map[string]any {
	out := map[string]any{}
	props := obj(schema["properties"])
	required := map[string]bool{}
	if list, ok := schema["required"].([]any); ok {
		for _, r := range list {
			if name, ok := r.(string); ok {
				required[name] = true
			}
		}
	}
	for _, name := range sortedKeys(props) {
		p := s.resolve(obj(props[name]))
		// readOnly properties are left out, unless required: the value is
		// decoded into the body type, which wants them.
		if ro, _ := p["readOnly"].(bool); ro && !required[name] {
			continue
		}
		if required[name] || (full && depth < 4) {
			out[name] = s.value(p, full, depth+1)
		}
	}
	return out
}

func stringValue(schema map[string]any) string {
	var v string
	switch schema["format"] {
	case "date-time":
		v = "2024-01-02T03:04:05Z"
	case "date":
		v = "2024-01-02"
	case "time":
		v = "03:04:05Z"
	case "email":
		v = "jane@example.com"
	case "uri", "url", "uri-reference", "iri":
		v = "https://example.com/x"
	case "uuid":
		v = "5b0e7c64-4d1f-4a3a-9a0c-2b4e5d3c1f90"
	case "ipv4":
		v = "192.0.2.1"
	case "ipv6":
		v = "2001:db8::1"
	case "hostname":
		v = "example.com"
	case "byte":
		v = "eA=="
	default:
		v = "x"
		// A pattern: trust the example, which is the best guess at hand.
		if ex, ok := schema["example"].(string); ok && schema["pattern"] != nil {
			v = ex
		}
	}
	if min := int(num(schema, "minLength", 0)); len(v) < min {
		v += strings.Repeat("x", min-len(v))
	}
	return v
}

// typeOf gives the schema's type: its first non-null one (OpenAPI 3.1
// lists), "object" for a schema with properties and no type.
func typeOf(schema map[string]any) string {
	switch t := schema["type"].(type) {
	case string:
		return t
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok && s != "null" {
				return s
			}
		}
		return "null"
	}
	if schema["properties"] != nil || schema["additionalProperties"] != nil {
		return "object"
	}
	if schema["items"] != nil {
		return "array"
	}
	return ""
}

func num(schema map[string]any, key string, def float64) float64 {
	if v, ok := schema[key].(float64); ok {
		return v
	}
	return def
}
