package rt

import (
	"encoding/json"
	"reflect"
)

// checkUnique reports the first two equal items of a typed array.
func checkUnique[T any](v *validator, items []T) {
	if i, j, dup := firstDuplicate(len(items), func(i, j int) bool { return reflect.DeepEqual(items[i], items[j]) }); dup {
		v.add("uniqueItems", "items %d and %d are equal; items must be unique", i, j)
	}
}

// validateJSONOf checks a typed value against a rules table through its
// JSON form, for keywords typed code does not cover (enum of arrays, not...).
func validateJSONOf(v *validator, s *jsonSchema, x any) {
	data, err := json.Marshal(x)
	if err != nil {
		v.add("type", "cannot be encoded as JSON: %v", err)
		return
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		v.add("type", "cannot be decoded as JSON: %v", err)
		return
	}
	s.validateAny(v, raw)
}
