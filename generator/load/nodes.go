package load

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// node is a YAML node together with the file that holds it, so that
// everything decoded from it can report its position and resolve relative refs.
type node struct {
	f *file
	n *yaml.Node
}

// resolveAlias follows YAML aliases to the anchored node.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// get returns the value node of key in a mapping node, and its key node.
func get(m *yaml.Node, key string) (val, k *yaml.Node) {
	m = resolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return resolveAlias(m.Content[i+1]), m.Content[i]
		}
	}
	return nil, nil
}

// pairs calls fn for each key/value of a mapping node in document order.
func pairs(m *yaml.Node, fn func(k, v *yaml.Node)) {
	m = resolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		fn(m.Content[i], resolveAlias(m.Content[i+1]))
	}
}

// items returns the elements of a sequence node.
func items(s *yaml.Node) []*yaml.Node {
	s = resolveAlias(s)
	if s == nil || s.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(s.Content))
	for i, c := range s.Content {
		out[i] = resolveAlias(c)
	}
	return out
}

func isMap(n *yaml.Node) bool { n = resolveAlias(n); return n != nil && n.Kind == yaml.MappingNode }

func str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func boolVal(n *yaml.Node) bool {
	b, _ := strconv.ParseBool(str(n))
	return n != nil && n.Tag == "!!bool" && b
}

// value converts a node to plain Go data (map[string]any, []any, string,
// float64/int64, bool, nil) for examples, defaults and enums.
func value(n *yaml.Node) any {
	n = resolveAlias(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = value(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = value(c)
		}
		return s
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil
}

func scalar(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		b, _ := strconv.ParseBool(n.Value)
		return b
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	return n.Value
}
