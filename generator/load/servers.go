package load

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Server is an entry of a servers list: a URL template and its variables.
type Server struct {
	URL         string
	Description string
	Variables   []ServerVariable
}

// ServerVariable is a variable of a server URL template.
type ServerVariable struct {
	Name    string
	Default string
	Enum    []string
}

// Servers returns the servers of the root document, for op nil, or the
// operation's own servers (its own, else its path item's); nil when none
// are declared. The structure checks have already run on these nodes.
func (d *Document) Servers(op *Operation) []Server {
	if op == nil {
		if f := d.files[d.File]; f != nil {
			return serversOf(f.root)
		}
		return nil
	}
	f := d.files[op.Loc.File]
	if f == nil {
		return nil
	}
	if s := serversOf(nodeAt(f.root, op.Loc.Pointer)); s != nil {
		return s
	}
	parent := op.Loc.Pointer[:max(strings.LastIndexByte(op.Loc.Pointer, '/'), 0)]
	parent = strings.TrimSuffix(parent, "/additionalOperations")
	return serversOf(nodeAt(f.root, parent))
}

// nodeAt follows a JSON pointer through mappings and sequences; nil when
// it leads nowhere.
func nodeAt(n *yaml.Node, ptr string) *yaml.Node {
	if ptr == "" || n == nil {
		return n
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if n = mapValue(n, tok); n == nil {
			return nil
		}
	}
	return n
}

// mapValue returns the value of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func serversOf(n *yaml.Node) []Server {
	list := mapValue(n, "servers")
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil
	}
	var out []Server
	for _, item := range list.Content {
		u := mapValue(item, "url")
		if u == nil || u.Kind != yaml.ScalarNode {
			continue
		}
		s := Server{URL: u.Value}
		if d := mapValue(item, "description"); d != nil {
			s.Description = d.Value
		}
		if vars := mapValue(item, "variables"); vars != nil && vars.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(vars.Content); i += 2 {
				v := ServerVariable{Name: vars.Content[i].Value}
				if def := mapValue(vars.Content[i+1], "default"); def != nil {
					v.Default = def.Value
				}
				if enum := mapValue(vars.Content[i+1], "enum"); enum != nil && enum.Kind == yaml.SequenceNode {
					for _, e := range enum.Content {
						v.Enum = append(v.Enum, e.Value)
					}
				}
				s.Variables = append(s.Variables, v)
			}
		}
		out = append(out, s)
	}
	return out
}
