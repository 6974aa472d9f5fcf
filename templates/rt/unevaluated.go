package rt

// unevaluated holds unevaluatedProperties and unevaluatedItems of a
// schema (JSON Schema 2020-12): the schema that applies to the properties
// (items) no other keyword of the schema evaluated, or false for none.
type unevaluated struct {
	props   *jsonSchema
	noProps bool
	items   *jsonSchema
	noItems bool
}

// checkUnevaluated applies unevaluatedProperties and unevaluatedItems to
// x, after the schema's other keywords.
func (s *jsonSchema) checkUnevaluated(v *validator, x any) {
	u := s.unevaluated
	if u == nil {
		return
	}
	switch x := x.(type) {
	case map[string]any:
		if u.props == nil && !u.noProps {
			return
		}
		seen := map[string]bool{}
		s.evaluatedProps(v, x, seen, false)
		for _, name := range sortedKeys(x) {
			switch {
			case seen[name]:
			case u.noProps:
				v.addAt(name, "unevaluatedProperties", "unknown property %q", name)
			default:
				v.enter(name)
				u.props.validateAny(v, x[name])
				v.leave()
			}
		}
	case []any:
		if u.items == nil && !u.noItems {
			return
		}
		seen := make([]bool, len(x))
		s.evaluatedItems(v, x, seen, false)
		for i, ok := range seen {
			switch {
			case ok:
			case u.noItems:
				v.add("unevaluatedItems", "must have no item %d: no keyword of the schema evaluates it", i)
			default:
				v.enterIndex(i)
				u.items.validateAny(v, x[i])
				v.leave()
			}
		}
	}
}

// applicators calls fn with the subschemas of s that apply to x in place
// and whose annotations count (allOf, the anyOf and oneOf branches x
// satisfies, if with then or else, dependentSchemas of present
// properties). s itself is not included.
func (s *jsonSchema) applicators(v *validator, x any, fn func(*jsonSchema)) {
	for _, sub := range s.allOf {
		fn(sub)
	}
	for _, list := range [][]*jsonSchema{s.anyOf, s.oneOf} {
		for _, sub := range list {
			if v.satisfies(sub, x) {
				fn(sub)
			}
		}
	}
	if s.ifSchema != nil {
		if v.satisfies(s.ifSchema, x) {
			fn(s.ifSchema)
			if s.thenSchema != nil {
				fn(s.thenSchema)
			}
		} else if s.elseSchema != nil {
			fn(s.elseSchema)
		}
	}
	if obj, ok := x.(map[string]any); ok {
		for _, dep := range s.dependentSchemas {
			if _, present := obj[dep.name]; present {
				fn(dep.schema)
			}
		}
	}
}

// evaluatedProps marks in seen the properties of x that s evaluates: its
// properties, patternProperties and additionalProperties, and those of the
// subschemas that apply in place. A schema that x does not satisfy
// evaluates nothing; the caller checked s itself (nested), or x must
// satisfy it anyway.
func (s *jsonSchema) evaluatedProps(v *validator, x map[string]any, seen map[string]bool, nested bool) {
	if s == nil || nested && !v.satisfies(s, x) {
		return
	}
	all := s.additional != nil || s.noAdditional || s.anyAdditional ||
		s.unevaluated != nil && nested && (s.unevaluated.props != nil || s.unevaluated.noProps)
	for name := range x {
		if all || s.declares(name) || s.matchesPattern(name) {
			seen[name] = true
		}
	}
	s.applicators(v, x, func(sub *jsonSchema) { sub.evaluatedProps(v, x, seen, true) })
}

// evaluatedItems marks in seen the items of x that s evaluates:
// prefixItems, items, the items contains matches, and those of the
// subschemas that apply in place.
func (s *jsonSchema) evaluatedItems(v *validator, x []any, seen []bool, nested bool) {
	if s == nil || nested && !v.satisfies(s, x) {
		return
	}
	all := s.items != nil || s.noItems ||
		s.unevaluated != nil && nested && (s.unevaluated.items != nil || s.unevaluated.noItems)
	for i := range x {
		switch {
		case all || i < len(s.prefixItems):
			seen[i] = true
		case s.contains != nil && v.satisfies(s.contains, x[i]):
			seen[i] = true
		}
	}
	s.applicators(v, x, func(sub *jsonSchema) { sub.evaluatedItems(v, x, seen, true) })
}
