package rt

import (
	"encoding/json"
	"reflect"
	"strconv"
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

// widenFloat32 returns the float64 nearest to the shortest decimal that
// reads back as f, which is what the JSON said: float64(float32(0.1)) is
// 0.10000000149011612, which breaks maximum: 0.1 and multipleOf: 0.1.
func widenFloat32(f float32) float64 {
	var buf [32]byte
	w, err := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], float64(f), 'g', -1, 32)), 64)
	if err != nil {
		return float64(f)
	}
	return w
}
