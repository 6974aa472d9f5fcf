package rt

// branch validates x, the value of a union without a discriminator decoded
// generically, against the union's schema, and returns the index of the
// first oneOf/anyOf branch it satisfies: the variant a generated decoder
// reads the value into, so that a value valid for the union is valid for
// its variant. When x breaks the schema it records the violations and
// returns -1.
func (s *jsonSchema) branch(v *validator, x any) int {
	n := len(v.violations)
	s.validateAny(v, x)
	if len(v.violations) > n {
		v.rejected = append(v.rejected, v.path())
		return -1
	}
	branches := s.oneOf
	if len(branches) == 0 {
		branches = s.anyOf
	}
	for i, b := range branches {
		if countValid([]*jsonSchema{b}, x, v.mode, 1) == 1 {
			return i
		}
	}
	v.reject("oneOf", "matches no variant")
	return -1
}

// checkProperty validates the value of a declared property that the Go
// type has no field for (its name cannot be a json tag).
func (s *jsonSchema) checkProperty(r *reader, v *validator, name string) {
	x := r.readAny(v)
	v.enter(name)
	s.prop(name).validateAny(v, x)
	v.leave()
}

func (s *jsonSchema) prop(name string) *jsonSchema {
	for i := range s.props {
		if s.props[i].name == name {
			return s.props[i].schema
		}
	}
	return nil
}
