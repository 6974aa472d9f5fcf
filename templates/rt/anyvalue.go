package rt

import "encoding/binary"

// Reading values of type any (free-form objects, properties without a
// type), as encoding/json decodes them: map[string]any, []any, string,
// float64, bool or nil. Such values are often a large part of a document.
// Built naively they cost an allocation per map, map growth, slice growth,
// string and number; the reader keeps that to one per map and slice, and
// one box per string or number unlike the recent ones (the bytes of
// strings go to the reader's shared buffers, see copyString).

// boxBits sets how many boxes the reader keeps: 1 << boxBits.
const (
	boxBits  = 6
	boxCount = 1 << boxBits
)

// box is a string or number token of an any value, data[at:at+n], and its
// value in an interface. An interface holds its value by pointer and
// nothing can change that value through it, so equal tokens, frequent in
// free-form objects (currency codes, statuses, dates), can share one box
// instead of allocating one each.
type box struct {
	at, n int
	value any
}

// field is an entry of an object being read by readAny.
type field struct {
	key   string
	value any
}

// readAny reads any value as encoding/json decodes it into an any.
func (r *reader) readAny(v *validator) any {
	switch c := r.peek(); c {
	case '{':
		return r.anyObject(v)
	case '[':
		return r.anyArray(v)
	case 't':
		r.literal("true")
		return true
	case 'f':
		r.literal("false")
		return false
	case 'n':
		r.literal("null")
		return nil
	default:
		return r.anyToken(v, c)
	}
}

// readObjectAny reads a free-form object.
func (r *reader) readObjectAny(v *validator, dst *map[string]any) {
	if r.object(v) {
		*dst = r.anyObject(v)
	}
}

// anyObject reads the object at the current byte. Its entries wait in
// r.fields until its end, so that the map is made once, at its size,
// instead of growing entry by entry.
func (r *reader) anyObject(v *validator) map[string]any {
	base := len(r.fields)
	for more := r.firstKey(); more; more = r.nextKey() {
		k := r.keyString()
		x := r.readAny(v) // reads nested entries above base, and removes them
		r.fields = append(r.fields, field{k, x})
	}
	m := make(map[string]any, len(r.fields)-base)
	for _, f := range r.fields[base:] {
		m[f.key] = f.value // the last of equal keys counts, as in encoding/json
	}
	r.fields = r.fields[:base]
	return m
}

// anyArray reads the array at the current byte; its items wait in r.items,
// as anyObject's entries do.
func (r *reader) anyArray(v *validator) []any {
	base := len(r.items)
	for more := r.firstItem(); more; more = r.nextItem() {
		x := r.readAny(v)
		r.items = append(r.items, x)
	}
	a := make([]any, len(r.items)-base)
	copy(a, r.items[base:])
	r.items = r.items[:base]
	return a
}

// anyToken reads the string or number at the current byte, c, in the box
// of an equal token read recently when there is one.
func (r *reader) anyToken(v *validator, c byte) any {
	start := r.pos
	var content []byte
	var integer bool
	switch {
	case c == '"':
		content = r.str()
	case c == '-' || '0' <= c && c <= '9':
		content, integer = r.number()
	default:
		r.fail("looking for beginning of value")
	}
	if r.err != "" {
		return nil
	}
	token := r.data[start:r.pos]
	if r.boxes == nil { // made on first use: most documents have no any values
		r.boxes = new([boxCount]box)
	}
	b := &r.boxes[boxHash(token)]
	if b.n == len(token) && string(r.data[b.at:b.at+b.n]) == string(token) {
		return b.value
	}
	var value any
	switch {
	case token[0] != '"':
		f, ok := parseFloat(v, content, integer, 64)
		if !ok {
			return 0.0 // rejected: not remembered
		}
		value = f
	default:
		value = r.copyString(content)
	}
	*b = box{at: start, n: len(token), value: value}
	return value
}

// boxHash picks the box of a token from its length and its first, middle
// and last eight bytes: tokens of a document often share a prefix (ids) or
// differ only in the middle (dates).
func boxHash(t []byte) uint {
	const k = 0x9e3779b97f4a7c15
	h := uint64(len(t))
	if len(t) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(t)) * k
		h = (h ^ binary.LittleEndian.Uint64(t[(len(t)-8)/2:])) * k
		h = (h ^ binary.LittleEndian.Uint64(t[len(t)-8:])) * k
	} else {
		for _, c := range t {
			h = h<<8 | uint64(c)
		}
		h *= k
	}
	return uint(h >> (64 - boxBits))
}
