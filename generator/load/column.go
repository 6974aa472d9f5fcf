package load

import (
	"bytes"
	"regexp"
	"strings"
)

// syntaxColumn guesses the column of a yaml.v3 syntax error on line (1-based)
// of data: yaml.v3 knows it but prints only the line. It looks on that line
// for what the message names, and else points at the line's first
// character that is not a space, which is on the right line whatever the
// error is.
func syntaxColumn(data []byte, line int, msg string) int {
	text := lineText(data, line)
	first := len(text) - len(strings.TrimLeft(text, " "))
	col := -1
	switch {
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		col = valueColon(text)
	case strings.HasPrefix(msg, "found character that cannot start any token"),
		strings.HasPrefix(msg, "found a tab character"):
		col = outsideQuotes(text, func(i int) bool { return strings.IndexByte("\t@`", text[i]) >= 0 })
	case strings.HasPrefix(msg, "did not find expected ',' or"):
		col = strayCloser(text)
	}
	if col < 0 {
		col = first
	}
	return col + 1
}

// lineText returns line n (1-based) of data without its line break, or "".
func lineText(data []byte, n int) string {
	for i := 1; i < n; i++ {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			return ""
		}
		data = data[nl+1:]
	}
	if nl := bytes.IndexByte(data, '\n'); nl >= 0 {
		data = data[:nl]
	}
	return strings.TrimSuffix(string(data), "\r")
}

// valueColon returns the offset of the colon that makes a mapping where
// none is allowed: the second key separator of `a: b: c`, else the first
// (a line indented under a plain scalar); -1 when there is none.
func valueColon(text string) int {
	var seps []int
	outsideQuotes(text, func(i int) bool {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
			seps = append(seps, i)
		}
		return false
	})
	switch {
	case len(seps) >= 2:
		return seps[1]
	case len(seps) == 1:
		return seps[0]
	}
	return -1
}

// outsideQuotes returns the first offset of text outside quotes (and
// before a comment) for which match is true, or -1.
func outsideQuotes(text string, match func(i int) bool) int {
	inQuote := byte(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inQuote != 0:
			if c == inQuote {
				inQuote = 0
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '#' && (i == 0 || text[i-1] == ' '):
			return -1
		case match(i):
			return i
		}
	}
	return -1
}

// strayCloser returns the offset of the first closing bracket of text that
// does not close the bracket opened last on the line, or -1.
func strayCloser(text string) int {
	var open []byte
	return outsideQuotes(text, func(i int) bool {
		switch c := text[i]; c {
		case '{', '[':
			open = append(open, c)
		case '}', ']':
			want := byte('[')
			if c == '}' {
				want = '{'
			}
			if len(open) == 0 || open[len(open)-1] != want {
				return true
			}
			open = open[:len(open)-1]
		}
		return false
	})
}

// blockScalarRE matches a line whose value is a block scalar (| or >): the
// lines below it that are indented deeper are text, whatever their indentation.
var blockScalarRE = regexp.MustCompile(`(?:^|\s)[|>][-+0-9]*\s*(?:#.*)?$`)

// misindentedLine finds the line yaml.v3 means by "did not find expected
// key" or "did not find expected '-' indicator": it names the line where the
// block mapping or list that expected it starts, not the line that broke
// it. It returns the first line from start on whose indentation matches
// none of the blocks open above it (a key one space too far in or out), or
// start when there is none. Text of block scalars and of flow collections
// spread over lines does not count.
func misindentedLine(data []byte, start int) int {
	var open []int // indentations of the blocks open above the line
	inText := -1   // the indentation a block scalar's text is deeper than, or -1
	depth := 0     // of brackets open in a flow collection
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := i + 1
		text := strings.TrimSuffix(string(raw), "\r")
		content := strings.TrimLeft(text, " ")
		n := len(text) - len(content)
		switch {
		case content == "" || content[0] == '#' || strings.HasPrefix(text, "---") || strings.HasPrefix(text, "..."):
			continue
		case inText >= 0 && n > inText:
			continue
		}
		inText = -1
		if depth > 0 {
			depth = max(0, depth+brackets(text))
			continue
		}
		popped := false
		for len(open) > 0 && open[len(open)-1] > n {
			open, popped = open[:len(open)-1], true
		}
		if len(open) == 0 || open[len(open)-1] < n {
			if popped && line >= start {
				return line
			}
			open = append(open, n)
		}
		// The content of list items is a block of its own: "- name: a"
		// is followed by "  in: query".
		for col := n; strings.HasPrefix(content, "- "); {
			rest := strings.TrimLeft(content[1:], " ")
			col += len(content) - len(rest)
			content = rest
			if content != "" && content[0] != '#' {
				open = append(open, col)
			}
		}
		if blockScalarRE.MatchString(content) {
			inText = open[len(open)-1]
		}
		depth = max(0, brackets(text))
	}
	return start
}

// brackets returns how many more flow brackets text opens than it closes,
// outside quotes and comments.
func brackets(text string) int {
	d := 0
	outsideQuotes(text, func(i int) bool {
		switch text[i] {
		case '[', '{':
			d++
		case ']', '}':
			d--
		}
		return false
	})
	return d
}
