package build

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oasgen/oasgen/generator/load"
)

// The x-go-type extensions put Go source named by the spec into the
// generated package, so they are parsed, never pasted: a spec that could
// write "int\n\nfunc init() {...}" there would run code in every program
// that imports the package.

// goTypeExpr parses an x-go-type value and returns it printed by go/printer.
// Only type expressions a JSON value can decode into are accepted:
// identifiers, qualified identifiers, pointers, slices, arrays of a constant
// length, maps and generic instantiations of these. Every package qualifier
// must be the package the x-go-type-import names.
func goTypeExpr(src string, imp load.GoImport) (string, error) {
	expr, err := parser.ParseExpr(src)
	if err != nil || strings.ContainsAny(src, "\n\r") {
		return "", fmt.Errorf("x-go-type %q is not a Go type expression", src)
	}
	if err := checkTypeExpr(expr, imp); err != nil {
		return "", fmt.Errorf("x-go-type %q: %w", src, err)
	}
	var b bytes.Buffer
	if err := format.Node(&b, token.NewFileSet(), expr); err != nil {
		return "", fmt.Errorf("x-go-type %q: %w", src, err)
	}
	return b.String(), nil
}

// checkTypeExpr accepts the type expressions goTypeExpr allows.
func checkTypeExpr(e ast.Expr, imp load.GoImport) error {
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name == "_" {
			return errors.New("_ is not a type")
		}
		return nil
	case *ast.SelectorExpr:
		pkg, ok := e.X.(*ast.Ident)
		if !ok {
			return errors.New("only package.Type may be qualified")
		}
		return checkQualifier(pkg.Name, imp)
	case *ast.StarExpr:
		return checkTypeExpr(e.X, imp)
	case *ast.ArrayType:
		if e.Len != nil {
			if lit, ok := e.Len.(*ast.BasicLit); !ok || lit.Kind != token.INT {
				return errors.New("an array length must be an integer literal")
			}
		}
		return checkTypeExpr(e.Elt, imp)
	case *ast.MapType:
		if err := checkTypeExpr(e.Key, imp); err != nil {
			return err
		}
		return checkTypeExpr(e.Value, imp)
	case *ast.IndexExpr:
		if err := checkTypeExpr(e.X, imp); err != nil {
			return err
		}
		return checkTypeExpr(e.Index, imp)
	case *ast.IndexListExpr:
		if err := checkTypeExpr(e.X, imp); err != nil {
			return err
		}
		for _, a := range e.Indices {
			if err := checkTypeExpr(a, imp); err != nil {
				return err
			}
		}
		return nil
	case *ast.ParenExpr:
		return checkTypeExpr(e.X, imp)
	}
	return fmt.Errorf("%s is not allowed: use a named type, a pointer, a slice, an array, a map or a generic instantiation", nodeKind(e))
}

func nodeKind(e ast.Expr) string {
	switch e.(type) {
	case *ast.FuncType, *ast.FuncLit:
		return "a function"
	case *ast.StructType:
		return "a struct type"
	case *ast.InterfaceType:
		return "an interface type"
	case *ast.ChanType:
		return "a channel"
	case *ast.CallExpr:
		return "a call"
	}
	return "this expression"
}

// checkQualifier accepts pkg when it is the package x-go-type-import names:
// its name when given, else any name (a package's name need not be the last
// element of its path), which then stands for that import alone.
func checkQualifier(pkg string, imp load.GoImport) error {
	switch {
	case imp.Path == "":
		return fmt.Errorf("package %s is not imported: add x-go-type-import with its path", pkg)
	case imp.Name != "" && pkg != imp.Name:
		return fmt.Errorf("package %s is not the imported %s (%s)", pkg, imp.Name, imp.Path)
	}
	return nil
}

// checkGoImport validates an x-go-type-import: an import path as the Go
// specification restricts it, and a plain identifier as the name.
func checkGoImport(imp load.GoImport) error {
	if err := checkImportPath(imp.Path); err != nil {
		return fmt.Errorf("x-go-type-import path %q: %w", imp.Path, err)
	}
	if imp.Name == "" {
		return nil
	}
	if !token.IsIdentifier(imp.Name) || imp.Name == "_" {
		return fmt.Errorf("x-go-type-import name %q is not a Go package name", imp.Name)
	}
	return nil
}

// checkImportPath applies the Go specification's restriction on import
// paths (graphic characters without spaces, and none of !"#$%&'()*,:;<=>?[\]^`{|}
// or U+FFFD), and refuses what would change how the package builds: "C"
// turns on cgo, and relative or absolute paths are not module paths.
func checkImportPath(path string) error {
	switch {
	case path == "":
		return errors.New("empty")
	case !utf8.ValidString(path):
		return errors.New("not UTF-8")
	case path == "C":
		return errors.New(`"C" would turn on cgo`)
	case strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") || strings.HasPrefix(path, "."):
		return errors.New("not a module import path")
	case strings.Contains(path, "//") || strings.Contains(path, "/./") || strings.Contains(path, "/../") || strings.HasSuffix(path, "/.."):
		return errors.New("not a clean path")
	}
	for _, r := range path {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) || r == utf8.RuneError || strings.ContainsRune("!\"#$%&'()*,:;<=>?[\\]^`{|}", r) {
			return fmt.Errorf("the character %q is not allowed", r)
		}
	}
	return nil
}

// goTypeOf returns the checked x-go-type of s, printed, or "" when it is
// refused (an error) or ignored (NoGoExtensions, a warning); the schema is
// then generated as if it had none. Each schema is reported once.
func (b *builder) goTypeOf(s *load.Schema) string {
	if t, ok := b.goTypes[s]; ok {
		return t
	}
	var t string
	switch ext := s.Ext; {
	case b.noGoExtensions:
		b.diags.Warnf(ext.GoTypePos, "go-extension", "x-go-type %q is ignored: Go extensions are turned off (--no-go-extensions)", ext.GoType)
	default:
		t = b.checkGoType(ext)
	}
	b.goTypes[s] = t
	return t
}

// checkGoType returns the printed x-go-type of ext, or "" after reporting
// why it is refused.
func (b *builder) checkGoType(ext load.Extensions) string {
	if ext.GoTypeImport != (load.GoImport{}) {
		if err := checkGoImport(ext.GoTypeImport); err != nil {
			b.diags.Errorf(ext.GoTypeImport.Pos, "go-extension", "%v", err)
			return ""
		}
	}
	t, err := goTypeExpr(ext.GoType, ext.GoTypeImport)
	if err != nil {
		b.diags.Errorf(ext.GoTypePos, "go-extension", "%v", err)
	}
	return t
}
