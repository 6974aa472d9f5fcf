package rt

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// The typed reads of the generated decoders: each reads the next value into
// a Go value, or records in the validator why the value does not fit (a
// null, another JSON type, a number out of range, a malformed date-time)
// and skips it.

// kindOf names the JSON type of the value starting with c, in the words of
// the schema's type keyword; "" when c starts no value.
func kindOf(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "number"
	}
	return ""
}

// mismatch records that the next value is not of the JSON type want (or is
// a null where none is allowed) and skips it. A syntax error is only that.
func (r *reader) mismatch(v *validator, want string) {
	c := r.peek()
	got := kindOf(c)
	if got == "" {
		r.fail("looking for beginning of value")
		return
	}
	r.skip()
	if r.err != "" {
		return
	}
	if c == 'n' {
		v.reject("nullable", "must not be null")
		return
	}
	v.reject("type", "must be %s, got %s", want, got)
}

// object reports whether the next value is an object; if not, it records
// the violation and skips the value.
func (r *reader) object(v *validator) bool {
	if r.peek() == '{' {
		return true
	}
	r.mismatch(v, "object")
	return false
}

// array reports whether the next value is an array; if not, it records the
// violation and skips the value.
func (r *reader) array(v *validator) bool {
	if r.peek() == '[' {
		return true
	}
	r.mismatch(v, "array")
	return false
}

// unknown records a property that additionalProperties: false forbids and
// skips its value.
func (r *reader) unknown(v *validator) {
	name := string(r.key)
	r.skip()
	v.addAt(name, "additionalProperties", "unknown property %q", name)
}

// readString reads a string.
func (r *reader) readString(v *validator, dst *string) {
	if r.peek() != '"' {
		r.mismatch(v, "string")
		return
	}
	*dst = r.text()
}

// readBool reads a boolean.
func (r *reader) readBool(v *validator, dst *bool) {
	switch r.peek() {
	case 't':
		r.literal("true")
		*dst = true
	case 'f':
		r.literal("false")
		*dst = false
	default:
		r.mismatch(v, "boolean")
	}
}

// integer reads an integer that fits in bits bits; goType names the Go type
// in messages when the value does not fit. A number written with a fraction
// or an exponent is an integer when its value is one (1.0, -0.0, 1e2), as
// JSON Schema says; the plain digits take the fast path.
func (r *reader) integer(v *validator, bits int, goType string) (int64, bool) {
	c := r.peek()
	if c != '-' && (c < '0' || c > '9') {
		r.mismatch(v, "integer")
		return 0, false
	}
	num, integer := r.number()
	if r.err != "" {
		return 0, false
	}
	if !integer {
		return integerWithFraction(v, num, bits, goType)
	}
	neg := num[0] == '-'
	digits := num
	if neg {
		digits = num[1:]
	}
	var u uint64
	if len(digits) > 19 {
		u = math.MaxUint64
	}
	for _, d := range digits {
		if u > (math.MaxUint64-9)/10 {
			u = math.MaxUint64
			break
		}
		u = u*10 + uint64(d-'0')
	}
	if n, ok := fitInt(u, neg, bits); ok {
		return n, true
	}
	outOfRange(v, num, goType)
	return 0, false
}

// fitInt returns the integer of magnitude u, negative when neg, and whether
// it fits in bits bits; u is saturated at math.MaxUint64.
func fitInt(u uint64, neg bool, bits int) (int64, bool) {
	limit := uint64(1) << (bits - 1) // the magnitude of the most negative value
	if neg && u <= limit {
		return -int64(u-1) - 1, true
	}
	return int64(u), !neg && u < limit
}

// outOfRange records that the integer num does not fit in goType.
func outOfRange(v *validator, num []byte, goType string) {
	if goType == "int" {
		v.reject("type", "must be integer, got number %s", num)
	} else {
		v.reject("type", "must be integer (%s), got number %s", goType, num)
	}
}

// integerWithFraction is integer for a number literal written with a
// fraction or an exponent.
func integerWithFraction(v *validator, num []byte, bits int, goType string) (int64, bool) {
	u, ok := integral(num)
	if !ok {
		v.reject("type", "must be integer, got number %s", num)
		return 0, false
	}
	if n, ok := fitInt(u, num[0] == '-', bits); ok {
		return n, true
	}
	outOfRange(v, num, goType)
	return 0, false
}

// integral returns the magnitude of the number literal num, which number
// read, written with a fraction or an exponent, saturated at
// math.MaxUint64, and whether its value is an integer. It works on the
// decimal digits, not through a float64, so 9007199254740993.0 stays exact.
func integral(num []byte) (uint64, bool) {
	if num[0] == '-' {
		num = num[1:]
	}
	mantissa, exp := num, int64(0)
	if i := bytes.IndexAny(num, "eE"); i >= 0 {
		mantissa = num[:i]
		e := num[i+1:]
		neg := e[0] == '-'
		if e[0] == '-' || e[0] == '+' {
			e = e[1:]
		}
		for _, d := range e {
			if exp < 1<<40 { // past any length of digits: 1e(2^40) is out of range, 1e-(2^40) no integer
				exp = exp*10 + int64(d-'0')
			}
		}
		if neg {
			exp = -exp
		}
	}
	whole, frac := mantissa, []byte(nil)
	if i := bytes.IndexByte(mantissa, '.'); i >= 0 {
		whole, frac = mantissa[:i], mantissa[i+1:]
	}
	// The value is the digits of whole and frac × 10^scale, the last digit
	// not 0 (unless every digit is): with scale < 0 it is no integer.
	frac = bytes.TrimRight(frac, "0")
	if len(frac) == 0 {
		trimmed := bytes.TrimRight(whole, "0")
		exp += int64(len(whole) - len(trimmed))
		whole = trimmed
	}
	scale := exp - int64(len(frac))
	var u uint64
	for _, digits := range [2][]byte{whole, frac} {
		for _, d := range digits {
			if u > (math.MaxUint64-9)/10 {
				return math.MaxUint64, scale >= 0
			}
			u = u*10 + uint64(d-'0')
		}
	}
	if u == 0 {
		return 0, true
	}
	if scale < 0 {
		return 0, false
	}
	for ; scale > 0; scale-- {
		if u > math.MaxUint64/10 {
			return math.MaxUint64, true
		}
		u *= 10
	}
	return u, true
}

// readInt reads an int.
func (r *reader) readInt(v *validator, dst *int) {
	if n, ok := r.integer(v, strconv.IntSize, "int"); ok {
		*dst = int(n)
	}
}

// readInt32 reads an int32.
func (r *reader) readInt32(v *validator, dst *int32) {
	if n, ok := r.integer(v, 32, "int32"); ok {
		*dst = int32(n)
	}
}

// readInt64 reads an int64.
func (r *reader) readInt64(v *validator, dst *int64) {
	if n, ok := r.integer(v, 64, "int64"); ok {
		*dst = n
	}
}

// float reads a number as a float of bits bits.
func (r *reader) float(v *validator, bits int) (float64, bool) {
	c := r.peek()
	if c != '-' && (c < '0' || c > '9') {
		r.mismatch(v, "number")
		return 0, false
	}
	num, integer := r.number()
	if r.err != "" {
		return 0, false
	}
	return parseFloat(v, num, integer, bits)
}

// parseFloat converts the number literal num, which number read, to a
// float of bits bits, as strconv.ParseFloat does.
func parseFloat(v *validator, num []byte, integer bool, bits int) (float64, bool) {
	if digits := num; integer && (len(digits) <= 15 || digits[0] == '-' && len(digits) <= 16) {
		// At most 15 digits: exact in an int64 and a float64, and
		// converting to float32 rounds as ParseFloat does. The sign is the
		// float's, so that -0 stays negative zero.
		neg := digits[0] == '-'
		if neg {
			digits = digits[1:]
		}
		var n int64
		for _, d := range digits {
			n = n*10 + int64(d-'0')
		}
		f := float64(n)
		if bits == 32 {
			f = float64(float32(n))
		}
		if neg {
			f = -f
		}
		return f, true
	}
	f, err := strconv.ParseFloat(string(num), bits)
	if err != nil {
		if bits == 32 {
			v.reject("type", "must be number (float32), got number %s", num)
		} else {
			v.reject("type", "must be number, got number %s", num)
		}
		return 0, false
	}
	return f, true
}

// readFloat64 reads a float64.
func (r *reader) readFloat64(v *validator, dst *float64) {
	if f, ok := r.float(v, 64); ok {
		*dst = f
	}
}

// readFloat32 reads a float32.
func (r *reader) readFloat32(v *validator, dst *float32) {
	if f, ok := r.float(v, 32); ok {
		*dst = float32(f)
	}
}

// readTime reads an RFC 3339 date-time, as strictly as format: date-time is
// checked (Go's own parser accepts a one-digit hour or a comma before the
// fraction).
func (r *reader) readTime(v *validator, dst *time.Time) {
	if r.peek() != '"' {
		r.mismatch(v, "string")
		return
	}
	s := r.str()
	if r.err != "" {
		return
	}
	dt, ok := parseDateTime(s)
	if !ok {
		v.reject("format", "must be a valid date-time: %s", msgDateTime)
		return
	}
	if dt.utc {
		*dst = time.Date(dt.year, time.Month(dt.month), dt.day, dt.hour, dt.minute, dt.second, dt.nanos, time.UTC)
		return
	}
	// An offset: let the time package choose the location, as encoding/json
	// does (Local when the offset is the local one).
	if err := dst.UnmarshalText(s); err != nil {
		v.reject("format", "must be a valid date-time: %s", msgDateTime)
	}
}

// readDate reads a date written as 2006-01-02 into the time of a Date.
func (r *reader) readDate(v *validator, dst *time.Time) {
	if r.peek() != '"' {
		r.mismatch(v, "string")
		return
	}
	s := r.str()
	if r.err != "" {
		return
	}
	y, m, d, ok := parseDate(s)
	if !ok {
		v.reject("format", "must be a valid date: %s", msgDate)
		return
	}
	*dst = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// readBytes reads base64 (format: byte) into a []byte.
func (r *reader) readBytes(v *validator, dst *[]byte) {
	if r.peek() != '"' {
		r.mismatch(v, "string")
		return
	}
	s := r.str()
	if r.err != "" {
		return
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Decode(b, s)
	if err != nil {
		v.reject("format", "must be a valid byte: %s", msgBase64)
		return
	}
	*dst = b[:n]
}

// readJSON decodes the next value with encoding/json, for types oasgen
// does not know (x-go-type); types is the bit set of JSON types the schema
// allows, 0 for any. A number counts as an integer here: the Go type
// decides.
func (r *reader) readJSON(v *validator, dst any, types uint8) {
	if s := (jsonSchema{types: types}); types != 0 {
		kind := kindOf(r.peek())
		allowed := kind == "" // a syntax error, which raw reports
		for t, name := range typeNames {
			allowed = allowed || name == kind && s.allows(t) || kind == "number" && t == typeInteger && s.allows(t)
		}
		if !allowed {
			r.mismatch(v, s.typeList())
			return
		}
	}
	raw := r.raw()
	if r.err != "" {
		return
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		v.reject("format", "%v", err)
	}
}

// discriminator returns the string value of property in the object that
// starts at the current byte, without consuming it. When the value is no
// object, or the property is missing or no string, it records the violation,
// skips the value and returns false.
func (r *reader) discriminator(v *validator, property string) ([]byte, bool) {
	if !r.object(v) {
		return nil, false
	}
	start, at := r.pos, -1
	for more := r.firstKey(); more; more = r.nextKey() {
		if string(r.key) == property { // the last one counts, as in encoding/json
			at = -1
			if r.peek() == '"' {
				at = r.pos
			}
		}
		r.skip()
	}
	if r.err != "" {
		return nil, false
	}
	if at < 0 {
		v.reject("discriminator", "property %q must be a string naming the variant", property)
		return nil, false
	}
	// Read the value again: r.buf, where an escaped one was unescaped, has
	// been reused by the keys since.
	r.pos = at
	tag := r.str()
	r.pos = start
	return tag, true
}

// unknownTag records a discriminator value that names no variant and skips
// the object.
func (r *reader) unknownTag(v *validator, property string, tag []byte) {
	v.enter(property)
	v.reject("discriminator", "unknown value %q", tag)
	v.leave()
	r.skip()
}
