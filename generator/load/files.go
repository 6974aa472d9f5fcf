package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// maxExpandedNodes bounds how many nodes a file may stand for once its YAML
// aliases are expanded. Real specs have few aliases; a "billion laughs" file
// has astronomically many, and any code that walks values (examples, enums)
// would otherwise spin on it.
const maxExpandedNodes = 1_000_000

// file is one parsed spec file. Files are parsed once and shared by every
// $ref that points into them.
type file struct {
	path string     // absolute, cleaned
	dir  string     // the folder of path, which relative refs start from
	root *yaml.Node // the document's content node
}

func newFile(path string, root *yaml.Node) *file {
	return &file{path: path, dir: filepath.Dir(path), root: root}
}

var (
	yamlLineRE    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	parserErrorRE = regexp.MustCompile(`^did not find expected (key|node content|<document start>|'-' indicator|',' or '[\]}]')`)
)

// parseYAML parses data as one YAML (or JSON) document.
func parseYAML(path string, data []byte) (*file, error) {
	// A file too large for the alias bomb check goes to yaml.v3 below, to
	// be refused with the same message.
	if root, nodes, ok := parseFast(data); ok && nodes <= maxExpandedNodes {
		return newFile(path, root), nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, syntaxError(path, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, posError(diag.Pos{File: path, Line: 1, Col: 1}, "syntax", "file is empty")
	}
	root := doc.Content[0]
	if n, at := expandedSize(root, map[*yaml.Node]int{}); n > maxExpandedNodes {
		return nil, posError(nodePos(path, at), "alias-bomb",
			"YAML aliases expand to more than %d nodes; refusing the file", maxExpandedNodes)
	}
	return newFile(path, root), nil
}

// syntaxError turns a yaml.v3 parse error into a positioned error. yaml.v3
// reports a line but no column for syntax errors; syntaxColumn guesses it
// from data.
func syntaxError(path string, data []byte, err error) error {
	if errors.Is(err, io.EOF) {
		return posError(diag.Pos{File: path, Line: 1, Col: 1}, "syntax", "file is empty")
	}
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserErrorRE.MatchString(m[2]) {
			line++ // yaml.v3 prints parser (not scanner) error lines 0-based
		}
		return posError(diag.Pos{File: path, Line: line, Col: syntaxColumn(data, line, m[2])}, "syntax", "invalid YAML: %s", m[2])
	}
	// yaml.v3 leaves the line out when it is the first.
	msg = trimYAMLPrefix(msg)
	return posError(diag.Pos{File: path, Line: 1, Col: syntaxColumn(data, 1, msg)}, "syntax", "invalid YAML: %s", msg)
}

func trimYAMLPrefix(s string) string {
	if len(s) > 6 && s[:6] == "yaml: " {
		return s[6:]
	}
	return s
}

// expandedSize returns how many nodes n stands for with aliases expanded,
// saturating above maxExpandedNodes, and the alias node where it overflowed.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) (int, *yaml.Node) {
	if v, ok := memo[n]; ok {
		return v, n
	}
	memo[n] = 1 // guards against alias cycles
	size := 1
	var at *yaml.Node
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		s, _ := expandedSize(n.Alias, memo)
		size += s
		at = n
	}
	for _, c := range n.Content {
		s, a := expandedSize(c, memo)
		size += s
		if a != nil && (at == nil || s > maxExpandedNodes/2) {
			at = a
		}
		if size > maxExpandedNodes {
			size = maxExpandedNodes + 1
			break
		}
	}
	memo[n] = size
	if at == nil {
		at = n
	}
	return size, at
}

func nodePos(path string, n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: path}
	}
	return diag.Pos{File: path, Line: n.Line, Col: n.Column}
}

// Error is a positioned problem that stops loading.
type Error struct {
	Diag diag.Diagnostic
}

func (e *Error) Error() string { return e.Diag.Error() }

func posError(pos diag.Pos, rule, format string, args ...any) error {
	return &Error{Diag: diag.Diagnostic{Pos: pos, Severity: diag.Error, Rule: rule, Message: fmt.Sprintf(format, args...)}}
}
