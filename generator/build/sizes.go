package build

import (
	"cmp"
	"slices"

	"github.com/oasgen/oasgen/generator/ir"
)

// MaxValueSize bounds, in bytes, how large a declared struct or union may
// be. A union holds each of its variants by value, and a struct its fields:
// an anyOf of ten $refs to an anyOf of ten $refs... is ten to the power of
// its depth times as large as the innermost type, which Go cannot compile
// past a few levels ("stack frame too large") and which costs as much
// memory to decode into. The largest by-value slots of a type that would
// be larger are put behind pointers, as breakCycles does for recursive
// types, so that no type is much larger than this. Real schemas stay far
// below it: the largest type of the Medusa and Twilio APIs takes 14 KB.
const MaxValueSize = 64 << 10

// boundSizes puts behind pointers the slots that make a declared type larger
// than MaxValueSize. It runs after breakCycles, when types hold one another
// by value without cycles; each type's size is worked out once. It returns
// how many types it sized, for tests.
func boundSizes(decls []*ir.Type) int {
	z := &sizer{memo: map[*ir.Type]int64{}, active: map[*ir.Type]bool{}}
	for _, t := range decls {
		z.declSize(t)
	}
	return z.visits
}

// sizer estimates the size of Go values of the declared types, in bytes,
// as the gc compiler lays them out on 64-bit platforms (near enough).
type sizer struct {
	memo   map[*ir.Type]int64
	active map[*ir.Type]bool
	visits int // declared types looked at, for tests
}

func (z *sizer) declSize(t *ir.Type) int64 {
	if n, ok := z.memo[t]; ok {
		return n
	}
	if z.active[t] {
		return 8 // a cycle breakCycles left: behind a pointer somewhere
	}
	z.visits++
	z.active[t] = true
	defer delete(z.active, t)
	var n int64
	switch t.Kind {
	case ir.Struct, ir.Union:
		n = z.bound(t)
	case ir.Alias, ir.Defined, ir.Enum:
		n = z.exprSize(t.Elem)
	default:
		n = z.exprSize(&ir.Type{Kind: t.Kind, Go: t.Go, Elem: t.Elem})
	}
	z.memo[t] = n
	return n
}

// bound returns the size of a struct or union, once the slots that make it
// larger than MaxValueSize are behind pointers: the largest first, and all
// slots of one size together, so that the variants or fields of one type
// are all pointers or all values.
func (z *sizer) bound(t *ir.Type) int64 {
	slots := valueSlots(t)
	sizes := make([]int64, len(slots))
	total := int64(0)
	if t.Kind == ir.Union || t.Extra != nil {
		total = 8 // the Kind, or the map of additional properties
	}
	for i, slot := range slots {
		sizes[i] = z.exprSize(*slot)
		total += sizes[i]
	}
	if total <= MaxValueSize {
		return total
	}
	order := make([]int, 0, len(slots))
	for i, slot := range slots {
		if valueTarget(*slot) != nil { // a declared type by value, which a pointer can hold
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(sizes[j], sizes[i]) })
	for k, i := range order {
		if total <= MaxValueSize && (k == 0 || sizes[i] != sizes[order[k-1]]) {
			break
		}
		*slots[i] = pointerTo(*slots[i])
		ptr := z.exprSize(*slots[i])
		total += ptr - sizes[i]
	}
	return total
}

// exprSize estimates the size of a value of type t.
func (z *sizer) exprSize(t *ir.Type) int64 {
	if t == nil {
		return 0
	}
	if t.Name != "" {
		return z.declSize(t)
	}
	switch t.Kind {
	case ir.Pointer, ir.Map:
		return 8
	case ir.Slice:
		return 24
	case ir.Opt, ir.Nullable, ir.OptNullable: // Value, then one or two bools
		return z.exprSize(t.Elem) + 8
	case ir.Builtin:
		return builtinSize(t.Go)
	}
	return 16
}

func builtinSize(goType string) int64 {
	switch goType {
	case "bool":
		return 1
	case "int32", "float32":
		return 4
	case "int", "int64", "float64":
		return 8
	case "string", "any":
		return 16
	case "time.Time", "Date", "[]byte", "json.RawMessage":
		return 24
	}
	return 16 // an x-go-type: a guess, which only moves where the bound falls
}

// maxInlineNesting is how many arrays and maps without a declaration may
// nest in one type expression ([][][]int): an array or map whose type
// would nest deeper is declared, as a named one is. The generated code spells the whole type
// expression at each level of its loops, so a deeper expression costs code
// that grows with the square of its depth. Real specs nest a few levels
// (GeoJSON's MultiPolygon, four).
const maxInlineNesting = 8

// inlineNesting counts the arrays and maps without a declaration that t
// is made of, outermost first.
func inlineNesting(t *ir.Type) int {
	n := 0
	for t != nil && t.Name == "" && (t.Kind == ir.Slice || t.Kind == ir.Map) {
		n++
		t = t.Elem
	}
	return n
}
