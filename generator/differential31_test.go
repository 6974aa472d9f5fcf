package generator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestDifferential31 judges random instances of random OpenAPI 3.1 schemas
// (JSON Schema 2020-12) with the code oasgen generates and with an
// independent 2020-12 validator, github.com/santhosh-tekuri/jsonschema/v6,
// and fails on every accept/reject disagreement that
// testdata/differential/known-differences-31.txt does not list.
//
// The schemas (schema31Maker) use the 2020-12 keywords oasgen maps or
// checks: type lists and null, const, enum, numeric exclusive bounds,
// prefixItems, contains, propertyNames, dependentRequired,
// dependentSchemas, if/then/else, not, the combinators and $ref. Each gets
// instances built to be valid and instances with random values put in
// (instance31Maker), so both verdicts are common. Formats are left out:
// the reference validator does not assert them by default. The seed is
// fixed so that the list of known differences stays true;
// OASGEN_DIFF31_SEED picks another to explore.
func TestDifferential31(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds generated code")
	}
	seed := uint64(31)
	if s, err := strconv.ParseUint(os.Getenv("OASGEN_DIFF31_SEED"), 10, 64); err == nil {
		seed = s
	}
	const schemas, instances = 80, 16
	m := &schema31Maker{r: rand.New(rand.NewPCG(seed, seed^0x31))}
	doc := m.document(schemas)
	specDir, mod := t.TempDir(), newModule(t)
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(specDir, "openapi.json")
	writeFile(t, spec, string(data))
	res, err := Generate(Config{Spec: spec, Package: "d31", Generate: []string{PartModels, PartValidate}})
	if err != nil {
		t.Fatalf("seed %d: %v\n%s", seed, err, errorDiagnostics(t, specDir, res))
	}
	declared := map[string]bool{}
	for _, f := range res.Files {
		writeFile(t, filepath.Join(mod, "d31", f.Name), string(f.Content))
		for _, m := range typeDecl.FindAllStringSubmatch(string(f.Content), -1) {
			declared[m[1]] = true
		}
	}

	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		t.Fatal(err)
	}
	if err := compiler.AddResource("file:///openapi.json", generic); err != nil {
		t.Fatal(err)
	}
	var cases []*diffCase
	for i := range schemas {
		name := fmt.Sprintf("S%d", i)
		if !declared[name] {
			// A component that is only a $ref is its target's type.
			t.Logf("seed %d: no Go type %s, skipped: %s", seed, name,
				mustJSON(t, doc["components"].(map[string]any)["schemas"].(map[string]any)[name]))
			continue
		}
		ref, err := compiler.Compile("file:///openapi.json#/components/schemas/" + name)
		if err != nil {
			t.Fatalf("seed %d: the reference validator refuses %s: %v", seed, name, err)
		}
		im := &instance31Maker{r: rand.New(rand.NewPCG(seed, uint64(i))), doc: doc}
		schema := doc["components"].(map[string]any)["schemas"].(map[string]any)[name]
		for j := range instances {
			kind := "valid"
			if j%2 == 1 {
				kind, im.noise = "noisy", 0.25
			} else {
				im.noise = 0
			}
			value := im.value(schema, 0)
			raw, err := json.Marshal(value)
			if err != nil {
				t.Fatal(err)
			}
			c := &diffCase{ID: fmt.Sprintf("%s %s:%d", name, kind, j), Type: name, Data: raw, spec: "random31", instance: fmt.Sprintf("%s:%d", kind, j)}
			var inst any
			if err := json.Unmarshal(raw, &inst); err != nil {
				t.Fatal(err)
			}
			if err := ref.Validate(inst); err != nil {
				c.kinErr = err.Error()
			} else {
				c.kinOK = true
			}
			cases = append(cases, c)
		}
	}
	writeFile(t, filepath.Join(mod, "d31", "cases.json"), mustJSON(t, cases))
	writeFile(t, filepath.Join(mod, "d31", "zz_differential_test.go"), diffRunner("d31", cases))
	writeFile(t, filepath.Join(mod, "d31", "openapi.json"), string(data)) // to read a failure
	goCmd(t, mod, "test", "-count=1", "-vet=off", "./...")

	raw, err := os.ReadFile(filepath.Join(mod, "d31", "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var results map[string]diffResult
	if err := json.Unmarshal(raw, &results); err != nil {
		t.Fatal(err)
	}
	knownPath := filepath.Join(repoRoot(t), "testdata", "differential", "known-differences-31.txt")
	known := diffReadKnown(t, knownPath)
	var disagreements []*diffCase
	accepted := 0
	for _, c := range cases {
		r, ok := results[c.ID]
		if !ok {
			t.Fatalf("no verdict for %s", c.ID)
		}
		c.oasgenOK, c.oasgenErr = r.OK, r.Error
		if strings.HasPrefix(c.oasgenErr, "panic: ") {
			t.Errorf("%s: generated code panicked: %s\ninstance: %s", c.ID, c.oasgenErr, c.Data)
		}
		if c.kinOK {
			accepted++
		}
		if c.kinOK != c.oasgenOK {
			disagreements = append(disagreements, c)
		}
	}
	t.Logf("seed %d: %d schemas, %d instances (%d valid for the reference validator), %d disagreements",
		seed, schemas, len(cases), accepted, len(disagreements))
	if *updateDifferences {
		diffWriteList(t, knownPath, diffKnown31Header, known, map[string]bool{"random31": true}, disagreements)
		return
	}
	if seed != 31 {
		known = map[string]string{} // the list is for the fixed seed
	}
	seen := map[string]bool{}
	for _, c := range disagreements {
		if _, ok := known[c.key()]; ok {
			seen[c.key()] = true
			continue
		}
		t.Errorf("new disagreement: %s\n  instance: %s\n  oasgen: %s\n  jsonschema/v6: %s\n  schema: %s\n  (a bug, or an intended difference to add to %s with its reason)",
			c.key(), c.Data, diffFirstLine(diffOrAccepted(c.oasgenErr)), refMessage(c.kinErr),
			mustJSON(t, doc["components"].(map[string]any)["schemas"].(map[string]any)[c.Type]), "testdata/differential/known-differences-31.txt")
	}
	for key := range known {
		if seed == 31 && !seen[key] {
			t.Errorf("known difference no longer seen (remove it from testdata/differential/known-differences-31.txt): %s", key)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// diffKnown31Header heads testdata/differential/known-differences-31.txt.
const diffKnown31Header = `# Intended accept/reject differences between oasgen's generated validators
# and github.com/santhosh-tekuri/jsonschema/v6 (JSON Schema 2020-12) on the
# random OpenAPI 3.1 schemas of generator/differential31_test.go (seed 31).
# Each line: random31 TYPE KIND:N oasgen=VERDICT kin=VERDICT | reason
# ("kin" is the reference validator). The test fails on any disagreement
# not listed here, and on listed lines that no longer disagree. Rewrite
# with: go test ./generator -run TestDifferential31 -update-differences
`

// schema31Maker writes random OpenAPI 3.1 component schemas S0..Sn; a
// schema refers only to those before it, so there are no cycles.
type schema31Maker struct {
	r     *rand.Rand
	count int // schemas written so far
}

func (m *schema31Maker) document(n int) map[string]any {
	schemas := map[string]any{}
	for i := range n {
		m.count = i
		s := m.schema(0)
		if acceptsNull(s) {
			// A nullable component is its non-null Go type: null is
			// accepted where it is used (a Nullable field), not on its own.
			s = map[string]any{"type": "object", "properties": map[string]any{"a": s}, "required": []any{"a"}}
		}
		schemas[fmt.Sprintf("S%d", i)] = s
	}
	return map[string]any{
		"openapi":    "3.1.0",
		"info":       map[string]any{"title": "differential 3.1", "version": "1"},
		"paths":      map[string]any{},
		"components": map[string]any{"schemas": schemas},
	}
}

// acceptsNull reports whether the schema written by schema31Maker lists
// null among its types or branches.
func acceptsNull(s map[string]any) bool {
	if list, ok := s["type"].([]any); ok && slices.Contains(list, any("null")) {
		return true
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		branches, _ := s[key].([]any)
		for _, b := range branches {
			if b, ok := b.(map[string]any); ok && (b["type"] == "null" || acceptsNull(b)) {
				return true
			}
		}
	}
	return false
}

func (m *schema31Maker) chance(p float64) bool { return m.r.Float64() < p }

// schema31Properties are the property names objects draw from: few, so
// that required, dependentRequired and the instances' extra properties
// meet.
var schema31Properties = []string{"a", "b", "c", "d"}

func (m *schema31Maker) schema(depth int) map[string]any {
	if depth >= 3 {
		return m.primitive()
	}
	switch n := m.r.IntN(20); {
	case n < 6:
		return m.primitive()
	case n < 10:
		return m.object(depth)
	case n < 13:
		return m.array(depth)
	case n == 13 && m.count > 0:
		return map[string]any{"$ref": fmt.Sprintf("#/components/schemas/S%d", m.r.IntN(m.count))}
	case n == 14:
		return map[string]any{"anyOf": []any{m.schema(depth + 1), map[string]any{"type": "null"}}}
	case n == 15:
		return m.constEnum()
	case n == 16:
		return map[string]any{m.pick("anyOf", "oneOf"): []any{m.schema(depth + 1), m.schema(depth + 1)}}
	case n == 17:
		s := m.object(depth)
		s["allOf"] = []any{m.object(depth + 1)}
		return s
	case n == 18:
		s := m.object(depth)
		p := m.pick(schema31Properties...)
		s["if"] = map[string]any{"properties": map[string]any{p: map[string]any{"const": "x"}}, "required": []any{p}}
		s["then"] = map[string]any{"required": []any{m.pick(schema31Properties...)}}
		if m.chance(0.5) {
			s["else"] = map[string]any{"maxProperties": 2}
		}
		return s
	default:
		s := m.primitive()
		s["not"] = map[string]any{"const": m.constValue(s)}
		return s
	}
}

func (m *schema31Maker) pick(names ...string) string { return names[m.r.IntN(len(names))] }

func (m *schema31Maker) primitive() map[string]any {
	var s map[string]any
	switch m.r.IntN(7) {
	case 0, 1:
		s = map[string]any{"type": "string"}
		if m.chance(0.4) {
			s["minLength"] = m.r.IntN(3)
		}
		if m.chance(0.4) {
			s["maxLength"] = 2 + m.r.IntN(4)
		}
		if m.chance(0.3) {
			s["pattern"] = m.pick("^[a-z]+$", "x", "^[0-9]", "é")
		}
		if m.chance(0.2) {
			s["enum"] = []any{"x", "yy", "zzz"}
		}
	case 2, 3:
		s = map[string]any{"type": "integer"}
		m.bounds(s, false)
		if m.chance(0.3) {
			s["multipleOf"] = 2 + m.r.IntN(3)
		}
	case 4:
		s = map[string]any{"type": "number"}
		m.bounds(s, true)
		if m.chance(0.3) {
			s["multipleOf"] = 0.5
		}
	case 5:
		s = map[string]any{"type": "boolean"}
	default:
		first, second := m.pick("string", "integer", "boolean"), m.pick("null", "number", "string")
		if first == second {
			second = "null"
		}
		s = map[string]any{"type": []any{first, second}}
	}
	if m.chance(0.15) {
		if t, ok := s["type"].(string); ok {
			s["type"] = []any{t, "null"}
		}
	}
	if m.chance(0.1) {
		s["const"] = m.constValue(s)
	}
	return s
}

// bounds sets some of the numeric bounds, 3.1's exclusive ones as numbers.
func (m *schema31Maker) bounds(s map[string]any, fraction bool) {
	low := float64(m.r.IntN(10) - 5)
	if fraction {
		low += 0.5
	}
	if m.chance(0.4) {
		s[m.pick("minimum", "exclusiveMinimum")] = low
	}
	if m.chance(0.4) {
		s[m.pick("maximum", "exclusiveMaximum")] = low + float64(2+m.r.IntN(10))
	}
}

// constValue is a value of the first type of s, for const and not.
func (m *schema31Maker) constValue(s map[string]any) any {
	t, _ := s["type"].(string)
	if list, ok := s["type"].([]any); ok {
		t = list[0].(string)
	}
	switch t {
	case "string":
		return m.pick("x", "yy", "zzz")
	case "integer":
		return m.r.IntN(6)
	case "number":
		return float64(m.r.IntN(6)) + 0.5
	case "boolean":
		return m.chance(0.5)
	}
	return nil
}

// constEnum is the 3.1 way to document enum members: a oneOf of consts.
func (m *schema31Maker) constEnum() map[string]any {
	var branches []any
	for i, v := range []string{"red", "green", "blue"}[:2+m.r.IntN(2)] {
		branches = append(branches, map[string]any{"const": v, "title": fmt.Sprintf("colour %d", i)})
	}
	return map[string]any{"type": "string", "oneOf": branches}
}

func (m *schema31Maker) object(depth int) map[string]any {
	props := map[string]any{}
	var names []any
	for _, p := range schema31Properties {
		if m.chance(0.5) {
			props[p] = m.schema(depth + 1)
			names = append(names, p)
		}
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(names) > 0 && m.chance(0.6) {
		s["required"] = names[:1+m.r.IntN(len(names))]
	}
	switch m.r.IntN(4) {
	case 0:
		s["additionalProperties"] = false
	case 1:
		s["additionalProperties"] = m.primitive()
	}
	if m.chance(0.2) {
		s["propertyNames"] = map[string]any{"maxLength": 1}
	}
	if m.chance(0.2) {
		s["minProperties"] = 1
	}
	if m.chance(0.2) {
		s["maxProperties"] = 2 + m.r.IntN(2)
	}
	if m.chance(0.2) {
		s["dependentRequired"] = map[string]any{m.pick(schema31Properties...): []any{m.pick(schema31Properties...)}}
	}
	if m.chance(0.15) {
		s["dependentSchemas"] = map[string]any{m.pick(schema31Properties...): map[string]any{"required": []any{m.pick(schema31Properties...)}}}
	}
	return s
}

func (m *schema31Maker) array(depth int) map[string]any {
	s := map[string]any{"type": "array"}
	if m.chance(0.3) {
		s["prefixItems"] = []any{m.primitive(), m.primitive()}
		if m.chance(0.5) {
			s["items"] = false
		}
	} else {
		s["items"] = m.schema(depth + 1)
	}
	if m.chance(0.3) {
		s["minItems"] = m.r.IntN(3)
	}
	if m.chance(0.3) {
		s["maxItems"] = 2 + m.r.IntN(3)
	}
	if m.chance(0.2) {
		s["uniqueItems"] = true
	}
	if m.chance(0.2) {
		s["contains"] = map[string]any{"const": m.pick("x", "yy")}
		if m.chance(0.5) {
			s["maxContains"] = 1
		}
	}
	return s
}

// instance31Maker builds instances of the random schemas: values that
// follow the schema where it can, and with probability noise a random
// value instead at each place.
type instance31Maker struct {
	r     *rand.Rand
	doc   map[string]any
	noise float64
}

var schema31Ref = regexp.MustCompile(`^#/components/schemas/(\w+)$`)

func (im *instance31Maker) value(s any, depth int) any {
	schema, _ := s.(map[string]any)
	if schema == nil || depth > 8 || im.noise > 0 && im.r.Float64() < im.noise {
		return im.random(depth)
	}
	if ref, ok := schema["$ref"].(string); ok {
		name := schema31Ref.FindStringSubmatch(ref)[1]
		return im.value(im.doc["components"].(map[string]any)["schemas"].(map[string]any)[name], depth+1)
	}
	if c, ok := schema["const"]; ok {
		return c
	}
	for _, key := range []string{"enum", "oneOf", "anyOf"} {
		if list, ok := schema[key].([]any); ok {
			choice := list[im.r.IntN(len(list))]
			if key == "enum" {
				return choice
			}
			return im.value(choice, depth+1)
		}
	}
	t := schema["type"]
	if list, ok := t.([]any); ok {
		t = list[im.r.IntN(len(list))]
	}
	switch t {
	case "null":
		return nil
	case "boolean":
		return im.r.IntN(2) == 0
	case "integer":
		return im.number(schema, false)
	case "number":
		return im.number(schema, true)
	case "string":
		return im.str(schema)
	case "array":
		return im.array(schema, depth)
	case "object":
		return im.object(schema, depth)
	}
	return im.random(depth)
}

func (im *instance31Maker) number(s map[string]any, fraction bool) any {
	low, high := -6.0, 12.0
	if v, ok := s["minimum"].(float64); ok {
		low = v
	}
	if v, ok := s["exclusiveMinimum"].(float64); ok {
		low = v + 1
	}
	if v, ok := s["maximum"].(float64); ok {
		high = v
	}
	if v, ok := s["exclusiveMaximum"].(float64); ok {
		high = v - 1
	}
	n := low + float64(im.r.IntN(max(1, int(high-low)+1)))
	if m, ok := s["multipleOf"].(int); ok {
		n = float64(int(n) / m * m)
	}
	if !fraction {
		return int64(n)
	}
	if im.r.IntN(2) == 0 {
		return n + 0.5
	}
	return n
}

func (im *instance31Maker) str(s map[string]any) string {
	if p, ok := s["pattern"].(string); ok {
		switch p {
		case "^[0-9]":
			return "7a"
		case "é":
			return "café"
		}
		return "xyz"[:1+im.r.IntN(3)]
	}
	return []string{"", "a", "ab", "xyz", "héllo", "x😀"}[im.r.IntN(6)]
}

func (im *instance31Maker) array(s map[string]any, depth int) []any {
	out := []any{}
	if prefix, ok := s["prefixItems"].([]any); ok {
		for _, p := range prefix[:im.r.IntN(len(prefix)+1)] {
			out = append(out, im.value(p, depth+1))
		}
		if s["items"] == false {
			return out
		}
	}
	n := im.r.IntN(4)
	if min, ok := s["minItems"].(int); ok {
		n = max(n, min)
	}
	for range n {
		out = append(out, im.value(s["items"], depth+1))
	}
	return out
}

func (im *instance31Maker) object(s map[string]any, depth int) map[string]any {
	out := map[string]any{}
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	if list, ok := s["required"].([]any); ok {
		for _, p := range list {
			required[p.(string)] = true
		}
	}
	for _, p := range diffSortedKeys(props) {
		if required[p] || im.r.IntN(2) == 0 {
			out[p] = im.value(props[p], depth+1)
		}
	}
	if im.r.IntN(4) == 0 {
		out[[]string{"e", "ab"}[im.r.IntN(2)]] = im.value(s["additionalProperties"], depth+1)
	}
	return out
}

// random is any JSON value, small.
func (im *instance31Maker) random(depth int) any {
	kinds := 6
	if depth > 4 {
		kinds = 4
	}
	switch im.r.IntN(kinds) {
	case 0:
		return nil
	case 1:
		return im.r.IntN(2) == 0
	case 2:
		return []any{-3, 0, 1, 2.5, 7, 1e3}[im.r.IntN(6)]
	case 3:
		return []string{"", "x", "yy", "red", "héllo"}[im.r.IntN(5)]
	case 4:
		return []any{im.random(depth + 1), im.random(depth + 1)}[:im.r.IntN(3)]
	}
	return map[string]any{schema31Properties[im.r.IntN(4)]: im.random(depth + 1)}
}

// refMessage is the reference validator's error on one line, without its
// first line (which only names the schema).
func refMessage(msg string) string {
	if msg == "" {
		return "accepted"
	}
	if _, rest, ok := strings.Cut(msg, "\n"); ok {
		msg = rest
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if len(msg) > 600 {
		msg = msg[:600] + "..."
	}
	return msg
}
