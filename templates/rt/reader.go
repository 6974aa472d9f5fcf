package rt

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// reader reads one JSON document from a byte slice, in one pass, for the
// generated decodeJSON methods. It checks the syntax as it goes and accepts
// exactly what encoding/json accepts; the first syntax error stops
// everything (every later read sees the end of the input). Values of the
// wrong JSON type are not syntax errors: the typed read methods record them
// in the validator, with the JSON Pointer it holds, skip the value and go on.
type reader struct {
	data  []byte
	pos   int
	depth int    // open objects and arrays, limited as encoding/json limits them
	key   []byte // the key firstKey or nextKey read; valid until the next string is read
	buf   []byte // unescaped strings, reused
	err   string // the first syntax error, with its offset; "" when none
	// arena holds copies of the strings of the decoded value (see copyString).
	arena strings.Builder
	// The state of readAny (anyvalue.go): the recent boxed strings and
	// numbers, and the entries and items of the objects and arrays being read.
	boxes  *[boxCount]box
	fields []field
	items  []any
}

// maxNesting is encoding/json's limit on nested objects and arrays.
const maxNesting = 10000

// finish checks that only white space follows the value just decoded. It
// reports whether the JSON is well-formed and broke the schema, in which
// case the generated UnmarshalJSON completes v with the checks of Validate,
// so that one error lists every violation.
func (r *reader) finish(v *validator) bool {
	if r.peek() != 0 || r.pos < len(r.data) {
		r.fail("after top-level value")
	}
	return r.err == "" && len(v.violations) > 0
}

// result is what a generated UnmarshalJSON returns: nil, or a
// *ValidationError with the violations, or with the syntax error alone.
func (r *reader) result(v *validator) error {
	if r.err != "" {
		return &ValidationError{Violations: []Violation{{Keyword: "json", Message: r.err}}}
	}
	return v.err()
}

// fail records a syntax error at the current byte and stops the reader.
func (r *reader) fail(context string) {
	if r.err != "" {
		return
	}
	if r.pos >= len(r.data) {
		r.err = "unexpected end of JSON input"
	} else {
		r.err = "invalid character " + quoteChar(r.data[r.pos]) + " " + context + " at offset " + strconv.Itoa(r.pos)
	}
	r.pos = len(r.data)
}

// quoteChar formats c as encoding/json's syntax errors do.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// peek skips white space and returns the next byte, or 0 at the end.
func (r *reader) peek() byte {
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c > ' ' || c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
		r.pos++
	}
	return 0
}

// null consumes a null and reports whether there was one.
func (r *reader) null() bool {
	if r.peek() != 'n' {
		return false
	}
	r.literal("null")
	return true
}

func (r *reader) literal(lit string) {
	if len(r.data)-r.pos >= len(lit) && string(r.data[r.pos:r.pos+len(lit)]) == lit {
		r.pos += len(lit)
		return
	}
	for i := 0; i < len(lit) && r.pos < len(r.data) && r.data[r.pos] == lit[i]; i++ {
		r.pos++
	}
	r.fail("in literal " + lit)
}

// open consumes the { or [ at the current byte.
func (r *reader) open() {
	r.pos++
	if r.depth++; r.depth > maxNesting {
		r.pos--
		r.fail("exceeding the maximum nesting depth")
	}
}

// firstKey enters the object at the current byte. It reads the first key
// into r.key and the colon after it, and reports whether there is one.
func (r *reader) firstKey() bool {
	r.open()
	if r.peek() == '}' {
		r.pos++
		r.depth--
		return false
	}
	return r.readKey()
}

// nextKey reads the next key of the object being read, or its end.
func (r *reader) nextKey() bool {
	switch r.peek() {
	case ',':
		r.pos++
		return r.readKey()
	case '}':
		r.pos++
		r.depth--
		return false
	}
	r.fail("after object key:value pair")
	return false
}

func (r *reader) readKey() bool {
	if r.peek() != '"' {
		r.fail("looking for beginning of object key string")
		return false
	}
	r.key = r.str()
	if r.peek() != ':' {
		r.fail("after object key")
		return false
	}
	r.pos++
	return r.err == ""
}

// keyString returns the key just read as a string.
func (r *reader) keyString() string { return r.copyString(r.key) }

// text reads the string at the current byte (a quote) as a Go string.
func (r *reader) text() string { return r.copyString(r.str()) }

// arenaSize is the size of the buffers copyString copies strings into.
const arenaSize = 4096

// copyString returns b as a string. A string of its own would cost an
// allocation per string: instead strings are copied one after the other
// into a buffer of arenaSize bytes, and a new buffer is made when one is
// full. strings.Builder, which only appends, shares its buffer with the
// strings it returns. A string kept from the decoded value keeps its
// buffer alive, at most arenaSize bytes.
func (r *reader) copyString(b []byte) string {
	switch {
	case len(b) == 0:
		return ""
	case len(b) > arenaSize/4:
		return string(b) // would waste much of a buffer
	}
	if r.arena.Cap()-r.arena.Len() < len(b) {
		r.arena.Reset() // drops the full buffer to the strings cut from it
		// The rest of the input holds the rest of the strings.
		r.arena.Grow(min(arenaSize, len(b)+len(r.data)-r.pos))
	}
	at := r.arena.Len()
	r.arena.Write(b)
	return r.arena.String()[at:]
}

// firstItem enters the array at the current byte and reports whether it
// has an item.
func (r *reader) firstItem() bool {
	r.open()
	if r.peek() == ']' {
		r.pos++
		r.depth--
		return false
	}
	return r.err == ""
}

// nextItem moves to the next item of the array being read, or past its end.
func (r *reader) nextItem() bool {
	switch r.peek() {
	case ',':
		r.pos++
		return true
	case ']':
		r.pos++
		r.depth--
		return false
	}
	r.fail("after array element")
	return false
}

// strSafe marks the bytes a string can hold as they are: not the quote, the
// backslash, control characters or the start of multi-byte UTF-8.
var strSafe = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads the string at the current byte (a quote) and returns its
// content, unescaped and with invalid UTF-8 replaced by U+FFFD, as
// encoding/json does. The result is part of the input or of r.buf: it is
// valid until the next call.
func (r *reader) str() []byte {
	data := r.data
	start := r.pos + 1
	i := start
	// Eight bytes at a time while none is special (a quote, a backslash, a
	// control character or non-ASCII); the first flagged byte is a real one.
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		q, b := w^(lsb*'"'), w^(lsb*'\\')
		if m := ((w-lsb*0x20)|(q-lsb)|(b-lsb)) & ^w & ^q & ^b & msb | w&msb; m != 0 {
			i += bits.TrailingZeros64(m) / 8
			break
		}
	}
	for ; i < len(data); i++ {
		c := data[i]
		if strSafe[c] {
			continue
		}
		if c == '"' {
			r.pos = i + 1
			return data[start:i]
		}
		return r.strSlow(start, i)
	}
	r.pos = len(data)
	r.fail("")
	return nil
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// strSlow finishes a string that holds escapes, control characters or
// non-ASCII bytes; i is the first such byte.
func (r *reader) strSlow(start, i int) []byte {
	data := r.data
	// Valid UTF-8 without escapes needs no copy.
	for i < len(data) {
		c := data[i]
		if strSafe[c] {
			i++
			continue
		}
		if c == '"' {
			r.pos = i + 1
			return data[start:i]
		}
		if c < utf8.RuneSelf {
			break // an escape or a control character
		}
		rn, size := utf8.DecodeRune(data[i:])
		if rn == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	b := append(r.buf[:0], data[start:i]...)
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			r.buf = b
			r.pos = i + 1
			return b
		case c == '\\':
			if i+1 >= len(data) {
				r.pos = len(data)
				r.fail("")
				return nil
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rn := hex4(data, i+2)
				if rn < 0 {
					r.pos = min(i+2, len(data))
					for r.pos < len(data) && r.pos < i+6 && isHex(data[r.pos]) {
						r.pos++
					}
					r.fail("in \\u hexadecimal character escape")
					return nil
				}
				i += 6
				if utf16.IsSurrogate(rn) {
					if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if rn2 := hex4(data, i+2); rn2 >= 0 {
							if dec := utf16.DecodeRune(rn, rn2); dec != utf8.RuneError {
								b = utf8.AppendRune(b, dec)
								i += 6
								continue
							}
						}
					}
					rn = utf8.RuneError
				}
				b = utf8.AppendRune(b, rn)
				continue
			default:
				r.pos = i + 1
				r.fail("in string escape code")
				return nil
			}
			i += 2
		case c < 0x20:
			r.pos = i
			r.fail("in string literal")
			return nil
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			rn, size := utf8.DecodeRune(data[i:])
			b = utf8.AppendRune(b, rn) // invalid bytes become U+FFFD
			i += size
		}
	}
	r.buf = b
	r.pos = len(data)
	r.fail("")
	return nil
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// hex4 decodes the four hex digits at data[i:], or returns -1.
func hex4(data []byte, i int) rune {
	if i+4 > len(data) {
		return -1
	}
	var n rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		n = n<<4 | rune(c)
	}
	return n
}

// skipString moves past the string at the current byte, checking it.
func (r *reader) skipString() {
	data := r.data
	for i := r.pos + 1; i < len(data); i++ {
		c := data[i]
		if c >= 0x80 || strSafe[c] {
			continue
		}
		switch {
		case c == '"':
			r.pos = i + 1
			return
		case c == '\\':
			if i+1 < len(data) && data[i+1] == 'u' {
				if hex4(data, i+2) >= 0 {
					i += 5
					continue
				}
			} else if i+1 < len(data) {
				switch data[i+1] {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					i++
					continue
				}
			}
			r.pos = i + 1
			r.fail("in string escape code")
			return
		default: // a control character
			r.pos = i
			r.fail("in string literal")
			return
		}
	}
	r.pos = len(data)
	r.fail("")
}

// number reads the number at the current byte and reports whether it is
// an integer literal (no fraction, no exponent).
func (r *reader) number() (num []byte, integer bool) {
	data, i := r.data, r.pos
	start := i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		for i++; i < len(data) && '0' <= data[i] && data[i] <= '9'; i++ {
		}
	default:
		r.pos = i
		r.fail("in numeric literal")
		return nil, false
	}
	integer = true
	if i < len(data) && data[i] == '.' {
		integer = false
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			r.pos = i
			r.fail("after decimal point in numeric literal")
			return nil, false
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		integer = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			r.pos = i
			r.fail("in exponent of numeric literal")
			return nil, false
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	r.pos = i
	return data[start:i], integer
}

// skip moves past the value at the current byte, checking its syntax.
func (r *reader) skip() {
	switch r.peek() {
	case '"':
		r.skipString()
	case '{':
		for more := r.firstKey(); more; more = r.nextKey() {
			r.skip()
		}
	case '[':
		for more := r.firstItem(); more; more = r.nextItem() {
			r.skip()
		}
	case 't':
		r.literal("true")
	case 'f':
		r.literal("false")
	case 'n':
		r.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		r.number()
	default:
		r.fail("looking for beginning of value")
	}
}

// start returns the offset of the next value, for reading it again.
func (r *reader) start() int {
	r.peek()
	return r.pos
}

// raw skips the next value and returns its bytes.
func (r *reader) raw() []byte {
	start := r.start()
	r.skip()
	return r.data[start:r.pos]
}

// rewind moves back to offset start, to read a value again.
func (r *reader) rewind(start int) {
	if r.err == "" {
		r.pos = start
	}
}
