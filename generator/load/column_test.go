package load

import (
	"errors"
	"testing"
)

// TestSyntaxColumn: yaml.v3 syntax errors get the column of what they name.
func TestSyntaxColumn(t *testing.T) {
	for _, tc := range []struct {
		in        string
		line, col int
	}{
		{"a: 1\nb: {x: 1]\n", 2, 9},                   // the ] that closes nothing
		{"a:\n  b: 1\n   c: 2\n", 3, 5},               // the colon of a line under a plain scalar
		{"a: b: c\n", 1, 5},                           // the second key separator
		{"a: 'b: c': d: e\n", 1, 10},                  // a separator inside quotes does not count
		{"a:\n\tb: 1\n", 2, 1},                        // a tab
		{"a: @x\n", 1, 4},                             // a reserved indicator
		{"a: \"@\" `x`\n", 1, 8},                      // not the one inside quotes
		{"- a\nb: 1\n", 2, 1},                         // the line's first character
		{"a: [1, 2\n  b: 3\n", 2, 3},                  // no bracket on the line: its first character
		{"key without colon\n   b: 1 # x: y\n", 2, 5}, // not a colon in a comment
		// A key indented one space too far or too little: the key's line,
		// not that of the mapping it breaks.
		{"a:\n  b:\n    c: 1\n   d: 2\n", 4, 4},
		{"p:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n     summary: bad\n", 7, 6},
		{"a:\n  b: 1\n c: 2\n", 3, 2}, // in the root mapping yaml.v3 names the line itself
		{"a:\n  - x\n  - y\n   z: 1\n", 4, 5},
		{"a:\n  x:\n    - name: n\n      in: q\n    - name: m\n     in: p\n", 6, 6},
		// Text of block scalars and flow collections over lines is not a block.
		{"a:\n  b:\n    d: |\n      text\n        code\n      more\n    e: [1,\n  2]\n   f: 2\n", 9, 4},
	} {
		_, err := parseYAML("f.yaml", []byte(tc.in))
		var le *Error
		if !errors.As(err, &le) {
			t.Errorf("%q: got %v, want a positioned error", tc.in, err)
			continue
		}
		if le.Diag.Pos.Line != tc.line || le.Diag.Pos.Col != tc.col {
			t.Errorf("%q: got %d:%d (%s), want %d:%d", tc.in, le.Diag.Pos.Line, le.Diag.Pos.Col, le.Diag.Message, tc.line, tc.col)
		}
	}
}

// FuzzSyntaxColumn: any text, line and message give a column on the line
// (from 1 to one past its end), without a panic.
func FuzzSyntaxColumn(f *testing.F) {
	f.Add([]byte("a: b: c\n"), 1, "mapping values are not allowed in this context")
	f.Add([]byte("a: {x: 1]\n"), 1, "did not find expected ',' or '}'")
	f.Add([]byte("a:\n\t'b\n"), 2, "found character that cannot start any token")
	f.Fuzz(func(t *testing.T, data []byte, line int, msg string) {
		col := syntaxColumn(data, line, msg)
		if n := len(lineText(data, line)); col < 1 || col > n+1 {
			t.Errorf("column %d outside the line of %d bytes", col, n)
		}
	})
}

// FuzzMisindentedLine: any text gives a line from start on, without a panic.
func FuzzMisindentedLine(f *testing.F) {
	f.Add([]byte("a:\n  b:\n    c: 1\n   d: 2\n"), 2)
	f.Add([]byte("a:\n  - x\n  - |\n     t\n   z: 1\n"), 1)
	f.Fuzz(func(t *testing.T, data []byte, start int) {
		if got := misindentedLine(data, start); got < start {
			t.Errorf("line %d before the start %d", got, start)
		}
	})
}
