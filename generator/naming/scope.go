package naming

import "strconv"

// Scope hands out unique identifiers within one Go namespace (e.g.
// package-level types, or the fields of one struct). It is deterministic: the
// same sequence of calls gives the same names. The zero value is an empty,
// usable scope. A Scope is not safe for concurrent use; generation of one
// namespace is sequential anyway, and ordering must be fixed for determinism.
type Scope struct {
	taken map[string]bool
	// next remembers, per base name, the first suffix that may still be free,
	// so that many collisions on one base stay linear instead of quadratic.
	next map[string]int
}

// emptyName replaces an empty name in Unique, so that a spec name with no
// usable runes still yields a declarable identifier.
const emptyName = "Empty"

// NewScope returns a scope in which the reserved names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{}
	for _, name := range reserved {
		s.Reserve(name)
	}
	return s
}

// Reserve marks a name as taken (e.g. generated helper types like "Date",
// "Nullable", or imported package names), so Unique never hands it out.
func (s *Scope) Reserve(name string) {
	if s.taken == nil {
		s.taken = make(map[string]bool)
	}
	s.taken[name] = true
}

// Taken reports whether name is already used.
func (s *Scope) Taken(name string) bool {
	return s.taken[name]
}

// Unique returns name if it is free, else the first free of name2, name3, ...,
// and marks the result taken. An empty name becomes "Empty" (then "Empty2",
// ...). Suffixes start at 2 so that the first holder keeps the plain name and
// the second reads as "the second one".
func (s *Scope) Unique(name string) string {
	if name == "" {
		name = emptyName
	}
	if !s.Taken(name) {
		s.Reserve(name)
		return name
	}
	if s.next == nil {
		s.next = make(map[string]int)
	}
	n := max(s.next[name], 2)
	candidate := name + strconv.Itoa(n)
	for s.Taken(candidate) {
		n++
		candidate = name + strconv.Itoa(n)
	}
	s.next[name] = n + 1
	s.Reserve(candidate)
	return candidate
}
