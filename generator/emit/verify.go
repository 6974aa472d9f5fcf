package emit

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ErrUnsafeOutput is wrapped by the error Emit returns when a generated file
// holds what oasgen never prints (see verify). With the built-in templates
// it means spec text escaped its escaping: a bug, to be reported.
var ErrUnsafeOutput = errors.New("refusing to write it")

// format formats a printed file as go/format.Source does, from the syntax
// tree it checks: it refuses the file when it holds what oasgen never
// prints, whatever a spec or a template override put into it: an init
// function (it would run in every program importing the package), a
// directive (//go:generate runs commands on go generate; //go:build,
// //line, //export and cgo change what is built), or an import other than
// those the printed code was seen to use. Spec text is escaped where it
// lands; this is the second line of defence, for what escaping might miss.
// Parsing once for both keeps the check nearly free.
//
// format.Node is not used: it takes every grouped import block for
// unsorted and prints and parses the file a second time to sort it.
func (f *file) format(name string, printed []byte) ([]byte, error) {
	fset := token.NewFileSet()
	parsed, err := parser.ParseFile(fset, name, printed, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, formatError(name, printed, err)
	}
	for _, check := range []func(*token.FileSet, *ast.File) error{noInit, noDirective, f.importsAsComputed} {
		if err := check(fset, parsed); err != nil {
			return nil, fmt.Errorf("generated %s: %w; %w", name, err, ErrUnsafeOutput)
		}
	}
	ast.SortImports(fset, parsed)
	var src bytes.Buffer
	if err := gofmt.Fprint(&src, fset, parsed); err != nil {
		return nil, formatError(name, printed, err)
	}
	// go generate reads lines as text: a directive inside a raw string
	// counts too, and only the formatted text has the final lines.
	if err := directiveLine(src.Bytes()); err != nil {
		return nil, fmt.Errorf("generated %s: %w; %w", name, err, ErrUnsafeOutput)
	}
	return src.Bytes(), nil
}

// gofmt is the printer configuration of go/format.Source; 1<<30 is the
// mode bit go/format sets to normalize number literals as gofmt does
// (printer.normalizeNumbers, not exported). TestGolden compares the output
// with what go/format printed.
var gofmt = printer.Config{Mode: printer.UseSpaces | printer.TabIndent | 1<<30, Tabwidth: 8}

// directivePrefixes start the comments the Go tools act on. A directive
// must start its line; go generate reads lines as text, so a line of a raw
// string counts too.
var directivePrefixes = []string{"//go:", "//line ", "/*line ", "//export ", "//extern ", "//sys"}

// directiveLine finds a line of src that the Go tools would read as a
// directive or a build constraint.
func directiveLine(src []byte) error {
	for i, line := range bytes.Split(src, []byte("\n")) {
		text := strings.TrimLeft(string(line), " \t")
		if isDirective(text) {
			return fmt.Errorf("line %d is a directive: %.60q", i+1, text)
		}
	}
	return nil
}

func isDirective(text string) bool {
	for _, p := range directivePrefixes {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	rest, ok := strings.CutPrefix(text, "//")
	return ok && strings.HasPrefix(strings.TrimSpace(rest), "+build")
}

// noDirective finds directives inside comments, which directiveLine sees
// only when they start a line.
func noDirective(fset *token.FileSet, file *ast.File) error {
	for _, group := range file.Comments {
		for _, c := range group.List {
			if isDirective(c.Text) {
				return fmt.Errorf("%s: the comment %.60q is a directive", fset.Position(c.Pos()), c.Text)
			}
		}
	}
	return nil
}

// noInit refuses a func main and every init function but the one the
// schema tables need (tables.declarations): it only assigns composite
// literals, which call nothing but floatPtr and float64 on a number.
func noInit(fset *token.FileSet, file *ast.File) error {
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || fn.Name.Name != "init" && fn.Name.Name != "main" {
			continue
		}
		if fn.Name.Name == "main" {
			return fmt.Errorf("%s: it declares func main", fset.Position(fn.Pos()))
		}
		if bad := notTableFill(fn.Body); bad != nil {
			return fmt.Errorf("%s: it declares func init, which does more than fill the schema tables (%s)", fset.Position(fn.Pos()), fset.Position(bad.Pos()))
		}
	}
	return nil
}

// notTableFill returns the first node of body that is not part of a
// *v = T{...} statement whose literal calls no function, or nil.
func notTableFill(body *ast.BlockStmt) ast.Node {
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return st
		}
		star, ok := as.Lhs[0].(*ast.StarExpr)
		if !ok {
			return st
		}
		if _, ok := star.X.(*ast.Ident); !ok {
			return st
		}
		if _, ok := as.Rhs[0].(*ast.CompositeLit); !ok {
			return st
		}
		if call := firstCall(as.Rhs[0]); call != nil {
			return call
		}
	}
	return nil
}

// firstCall returns the first call or function literal inside n, but for
// floatPtr(number) and float64(number).
func firstCall(n ast.Node) ast.Node {
	var found ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		switch c := n.(type) {
		case *ast.FuncLit:
			found = c
		case *ast.CallExpr:
			if !isNumberCall(c) {
				found = c
			}
		}
		return found == nil
	})
	return found
}

// isNumberCall reports whether call is floatPtr(number) or float64(number),
// how the tables write bounds and JSON numbers.
func isNumberCall(call *ast.CallExpr) bool {
	fn, ok := call.Fun.(*ast.Ident)
	if !ok || fn.Name != "floatPtr" && fn.Name != "float64" || len(call.Args) != 1 {
		return false
	}
	arg := call.Args[0]
	if u, ok := arg.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
		arg = u.X
	}
	lit, ok := arg.(*ast.BasicLit)
	return ok && (lit.Kind == token.INT || lit.Kind == token.FLOAT)
}

// importsAsComputed checks that the file imports exactly what its printed
// code recorded using, under the same names.
func (f *file) importsAsComputed(fset *token.FileSet, file *ast.File) error {
	got := map[string]string{}
	for _, imp := range file.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return fmt.Errorf("%s: bad import %s", fset.Position(imp.Pos()), imp.Path.Value)
		}
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if want, ok := f.imports[path]; !ok || want != name {
			return fmt.Errorf("%s: it imports %s, which the generated code was not seen to use", fset.Position(imp.Pos()), imp.Path.Value)
		}
		got[path] = name
	}
	if len(got) != len(f.imports) {
		missing := slices.Sorted(maps.Keys(f.imports))
		missing = slices.DeleteFunc(missing, func(p string) bool { _, ok := got[p]; return ok })
		return fmt.Errorf("it does not import %s", strings.Join(missing, ", "))
	}
	return nil
}
