package build

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
)

// schemaDoc collects a declared type's documentation.
func (b *builder) schemaDoc(s *load.Schema) ir.Doc {
	d := ir.Doc{
		Source:      b.rel(s.Loc.File),
		Title:       s.Title,
		Description: s.Description,
		Deprecated:  s.Deprecated,
		ReadOnly:    s.ReadOnly,
		WriteOnly:   s.WriteOnly,
	}
	if s.Loc.Pointer != "" {
		d.Source = shortSource(d.Source + "#" + s.Loc.Pointer)
	}
	if s.Example != nil {
		d.Example = exampleText(s.Example.V)
	}
	if s.ExternalDocs != nil {
		d.ExternalURL, d.ExternalDoc = s.ExternalDocs.URL, s.ExternalDocs.Description
	}
	return d
}

// maxSource caps the length of the location a declared type's comment
// gives: a pointer grows with the depth of the schema, and each type of a
// deep spec would otherwise repeat its parent's in full. The longest of
// the Twilio APIs has 233 characters.
const maxSource = 400

// shortSource leaves out the middle of a location longer than maxSource,
// between two slashes.
func shortSource(src string) string {
	if len(src) <= maxSource {
		return src
	}
	head, tail := src[:maxSource/2], src[len(src)-maxSource/2:]
	if i := strings.LastIndexByte(head, '/'); i > 0 {
		head = head[:i+1]
	}
	if i := strings.IndexByte(tail, '/'); i >= 0 {
		tail = tail[i+1:]
	}
	return head + "…/" + tail
}

// fieldDoc documents a property: the text next to its $ref wins, as Medusa's
// authors intend, then the schema's own.
func (b *builder) fieldDoc(sr *load.SchemaRef) ir.Doc {
	s := sr.Value
	d := ir.Doc{
		Title:       s.Title,
		Description: s.Description,
		Deprecated:  s.Deprecated || sr.Deprecated,
		ReadOnly:    s.ReadOnly || sr.ReadOnly,
		WriteOnly:   s.WriteOnly || sr.WriteOnly,
	}
	if sr.Ref != "" { // the target type carries its own documentation
		d = ir.Doc{Title: sr.Title, Description: sr.Description, Deprecated: sr.Deprecated, ReadOnly: sr.ReadOnly, WriteOnly: sr.WriteOnly}
		return d
	}
	if s.Example != nil {
		d.Example = exampleText(s.Example.V)
	}
	if s.ExternalDocs != nil {
		d.ExternalURL, d.ExternalDoc = s.ExternalDocs.URL, s.ExternalDocs.Description
	}
	return d
}

// exampleText renders an example as compact JSON; encoding/json sorts map
// keys, so the text is the same on every run.
func exampleText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	n := 200
	if len(data) <= n {
		return string(data)
	}
	for n > 0 && !utf8.RuneStart(data[n]) {
		n--
	}
	return string(data[:n]) + "…"
}
