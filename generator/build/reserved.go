package build

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/naming"
	"github.com/oasgen/oasgen/templates"
)

// The generated package declares functions and variables named after
// operations and types (handleX, checkXResponse, paramsInX, schemaX) beside
// the runtime's own, unexported ones: an operation named JSON made
// checkJSONResponse, the name of a generic runtime helper. Every name the
// runtime declares is read from its sources, and the operation and type
// names that would make one are reserved.

// derived are the prefixes and suffixes the emitter puts around an
// operation's or a type's name to name a package-level identifier.
var (
	derivedFromOperation = [][2]string{{"handle", ""}, {"check", "Response"}, {"paramsIn", ""}, {"paramSchema", ""}, {"security", ""}, {"clientOp", ""}, {"read", "Response"}}
	derivedFromType      = [][2]string{{"schema", ""}}
)

// runtimeIdentifiers returns every package-level identifier the runtime
// sources (templates/rt) and the helper templates declare.
var runtimeIdentifiers = sync.OnceValue(func() []string {
	var names []string
	for _, fsys := range []fs.FS{templates.Runtime, templates.ServerRuntime, templates.StrictRuntime, templates.SecurityRuntime, templates.WebhookRuntime, templates.ClientRuntime, templates.SharedRuntime} {
		paths, _ := fs.Glob(fsys, "rt/*.go")
		for _, path := range paths {
			src, err := fs.ReadFile(fsys, path)
			if err != nil {
				continue
			}
			names = append(names, declaredNames(path, src)...)
		}
	}
	tmpls, _ := fs.Glob(templates.FS, "*.tmpl")
	for _, path := range tmpls {
		src, _ := fs.ReadFile(templates.FS, path)
		for _, m := range templateDecl.FindAllStringSubmatch(string(src), -1) {
			names = append(names, m[1])
		}
	}
	return names
})

// IsRuntimeName reports whether the runtime or the templates declare name
// at package level (ValidateRequest, Opt...).
func IsRuntimeName(name string) bool { return slices.Contains(runtimeIdentifiers(), name) }

// exportedRuntimeNames returns the exported names the runtime and the
// templates declare (Opt, Problem, Handler, StrictHandler, Unimplemented):
// schema names never take them.
var exportedRuntimeNames = sync.OnceValue(func() []string {
	var names []string
	for _, id := range runtimeIdentifiers() {
		if token.IsExported(id) {
			names = append(names, id)
		}
	}
	return names
})

// templateDecl finds the functions, types and variables a template
// declares at the start of a line.
var templateDecl = regexp.MustCompile(`(?m)^(?:func|type|var|const) ([A-Za-z_][A-Za-z0-9_]*)\b`)

// declaredNames returns the package-level names a Go source declares.
func declaredNames(path string, src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// reserveDerived reserves in scope every name that, put between one of
// the affixes, would be a runtime identifier.
func reserveDerived(scope *naming.Scope, affixes [][2]string) {
	for _, id := range runtimeIdentifiers() {
		for _, a := range affixes {
			if len(id) > len(a[0])+len(a[1]) && strings.HasPrefix(id, a[0]) && strings.HasSuffix(id, a[1]) {
				scope.Reserve(id[len(a[0]) : len(id)-len(a[1])])
			}
		}
	}
}

// clientMethodNames returns the exported methods the client runtime
// declares on Client: the client's operation methods never take them.
var clientMethodNames = sync.OnceValue(func() []string {
	var names []string
	paths, _ := fs.Glob(templates.ClientRuntime, "rt/*.go")
	for _, path := range paths {
		src, err := fs.ReadFile(templates.ClientRuntime, path)
		if err != nil {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || !token.IsExported(fd.Name.Name) {
				continue
			}
			if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok && id.Name == "Client" {
					names = append(names, fd.Name.Name)
				}
			}
		}
	}
	return names
})
