package build

import (
	"cmp"
	"github.com/oasgen/oasgen/generator/diag"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oasgen/oasgen/generator/ir"
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
		for _, r := range s.RefFrom {
			if r.Loc.Pointer == "" {
				schemaFiles[r.Loc.File] = true
			}
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
		return cmp.Compare(b.relKey(x.s.Loc), b.relKey(y.s.Loc))
	})
	for _, c := range cands {
		b.names[c.s] = b.scope.Unique(c.name)
		if b.names[c.s] != c.name {
			b.diags.Add(c.s.Loc.Pos, diag.Info, "name-collision", "the Go name %s is taken; this schema is generated as %s", c.name, b.names[c.s])
		}
	}
	// After every schema with a name of its own, so that none of those
	// changes.
	b.nameRefs(schemas, schemaFiles)
}

// relKey is a location's identity relative to the root folder, the same
// on every machine.
func (b *builder) relKey(l load.Loc) string { return b.rel(l.File) + "#" + l.Pointer }

// nameRefs names schemas after the named places that are only a $ref to
// them (components: {schemas: {Pet: {$ref: './pet.yaml#/$defs/Animal'}}},
// or a file whose root is {$ref, $defs}): a schema without a name of its
// own takes the name of the nearest, and each other name becomes an alias
// of its type (type Pet = Animal). An alias whose name is taken is left
// out.
func (b *builder) nameRefs(schemas []*load.Schema, schemaFiles map[string]bool) {
	type refName struct {
		name string
		s    *load.Schema
		load.RefFrom
	}
	var namers, aliases []refName
	for _, s := range schemas {
		var refs []refName
		for _, r := range s.RefFrom {
			if name, ok := placeName(r.Loc, schemaFiles); ok {
				refs = append(refs, refName{name, s, r})
			}
		}
		if len(refs) == 0 {
			continue
		}
		if _, named := b.names[s]; !named {
			nearest := slices.MinFunc(refs, func(x, y refName) int {
				return cmp.Or(cmp.Compare(x.Hops, y.Hops), cmp.Compare(x.name, y.name), cmp.Compare(b.relKey(x.Loc), b.relKey(y.Loc)))
			})
			namers = append(namers, nearest)
		}
		aliases = append(aliases, refs...)
	}
	byName := func(x, y refName) int {
		return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(b.relKey(x.Loc), b.relKey(y.Loc)))
	}
	slices.SortFunc(namers, byName)
	for _, r := range namers {
		b.names[r.s] = b.scope.Unique(r.name)
		if b.names[r.s] != r.name {
			b.diags.Add(r.Loc.Pos, diag.Info, "name-collision", "the Go name %s is taken; the schema this $ref leads to is generated as %s", r.name, b.names[r.s])
		}
	}
	slices.SortFunc(aliases, byName)
	for _, r := range aliases {
		if r.name != b.names[r.s] && !b.scope.Taken(r.name) {
			b.scope.Reserve(r.name)
			b.aliases = append(b.aliases, refAlias{r.name, r.Loc, r.s})
		}
	}
}

// refAlias is a name a $ref gives the type of the schema it leads to.
type refAlias struct {
	name   string
	at     load.Loc // the $ref
	target *load.Schema
}

// declareAliases declares the aliases nameRefs found (type Pet = Animal),
// in order of name.
func (b *builder) declareAliases() {
	for _, a := range b.aliases {
		t := b.schemaType(&load.SchemaRef{Value: a.target}, a.name)
		src := b.rel(a.at.File)
		if a.at.Pointer != "" {
			src = shortSource(src + "#" + a.at.Pointer)
		}
		b.declare(nil, &ir.Type{Kind: ir.Alias, Name: a.name, Elem: t, Doc: ir.Doc{Source: src}})
	}
}

// locationName is the Go name a schema gets from where it sits, if that place
// names it: #/components/schemas/Cart, Cart.yaml, or Product.yaml#/Product
// (not in a file that is a schema itself, one of schemaFiles).
func locationName(s *load.Schema, schemaFiles map[string]bool) (string, bool) {
	if s.Ext.GoName != "" {
		return naming.Exported(s.Ext.GoName), true
	}
	return placeName(s.Loc, schemaFiles)
}

// placeName is the Go name a place gives the schema there, if any (see
// locationName).
func placeName(loc load.Loc, schemaFiles map[string]bool) (string, bool) {
	tokens := pointerTokens(loc.Pointer)
	switch {
	case len(tokens) == 0:
		base := filepath.Base(loc.File)
		base = strings.TrimSuffix(base, filepath.Ext(base))
		return nonEmpty(naming.Exported(base)), true
	case len(tokens) == 1 && !schemaFiles[loc.File]:
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
