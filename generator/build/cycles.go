package build

import "github.com/oasgen/oasgen/generator/ir"

// breakCycles makes Go accept recursive schemas: a struct or union that
// contains itself by value (Cart → PaymentSession → Cart) is an invalid
// recursive type, so each edge that closes a cycle is turned into a pointer.
// Slices and maps already add the indirection Go needs.
func breakCycles(decls []*ir.Type) {
	g := &cycleGraph{index: map[*ir.Type]int{}, low: map[*ir.Type]int{}, onStack: map[*ir.Type]bool{}, comp: map[*ir.Type]int{}}
	for _, t := range decls {
		if _, ok := g.index[t]; !ok {
			g.strongConnect(t)
		}
	}
	for _, t := range decls {
		if t.Kind == ir.Alias || t.Kind == ir.Defined {
			continue // a cycle through an alias also runs through a struct or union
		}
		for _, slot := range valueSlots(t) {
			if target := valueTarget(*slot); target != nil && g.comp[target] == g.comp[t] {
				*slot = pointerTo(*slot)
			}
		}
	}
}

// valueSlots returns the places in t that hold another type by value.
func valueSlots(t *ir.Type) []**ir.Type {
	var slots []**ir.Type
	switch t.Kind {
	case ir.Struct:
		for _, f := range t.Fields {
			slots = append(slots, &f.Type)
		}
	case ir.Union:
		for _, v := range t.Union.Variants {
			slots = append(slots, &v.Type)
		}
	case ir.Alias, ir.Defined:
		slots = append(slots, &t.Elem)
	}
	return slots
}

// valueTarget returns the declared type a slot embeds by value, looking
// through the presence wrappers, or nil.
func valueTarget(t *ir.Type) *ir.Type {
	for {
		switch t.Kind {
		case ir.Opt, ir.Nullable, ir.OptNullable:
			t = t.Elem
		case ir.Struct, ir.Union, ir.Alias, ir.Defined, ir.Enum:
			return t
		default:
			return nil
		}
	}
}

// pointerTo rewrites a slot's type so the declared type inside is behind a pointer.
func pointerTo(t *ir.Type) *ir.Type {
	switch t.Kind {
	case ir.Opt, ir.Nullable, ir.OptNullable:
		return &ir.Type{Kind: t.Kind, Elem: pointerTo(t.Elem)}
	}
	return &ir.Type{Kind: ir.Pointer, Elem: t}
}

// cycleGraph finds strongly connected components (Tarjan) over value edges.
type cycleGraph struct {
	next    int
	index   map[*ir.Type]int
	low     map[*ir.Type]int
	stack   []*ir.Type
	onStack map[*ir.Type]bool
	comp    map[*ir.Type]int
	comps   int
}

func (g *cycleGraph) strongConnect(t *ir.Type) {
	g.index[t], g.low[t] = g.next, g.next
	g.next++
	g.stack = append(g.stack, t)
	g.onStack[t] = true
	for _, slot := range valueSlots(t) {
		w := valueTarget(*slot)
		if w == nil {
			continue
		}
		if _, seen := g.index[w]; !seen {
			g.strongConnect(w)
			g.low[t] = min(g.low[t], g.low[w])
		} else if g.onStack[w] {
			g.low[t] = min(g.low[t], g.index[w])
		}
	}
	if g.low[t] != g.index[t] {
		return
	}
	g.comps++
	for {
		w := g.stack[len(g.stack)-1]
		g.stack = g.stack[:len(g.stack)-1]
		g.onStack[w] = false
		g.comp[w] = g.comps
		if w == t {
			return
		}
	}
}
