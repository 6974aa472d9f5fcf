package rt

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
)

// checkDecoded is what a generated UnmarshalJSON calls after decoding data
// with encoding/json (decodeErr is that call's error). encoding/json does not
// see a missing required property, a null where none is allowed, or an
// unknown property under additionalProperties: false; the cheap scan of the
// object's own keys below does. Only when something is wrong is the whole
// value decoded again generically and validated, to report every violation
// with its JSON Pointer.
func (s *jsonSchema) checkDecoded(data []byte, decodeErr error) error {
	if decodeErr == nil && s.shapeOK(data) {
		return nil
	}
	return s.explain(data, decodeErr)
}

// explain validates data generically and returns every violation; it falls
// back to describing decodeErr when the schema finds nothing.
func (s *jsonSchema) explain(data []byte, decodeErr error) error {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return &ValidationError{Violations: []Violation{{Keyword: "json", Message: err.Error()}}}
	}
	var v validator
	s.validateAny(&v, raw)
	if err := v.err(); err != nil {
		return err
	}
	if decodeErr == nil {
		return nil
	}
	var ve *ValidationError
	if errors.As(decodeErr, &ve) {
		return ve
	}
	var te *json.UnmarshalTypeError
	if errors.As(decodeErr, &te) {
		return &ValidationError{Violations: []Violation{{
			Path:    fieldPointer(te.Field),
			Keyword: "type",
			Message: "must be " + jsonTypeOf(te.Type) + ", got " + jsonValueOf(te.Value),
		}}}
	}
	return &ValidationError{Violations: []Violation{{Keyword: "format", Message: decodeErr.Error()}}}
}

// jsonTypeOf names the JSON type a Go type decodes from, in the words of
// the schema's type keyword, for messages: a generated struct is an object,
// not the name of the type encoding/json saw (which is a local "plain" type).
func jsonTypeOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string" // []byte is base64
		}
		return "array"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int:
		return "integer"
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer (" + t.Kind().String() + ")"
	case reflect.Float32:
		return "number (float32)"
	case reflect.Float64:
		return "number"
	}
	return t.String()
}

// jsonValueOf rewords what encoding/json says it found ("bool", "number 1.5").
func jsonValueOf(value string) string {
	if value == "bool" {
		return "boolean"
	}
	return value
}

// fieldPointer turns encoding/json's dotted field path into a JSON Pointer.
func fieldPointer(field string) string {
	if field == "" {
		return ""
	}
	return "/" + strings.ReplaceAll(field, ".", "/")
}

// shapeOK scans the keys of the JSON object data: required properties are
// present, null only where allowed (also inside arrays and maps, whose
// items encoding/json would silently leave at their zero value), and no
// unknown property where they are forbidden. It allocates nothing for
// objects with up to 64 required properties.
func (s *jsonSchema) shapeOK(data []byte) bool {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return s.nullsOK(data)
	}
	var seen uint64
	if len(s.required) > 64 {
		return s.explain(data, nil) == nil
	}
	ok := scanObject(data, func(key, value []byte) bool {
		name, ok := unquoteKey(key)
		if !ok {
			return false
		}
		if i := indexOf(s.required, name); i >= 0 {
			seen |= 1 << i
		}
		prop := s.prop(name)
		switch {
		case prop == nil && s.noAdditional:
			return false
		case prop == nil && s.additional != nil:
			return s.additional.nullsOK(value)
		case prop != nil:
			return prop.nullsOK(value)
		}
		return true
	})
	return ok && seen == 1<<len(s.required)-1
}

// nullsOK reports whether the JSON value data holds null only where the
// schema allows it: at the top, and in the items of arrays and the values of
// maps, recursively. Objects with properties check their own keys when
// they are decoded, so they are not entered here.
func (s *jsonSchema) nullsOK(data []byte) bool {
	if s == nil || len(data) == 0 {
		return true
	}
	switch data[0] {
	case 'n':
		return s.nullable || s.types == 0 && !s.hasEnumWithoutNull()
	case '[':
		return s.items == nil || scanArray(data, s.items.nullsOK)
	case '{':
		if len(s.props) > 0 || s.additional == nil {
			return true
		}
		return scanObject(data, func(_, value []byte) bool { return s.additional.nullsOK(value) })
	}
	return true
}

// scanArray calls fn with each raw item of the JSON array data until fn
// returns false.
func scanArray(data []byte, fn func(item []byte) bool) bool {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == ']' {
		return true
	}
	for i < len(data) {
		end := skipValue(data, i)
		if end < 0 || !fn(data[i:end]) {
			return false
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return false
		}
		if data[i] == ']' {
			return true
		}
		if data[i] != ',' {
			return false
		}
		i = skipSpace(data, i+1)
	}
	return false
}

func (s *jsonSchema) hasEnumWithoutNull() bool {
	for _, e := range s.enum {
		if e == nil {
			return false
		}
	}
	return len(s.enum) > 0
}

func (s *jsonSchema) prop(name string) *jsonSchema {
	for i := range s.props {
		if s.props[i].name == name {
			return s.props[i].schema
		}
	}
	return nil
}

func indexOf(list []string, name string) int {
	for i, x := range list {
		if x == name {
			return i
		}
	}
	return -1
}

func isNull(value []byte) bool { return len(value) == 4 && string(value) == "null" }

// unquoteKey returns a JSON object key as a string, without allocating
// when the key has no escapes.
func unquoteKey(key []byte) (string, bool) {
	if bytes.IndexByte(key, '\\') < 0 {
		return string(key[1 : len(key)-1]), true
	}
	s, err := strconv.Unquote(string(key))
	if err != nil {
		var out string
		if json.Unmarshal(key, &out) != nil {
			return "", false
		}
		return out, true
	}
	return s, true
}

// scanObject calls fn with each raw key (quoted) and value of the JSON
// object data until fn returns false. It assumes data is valid JSON, which
// encoding/json has checked by the time generated code calls it.
func scanObject(data []byte, fn func(key, value []byte) bool) bool {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == '}' {
		return true
	}
	for i < len(data) {
		end := skipString(data, i)
		if end < 0 {
			return false
		}
		key := data[i:end]
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return false
		}
		start := skipSpace(data, i+1)
		valueEnd := skipValue(data, start)
		if valueEnd < 0 || !fn(key, data[start:valueEnd]) {
			return false
		}
		i = skipSpace(data, valueEnd)
		if i >= len(data) {
			return false
		}
		if data[i] == '}' {
			return true
		}
		if data[i] != ',' {
			return false
		}
		i = skipSpace(data, i+1)
	}
	return false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at data[i].
func skipString(data []byte, i int) int {
	if i >= len(data) || data[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index after the JSON value starting at data[i].
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end := skipString(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) && !strings.ContainsRune(",}] \t\r\n", rune(data[j])) {
		j++
	}
	return j
}

// validateJSON decodes data generically and validates it against the
// schema: what a generated union's UnmarshalJSON checks before choosing a variant.
func (s *jsonSchema) validateJSON(data []byte) error {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return &ValidationError{Violations: []Violation{{Keyword: "json", Message: err.Error()}}}
	}
	var v validator
	s.validateAny(&v, raw)
	return v.err()
}

// branch validates data against a union's schema and returns the index of
// the first oneOf/anyOf branch it satisfies: the variant a generated union
// decodes into, so that a value valid for the union is valid for its variant.
func (s *jsonSchema) branch(data []byte) (int, error) {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return -1, &ValidationError{Violations: []Violation{{Keyword: "json", Message: err.Error()}}}
	}
	var v validator
	s.validateAny(&v, raw)
	if err := v.err(); err != nil {
		return -1, err
	}
	branches := s.oneOf
	if len(branches) == 0 {
		branches = s.anyOf
	}
	for i, b := range branches {
		if countValid([]*jsonSchema{b}, raw, modeAny, 1) == 1 {
			return i, nil
		}
	}
	return -1, &ValidationError{Violations: []Violation{{Keyword: "oneOf", Message: "matches no variant"}}}
}
