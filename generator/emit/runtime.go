package emit

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/templates"
)

// runtimeCode is the validation runtime (templates/rt) without its package
// clauses and imports, ready to be appended to validate.gen.go.
type runtimeCode struct {
	imports []string
	body    string
}

var loadRuntime = sync.OnceValues(func() (runtimeCode, error) {
	return loadSources(templates.Runtime)
})

// loadSources joins the Go files rt/*.go of fsys into one runtime body.
func loadSources(fsys fs.FS) (runtimeCode, error) {
	var rc runtimeCode
	names, err := fs.Glob(fsys, "rt/*.go")
	if err != nil {
		return rc, err
	}
	var body strings.Builder
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return rc, err
		}
		imports, decls, err := splitSource(name, src)
		if err != nil {
			return rc, err
		}
		rc.imports = append(rc.imports, imports...)
		body.WriteString(decls + "\n")
	}
	rc.body = body.String()
	return rc, nil
}

// splitSource returns a Go file's import paths and everything after its imports.
func splitSource(name string, src []byte) ([]string, string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, "", fmt.Errorf("runtime %s: %w", name, err)
	}
	var imports []string
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		imports = append(imports, path)
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		start := d.Pos()
		if doc := declDoc(d); doc != nil {
			start = doc.Pos()
		}
		return imports, string(src[fset.Position(start).Offset:]), nil
	}
	return imports, "", nil
}

func declDoc(d ast.Decl) *ast.CommentGroup {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

// runtimeSource records the runtime's imports and returns its code.
func (f *file) runtimeSource() (string, error) { return f.sourceOf(loadRuntime) }

// sourceOf records the imports of the runtime code load returns and
// returns its code.
func (f *file) sourceOf(load func() (runtimeCode, error)) (string, error) {
	rc, err := load()
	if err != nil {
		return "", err
	}
	for _, imp := range rc.imports {
		f.use(imp)
	}
	return rc.body, nil
}

// patterns prints the package's compiled regular expressions.
func (f *file) patterns(pkg *ir.Package) string {
	if len(pkg.Patterns) == 0 {
		return ""
	}
	f.use("regexp")
	var b strings.Builder
	b.WriteString("// Patterns of the schemas, compiled once.\nvar (\n")
	for _, p := range pkg.Patterns {
		fmt.Fprintf(&b, "\t%s = regexp.MustCompile(%s)\n", p.Var, strconv.Quote(p.Source))
	}
	b.WriteString(")\n")
	return b.String()
}
