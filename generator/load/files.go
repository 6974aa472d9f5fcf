package load

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// maxAliasNodes bounds how many nodes a file's YAML aliases may add once
// expanded (the expanded size minus the nodes written out). Real specs have
// few aliases; a "billion laughs" file has astronomically many, and any code
// that walks values (examples, enums) would otherwise spin on it. A file
// without aliases is never refused, whatever its size.
const maxAliasNodes = 1_000_000

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
	misindentRE   = regexp.MustCompile(`^did not find expected (key|'-' indicator)`)
	parserErrorRE = regexp.MustCompile(`^did not find expected (key|node content|<document start>|'-' indicator|',' or '[\]}]')`)
)

// parseYAML parses data as one YAML (or JSON) document.
func parseYAML(path string, data []byte) (*file, error) {
	root, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, posError(diag.Pos{File: path, Line: 1, Col: 1}, "syntax", "file is empty")
	}
	return newFile(path, root), nil
}

// Parse parses data, the content of the file at path, as one YAML (or JSON)
// document and returns its root node, nil when the document is empty. A
// syntax error, or aliases that expand too far, come back as an *Error with
// the position of the problem.
func Parse(path string, data []byte) (*yaml.Node, error) {
	// The fast parser's trees have no aliases: nothing to check.
	if root, ok := parseFast(data); ok {
		return root, nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(path, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if err := checkAliases(path, root); err != nil {
		return nil, err
	}
	return root, nil
}

// syntaxError turns a yaml.v3 parse error into a positioned error. yaml.v3
// reports a line but no column for syntax errors; syntaxColumn guesses it
// from data.
func syntaxError(path string, data []byte, err error) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserErrorRE.MatchString(m[2]) {
			line++ // yaml.v3 prints parser (not scanner) error lines 0-based
		}
		if misindentRE.MatchString(m[2]) {
			line = misindentedLine(data, line)
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

// checkAliases refuses a file whose YAML aliases, in some subtree, add more
// than maxAliasNodes nodes once expanded, and an alias inside the node it
// names (which would make every walk of the value endless). It walks each
// written node once and remembers the expanded size of anchored nodes only,
// so a large file without aliases costs one pass and no memory.
func checkAliases(path string, root *yaml.Node) error {
	c := aliasCounter{anchored: map[*yaml.Node]int{}}
	c.size(root)
	switch {
	case c.cycle:
		return posError(nodePos(path, c.at), "alias-cycle",
			"YAML alias *%s is inside the node it names; refusing the file", c.at.Value)
	case c.at != nil:
		return posError(nodePos(path, c.at), "alias-bomb",
			"YAML aliases expand to more than %d nodes; refusing the file", maxAliasNodes)
	}
	return nil
}

type aliasCounter struct {
	anchored map[*yaml.Node]int // expanded size of anchored nodes, -1 while being walked
	last     *yaml.Node         // the alias seen last
	at       *yaml.Node         // the alias where the file is refused
	cycle    bool               // at is inside the node it names
}

// size returns how many nodes n stands for with aliases expanded
// (saturating far above the limit) and how many are written out. It stops
// early once c.at is set.
func (c *aliasCounter) size(n *yaml.Node) (expanded, written int) {
	if n.Kind == yaml.AliasNode {
		c.last = n
		t := n.Alias
		if t == nil {
			return 1, 1
		}
		e, ok := c.anchored[t]
		switch {
		case e < 0:
			c.at, c.cycle = n, true
		case !ok: // not walked yet; yaml.v3 only names earlier nodes
			e, _ = c.size(t)
		}
		return e, 1
	}
	if n.Anchor != "" {
		c.anchored[n] = -1
	}
	expanded, written = 1, 1
	for _, ch := range n.Content {
		e, w := c.size(ch)
		if c.at != nil {
			return expanded, written
		}
		expanded, written = min(expanded+e, 1<<50), written+w
		if expanded-written > maxAliasNodes {
			c.at = c.last
			return expanded, written
		}
	}
	if n.Anchor != "" {
		c.anchored[n] = expanded
	}
	return expanded, written
}

func nodePos(path string, n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: path}
	}
	return diag.Pos{File: path, Line: n.Line, Col: n.Column, Node: n}
}

// Error is a positioned problem that stops loading.
type Error struct {
	Diag diag.Diagnostic
}

func (e *Error) Error() string { return e.Diag.Error() }

func posError(pos diag.Pos, rule, format string, args ...any) error {
	return &Error{Diag: diag.New(pos, diag.Error, rule, format, args...)}
}
