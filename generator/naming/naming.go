package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Exported turns one or more name parts from a spec (property names, schema
// names, path segments, operationIds, enum values) into an exported Go
// identifier in Go style, or "" when the parts hold no usable rune.
//
// Rules, applied to each part separately and then concatenated:
//
//   - Runes that are not letters or digits (unicode.IsLetter, unicode.IsDigit:
//     exactly what the Go spec allows, minus '_') separate words and are
//     dropped. Invalid UTF-8 counts as such a rune. Combining marks are
//     dropped without separating ("e\u0301t" → "Et").
//   - A part with no letters at all ("+", "<=", "-1", "1.5") is an enum value
//     made of symbols: common symbols become words ("+" → "Plus", "." → "Dot",
//     see symbolWords) so that "+1" and "-1" stay distinct ("Plus1",
//     "Minus1"); digits are kept; other runes are dropped.
//   - A part with no lower-case letters ("API_KEY", "PENDING") is
//     SCREAMING_CASE: only separators split it, and each word is title-cased
//     ("Key", "Pending") unless it is a known initialism or a run of them
//     ("ID", "IDURL").
//   - Any other part is split at lower→Upper ("createdAt"), digit→Upper
//     ("Get200Response") and acronym ends ("HTTPServer" → HTTP Server; "URLs"
//     stays one word). Letters and digits are never split otherwise, so "v2"
//     and "2fa" stay whole. Upper-case runs are kept as written, so an already
//     good Go name ("ABCService", "UserID") comes back unchanged.
//   - Every word gets an upper-case first rune; known initialisms are
//     upper-cased whole ("id" → "ID", "ids" → "IDs"; see initialisms).
//
// Finally, when the result does not start with an upper-case letter (a digit
// as in "2fa", or a letter without an upper-case form as in CJK), "X" is
// prepended: "X2fa", "X名前".
func Exported(parts ...string) string {
	words := splitParts(parts)
	if len(words) == 0 {
		return ""
	}
	id := strings.Join(words, "")
	if first, _ := utf8.DecodeRuneInString(id); !unicode.IsUpper(first) {
		id = "X" + id
	}
	return id
}

// Unexported is Exported with the first word lower-cased whole, so
// initialisms stay consistent ("ID" → "id", "URLPath" → "urlPath").
//
// When the result does not start with a lower-case or caseless letter (a
// digit as in "2fa", or an upper-case letter without a lower-case form), "x"
// is prepended: "x2fa". When the result is a Go keyword or predeclared
// identifier ("type", "string", "len", "error", ...), "Value" is appended
// ("typeValue"): keywords would not compile, and shadowing predeclared names
// breaks any later use of them in the same function; a trailing "_" is not Go
// style.
func Unexported(parts ...string) string {
	words := splitParts(parts)
	if len(words) == 0 {
		return ""
	}
	words[0] = lowerRunes(words[0])
	id := strings.Join(words, "")
	if first, _ := utf8.DecodeRuneInString(id); !unicode.IsLetter(first) || isUpper(first) {
		id = "x" + id
	}
	if IsKeyword(id) || isPredeclared(id) {
		id += "Value"
	}
	return id
}

// IsKeyword reports whether s is a Go keyword. It defers to go/token so the
// list follows the toolchain.
func IsKeyword(s string) bool {
	return token.IsKeyword(s)
}

// splitParts returns the cased words of all parts in order; empty parts
// contribute nothing.
func splitParts(parts []string) []string {
	var words []string
	for _, part := range parts {
		words = append(words, partWords(part)...)
	}
	return words
}

// partWords splits one part into cased words, choosing the mode described on
// Exported.
func partWords(part string) []string {
	if !strings.ContainsFunc(part, unicode.IsLetter) {
		return symbolWords(part)
	}
	screaming := !strings.ContainsFunc(part, unicode.IsLower)
	var words []string
	for _, seg := range segments(part) {
		if screaming {
			words = append(words, screamingWord(seg))
			continue
		}
		for _, w := range camelWords(seg) {
			words = append(words, camelWord(w))
		}
	}
	return words
}

// isIdentRune reports whether r may appear in a Go identifier; '_' is left
// out on purpose because it separates words in spec names.
func isIdentRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isUpper treats title-case letters (e.g. 'ǅ') as upper-case: for word
// splitting they start a word just like 'D' does.
func isUpper(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// segments returns the maximal runs of identifier runes in s. Ranging over a
// string turns invalid UTF-8 into utf8.RuneError, which is not a letter, so
// invalid bytes simply separate segments. Combining marks are dropped without
// separating: Go identifiers cannot hold them, and a decomposed "é" (e +
// U+0301) is still part of its word.
func segments(s string) [][]rune {
	var segs [][]rune
	var cur []rune
	for _, r := range s {
		if isIdentRune(r) {
			cur = append(cur, r)
			continue
		}
		if unicode.Is(unicode.Mark, r) {
			continue
		}
		if len(cur) > 0 {
			segs = append(segs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	return segs
}

// camelWords splits a segment of a mixed-case part at camelCase boundaries.
func camelWords(seg []rune) [][]rune {
	var words [][]rune
	start := 0
	for i := 1; i < len(seg); i++ {
		if wordBreak(seg, i) {
			words = append(words, seg[start:i])
			start = i
		}
	}
	return append(words, seg[start:])
}

// wordBreak reports whether a new word starts at seg[i] (i > 0).
func wordBreak(seg []rune, i int) bool {
	prev, cur := seg[i-1], seg[i]
	if !isUpper(cur) {
		// Letters and digits stay together ("v2", "2fa", "utf8").
		return false
	}
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true // "createdAt", "Get200Response", "UTF8String"
	}
	if !isUpper(prev) || i+1 >= len(seg) || !unicode.IsLower(seg[i+1]) {
		return false
	}
	// An upper-case run followed by a lower-case letter: the last upper-case
	// letter starts the next word ("HTTPServer"), unless what follows is only
	// a plural "s" ("URLs", "IDsFor").
	return !pluralS(seg, i+1)
}

// pluralS reports whether seg[i] is a lone "s" ending a word.
func pluralS(seg []rune, i int) bool {
	return seg[i] == 's' && (i+1 == len(seg) || !unicode.IsLower(seg[i+1]))
}

// camelWord cases one word of a mixed-case part: initialisms are upper-cased
// whole, anything else only gets its first rune upper-cased so that the
// author's acronyms ("ABC" in "ABCService") survive.
func camelWord(w []rune) string {
	if up, ok := initialism(lowerRunes(string(w))); ok {
		return up
	}
	return capitalise(string(w))
}

// screamingWord cases one word of a SCREAMING_CASE part: there the upper case
// carries no information, so the word is title-cased unless it is made of
// known initialisms.
func screamingWord(w []rune) string {
	lower := lowerRunes(string(w))
	if up, ok := initialism(lower); ok {
		return up
	}
	if initialismRun(lower) {
		return strings.ToUpper(lower)
	}
	return capitalise(lower)
}

// initialism returns the Go spelling of a lower-cased word that is a known
// initialism or its plural ("ids" → "IDs").
func initialism(lower string) (string, bool) {
	if initialisms[lower] {
		return strings.ToUpper(lower), true
	}
	if base, ok := strings.CutSuffix(lower, "s"); ok && initialisms[base] && !noPlural[base] {
		return strings.ToUpper(base) + "s", true
	}
	return "", false
}

// initialismRun reports whether a lower-cased word is a concatenation of
// known initialisms and digits ("idurl" = id+url, "http2" = http+2), so that
// Exported("IDURL") keeps it upper-case and Exported stays stable on its own
// output. It is a linear dynamic programme rather than a recursion so hostile
// input cannot make it slow.
func initialismRun(lower string) bool {
	ok := make([]bool, len(lower)+1) // ok[i]: lower[:i] is a run
	ok[0] = true
	for i := 1; i <= len(lower); i++ {
		if c := lower[i-1]; c >= '0' && c <= '9' {
			ok[i] = ok[i-1]
		}
		for j := max(0, i-maxInitialismLen); j < i && !ok[i]; j++ {
			ok[i] = ok[j] && initialisms[lower[j:i]]
		}
	}
	// Digits alone are no initialism; upper-casing them is a no-op anyway.
	return ok[len(lower)] && strings.ContainsFunc(lower, unicode.IsLetter)
}

// capitalise upper-cases the first rune of s. A rune whose upper-case mapping
// is not a letter is left alone so the result stays a valid identifier.
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if u := unicode.ToUpper(r); u != r && unicode.IsLetter(u) {
		return string(u) + s[size:]
	}
	return s
}

// lowerRunes lower-cases s rune by rune (no special casing, so one rune maps
// to one rune), keeping any rune whose mapping would not be an identifier
// rune.
func lowerRunes(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); isIdentRune(l) {
			return l
		}
		return r
	}, s)
}

// symbolWords handles a part without letters: runs of digits are kept as
// words, common symbols become words, anything else is dropped. This keeps
// enum values such as "+1"/"-1" or "<"/">" distinct and readable.
func symbolWords(part string) []string {
	var words []string
	var digits strings.Builder
	flush := func() {
		if digits.Len() > 0 {
			words = append(words, digits.String())
			digits.Reset()
		}
	}
	for _, r := range part {
		if unicode.IsDigit(r) {
			digits.WriteRune(r)
			continue
		}
		flush()
		if w, ok := symbolNames[r]; ok {
			words = append(words, w)
		}
	}
	flush()
	return words
}

// symbolNames spells out symbols that appear as whole enum values.
var symbolNames = map[rune]string{
	'+': "Plus",
	'-': "Minus",
	'*': "Star",
	'/': "Slash",
	'.': "Dot",
	'<': "Lt",
	'>': "Gt",
	'=': "Eq",
	'!': "Not",
	'&': "And",
	'|': "Or",
	'%': "Percent",
	'#': "Hash",
	'@': "At",
	'~': "Tilde",
	'^': "Caret",
	':': "Colon",
	',': "Comma",
	'?': "Question",
	'_': "Underscore",
}

// initialisms holds, lower-cased, the initialisms that Go style writes in one
// case: golint's list plus staticcheck's DB and GID, and CSV, IO, JWT, OS,
// SKU which are common in API specs.
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true,
	"csv": true, "db": true, "dns": true, "eof": true, "gid": true,
	"guid": true, "html": true, "http": true, "https": true, "id": true,
	"io": true, "ip": true, "json": true, "jwt": true, "lhs": true,
	"os": true, "qps": true, "ram": true, "rhs": true, "rpc": true,
	"sku": true, "sla": true, "smtp": true, "sql": true, "ssh": true,
	"tcp": true, "tls": true, "ttl": true, "udp": true, "ui": true,
	"uid": true, "uri": true, "url": true, "utf8": true, "uuid": true,
	"vm": true, "xml": true, "xmpp": true, "xsrf": true, "xss": true,
}

// maxInitialismLen bounds the inner loop of initialismRun.
const maxInitialismLen = 5

// noPlural lists initialisms whose plural reads as another word: "ios" is the
// platform, not several IOs, and "oss" is not several OSs.
var noPlural = map[string]bool{"io": true, "os": true}

// isPredeclared reports whether s is one of Go's predeclared identifiers
// (universe scope). The list is spelled out rather than taken from go/types
// to keep this package light; a test checks it against types.Universe.
func isPredeclared(s string) bool {
	return predeclared[s]
}

var predeclared = map[string]bool{
	// Types.
	"any": true, "bool": true, "byte": true, "comparable": true,
	"complex64": true, "complex128": true, "error": true, "float32": true,
	"float64": true, "int": true, "int8": true, "int16": true, "int32": true,
	"int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	// Constants and the zero value.
	"true": true, "false": true, "iota": true, "nil": true,
	// Built-in functions.
	"append": true, "cap": true, "clear": true, "close": true,
	"complex": true, "copy": true, "delete": true, "imag": true, "len": true,
	"make": true, "max": true, "min": true, "new": true, "panic": true,
	"print": true, "println": true, "real": true, "recover": true,
}
