package load

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

// loader decodes one document; it lives for one Load call.
type loader struct {
	r       *resolver
	root    *file
	rootRef string // the root file as a ref usable from any file
	schemas map[*yaml.Node]*Schema
	diags   diag.List
	// opRefs counts the operations written as a $ref, and opRefAt is the
	// first: reported once per spec (see operation).
	opRefs  int
	opRefAt diag.Pos
	// since31 is set for OpenAPI 3.1 and later, whose documents may leave
	// out fields 3.0 requires (an operation's responses, the paths).
	since31 bool
}

// Load reads the spec at path and every file its $refs reach. Problems that
// stop loading come back as an error (a *Error with a position when one is
// known); defects that do not are returned as warnings.
func Load(path string, opts Options) (*Document, diag.List, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, err
	}
	if opts.Root == "" {
		opts.Root = filepath.Dir(abs)
	} else if opts.Root, err = filepath.Abs(opts.Root); err != nil {
		return nil, nil, err
	}
	l := &loader{r: newResolver(opts, abs), schemas: map[*yaml.Node]*Schema{}, rootRef: abs}
	if isRemote(path) {
		abs, l.rootRef = path, path
	}
	l.root, err = l.r.open(abs, diag.Pos{File: abs})
	if err != nil {
		var le *Error
		if !errors.As(err, &le) {
			return nil, nil, err
		}
		if le.Diag.Rule == "ref-missing-file" {
			return nil, nil, posError(diag.Pos{}, "missing-file", "spec %s does not exist", diag.File(abs))
		}
		return nil, nil, err
	}
	doc, err := l.document()
	locate(l.r.files, l.diags)
	var le *Error
	if errors.As(err, &le) {
		one := diag.List{le.Diag}
		locate(l.r.files, one)
		le.Diag = one[0]
	}
	return doc, l.diags, err
}

func (l *loader) document() (*Document, error) {
	f := l.root
	if f.root.Kind != yaml.MappingNode {
		return nil, posError(nodePos(f.path, f.root), "not-openapi", "the root of an OpenAPI document must be a mapping")
	}
	if _, k := get(f.root, "swagger"); k != nil {
		return nil, posError(nodePos(f.path, k), "not-openapi", "Swagger 2.0 documents are not supported; convert to OpenAPI 3.0 first")
	}
	v, k := get(f.root, "openapi")
	if v == nil {
		return nil, posError(nodePos(f.path, f.root), "not-openapi", "missing the openapi version field; is this an OpenAPI 3 document?")
	}
	if !strings.HasPrefix(v.Value, "3.") {
		return nil, posError(nodePos(f.path, k), "not-openapi", "unsupported OpenAPI version %q; oasgen reads 3.0, 3.1 and 3.2", v.Value)
	}
	l.checkVersion(f, v)
	doc := &Document{Root: l.r.opts.Root, File: f.path, OpenAPI: v.Value}
	l.since31 = !strings.HasPrefix(v.Value, "3.0")
	l.r.schema2020 = l.since31
	l.checkShape(f, f.root, documentShape)
	info, _ := get(f.root, "info")
	if info != nil {
		l.checkShape(f, info, infoShape)
	}
	doc.Title, doc.Version = str(first(get(info, "title"))), str(first(get(info, "version")))
	comps, _ := get(f.root, "components")
	if err := l.securitySchemes(doc, first(get(comps, "securitySchemes"))); err != nil {
		return nil, err
	}
	doc.Security = l.security(f, first(get(f.root, "security")), "/security")
	if err := l.componentSchemas(doc, comps); err != nil {
		return nil, err
	}
	if err := l.paths(doc, first(get(f.root, "paths"))); err != nil {
		return nil, err
	}
	l.checkSecurity(doc)
	l.checkOperationIDs(doc)
	if l.opRefs > 0 {
		l.diags.Add(l.opRefAt, l.workedAround(), "operation-ref", "%d operation(s) are a $ref, which OpenAPI does not allow (bundlers such as Redocly write them)%s", l.opRefs, l.how("they are followed"))
	}
	l.inventory(doc, comps)
	return doc, nil
}

func (l *loader) componentSchemas(doc *Document, comps *yaml.Node) error {
	schemas, _ := get(comps, "schemas")
	var err error
	pairs(schemas, func(k, v *yaml.Node) {
		if err != nil {
			return
		}
		var sr *SchemaRef
		sr, err = l.schemaRef(node{f: l.root, n: v}, "/components/schemas/"+escapeToken(k.Value))
		if err == nil {
			doc.Schemas = append(doc.Schemas, sr.Value)
		}
	})
	return err
}

func escapeToken(tok string) string { return appendPointer("", tok)[1:] }

// soft records err as a diagnostic and reports true when the loader is
// lenient and err is a positioned problem; the caller then goes on with a
// placeholder.
func (l *loader) soft(err error) bool {
	var le *Error
	if !l.r.opts.Lenient || !errors.As(err, &le) {
		return false
	}
	l.diags = append(l.diags, le.Diag)
	return true
}

// inventory records what a linter needs to find unused components.
func (l *loader) inventory(doc *Document, comps *yaml.Node) {
	for path := range l.r.files {
		doc.Files = append(doc.Files, path)
	}
	slices.Sort(doc.Files)
	doc.RefTargets = l.r.targets
	doc.files = l.r.files
	pairs(comps, func(kind, entries *yaml.Node) {
		pairs(entries, func(name, _ *yaml.Node) {
			doc.Components = append(doc.Components, Component{Kind: kind.Value, Name: name.Value, Pos: nodePos(l.root.path, name)})
		})
	})
}

// checkVersion warns about a 3.x version oasgen does not know (a typo, or a
// release after 3.2): it is read by the rules of the latest it knows.
func (l *loader) checkVersion(f *file, v *yaml.Node) {
	minor, _, _ := strings.Cut(strings.TrimPrefix(v.Value, "3."), ".")
	switch minor {
	case "0", "1", "2":
		return
	}
	l.diags.Warnf(nodePos(f.path, v), "openapi-version", "OpenAPI version %q is not one oasgen knows (3.0, 3.1, 3.2); the document is read as 3.2", v.Value)
}
