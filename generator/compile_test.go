package generator

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGeneratedCodeCompiles generates every spec we have (our examples, the
// golden cases, the server fixtures and, without -short, the public specs of
// the corpus: Medusa, Twilio's 55 and ReadMe's examples) twice, checks
// both runs give the same bytes and only standard-library imports, then
// builds and vets all of it in one temporary module. Every part is
// generated, with the strict server interface, whose output holds the
// standard one too.
func TestGeneratedCodeCompiles(t *testing.T) {
	root := repoRoot(t)
	specs := globAll(t, filepath.Join(root, "specs", "*", "openapi.yaml"), filepath.Join(root, "testdata", "golden", "*", "openapi.yaml"),
		filepath.Join(root, "testdata", "server", "*", "openapi.yaml"))
	if corpus := corpusDir(t); corpus == "" {
		t.Log("../shared/corpus is absent: the public specs are not compiled")
	} else if testing.Short() {
		t.Log("-short: the public specs of the corpus are skipped")
	} else {
		specs = append(specs, globAll(t, filepath.Join(corpus, "medusa-*", "*", "openapi.yaml"),
			filepath.Join(corpus, "twilio", "*.yaml"), filepath.Join(corpus, "readme-oas-examples", "3.*", "*.yaml"))...)
	}
	mod := newModule(t)
	for i, spec := range specs {
		pkg := "p" + strconv.Itoa(i)
		first := generateOK(t, spec, pkg)
		second := generateOK(t, spec, pkg)
		for name, content := range first {
			if !bytes.Equal(content, second[name]) {
				t.Errorf("%s: %s differs between two runs", spec, name)
			}
			checkStdlibImports(t, spec, name, content)
			writeFile(t, filepath.Join(mod, pkg, name), string(content))
		}
		checkEveryTypeValidates(t, spec, first)
		t.Logf("%s → %s", spec, pkg)
	}
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
}

func globAll(t *testing.T, patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	return out
}

func generateOK(t *testing.T, spec, pkg string) map[string][]byte {
	t.Helper()
	res, err := Generate(Config{Spec: spec, Package: pkg, ServerInterface: ServerStrict})
	if err != nil {
		t.Fatalf("%s: %v", spec, err)
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Name] = f.Content
	}
	return files
}

// checkStdlibImports fails when generated code imports anything but the
// standard library (whose paths have no dot in their first element).
func checkStdlibImports(t *testing.T, spec, name string, src []byte) {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("%s: %s: %v", spec, name, err)
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			t.Errorf("%s: %s imports %s, not in the standard library", spec, name, path)
		}
	}
}

// checkEveryTypeValidates fails when a type generated for a schema or an
// operation's parameters has no Validate method: generic code must be able
// to validate any value a request or a response holds.
func checkEveryTypeValidates(t *testing.T, spec string, files map[string][]byte) {
	fset := token.NewFileSet()
	methods := map[string]bool{}
	var types []string
	for name, src := range files {
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s: %s: %v", spec, name, err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && d.Name.Name == "Validate" {
					methods[receiverName(d.Recv.List[0].Type)] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					ts, ok := sp.(*ast.TypeSpec)
					doc := d.Doc.Text()
					if ok && !ts.Assign.IsValid() && canHaveMethods(ts.Type) && (strings.Contains(doc, " is generated from ") || strings.Contains(doc, " holds the parameters of ")) {
						types = append(types, ts.Name.Name)
					}
				}
			}
		}
	}
	for _, name := range types {
		if !methods[name] {
			t.Errorf("%s: type %s has no Validate method", spec, name)
		}
	}
}

// canHaveMethods reports whether a type declared as e may have methods: not
// an interface (type X any) or a pointer, as far as the declaration shows.
func canHaveMethods(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.StarExpr, *ast.InterfaceType:
		return false
	case *ast.Ident:
		return e.Name != "any"
	}
	return true
}

func receiverName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
