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
	refFrom map[*yaml.Node]bool // the hops recorded in a Schema.RefFrom
	diags   diag.List
	// opRefs counts the operations written as a $ref, and opRefAt is the
	// first: reported once per spec (see operation).
	opRefs  int
	opRefAt diag.Pos
	// minor is the document's OpenAPI minor version (0, 1 or 2; a later
	// one is read as 2): 3.1 documents may leave out fields 3.0 requires
	// (an operation's responses, the paths), 3.2 adds fields of its own.
	minor int
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
	l := &loader{r: newResolver(opts, abs), schemas: map[*yaml.Node]*Schema{}, refFrom: map[*yaml.Node]bool{}, rootRef: abs}
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
	v, _ := get(f.root, "openapi")
	if v == nil {
		return nil, posError(nodePos(f.path, f.root), "not-openapi", "missing the openapi version field; is this an OpenAPI 3 document?")
	}
	if err := l.checkVersion(f, v); err != nil {
		return nil, err
	}
	doc := &Document{Root: l.r.opts.Root, File: f.path, OpenAPI: v.Value}
	l.r.schema2020 = l.minor >= 1
	l.checkShape(f, f.root, documentShape)
	l.checkDialect(f, first(get(f.root, "jsonSchemaDialect")))
	for _, t := range items(first(get(f.root, "tags"))) {
		l.checkShape(f, t, tagShape)
	}
	info, _ := get(f.root, "info")
	if info != nil {
		l.checkInfo(doc, f, info)
	}
	doc.Title, doc.Version = str(first(get(info, "title"))), str(first(get(info, "version")))
	doc.Summary = str(first(get(info, "summary")))
	comps, _ := get(f.root, "components")
	l.check31(doc, f, comps)
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
	if err := l.webhooks(doc, first(get(f.root, "webhooks"))); err != nil {
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

// checkVersion sets the minor version the document is read by. Another
// major version is an error (2.0 is Swagger; 4 would be another format);
// a 3.x oasgen does not know (a typo, or a release after 3.2) is a warning,
// read by the rules of the latest it knows.
func (l *loader) checkVersion(f *file, v *yaml.Node) error {
	major, rest, _ := strings.Cut(v.Value, ".")
	if major == "2" {
		return posError(nodePos(f.path, v), "not-openapi", "OpenAPI %s is Swagger 2.0, which oasgen does not read; convert it to OpenAPI 3 first", v.Value)
	}
	if major != "3" || v.Kind != yaml.ScalarNode {
		return posError(nodePos(f.path, v), "not-openapi", "unsupported OpenAPI version %q; oasgen reads 3.0, 3.1 and 3.2", v.Value)
	}
	minor, _, _ := strings.Cut(rest, ".")
	switch minor {
	case "0", "1", "2":
		l.minor = int(minor[0] - '0')
		return nil
	}
	l.minor = 2
	l.diags.Warnf(nodePos(f.path, v), "openapi-version", "OpenAPI version %q is not one oasgen knows (3.0, 3.1, 3.2); the document is read as 3.2", v.Value)
	return nil
}

// Dialects of JSON Schema that OpenAPI 3.1 and 3.2 schemas are read as:
// 2020-12 and the OpenAPI dialects built on it.
var dialects = []string{
	"https://json-schema.org/draft/2020-12/schema",
	"https://spec.openapis.org/oas/3.1/dialect/base",
	"https://spec.openapis.org/oas/3.1/dialect/2024-10-25",
	"https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
	"https://spec.openapis.org/oas/3.2/dialect/base",
	"https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
}

// checkDialect warns about a jsonSchemaDialect or $schema naming another
// JSON Schema dialect than 2020-12 (the default of 3.1 and later): its
// schemas are read as 2020-12 all the same.
func (l *loader) checkDialect(f *file, v *yaml.Node) {
	if v == nil || v.Kind != yaml.ScalarNode || l.minor == 0 {
		return
	}
	uri := strings.TrimSuffix(strings.TrimSuffix(v.Value, "#"), "/")
	if slices.Contains(dialects, strings.Replace(uri, "http://", "https://", 1)) {
		return
	}
	l.diags.Warnf(nodePos(f.path, v), "schema-dialect", "JSON Schema dialect %q is not 2020-12, the dialect oasgen reads; its schemas are read as 2020-12", v.Value)
}
