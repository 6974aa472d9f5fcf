package rt

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Query parameters of any shape, as the qs library (and so Medusa's
// clients) writes them: id=a&id=b is an array, created_at[$gte]=x an
// object, $and[0][title]=x or tags[]=x array items, nested to any depth.
// The tree of strings the keys make is converted to JSON as the
// parameter's schema says (numbers, booleans, unions) and decoded like a
// body.

// qsNode is one key of the tree: the values given to it, and its children.
type qsNode struct {
	values   []string
	children map[string]*qsNode
}

// tree returns the query keys of parameter name (name, name[...]...) as a
// tree of strings, []any and map[string]any, or false when there are none.
// A malformed key is reported.
func (p *paramReader) tree(name string) (any, bool) {
	if p.query == nil {
		p.query = p.r.URL.Query()
	}
	var keys []string
	for k := range p.query {
		if k == name || strings.HasPrefix(k, name+"[") {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, false
	}
	slices.Sort(keys) // the same tree whatever the map's order
	root := &qsNode{}
	for _, k := range keys {
		path, ok := bracketPath(k[len(name):])
		if !ok {
			p.v.enter(name)
			p.v.reject("style", "malformed key %q: want %s[key]... with at most %d levels", k, name, maxTreeDepth)
			p.v.leave()
			return nil, true
		}
		root.add(path, p.query[k])
	}
	return root.value(), true
}

// bracketPath splits [a][0][] into a, 0 and "" (an appended item).
func bracketPath(s string) ([]string, bool) {
	var path []string
	for s != "" {
		end := strings.IndexByte(s, ']')
		if s[0] != '[' || end < 0 || len(path) == maxTreeDepth {
			return nil, false
		}
		path = append(path, s[1:end])
		s = s[end+1:]
	}
	return path, true
}

func (n *qsNode) add(path []string, values []string) {
	for _, seg := range path {
		if n.children == nil {
			n.children = map[string]*qsNode{}
		}
		child := n.children[seg]
		if child == nil {
			child = &qsNode{}
			n.children[seg] = child
		}
		n = child
	}
	n.values = append(n.values, values...)
}

// value converts the node: one value is a string, several an array;
// children indexed 0, 1... or appended ([]) make an array, others an
// object. Values given beside children are left out.
func (n *qsNode) value() any {
	if n.children == nil {
		if len(n.values) == 1 {
			return n.values[0]
		}
		return stringsToAny(n.values)
	}
	if appended, ok := n.children[""]; ok && len(n.children) == 1 {
		if appended.children == nil {
			return stringsToAny(appended.values) // a[]=x: an array, even of one
		}
		return []any{appended.value()}
	}
	if indexes, ok := arrayIndexes(n.children); ok {
		out := qsIndexed{keys: indexes, items: make([]any, len(indexes))}
		for i, k := range indexes {
			out.items[i] = n.children[k].value()
		}
		return out
	}
	obj := make(map[string]any, len(n.children))
	for k, c := range n.children {
		obj[k] = c.value()
	}
	return obj
}

// qsIndexed is a node whose keys are all array indexes (a[0]=x&a[1]=y):
// an array, unless the schema wants an object there, whose keys they are
// then (a map with the keys "0" and "1" is written the same way).
type qsIndexed struct {
	keys  []string
	items []any
}

// MarshalJSON writes the array, where no schema said otherwise.
func (q qsIndexed) MarshalJSON() ([]byte, error) { return json.Marshal(q.items) }

func stringsToAny(values []string) []any {
	out := make([]any, len(values))
	for i, s := range values {
		out[i] = s
	}
	return out
}

// arrayIndexes returns the keys sorted by index when every key is an array
// index (0 to maxTreeIndex, no sign, no leading zero); gaps close up.
func arrayIndexes(children map[string]*qsNode) ([]string, bool) {
	keys := make([]string, 0, len(children))
	for k := range children {
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i > maxTreeIndex || strconv.Itoa(i) != k {
			return nil, false
		}
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		x, _ := strconv.Atoi(a)
		y, _ := strconv.Atoi(b)
		return x - y
	})
	return keys, true
}

// listTree returns an unexploded parameter (name=a,b in the query, a,b in
// a header, path or cookie) as a tree: one value is a string, several an
// array, which coerce turns into an object of keys and values when the
// schema wants one.
func (p *paramReader) listTree(in, key string) (any, bool) {
	s, ok := p.value(in, key)
	if !ok {
		return nil, false
	}
	items := strings.Split(s, ",")
	if len(items) == 1 {
		return s, true
	}
	return stringsToAny(items), true
}

// decodeTree converts the tree of parameter name to JSON as s says and
// decodes it into x, reporting violations below /name.
func (p *paramReader) decodeTree(name string, tree any, s *jsonSchema, x any) bool {
	if tree == nil { // a malformed key, already reported
		return false
	}
	return p.decodeValue(name, s.coerce(tree, p.v.mode), x)
}

// coerce converts the strings of a query tree to the JSON types s allows:
// numbers, booleans, a one-item array for a single value; in a union, as
// the first branch the converted value is valid for says. What does not
// convert is left as it is, for validation to report.
func (s *jsonSchema) coerce(x any, mode validationMode) any {
	if s == nil {
		return x
	}
	for _, sub := range s.allOf {
		x = sub.coerce(x, mode)
	}
	for _, branches := range [][]*jsonSchema{s.oneOf, s.anyOf} {
		if _, ok := x.(qsIndexed); ok {
			// Index keys are an array first: an object branch would take
			// them as its keys.
			branches = slices.Clone(branches)
			slices.SortStableFunc(branches, func(a, b *jsonSchema) int { return b.indexable() - a.indexable() })
		}
		for _, b := range branches {
			if c := b.coerce(x, mode); (&validator{mode: mode}).satisfies(b, c) {
				return c
			}
		}
	}
	switch v := x.(type) {
	case string:
		return s.coerceString(v, mode)
	case qsIndexed:
		if s.types != 0 && !s.allows(typeArray) && s.allows(typeObject) {
			obj := make(map[string]any, len(v.keys))
			for i, k := range v.keys {
				obj[k] = v.items[i]
			}
			return s.coerce(obj, mode)
		}
		return s.coerce(v.items, mode)
	case []any:
		if s.types == 0 || s.allows(typeArray) {
			for i := range v {
				v[i] = s.items.coerce(v[i], mode)
			}
		} else if s.allows(typeObject) && len(v)%2 == 0 {
			return s.coerce(pairs(v), mode) // k1,v1,k2,v2: an unexploded object
		}
	case map[string]any:
		for k, val := range v {
			sub := s.prop(k)
			if sub == nil {
				sub = s.additional
			}
			v[k] = sub.coerce(val, mode)
		}
	}
	return x
}

// indexable is 1 when s takes an array (or anything), else 0.
func (s *jsonSchema) indexable() int {
	if s.types == 0 || s.allows(typeArray) {
		return 1
	}
	return 0
}

// pairs turns alternating keys and values into an object.
func pairs(items []any) any {
	obj := make(map[string]any, len(items)/2)
	for i := 0; i+1 < len(items); i += 2 {
		k, _ := items[i].(string)
		obj[k] = items[i+1]
	}
	return obj
}

// coerceString converts one query string to the type s wants.
func (s *jsonSchema) coerceString(v string, mode validationMode) any {
	if s.types == 0 && len(s.enum) > 0 && !slices.ContainsFunc(s.enum, func(e any) bool { return e == any(v) }) {
		// An untyped enum: the member the string writes (true, 1).
		for _, e := range s.enum {
			if text, err := json.Marshal(e); err == nil && string(text) == v {
				return e
			}
		}
	}
	switch {
	case s.types == 0 || s.allows(typeString):
		return v
	case s.allows(typeInteger) || s.allows(typeNumber):
		if v != "" && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') && json.Valid([]byte(v)) {
			return json.Number(v) // the exact digits, for integers past 2^53
		}
	case s.allows(typeBoolean):
		if v == "true" || v == "false" {
			return v == "true"
		}
	case s.allows(typeArray):
		return []any{s.items.coerce(v, mode)}
	case s.allows(typeNull) && v == "null":
		return nil
	}
	return v
}
