package rt

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonWriter writes JSON into a byte slice, for the generated encodeJSON
// methods. What it writes is byte for byte what encoding/json writes for the
// same values (with its default HTML escaping); the first error stops
// nothing but is what the encoding returns.
type jsonWriter struct {
	buf []byte
	err error
	// keys is a stack of sorted map keys (see mapKeys), reused from map to
	// map and, as WriteJSON pools writers, from response to response.
	keys []string
}

// mapKeys pushes the keys of m, sorted, on w's key stack and returns them
// with the mark to pop them with (w.keys = w.keys[:mark]) after the map is
// written. Maps nested in m push above them, so the returned slice stays
// intact; the stack's memory is reused, a map costs no allocation.
func mapKeys[V any](w *jsonWriter, m map[string]V) ([]string, int) {
	mark := len(w.keys)
	for k := range m {
		w.keys = append(w.keys, k)
	}
	keys := w.keys[mark:]
	slices.Sort(keys)
	return keys, mark
}

// jsonEncoder is a type with a generated encodeJSON method.
type jsonEncoder interface {
	encodeJSON(w *jsonWriter)
}

// encodeJSON returns the JSON of e, as MarshalJSON does.
func encodeJSON(e jsonEncoder) ([]byte, error) {
	w := jsonWriter{buf: make([]byte, 0, 256)}
	e.encodeJSON(&w)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

func (w *jsonWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// raw writes s as it is.
func (w *jsonWriter) raw(s string) { w.buf = append(w.buf, s...) }

// byte writes c.
func (w *jsonWriter) byte(c byte) { w.buf = append(w.buf, c) }

// comma writes the comma before every value of an object or array but the first.
func (w *jsonWriter) comma(first *bool) {
	if *first {
		*first = false
		return
	}
	w.buf = append(w.buf, ',')
}

func (w *jsonWriter) bool(b bool) {
	if b {
		w.raw("true")
	} else {
		w.raw("false")
	}
}

func (w *jsonWriter) int(i int64) { w.buf = strconv.AppendInt(w.buf, i, 10) }

func (w *jsonWriter) float64(f float64) { w.buf = appendFloat(w.buf, f, 64, w) }

func (w *jsonWriter) float32(f float32) { w.buf = appendFloat(w.buf, float64(f), 32, w) }

// appendFloat formats f as encoding/json does.
func appendFloat(b []byte, f float64, bits int, w *jsonWriter) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.fail(&json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, bits)})
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// string writes s as a JSON string.
func (w *jsonWriter) string(s string) { w.buf = appendJSONString(w.buf, s) }

const hexDigits = "0123456789abcdef"

// load64 reads eight bytes of s from i, little-endian, in one load.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// plainASCII says which ASCII bytes a JSON string holds as they are: not
// control characters, quotes, backslashes, nor the <, > and & that
// encoding/json escapes for HTML.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString quotes s as encoding/json does by default: invalid
// UTF-8 becomes U+FFFD, and <, >, &, U+2028 and U+2029 are escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs care (see str in the
		// reader); the first flagged byte is a real one.
		for i+8 <= len(s) {
			w := load64(s, i)
			q, b, lt, gt, amp := w^(lsb*'"'), w^(lsb*'\\'), w^(lsb*'<'), w^(lsb*'>'), w^(lsb*'&')
			m := ((w - lsb*0x20) | (q - lsb) | (b - lsb) | (lt - lsb) | (gt - lsb) | (amp - lsb)) & ^w & ^q & ^b & ^lt & ^gt & ^amp & msb
			if m |= w & msb; m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// time writes t as time.Time's MarshalJSON does.
func (w *jsonWriter) time(t time.Time) {
	// time.Time's MarshalJSON refuses years outside 0-9999. Year is as
	// costly as the formatting, so it is asked only near those bounds (a
	// zone moves the year by at most a day).
	if u := t.Unix(); u < minJSONTime+86400 || u > maxJSONTime-86400 {
		if y := t.Year(); y < 0 || y > 9999 {
			w.marshal(t) // the error time.Time reports
			return
		}
	}
	w.buf = append(w.buf, '"')
	w.buf = t.AppendFormat(w.buf, time.RFC3339Nano)
	w.buf = append(w.buf, '"')
}

// The Unix times of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
const (
	minJSONTime = -62167219200
	maxJSONTime = 253402300799
)

// date writes t as a Date, 2006-01-02.
func (w *jsonWriter) date(t time.Time) {
	w.buf = append(w.buf, '"')
	w.buf = t.AppendFormat(w.buf, time.DateOnly)
	w.buf = append(w.buf, '"')
}

// bytes writes b in base64.
func (w *jsonWriter) bytes(b []byte) {
	// nil is the empty string, not null: the schema's type is string (a
	// null would be Nullable[[]byte]).
	w.buf = append(w.buf, '"')
	w.buf = base64.StdEncoding.AppendEncode(w.buf, b)
	w.buf = append(w.buf, '"')
}

// marshal writes v through encoding/json: the slow path, for values of
// types oasgen does not know.
func (w *jsonWriter) marshal(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		w.fail(err)
		w.raw("null")
		return
	}
	w.buf = append(w.buf, data...)
}

// noVariant records that a union holds no variant.
func (w *jsonWriter) noVariant(union string, kind int) {
	w.fail(fmt.Errorf("%s: no variant is set (Kind %d)", union, kind))
	w.raw("null")
}

// isZero reports whether v is zero as the json option omitzero sees it.
func isZero(v any) bool {
	if rv := reflect.ValueOf(v); v == nil || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return true
	}
	if z, ok := v.(interface{ IsZero() bool }); ok {
		return z.IsZero()
	}
	return reflect.ValueOf(v).IsZero()
}
