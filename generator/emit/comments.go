package emit

import (
	"strings"

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
		for _, line := range strings.Split(strings.TrimSpace(p), "\n") {
			line = strings.TrimRight(line, " \t\r")
			if line == "" {
				b.WriteString(indent + "//\n")
				continue
			}
			b.WriteString(indent + "// " + line + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
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
	var b strings.Builder
	line := "//"
	for _, word := range strings.Fields(text) {
		if len(line) > 2 && len(line)+1+len(word) > 78 {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + word
	}
	b.WriteString(line)
	return b.String()
}
