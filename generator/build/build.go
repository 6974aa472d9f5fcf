package build

import (
	"cmp"
	"net/http"
	"path/filepath"
	"slices"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// Options configure the build.
type Options struct {
	Package    string // Go package name
	Validation bool   // build the rules validators are generated from
	Server     bool   // decide how the net/http server serves each operation
	Strict     bool   // with Server: the strict interface's typed requests and responses
	Client     bool   // decide how the HTTP client calls each operation
	// DiagnosticsOnly is for linting: the package is thrown away, so the
	// passes that only shape generated code (pointer cycles, declaration
	// order, which types validate) are skipped. They report nothing.
	DiagnosticsOnly bool
	// NoGoExtensions ignores x-go-type and x-go-type-import, which let a
	// spec make the generated package import any Go package: for specs
	// that are not trusted.
	NoGoExtensions bool
}

// builder holds the state of one Build call.
type builder struct {
	doc   *load.Document
	diags diag.List
	scope *naming.Scope             // package-level identifiers
	names map[*load.Schema]string   // names of schemas at named locations
	types map[*load.Schema]*ir.Type // declared types by schema identity
	// aliases are the other names $refs give schemas (see nameRefs).
	aliases []refAlias
	// shaping holds the arrays and maps whose element type is being built,
	// to find those that contain themselves (see schemaType).
	shaping map[*load.Schema]*shaping
	decls   []*ir.Type
	done    map[*load.Schema]bool // schemas already checked for warnings
	// fieldNames memoizes the Go names of plain property names: specs repeat
	// the same few (id, created_at, metadata) thousands of times, and
	// splitting them into words is a good part of a build.
	fieldNames map[string]string

	validation  bool
	ruleMemo    map[*load.Schema]*ir.Rules
	patterns    map[string]*ir.Pattern // by source; nil when RE2 rejects it
	patternList []*ir.Pattern
	pending     []pendingValue // examples and defaults to check at the end
	an          analyses       // memos of the recursive analyses

	// schemes are the security schemes by name, schemeList in order,
	// schemeNames their Go names.
	schemes     map[string]*ir.SecurityScheme
	schemeList  []*ir.SecurityScheme
	schemeNames *naming.Scope

	serve  bool
	strict bool
	mux    *http.ServeMux // the server's routes, to find conflicts

	clientPart bool

	noGoExtensions bool
	goTypes        map[*load.Schema]string // checked x-go-type, "" when refused or ignored
	typeBranches   map[*load.Schema][]*load.SchemaRef
}

// Build turns a loaded document into the IR, with warnings for defects that
// generation worked around.
func Build(doc *load.Document, opts Options) (*ir.Package, diag.List) {
	b := &builder{
		doc: doc,
		// Every name the runtime may declare is reserved, whichever parts
		// are generated, so that a model keeps its name when the server or
		// the strict interface is added later.
		scope:   naming.NewScope(exportedRuntimeNames()...),
		names:   map[*load.Schema]string{},
		types:   map[*load.Schema]*ir.Type{},
		shaping: map[*load.Schema]*shaping{},
		done:    map[*load.Schema]bool{},

		fieldNames: map[string]string{},

		validation: opts.Validation,
		ruleMemo:   map[*load.Schema]*ir.Rules{},
		patterns:   map[string]*ir.Pattern{},
		serve:      opts.Server,
		strict:     opts.Server && opts.Strict,
		clientPart: opts.Client,

		noGoExtensions: opts.NoGoExtensions,
		goTypes:        map[*load.Schema]string{},
	}
	reserveDerived(b.scope, derivedFromType)
	b.nameComponents()
	pkg := &ir.Package{Name: opts.Package, Source: filepath.Base(doc.File), Validation: opts.Validation, Server: opts.Server, Strict: b.strict, Client: opts.Client}
	for _, s := range doc.Schemas {
		b.schemaType(&load.SchemaRef{Value: s}, "")
	}
	b.declareAliases()
	b.securitySchemes()
	pkg.Operations, pkg.Webhooks = b.operations()
	pkg.SecuritySchemes, pkg.Title, pkg.Summary = b.schemeList, doc.Title, doc.Summary
	if b.strict {
		b.nameStrict(pkg.Operations)
		for _, h := range pkg.Webhooks {
			b.nameStrict(h.Operations)
		}
	}
	if b.clientPart {
		b.nameClient(pkg.Operations)
		pkg.Servers = serverURLs(doc.Servers(nil))
	}
	if !opts.DiagnosticsOnly {
		breakCycles(b.decls)
		boundSizes(b.decls)
		slices.SortFunc(b.decls, func(x, y *ir.Type) int { return cmp.Compare(x.Name, y.Name) })
		markValidating(b.decls)
	}
	pkg.Types = b.decls
	pkg.Patterns = b.patternList
	b.breakCombinatorCycles()
	b.checkPendingValues()
	if !opts.DiagnosticsOnly {
		markNull(b.an.rules)
	}
	return pkg, b.diags
}

// declare registers a named type for a schema before its contents are built,
// so recursive references find it.
func (b *builder) declare(s *load.Schema, t *ir.Type) *ir.Type {
	if s != nil {
		b.types[s] = t
	}
	b.decls = append(b.decls, t)
	return t
}

// rel returns a spec file path relative to the root folder, with slashes.
func (b *builder) rel(file string) string {
	if r, err := filepath.Rel(b.doc.Root, file); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(file)
}
