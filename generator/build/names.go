package build

import (
	"cmp"
	"github.com/oasgen/oasgen/generator/diag"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// nameComponents gives every schema that sits at a named location (a
// component, or the root of its own file) its Go name before anything else is
// named, so inline schemas never take a component's name, and the result
// does not depend on the order in which the spec is walked.
func (b *builder) nameComponents() {
	type candidate struct {
		s    *load.Schema
		name string
	}
	var cands []candidate
	schemas := reachableSchemas(b.doc)
	// Files that are one schema: their top-level keys are its keywords
	// (Thing.yaml#/additionalProperties), not names (Product.yaml#/Product).
	schemaFiles := map[string]bool{}
	for _, s := range schemas {
		if s.Loc.Pointer == "" {
			schemaFiles[s.Loc.File] = true
		}
	}
	for _, s := range schemas {
		if name, ok := locationName(s, schemaFiles); ok {
			cands = append(cands, candidate{s, name})
		}
	}
	slices.SortFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(x.name, y.name); c != 0 {
			return c // cmp.Or would compute the locations below for every pair
		}
		return cmp.Compare(b.rel(x.s.Loc.File)+"#"+x.s.Loc.Pointer, b.rel(y.s.Loc.File)+"#"+y.s.Loc.Pointer)
	})
	for _, c := range cands {
		b.names[c.s] = b.scope.Unique(c.name)
		if b.names[c.s] != c.name {
			b.diags.Add(c.s.Loc.Pos, diag.Info, "name-collision", "the Go name %s is taken; this schema is generated as %s", c.name, b.names[c.s])
		}
	}
}

// locationName is the Go name a schema gets from where it sits, if that place
// names it: #/components/schemas/Cart, Cart.yaml, or Product.yaml#/Product
// (not in a file that is a schema itself, one of schemaFiles).
func locationName(s *load.Schema, schemaFiles map[string]bool) (string, bool) {
	if s.Ext.GoName != "" {
		return naming.Exported(s.Ext.GoName), true
	}
	tokens := pointerTokens(s.Loc.Pointer)
	switch {
	case len(tokens) == 0:
		base := filepath.Base(s.Loc.File)
		base = strings.TrimSuffix(base, filepath.Ext(base))
		return nonEmpty(naming.Exported(base)), true
	case len(tokens) == 1 && !schemaFiles[s.Loc.File]:
		return nonEmpty(naming.Exported(tokens[0])), true
	case len(tokens) == 3 && tokens[0] == "components" && tokens[1] == "schemas",
		len(tokens) == 2 && tokens[0] == "definitions":
		return nonEmpty(naming.Exported(tokens[len(tokens)-1])), true
	}
	return "", false
}

// maxDerivedName caps the length of the Go names made from where an
// inline schema sits (CartItemsItemVariant...). Each level of nesting
// adds to its parent's name, so without a cap a deep spec spends most of
// the generated code, and of the memory making it, on names that grow with
// the depth. The longest such name of the Twilio APIs has 121 characters.
const maxDerivedName = 200

// shortName returns name, or when it is longer than maxDerivedName its
// end, from the first word that fits: the innermost names say most.
func shortName(name string) string {
	if len(name) <= maxDerivedName {
		return name
	}
	tail := name[len(name)-maxDerivedName:]
	for i, c := range tail {
		if unicode.IsUpper(c) {
			return tail[i:]
		}
	}
	// One long word: its start, which keeps the name exported.
	end := maxDerivedName
	for end > 0 && !utf8.RuneStart(name[end]) {
		end--
	}
	return name[:end]
}

func nonEmpty(name string) string {
	if name == "" {
		return "Schema"
	}
	return name
}

func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	toks := strings.Split(ptr[1:], "/")
	for i, t := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

// reachableSchemas lists every schema the document reaches, in walk order.
func reachableSchemas(doc *load.Document) []*load.Schema {
	seen := map[*load.Schema]bool{}
	var out []*load.Schema
	var visit func(sr *load.SchemaRef)
	visit = func(sr *load.SchemaRef) {
		if sr == nil || sr.Value == nil || seen[sr.Value] {
			return
		}
		s := sr.Value
		seen[s] = true
		out = append(out, s)
		for _, p := range s.Properties {
			visit(p.Schema)
		}
		visit(s.Items)
		for _, c := range s.PrefixItems {
			visit(c)
		}
		visit(s.AdditionalProperties)
		visit(s.Not)
		for _, list := range [][]*load.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, c := range list {
				visit(c)
			}
		}
		if s.Discriminator != nil {
			for _, m := range s.Discriminator.Mapping {
				visit(m.Schema)
			}
		}
	}
	for _, s := range doc.Schemas {
		visit(&load.SchemaRef{Value: s})
	}
	forEachOperationSchema(doc, visit)
	return out
}

// forEachOperationSchema calls fn for every schema an operation uses directly.
func forEachOperationSchema(doc *load.Document, fn func(*load.SchemaRef)) {
	for _, p := range doc.Paths {
		for _, op := range p.Operations {
			for _, param := range op.Parameters {
				fn(param.Schema)
				for _, mt := range param.Content {
					fn(mt.Schema)
				}
			}
			if op.RequestBody != nil {
				for _, mt := range op.RequestBody.Content {
					fn(mt.Schema)
				}
			}
			for _, r := range op.Responses {
				for _, mt := range r.Content {
					fn(mt.Schema)
				}
				for _, h := range r.Headers {
					fn(h.Schema)
				}
			}
		}
	}
}
