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
		if v.satisfies(b, x) {
			return i
		}
	}
	v.reject("oneOf", "matches no variant")
	return -1
}

// stringVariant checks a string read by its first byte into variant i of
// the union (see byToken in the generator) against the variant's branch;
// when it breaks it, the union matches no variant, recorded as branch does.
func (s *jsonSchema) stringVariant(v *validator, i int, x string) {
	probe := validator{mode: v.mode, probe: true}
	s.branches()[i].checkString(&probe, x)
	if probe.failures > 0 {
		s.branch(v, x)
	}
}

// numberVariant is stringVariant for a number.
func (s *jsonSchema) numberVariant(v *validator, i int, x float64) {
	probe := validator{mode: v.mode, probe: true}
	s.branches()[i].checkNumber(&probe, x)
	if probe.failures > 0 {
		s.branch(v, x)
	}
}

func (s *jsonSchema) branches() []*jsonSchema {
	if len(s.oneOf) > 0 {
		return s.oneOf
	}
	return s.anyOf
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

// Decode decodes data into a new T, as json.Unmarshal(data, &x) does with
// the UnmarshalJSON of a generated type, only faster: json.Unmarshal first
// checks the syntax of all of data and then scans it once more before it
// calls UnmarshalJSON, which reads it a third time. A syntax error comes
// as a *ValidationError (keyword json), not as a *json.SyntaxError. Like
// json.Unmarshal, Decode reports what the JSON breaks of the schema's
// structure; call Validate on the result for the other constraints.
//
//	cart, err := api.Decode[api.Cart](body)
func Decode[T any, P interface {
	*T
	UnmarshalJSON(data []byte) error
}](data []byte) (T, error) {
	var x T
	err := P(&x).UnmarshalJSON(data)
	return x, err
}
