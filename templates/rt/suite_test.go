package rt

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/jsonsuite"
)

// TestJSONSchemaSuite runs the applicable groups of the JSON Schema Test
// Suite (draft 4; see jsonsuite.NotApplicable) against the runtime's dynamic
// validator alone: each schema is turned into a jsonSchema table by
// suiteSchema below, and each instance, decoded with encoding/json, is
// checked with validateAny. Unlike generator/jsonschema_suite_test.go no Go
// type stands in the way, so every applicable instance must pass.
func TestJSONSchemaSuite(t *testing.T) {
	dir := jsonsuite.Draft4Dir(filepath.Join("..", "..", "..", "shared", "corpus"))
	if dir == "" {
		t.Skip("../shared/corpus/json-schema-test-suite is absent: the JSON Schema Test Suite is not run")
	}
	files, err := jsonsuite.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var summary strings.Builder
	for _, f := range files {
		passed, applicable, skipped := 0, 0, 0
		for _, g := range f.Groups {
			if jsonsuite.NotApplicable(g.Schema) != "" {
				skipped += len(g.Tests)
				continue
			}
			var root any
			if err := json.Unmarshal(g.Schema, &root); err != nil {
				t.Fatal(err)
			}
			s, err := newSuiteConverter(root).schema("#")
			if err != nil {
				t.Errorf("%s | %s: %v", f.Name, g.Description, err)
				continue
			}
			for _, tc := range g.Tests {
				applicable++
				var x any
				if err := json.Unmarshal(tc.Data, &x); err != nil {
					t.Fatal(err)
				}
				var v validator
				s.validateAny(&v, x)
				if got := v.err(); (got == nil) != tc.Valid {
					t.Errorf("%s | %s | %s: want valid=%t, got %v", f.Name, g.Description, tc.Description, tc.Valid, got)
					continue
				}
				passed++
			}
		}
		fmt.Fprintf(&summary, "%s: %d/%d applicable passed (%d not applicable)\n", f.Name, passed, applicable, skipped)
	}
	t.Logf("runtime alone against the JSON Schema Test Suite (draft4):\n%s", summary.String())
}

// suiteConverter turns a draft-4 schema (decoded JSON) into jsonSchema
// tables, as generator/build and rt.Compile do for a spec. Local refs
// ("#", "#/definitions/x") are followed, once per target, so recursive
// schemas give cyclic tables.
type suiteConverter struct {
	root any
	memo map[string]*jsonSchema // by JSON pointer
}

func newSuiteConverter(root any) *suiteConverter {
	return &suiteConverter{root: root, memo: map[string]*jsonSchema{}}
}

// schema returns the table of the schema at ref, a "#..." JSON pointer.
func (c *suiteConverter) schema(ref string) (*jsonSchema, error) {
	if s, ok := c.memo[ref]; ok {
		return s, nil
	}
	node, err := c.resolve(ref)
	if err != nil {
		return nil, err
	}
	m, ok := node.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be an object", ref)
	}
	if target, ok := m["$ref"].(string); ok { // keywords next to $ref are ignored
		s, err := c.schema(target)
		c.memo[ref] = s
		return s, err
	}
	s := &jsonSchema{maxLength: -1, maxItems: -1, maxProps: -1}
	c.memo[ref] = s
	return s, c.fill(s, m, ref)
}

func (c *suiteConverter) resolve(ref string) (any, error) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("%s: only local refs are supported", ref)
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil, err
	}
	node := c.root
	if frag == "" {
		return node, nil
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch n := node.(type) {
		case map[string]any:
			node, ok = n[tok]
		case []any:
			var i int
			_, err := fmt.Sscanf(tok, "%d", &i)
			ok = err == nil && i >= 0 && i < len(n)
			if ok {
				node = n[i]
			}
		default:
			ok = false
		}
		if !ok {
			return nil, fmt.Errorf("%s: no such location", ref)
		}
	}
	return node, nil
}

// fill sets the keywords of m, found at pointer ref, on s.
func (c *suiteConverter) fill(s *jsonSchema, m map[string]any, ref string) error {
	sub := func(tokens ...string) (*jsonSchema, error) {
		p := ref
		for _, tok := range tokens {
			p += "/" + strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
		}
		return c.schema(p)
	}
	subList := func(key string) ([]*jsonSchema, error) {
		var out []*jsonSchema
		list, _ := m[key].([]any)
		for i := range list {
			x, err := sub(key, fmt.Sprint(i))
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	}
	num := func(key string) *float64 {
		if f, ok := m[key].(float64); ok {
			return &f
		}
		return nil
	}
	count := func(key string, def int) int {
		if f, ok := m[key].(float64); ok {
			return int(f)
		}
		return def
	}
	if t, ok := m["type"].(string); ok {
		s.types = uint8(typeBit(t))
	}
	if e, ok := m["enum"].([]any); ok {
		s.enum = e
	}
	s.minLength, s.maxLength = count("minLength", 0), count("maxLength", -1)
	if p, ok := m["pattern"].(string); ok {
		re, err := regexp.Compile(p)
		if err != nil {
			return err
		}
		s.pattern = re
	}
	s.format, _ = m["format"].(string)
	s.minimum, s.maximum = num("minimum"), num("maximum")
	s.exclMinimum, _ = m["exclusiveMinimum"].(bool)
	s.exclMaximum, _ = m["exclusiveMaximum"].(bool)
	if f := num("multipleOf"); f != nil {
		s.multipleOf = *f
	}
	s.minItems, s.maxItems = count("minItems", 0), count("maxItems", -1)
	s.uniqueItems, _ = m["uniqueItems"].(bool)
	s.minProps, s.maxProps = count("minProperties", 0), count("maxProperties", -1)
	required, _ := m["required"].([]any)
	for _, r := range required {
		name, _ := r.(string)
		s.required = append(s.required, name)
	}
	var err error
	if _, ok := m["items"]; ok {
		if s.items, err = sub("items"); err != nil {
			return err
		}
	}
	props, _ := m["properties"].(map[string]any)
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p, err := sub("properties", name)
		if err != nil {
			return err
		}
		s.props = append(s.props, property{name: name, schema: p})
	}
	switch a := m["additionalProperties"].(type) {
	case bool:
		s.noAdditional = !a
	case map[string]any:
		if s.additional, err = sub("additionalProperties"); err != nil {
			return err
		}
	}
	if s.allOf, err = subList("allOf"); err != nil {
		return err
	}
	if s.anyOf, err = subList("anyOf"); err != nil {
		return err
	}
	if s.oneOf, err = subList("oneOf"); err != nil {
		return err
	}
	if _, ok := m["not"]; ok {
		if s.not, err = sub("not"); err != nil {
			return err
		}
	}
	return nil
}
