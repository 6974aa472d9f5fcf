package emit

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oasgen/oasgen/generator/ir"
)

// comment prints the doc comment of a declaration; it starts with the name,
// as Go doc comments do.
func comment(name string, d ir.Doc) string {
	var paras []string
	switch {
	case d.Lead != "":
		paras = append(paras, name+" "+d.Lead)
	case d.Source != "":
		paras = append(paras, name+" is generated from "+d.Source+".")
	default:
		paras = append(paras, name+" is a generated type.")
	}
	if strings.EqualFold(strings.ReplaceAll(d.Title, " ", ""), name) {
		d.Title = "" // the name already says it
	}
	paras = append(paras, body(d)...)
	return commentLines("", paras)
}

// fieldComment prints a field's doc comment, or nothing when there is none.
func fieldComment(d ir.Doc) string {
	paras := body(d)
	if len(paras) == 0 {
		return ""
	}
	return commentLines("\t", paras)
}

// body returns the paragraphs that describe a declaration or field.
func body(d ir.Doc) []string {
	var paras []string
	if t := strings.TrimSpace(d.Title); t != "" && !strings.EqualFold(t, strings.TrimSpace(d.Description)) {
		paras = append(paras, sentence(t))
	}
	if d.Description != "" {
		paras = append(paras, d.Description)
	}
	var notes []string
	if d.ReadOnly {
		notes = append(notes, "Read-only: sent in responses only.")
	}
	if d.WriteOnly {
		notes = append(notes, "Write-only: sent in requests only.")
	}
	if d.Example != "" {
		notes = append(notes, "Example: "+d.Example)
	}
	if len(notes) > 0 {
		paras = append(paras, strings.Join(notes, "\n"))
	}
	if d.ExternalURL != "" {
		see := "See " + d.ExternalURL
		if d.ExternalDoc != "" {
			see += " (" + strings.TrimSpace(d.ExternalDoc) + ")"
		}
		paras = append(paras, see+".")
	}
	if d.Deprecated {
		paras = append(paras, "Deprecated: the spec marks this as deprecated.")
	}
	return paras
}

// commentLines turns paragraphs into // lines, keeping the spec's own line
// breaks and separating paragraphs with an empty comment line.
func commentLines(indent string, paras []string) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString(indent + "//\n")
		}
		for _, line := range splitLines(strings.TrimSpace(p)) {
			b.WriteString(commentLine(indent, line) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// commentLine prints one line of spec text as a // comment. Every line
// oasgen writes starts with "// ", so spec text can never begin a directive
// (//go:generate, //line); the one directive that starts "// " is a build
// constraint, so text that would read as "+build" gets a backslash.
func commentLine(indent, text string) string {
	text = strings.TrimRight(inline(text), " \t")
	switch {
	case text == "":
		return indent + "//"
	case strings.HasPrefix(strings.TrimSpace(text), "+build"):
		text = `\` + strings.TrimSpace(text)
	}
	return indent + "// " + text
}

// splitLines splits text at every line break a reader would see: \n,
// \r\n, \r and the Unicode line and paragraph separators.
func splitLines(text string) []string {
	return strings.Split(lineBreaks.Replace(text), "\n")
}

var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")

// inline makes spec text safe to print inside a // comment: line breaks,
// other control and format characters (a NUL, a byte order mark, the
// bidirectional overrides of "Trojan Source" attacks) and invalid UTF-8 are
// written as Go escapes (\n, \x00, \ufeff), so the text can neither end the
// comment nor hold a character Go source refuses or hides.
func inline(text string) string {
	if !strings.ContainsFunc(text, unsafeInComment) && utf8.ValidString(text) {
		return text
	}
	var b strings.Builder
	for i, r := range text {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(text[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, text[i])
		case unsafeInComment(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeInComment(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp))
}

// sentence ends a one-line title with a period, so gofmt does not take it
// for a doc-comment heading.
func sentence(s string) string {
	if strings.ContainsRune(".!?:", rune(s[len(s)-1])) || strings.Contains(s, "\n") {
		return s
	}
	return s + "."
}

// wrapped prints text as // lines of at most about 76 characters, breaking
// between words, for the comments oasgen writes itself.
func wrapped(text string) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > 75 {
			lines = append(lines, commentLine("", line))
			line = ""
		}
		line = strings.TrimPrefix(line+" "+word, " ")
	}
	return strings.Join(append(lines, commentLine("", line)), "\n")
}
