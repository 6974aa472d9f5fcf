// Package diag carries problems found in a spec from the stage that finds them
// to the CLI that prints them. Every diagnostic has a position (file, line,
// column), a severity and a rule id; the library never prints.
package diag

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Severity orders how serious a diagnostic is.
type Severity int

const (
	// Info is a note that needs no action.
	Info Severity = iota
	// Warning is a defect that generation works around; --strict makes it an error.
	Warning
	// Error stops generation.
	Error
)

// String returns the lower-case name used in printed diagnostics.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	default:
		return "error"
	}
}

// Pos is a position in a spec file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
	// Node is what the position was taken from (the loader's *yaml.Node),
	// from which the loader works out a finding's JSON pointer; nil when
	// unknown.
	Node any
}

// String formats the position as file:line:col, leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "<unknown>"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Rel returns the position with its file made relative to dir when possible.
func (p Pos) Rel(dir string) Pos {
	if p.File == "" || dir == "" || !filepath.IsAbs(p.File) {
		return p
	}
	if rel, err := filepath.Rel(dir, p.File); err == nil {
		p.File = rel
	}
	return p
}

// Diagnostic is one problem found in a spec.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Rule     string
	Message  string
	// Files are the files Message names (given to New as File arguments),
	// which Rel makes relative as it does Pos.File.
	Files []string
	// Pointer is where the finding is in Pos.File, as a JSON pointer
	// fragment ("#/paths/~1pets/get"; "#" for the whole document), or ""
	// when unknown. The loader fills it in (load.Document.Locate).
	Pointer string
}

// File is a file path in a message. Given among the arguments of New (or
// List.Add...), it is formatted as the path and recorded in the
// diagnostic's Files, so that printing names it relative to the current
// folder, as it does the position.
type File string

// New returns a diagnostic whose message is format with args, as
// fmt.Sprintf makes it.
func New(pos Pos, sev Severity, rule, format string, args ...any) Diagnostic {
	d := Diagnostic{Pos: pos, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)}
	for _, a := range args {
		if f, ok := a.(File); ok {
			d.Files = append(d.Files, string(f))
		}
	}
	return d
}

// Rel returns the diagnostic with its position's file, and the files its
// message names, relative to dir when possible.
func (d Diagnostic) Rel(dir string) Diagnostic {
	d.Pos = d.Pos.Rel(dir)
	for _, f := range d.Files {
		if rel := (Pos{File: f}).Rel(dir).File; rel != f {
			d.Message = strings.ReplaceAll(d.Message, f, rel)
		}
	}
	return d
}

// same reports whether a and b are the same finding.
func same(a, b Diagnostic) bool {
	return a.Pos.File == b.Pos.File && a.Pos.Line == b.Pos.Line && a.Pos.Col == b.Pos.Col &&
		a.Severity == b.Severity && a.Rule == b.Rule && a.Message == b.Message
}

// Error formats the diagnostic as file:line:col: severity: message [rule].
func (d Diagnostic) Error() string {
	msg := oneLine(d.Message)
	s := fmt.Sprintf("%s: %s: %s", oneLine(d.Pos.String()), d.Severity, msg)
	if d.Pos.File == "" {
		s = fmt.Sprintf("%s: %s", d.Severity, msg)
	}
	if d.Rule != "" {
		s += " [" + d.Rule + "]"
	}
	return s
}

// List collects diagnostics in the order they are found.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, sev Severity, rule, format string, args ...any) {
	*l = append(*l, New(pos, sev, rule, format, args...))
}

// Errorf appends an error.
func (l *List) Errorf(pos Pos, rule, format string, args ...any) {
	l.Add(pos, Error, rule, format, args...)
}

// Warnf appends a warning.
func (l *List) Warnf(pos Pos, rule, format string, args ...any) {
	l.Add(pos, Warning, rule, format, args...)
}

// Count returns how many diagnostics have exactly the given severity.
func (l List) Count(sev Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// Sorted returns the diagnostics ordered by file, line, column, then message,
// without duplicates, so output is the same on every run.
func (l List) Sorted() List {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(out, same)
}

// Error is the error returned when diagnostics stop a stage. It wraps the list
// so callers can print every diagnostic, not only the first.
type ErrorList struct{ List List }

func (e *ErrorList) Error() string {
	for _, d := range e.List {
		if d.Severity == Error {
			return d.Error()
		}
	}
	return "no errors"
}

// oneLine writes the control characters of s (a spec's path key may hold a
// newline) as Go escapes, so that one diagnostic is always one line and
// spec text cannot forge another diagnostic or a terminal escape sequence.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
