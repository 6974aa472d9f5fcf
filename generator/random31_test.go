package generator

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// The OpenAPI 3.1 parts of the random specs of TestRandomSpecs: schemas of
// JSON Schema 2020-12 (type lists, null, const, documented enums of const
// branches, unions told apart by a const property, tuples, $defs) and
// documents with webhooks, components.pathItems and operations without
// responses. The 3.0 parts (random_test.go) write 3.1 where 3.1 differs:
// nullable, exclusive bounds, examples, keys beside $ref.

// kinds31 returns the 3.1 kinds of schemas schema draws from besides the
// 3.0 ones; depth is what is left of the nesting.
func (m *specMaker) kinds31(depth int) []func(int) map[string]any {
	if m.text {
		return []func(int) map[string]any{m.constSchema, m.constEnumSchema}
	}
	kinds := []func(int) map[string]any{m.typeListSchema, m.nullSchema, m.constSchema, m.constEnumSchema}
	if depth > 0 {
		kinds = append(kinds, m.tupleSchema, m.tupleSchema)
	}
	return kinds
}

// nullable makes s accept null as well: 3.0's nullable, or in 3.1 null
// among its types or a union of s and {type: 'null'} (in any position,
// sometimes with another branch).
func (m *specMaker) nullable(s map[string]any) map[string]any {
	if !m.v31 {
		s["nullable"] = true
		return s
	}
	switch t := s["type"].(type) {
	case string:
		if !m.chance(0.6) {
			break
		}
		s["type"] = []any{t, "null"}
		if m.chance(0.5) {
			s["type"] = []any{"null", t}
		}
		if enum, ok := s["enum"].([]any); ok && m.chance(0.5) {
			s["enum"] = append(slices.Clone(enum), nil) // else the enum refuses null
		}
		return s
	case []any:
		if !slices.Contains(t, any("null")) {
			s["type"] = append(slices.Clone(t), "null")
			return s
		}
	}
	branches := []any{s}
	if !m.text && m.chance(0.3) {
		branches = append(branches, m.primitive())
	}
	branches = slices.Insert(branches, m.rnd.IntN(len(branches)+1), any(map[string]any{"type": "null"}))
	return map[string]any{m.pick([]string{"anyOf", "oneOf"}): branches}
}

// example sets s's example: 3.0's example, 3.1's examples.
func (m *specMaker) example(s map[string]any, v any) {
	if m.v31 {
		s["examples"] = []any{v, m.pick(hostileText)}
		return
	}
	s["example"] = v
}

// typeListSchema is a schema of two or three types, null among them
// sometimes, with the constraints of each.
func (m *specMaker) typeListSchema(int) map[string]any {
	types := []any{"string", "integer", "number", "boolean", "null"}
	m.rnd.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
	types = types[:2+m.rnd.IntN(2)]
	s := map[string]any{"type": types}
	if slices.Contains(types, any("string")) {
		if m.chance(0.3) {
			s["minLength"], s["maxLength"] = 1, 8
		}
		if m.chance(0.15) {
			s["format"] = m.pick([]string{"date", "uuid", "email"})
		}
	}
	if (slices.Contains(types, any("integer")) || slices.Contains(types, any("number"))) && m.chance(0.3) {
		s["exclusiveMinimum"], s["maximum"] = -3, 100
	}
	return s
}

func (m *specMaker) nullSchema(int) map[string]any { return map[string]any{"type": "null"} }

// constSchema is a const of any JSON type, null too, with its type or
// without, sometimes with an enum beside it.
func (m *specMaker) constSchema(int) map[string]any {
	values := []any{"a", "", hostileText[0], 7, -1, true, false, 1.5, nil}
	if m.text {
		values = values[:len(values)-1] // text has no null
	}
	v := values[m.rnd.IntN(len(values))]
	s := map[string]any{"const": v}
	if m.chance(0.5) {
		s["type"] = jsonTypeOf(v)
	}
	if _, ok := v.(string); ok && m.chance(0.2) {
		s["enum"] = []any{v, "other"}
	}
	return s
}

// textObject makes an object schema of text: a form or a deepObject
// parameter.
func (m *specMaker) textObject() map[string]any {
	m.text = true
	defer func() { m.text = false }()
	return m.objectSchema(0)
}

// jsonTypeOf returns the JSON Schema type of v.
func jsonTypeOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int:
		return "integer"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

// constEnumSchema is 3.1's documented enum: a oneOf (or anyOf) of const
// branches, each with a title and a description sometimes.
func (m *specMaker) constEnumSchema(int) map[string]any {
	values := []any{"a", "A", "a-b", "a_b", "", "type", "1x", "ü", hostileText[0], hostileText[4]}
	typ := "string"
	if m.chance(0.3) {
		values, typ = []any{0, 1, -1, 42, 7}, "integer"
	}
	m.rnd.Shuffle(len(values), func(i, j int) { values[i], values[j] = values[j], values[i] })
	var branches []any
	for _, v := range values[:2+m.rnd.IntN(3)] {
		b := map[string]any{"const": v}
		if m.chance(0.7) {
			b["title"] = m.pick([]string{"Active", "active", "A", "Type", "String", hostileText[1]})
		}
		if m.chance(0.5) {
			b["description"] = m.pick(hostileText)
		}
		branches = append(branches, b)
	}
	s := map[string]any{m.pick([]string{"oneOf", "anyOf"}): branches}
	if m.chance(0.5) {
		s["type"] = typ
	}
	return s
}

// tupleSchema is an array of prefixItems, with items after them, or
// items: false, or neither.
func (m *specMaker) tupleSchema(depth int) map[string]any {
	var prefix []any
	for range 1 + m.rnd.IntN(3) {
		prefix = append(prefix, m.nested(depth))
	}
	s := map[string]any{"type": "array", "prefixItems": prefix}
	switch m.rnd.IntN(3) {
	case 0:
		s["items"] = m.nested(depth)
	case 1:
		s["items"] = false
	}
	if m.chance(0.3) {
		s["minItems"] = len(prefix)
	}
	return s
}

// declareDefs names the $defs of some components, before any schema is
// made, so that refs can point to them.
func (m *specMaker) declareDefs() {
	m.defs = map[int][]string{}
	for i := range m.names {
		if !m.chance(0.25) {
			continue
		}
		names := []string{"Item", "item", "Node", "type", "Def", "x-y"}
		m.rnd.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		m.defs[i] = names[:1+m.rnd.IntN(2)]
	}
}

// addDefs makes the $defs of component i, s.
func (m *specMaker) addDefs(i int, s map[string]any) {
	if len(m.defs[i]) == 0 {
		return
	}
	defs := map[string]any{}
	for _, name := range m.defs[i] {
		m.current, m.guarded = i, false
		defs[name] = m.schema(2)
	}
	s["$defs"] = defs
}

// constDiscriminated adds Tagged, a oneOf of objects each fixing one
// property to a constant (const, a typed const or a one-value enum): 3.1's
// implicit discriminator. Variants are components or inline.
func (m *specMaker) constDiscriminated(components map[string]any) {
	prop := m.pick([]string{"type", "kind", "@type", "Type"})
	var branches []any
	for i := range 2 + m.rnd.IntN(2) {
		variant := m.objectSchema(1)
		value := m.pick([]string{"a", "b-c", "D", "type", ""}) + strconv.Itoa(i)
		props := variant["properties"].(map[string]any)
		switch m.rnd.IntN(3) {
		case 0:
			props[prop] = map[string]any{"const": value}
		case 1:
			props[prop] = map[string]any{"type": "string", "const": value}
		default:
			props[prop] = map[string]any{"type": "string", "enum": []any{value}}
		}
		required, _ := variant["required"].([]any)
		variant["required"] = dedupe(append(required, prop))
		if m.chance(0.5) {
			branches = append(branches, variant)
			continue
		}
		name := fmt.Sprintf("%sConst%d", m.pick(componentNames[:8]), i)
		components[name] = variant
		branches = append(branches, map[string]any{"$ref": "#/components/schemas/" + name})
	}
	components["Tagged"] = map[string]any{"oneOf": branches}
	m.names = append(m.names, "Tagged")
}

// webhookNames name the webhooks: some give the same Go name, or one of
// the generated code's own (Webhooks, Handler).
var webhookNames = []string{"hook", "Hook", "new-pet", "new_pet", "type", "Handler", "Webhooks", "event.created", "1st", hostileText[0], hostileText[1]}

// pathItems moves some paths of root into components.pathItems (refs
// with a summary and a description sometimes) and adds webhooks: inline,
// refs to components.pathItems, and refs to path items that are also
// paths (/hookN), which the echo test sends through the client to the
// webhook's handler.
func (m *specMaker) pathItems(root map[string]any) {
	paths := root["paths"].(map[string]any)
	items := map[string]any{}
	ref := func(name string, annotated bool) map[string]any {
		r := map[string]any{"$ref": "#/components/pathItems/" + name}
		if annotated && m.chance(0.3) {
			r["summary"] = m.pick(hostileText)
		}
		if annotated && m.chance(0.3) {
			r["description"] = m.pick(hostileText)
		}
		return r
	}
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		if m.chance(0.25) {
			name := fmt.Sprintf("Item%d", len(items))
			items[name] = paths[path]
			paths[path] = ref(name, true)
		}
	}
	hooks := map[string]any{}
	operation := func() map[string]any {
		target := map[string]any{"$ref": "#/components/schemas/" + m.pick(m.names)}
		op := map[string]any{
			"requestBody": map[string]any{"required": m.chance(0.5), "content": m.bodyContent(target)},
			"responses":   m.responses(target),
		}
		if params := m.otherParams(); params != nil {
			op["parameters"] = params
		}
		if m.chance(0.3) {
			delete(op, "responses")
		}
		return op
	}
	for i := range 1 + m.rnd.IntN(3) {
		item := map[string]any{"post": operation()}
		if m.chance(0.2) {
			item["put"] = operation()
		}
		kind := m.rnd.IntN(3)
		pool := webhookNames
		if kind == 2 {
			pool = pool[:9] // the echo test finds its handler by the name in a doc comment
		}
		name := m.pick(pool)
		if hooks[name] != nil {
			name += strconv.Itoa(i)
		}
		item0 := fmt.Sprintf("Hook%d", i)
		switch kind {
		case 0:
			item["post"].(map[string]any)["operationId"] = fmt.Sprintf("on%s%d", m.pick(webhookNames[:9]), i)
			hooks[name] = item
		case 1:
			items[item0] = item
			hooks[name] = ref(item0, true)
		default: // no operationId: the two operations have one each
			items[item0] = item
			hooks[name] = ref(item0, false)
			paths[fmt.Sprintf("/hook%d", i)] = ref(item0, false)
		}
	}
	root["webhooks"] = hooks
	if len(items) > 0 {
		root["components"].(map[string]any)["pathItems"] = items
	}
}
