package load

import (
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// Locate fills in the JSON pointer of every diagnostic of list whose
// position was taken from a node of the document's files (the key or
// value it is about), so that a finding can be named in an ignore file.
func (d *Document) Locate(list diag.List) {
	locate(d.files, list)
}

// locate is Locate for the files of one load.
func locate(files map[string]*file, list diag.List) {
	for i := range list {
		dg := &list[i]
		n, ok := dg.Pos.Node.(*yaml.Node)
		f := files[dg.Pos.File]
		if dg.Pointer != "" || !ok || f == nil {
			continue
		}
		if ptr, found := pointerOf(f.root, n, ""); found {
			dg.Pointer = "#" + ptr
		}
	}
}

// pointerOf returns the JSON pointer of target below n (at ptr): of the
// value a key names when target is the key. It walks down only the
// branch whose position can hold target, since nodes are in document
// order.
func pointerOf(n, target *yaml.Node, ptr string) (string, bool) {
	for depth := 0; depth < 10_000; depth++ {
		if n == target {
			return ptr, true
		}
		switch n.Kind {
		case yaml.MappingNode:
			i := lastBefore(len(n.Content)/2, func(i int) *yaml.Node { return n.Content[2*i] }, target)
			if i < 0 {
				return "", false
			}
			k := n.Content[2*i]
			ptr = appendPointer(ptr, k.Value)
			if k == target {
				return ptr, true
			}
			n = n.Content[2*i+1]
		case yaml.SequenceNode:
			i := lastBefore(len(n.Content), func(i int) *yaml.Node { return n.Content[i] }, target)
			if i < 0 {
				return "", false
			}
			ptr = appendPointer(ptr, itoa(i))
			n = n.Content[i]
		default:
			return "", false
		}
	}
	return "", false
}

// lastBefore returns the index of the last of count nodes (at(i), in
// document order) that starts at or before target, or -1.
func lastBefore(count int, at func(int) *yaml.Node, target *yaml.Node) int {
	after := sort.Search(count, func(i int) bool {
		n := at(i)
		return n.Line > target.Line || n.Line == target.Line && n.Column > target.Column
	})
	return after - 1
}
