package load

import (
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseFast parses the block-style subset of YAML that spec generators write
// (Medusa's thousands of files, for example) several times faster than
// yaml.v3, and returns the same nodes yaml.v3 would: same kinds, tags,
// styles, values, lines and columns. Comments are dropped; the loader does
// not read them.
//
// It reports false for anything outside that subset (anchors, tags, flow
// collections with content, multi-line quoted scalars, tabs, several
// documents, ...) and for anything invalid. The caller then parses with
// yaml.v3, which also words the error messages, so a file never gets a
// different result because of this fast path. fastyaml_test.go checks both
// parsers agree on every file of the corpus and on tricky inputs.
//
// Its trees never hold aliases (anchors are outside the subset), so they
// need no alias bomb check whatever their size.
func parseFast(data []byte) (root *yaml.Node, ok bool) {
	src := string(data) // one copy; most scalars are substrings of it
	if !fastSubset(src) {
		return nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, unsupported := r.(unsupported); !unsupported {
				panic(r)
			}
			root, ok = nil, false
		}
	}()
	p := &fastParser{src: src, line: 1}
	return p.document(), true
}

// unsupported is the panic value with which the fast parser gives up.
type unsupported struct{}

// maxFastDepth bounds nesting; yaml.v3 has its own limit and message.
const maxFastDepth = 1000

// fastSubset rejects up front what the parser does not handle anywhere:
// characters yaml.v3 refuses or treats specially (control characters, tabs,
// CR, BOM, Unicode line breaks, invalid UTF-8) and document or directive
// markers at the start of a line.
func fastSubset(s string) bool {
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !printableRune(r) {
				return false
			}
			i += size
			lineStart = false
			continue
		}
		if c < 0x20 && c != '\n' || c == 0x7f {
			return false
		}
		if lineStart && (c == '%' || strings.HasPrefix(s[i:], "---") || strings.HasPrefix(s[i:], "...")) {
			return false
		}
		lineStart = c == '\n'
		i++
	}
	return true
}

// printableRune reports the non-ASCII characters yaml.v3 reads as ordinary
// text (utf8.RuneError stands for invalid UTF-8, which it refuses).
func printableRune(r rune) bool {
	switch {
	case r == 0x2028, r == 0x2029, r == 0xFEFF, r == utf8.RuneError:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

type fastParser struct {
	src       string
	pos       int
	line      int // 1-based line of pos
	lineStart int // offset where that line starts
	depth     int
	slab      []yaml.Node  // nodes are allocated in chunks
	stack     []*yaml.Node // children of the open collections, copied out once each is complete
}

// mark is a position as yaml.v3 reports it: 1-based line, 0-based column in
// characters.
type mark struct{ line, col int }

func (p *fastParser) fail() { panic(unsupported{}) }

func (p *fastParser) peek(off int) byte {
	if i := p.pos + off; i < len(p.src) {
		return p.src[i]
	}
	return 0
}

// blankz reports a space, line break or the end of input at pos+off.
func (p *fastParser) blankz(off int) bool {
	c := p.peek(off)
	return c == ' ' || c == '\n' || c == 0
}

func (p *fastParser) col() int { return utf8.RuneCountInString(p.src[p.lineStart:p.pos]) }

func (p *fastParser) mark() mark { return mark{p.line, p.col()} }

func (p *fastParser) newline() {
	p.pos++
	p.line++
	p.lineStart = p.pos
}

func (p *fastParser) skipSpaces() {
	for p.peek(0) == ' ' {
		p.pos++
	}
}

func (p *fastParser) node(kind yaml.Kind, tag string, at mark) *yaml.Node {
	if len(p.slab) == 0 {
		// About one node per 10 bytes of YAML: a chunk for the rest of the
		// file, so that the hundreds of small files of a spec do not each
		// leave most of a large chunk unused.
		p.slab = make([]yaml.Node, min(max((len(p.src)-p.pos)/10, 16), 1024))
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, at.line, at.col+1
	return n
}

// scalar makes a scalar node; plain scalars get the tag yaml.v3 resolves.
func (p *fastParser) scalar(value string, style yaml.Style, at mark) *yaml.Node {
	n := p.node(yaml.ScalarNode, "", at)
	n.Value, n.Style = value, style
	switch {
	case style == 0 && value == "<<":
		n.Tag = "!!merge" // as yaml.v3's parser tags merge keys
	case style == 0 && mayResolve(value):
		n.Tag = n.ShortTag()
	default:
		n.Tag = "!!str"
	}
	return n
}

// mayResolve reports whether yaml.v3 might resolve a plain scalar to
// something other than a string: only values starting with these characters
// can be numbers, booleans or nulls (its resolveTable), or be empty.
func mayResolve(value string) bool {
	return value == "" || strings.IndexByte("+-0123456789yYnNtTfFoO~.", value[0]) >= 0
}

// endLine consumes the rest of a line after a value: spaces, a comment and
// the line break.
func (p *fastParser) endLine() {
	p.skipSpaces()
	if p.peek(0) == '#' && p.src[p.pos-1] == ' ' {
		p.skipComment()
	}
	switch p.peek(0) {
	case '\n':
		p.newline()
	case 0:
	default:
		p.fail()
	}
}

func (p *fastParser) skipComment() {
	if i := strings.IndexByte(p.src[p.pos:], '\n'); i >= 0 {
		p.pos += i
	} else {
		p.pos = len(p.src)
	}
}

// skipToContent moves past blank and comment lines to the next content and
// returns its column; false at the end of input.
func (p *fastParser) skipToContent() (int, bool) {
	for {
		p.skipSpaces()
		switch p.peek(0) {
		case 0:
			return 0, false
		case '\n':
			p.newline()
		case '#':
			p.skipComment()
		default:
			return p.col(), true
		}
	}
}

func (p *fastParser) document() *yaml.Node {
	col, ok := p.skipToContent()
	if !ok || !p.keyAhead() {
		p.fail()
	}
	root := p.mapping(col)
	if _, more := p.skipToContent(); more {
		p.fail()
	}
	return root
}

func (p *fastParser) enter() {
	if p.depth++; p.depth > maxFastDepth {
		p.fail()
	}
}

// mapping parses a block mapping whose keys start at column indent; pos is
// at its first key.
func (p *fastParser) mapping(indent int) *yaml.Node {
	p.enter()
	defer func() { p.depth-- }()
	m := p.node(yaml.MappingNode, "!!map", p.mark())
	base := len(p.stack)
	for {
		key := p.key()
		value := p.value(indent, p.mark()) // pushes and pops its own children
		p.stack = append(p.stack, key, value)
		col, ok := p.skipToContent()
		if !ok || col < indent {
			m.Content = p.children(base)
			return m
		}
		if col > indent {
			p.fail()
		}
	}
}

// sequence parses a block sequence whose dashes are at column indent.
func (p *fastParser) sequence(indent int) *yaml.Node {
	p.enter()
	defer func() { p.depth-- }()
	s := p.node(yaml.SequenceNode, "!!seq", p.mark())
	base := len(p.stack)
	for {
		p.pos++ // the dash
		item := p.item(indent, p.mark())
		p.stack = append(p.stack, item)
		col, ok := p.skipToContent()
		if !ok || col < indent || col == indent && !p.entryAhead() {
			s.Content = p.children(base)
			return s
		}
		if col > indent {
			p.fail()
		}
	}
}

// children pops the children a collection pushed from base, into a slice
// of their exact size.
func (p *fastParser) children(base int) []*yaml.Node {
	c := slices.Clone(p.stack[base:])
	clear(p.stack[base:]) // let the stack hold no stale pointers
	p.stack = p.stack[:base]
	return c
}

// entryAhead reports a sequence entry indicator at pos.
func (p *fastParser) entryAhead() bool { return p.peek(0) == '-' && p.blankz(1) }

// item parses what follows an entry's dash; empty marks where an empty
// entry's null is reported.
func (p *fastParser) item(indent int, empty mark) *yaml.Node {
	p.skipSpaces()
	switch c := p.peek(0); {
	case c == '\n' || c == 0 || c == '#':
		p.endLine()
		return p.below(indent, empty, false)
	case p.entryAhead(), (c == '?' || c == ':') && p.blankz(1):
		p.fail() // compact nested sequences and complex keys
	case p.keyAhead():
		return p.mapping(p.col())
	}
	return p.inline(indent)
}

// value parses a mapping value after its key's colon.
func (p *fastParser) value(indent int, empty mark) *yaml.Node {
	p.skipSpaces()
	if c := p.peek(0); c != '\n' && c != 0 && c != '#' {
		return p.inline(indent)
	}
	p.endLine()
	return p.below(indent, empty, true)
}

// below parses a value that starts on a later line than its key or dash.
// Without one it is null, at empty. A mapping's value may be a sequence at
// the mapping's own indentation (indentless).
func (p *fastParser) below(parent int, empty mark, indentless bool) *yaml.Node {
	col, ok := p.skipToContent()
	switch {
	case ok && col == parent && indentless && p.entryAhead():
		return p.sequence(col)
	case !ok || col <= parent:
		return p.scalar("", 0, empty)
	case p.entryAhead():
		return p.sequence(col)
	case p.keyAhead():
		return p.mapping(col)
	}
	return p.inline(parent)
}

// inline parses a scalar (or an empty flow collection) starting at pos,
// inside a block collection indented at parent.
func (p *fastParser) inline(parent int) *yaml.Node {
	at := p.mark()
	var n *yaml.Node
	switch p.peek(0) {
	case '|', '>':
		return p.blockScalar(parent, at)
	case '\'':
		n = p.singleQuoted(at)
	case '"':
		n = p.doubleQuoted(at)
	case '[', '{':
		n = p.emptyFlow(at)
	default:
		if !p.plainStart() {
			p.fail()
		}
		return p.plain(parent, at)
	}
	p.endLine()
	return n
}

// plainStart reports whether a plain scalar may start at pos.
func (p *fastParser) plainStart() bool {
	c := p.peek(0)
	switch {
	case p.blankz(0):
		return false
	case c == '-' || c == '?' || c == ':':
		return !p.blankz(1)
	}
	return !strings.ContainsRune(",[]{}#&*!|>'\"%@`", rune(c))
}

// keyAhead reports whether the current line holds a key and its colon at pos.
func (p *fastParser) keyAhead() bool {
	save := *p
	defer func() { *p = save }()
	switch c := p.peek(0); {
	case c == '\'':
		p.skipSingleQuoted()
	case c == '"':
		p.skipDoubleQuoted()
	case p.plainStart():
		if !p.skipPlainKey() {
			return false
		}
	default:
		return false
	}
	return p.peek(0) == ':' && p.blankz(1)
}

// key parses a mapping key and its colon.
func (p *fastParser) key() *yaml.Node {
	at := p.mark()
	var k *yaml.Node
	switch start := p.pos; p.peek(0) {
	case '\'':
		k = p.singleQuoted(at)
	case '"':
		k = p.doubleQuoted(at)
	default:
		if !p.plainStart() || !p.skipPlainKey() || p.pos-start > 1000 {
			p.fail()
		}
		k = p.scalar(p.src[start:p.pos], 0, at)
	}
	if p.peek(0) != ':' || !p.blankz(1) {
		p.fail()
	}
	p.pos++
	return k
}

// skipPlainKey moves to the colon ending a one-line plain key; false when
// the line has none.
func (p *fastParser) skipPlainKey() bool {
	for {
		switch c := p.peek(0); {
		case c == ':' && p.blankz(1):
			return p.src[p.pos-1] != ' ' // "key :" is left to yaml.v3
		case c == '\n' || c == 0, c == ' ' && p.peek(1) == '#':
			return false
		}
		p.pos++
	}
}

// plain parses a plain scalar the way yaml.v3's scanner does: it ends at a
// colon followed by a blank, at a comment, or before a line indented at
// parent or less; line breaks fold into spaces.
func (p *fastParser) plain(parent int, at mark) *yaml.Node {
	var folded []byte // nil while the value is one line
	value := ""
	for {
		text := p.plainLine()
		if folded != nil {
			folded = append(folded, text...)
		} else {
			value = text
		}
		switch p.peek(0) {
		case ':':
			p.fail() // "a: b: c", a syntax error
		case '#':
			p.skipComment()
		case '\n':
			breaks := p.plainBreaks()
			if c := p.peek(0); c != 0 && c != '#' && p.col() > parent {
				if folded == nil {
					folded = append([]byte(nil), value...)
				}
				folded = appendFold(folded, breaks)
				continue
			}
		}
		if folded != nil {
			value = string(folded)
		}
		return p.scalar(value, 0, at)
	}
}

// plainLine consumes one line's part of a plain scalar and returns its text;
// pos ends at the line break, a comment's '#', a colon or the end.
func (p *fastParser) plainLine() string {
	start, end := p.pos, p.pos
	for {
		switch c := p.peek(0); {
		case c == ':' && p.blankz(1), c == '\n', c == 0:
			return p.src[start:end]
		case c == ' ':
			p.skipSpaces()
			if p.peek(0) == '#' {
				return p.src[start:end]
			}
		default:
			p.pos++
			end = p.pos
		}
	}
}

// plainBreaks consumes line breaks and indentation, returning how many breaks.
func (p *fastParser) plainBreaks() int {
	n := 0
	for {
		switch p.peek(0) {
		case '\n':
			p.newline()
			n++
		case ' ':
			p.pos++
		default:
			return n
		}
	}
}

// appendFold joins lines as YAML folding does: one break is a space, more
// keep all but the first.
func appendFold(b []byte, breaks int) []byte {
	if breaks == 1 {
		return append(b, ' ')
	}
	for range breaks - 1 {
		b = append(b, '\n')
	}
	return b
}

// skipSingleQuoted moves past a one-line single-quoted scalar.
func (p *fastParser) skipSingleQuoted() {
	p.pos++
	for {
		i := strings.IndexAny(p.src[p.pos:], "'\n")
		if i < 0 || p.src[p.pos+i] == '\n' {
			p.fail() // multi-line or unterminated
		}
		p.pos += i + 1
		if p.peek(0) != '\'' {
			return
		}
		p.pos++ // '' is a quote
	}
}

func (p *fastParser) singleQuoted(at mark) *yaml.Node {
	start := p.pos + 1
	p.skipSingleQuoted()
	value := p.src[start : p.pos-1]
	if strings.Contains(value, "''") {
		value = strings.ReplaceAll(value, "''", "'")
	}
	return p.scalar(value, yaml.SingleQuotedStyle, at)
}

// skipDoubleQuoted moves past a one-line double-quoted scalar.
func (p *fastParser) skipDoubleQuoted() {
	p.pos++
	for {
		i := strings.IndexAny(p.src[p.pos:], "\"\\\n")
		if i < 0 || p.src[p.pos+i] == '\n' {
			p.fail()
		}
		p.pos += i + 1
		switch p.src[p.pos-1] {
		case '"':
			return
		case '\\':
			if p.peek(0) == '\n' || p.peek(0) == 0 {
				p.fail() // an escaped line break
			}
			p.pos++
		}
	}
}

func (p *fastParser) doubleQuoted(at mark) *yaml.Node {
	start := p.pos + 1
	p.skipDoubleQuoted()
	value := p.src[start : p.pos-1]
	if strings.IndexByte(value, '\\') >= 0 {
		value = p.unescape(value)
	}
	return p.scalar(value, yaml.DoubleQuotedStyle, at)
}

// escapes maps YAML's one-character escapes to their characters (yaml.v3
// has no \/ escape).
var escapes = map[byte]rune{
	'0': 0, 'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': 0x1b,
	' ': ' ', '"': '"', '\'': '\'', '\\': '\\', 'N': 0x85, '_': 0xA0, 'L': 0x2028, 'P': 0x2029,
}

// hexEscapes maps the numeric escapes to their number of hex digits.
var hexEscapes = map[byte]int{'x': 2, 'u': 4, 'U': 8}

func (p *fastParser) unescape(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b = append(b, s[i])
			continue
		}
		i++
		if r, ok := escapes[s[i]]; ok {
			b = utf8.AppendRune(b, r)
			continue
		}
		digits, ok := hexEscapes[s[i]]
		if !ok || i+digits >= len(s) {
			p.fail()
		}
		r := hexRune(s[i+1 : i+1+digits])
		if r < 0 || r >= 0xD800 && r <= 0xDFFF || r > 0x10FFFF {
			p.fail()
		}
		b = utf8.AppendRune(b, r)
		i += digits
	}
	return string(b)
}

// hexRune parses hex digits; -1 when one is not a hex digit.
func hexRune(s string) rune {
	var r rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return -1
		}
	}
	return r
}

// emptyFlow parses [] or {}; flow collections with content are left to yaml.v3.
func (p *fastParser) emptyFlow(at mark) *yaml.Node {
	var n *yaml.Node
	switch p.src[p.pos:min(p.pos+2, len(p.src))] {
	case "[]":
		n = p.node(yaml.SequenceNode, "!!seq", at)
	case "{}":
		n = p.node(yaml.MappingNode, "!!map", at)
	default:
		p.fail()
	}
	n.Style = yaml.FlowStyle
	p.pos += 2
	return n
}

// blockScalar parses a literal (|) or folded (>) scalar inside a block
// collection indented at parent, as yaml.v3's scanner does.
func (p *fastParser) blockScalar(parent int, at mark) *yaml.Node {
	literal := p.peek(0) == '|'
	p.pos++
	chomp := 0 // clip
	switch p.peek(0) {
	case '+':
		chomp = 1
		p.pos++
	case '-':
		chomp = -1
		p.pos++
	}
	if c := p.peek(0); c >= '0' && c <= '9' {
		p.fail() // explicit indentation
	}
	p.endLine()
	indent := 0
	trailing := p.blockBreaks(&indent, parent)
	var b []byte
	leadingBreak, leadingBlank := 0, false
	for p.pos < len(p.src) && p.col() == indent {
		trailingBlank := p.peek(0) == ' '
		if !literal && !leadingBlank && !trailingBlank && leadingBreak == 1 {
			if trailing == 0 {
				b = append(b, ' ')
			}
		} else {
			b = appendBreaks(b, leadingBreak)
		}
		b = appendBreaks(b, trailing)
		leadingBlank = trailingBlank
		end := strings.IndexByte(p.src[p.pos:], '\n')
		if end < 0 {
			end = len(p.src) - p.pos
		}
		b = append(b, p.src[p.pos:p.pos+end]...)
		p.pos += end
		leadingBreak = 0
		if p.peek(0) == '\n' {
			p.newline()
			leadingBreak = 1
		}
		trailing = p.blockBreaks(&indent, parent)
	}
	if chomp != -1 {
		b = appendBreaks(b, leadingBreak)
	}
	if chomp == 1 {
		b = appendBreaks(b, trailing)
	}
	style := yaml.LiteralStyle
	if !literal {
		style = yaml.FoldedStyle
	}
	return p.scalar(string(b), style, at)
}

func appendBreaks(b []byte, n int) []byte {
	for range n {
		b = append(b, '\n')
	}
	return b
}

// blockBreaks consumes a block scalar's indentation and empty lines,
// returning how many line breaks it passed. It settles the scalar's
// indentation from the first content line when *indent is still 0.
func (p *fastParser) blockBreaks(indent *int, parent int) int {
	maxIndent, breaks := 0, 0
	for {
		col := p.col()
		for (*indent == 0 || col < *indent) && p.peek(0) == ' ' {
			p.pos++
			col++
		}
		maxIndent = max(maxIndent, col)
		if p.peek(0) != '\n' {
			break
		}
		p.newline()
		breaks++
	}
	if *indent == 0 {
		*indent = max(maxIndent, parent+1, 1)
	}
	return breaks
}
