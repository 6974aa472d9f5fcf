package build

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
)

// Specs are untrusted input: a schema can be reached along many paths (an
// anyOf of ten $refs to an anyOf of ten $refs... has ten to the power of its
// depth), so every analysis that follows subschemas remembers what it found
// of each schema and looks at each one a bounded number of times.

// analyses holds the memos of the builder's recursive analyses.
type analyses struct {
	// rules lists every rules the build made, in the order it made them,
	// for markNull and breakCombinatorCycles; schemaOf says whose they are.
	rules    []*ir.Rules
	schemaOf map[*ir.Rules]*load.Schema
	// kinds memoizes jsonKinds; kindsActive holds the schemas being worked out.
	kinds       map[*load.Schema][]string
	kindsActive map[*load.Schema]bool
	// allOfActive holds the allOf schemas whose Go type is being built, to
	// find those that are only themselves (A: allOf [B], B: allOf [A]).
	allOfActive map[*load.Schema]bool
	// visits counts the schemas jsonKinds looked at, for tests.
	kindVisits int
}

// jsonKinds lists the JSON value kinds a schema can match; nil means any.
func (b *builder) jsonKinds(s *load.Schema) []string {
	a := &b.an
	if k, ok := a.kinds[s]; ok {
		return k
	}
	if a.kindsActive[s] { // a schema inside itself says nothing more
		return nil
	}
	if a.kinds == nil {
		a.kinds, a.kindsActive = map[*load.Schema][]string{}, map[*load.Schema]bool{}
	}
	a.kindVisits++
	a.kindsActive[s] = true
	k := b.judgeKinds(s)
	delete(a.kindsActive, s)
	a.kinds[s] = k
	return k
}

func (b *builder) judgeKinds(s *load.Schema) []string {
	switch s.Type {
	case "string", "boolean", "array", "object":
		return []string{s.Type}
	case "integer", "number":
		return []string{"number"}
	}
	if len(s.Properties) > 0 || s.AdditionalProperties != nil {
		return []string{"object"}
	}
	var kinds []string
	for _, t := range s.Types {
		kinds = append(kinds, cmp.Or(map[string]string{"integer": "number"}[t], t))
	}
	for _, list := range [][]*load.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, m := range list {
			k := b.jsonKinds(m.Value)
			if k == nil {
				if len(s.AllOf) > 0 {
					continue
				}
				return nil
			}
			kinds = append(kinds, k...)
		}
	}
	slices.Sort(kinds)
	return slices.Compact(kinds)
}

// enterAllOf marks s, an allOf, as being built; it reports false when s is
// already, which means s is only itself through single-member allOfs.
func (b *builder) enterAllOf(s *load.Schema) bool {
	a := &b.an
	if a.allOfActive[s] {
		return false
	}
	if a.allOfActive == nil {
		a.allOfActive = map[*load.Schema]bool{}
	}
	a.allOfActive[s] = true
	return true
}

func (b *builder) leaveAllOf(s *load.Schema) { delete(b.an.allOfActive, s) }

// addRules records rules the build made for schema s.
func (b *builder) addRules(r *ir.Rules, s *load.Schema) {
	a := &b.an
	if a.schemaOf == nil {
		a.schemaOf = map[*ir.Rules]*load.Schema{}
	}
	a.rules = append(a.rules, r)
	a.schemaOf[r] = s
}

// breakCombinatorCycles finds the rules that are their own allOf, anyOf,
// oneOf, not or discriminator member, directly or through other such
// members (A: allOf [B], B: anyOf [A, string]). Checking a value against
// them checks the same value against the same rules again, for ever: the
// generated validators and the build's own check of examples would
// overflow the stack. The member that closes each loop is replaced by rules
// that accept anything, with a warning. Each rules is looked at once.
func (b *builder) breakCombinatorCycles() {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*ir.Rules]int{}
	var visit func(r *ir.Rules)
	visit = func(r *ir.Rules) {
		state[r] = onPath
		members := func(keyword string, list []*ir.Rules) {
			for i, m := range list {
				switch {
				case m == nil:
				case state[m] == onPath:
					list[i] = &ir.Rules{}
					b.warnCycle(r, keyword, i)
				case state[m] == unseen:
					visit(m)
				}
			}
		}
		members("allOf", r.AllOf)
		members("anyOf", r.AnyOf)
		members("oneOf", r.OneOf)
		for _, p := range []struct {
			keyword string
			rules   **ir.Rules
		}{{"not", &r.Not}, {"if", &r.If}, {"then", &r.Then}, {"else", &r.Else}} {
			if *p.rules != nil {
				one := []*ir.Rules{*p.rules}
				members(p.keyword, one)
				*p.rules = one[0]
			}
		}
		for i := range r.DependentSchemas {
			one := []*ir.Rules{r.DependentSchemas[i].Rules}
			members("dependentSchemas", one)
			r.DependentSchemas[i].Rules = one[0]
		}
		if d := r.Discriminator; d != nil {
			for i := range d.Cases {
				one := []*ir.Rules{d.Cases[i].Rules}
				members("discriminator mapping", one)
				d.Cases[i].Rules = one[0]
			}
		}
		state[r] = done
	}
	for _, r := range b.an.rules {
		if state[r] == unseen {
			visit(r)
		}
	}
}

func (b *builder) warnCycle(r *ir.Rules, keyword string, i int) {
	s := b.an.schemaOf[r]
	if s == nil {
		return
	}
	which := keyword
	if keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf" {
		which += " member " + strconv.Itoa(i+1)
	}
	b.diags.Warnf(s.Loc.Pos, "combinator-cycle", "%s leads back to this schema through keywords that check the same value (allOf, anyOf, oneOf, not, if, then, else, dependentSchemas), so checking a value against it would never end; the validators accept any value there", which)
}
