package emit

import (
	"errors"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/templates"
)

// testPackage builds the IR of a golden spec, with every part.
func testPackage(t *testing.T, golden string) *ir.Package {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	spec := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "golden", golden, "openapi.yaml")
	doc, _, err := load.Load(spec, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, _ := build.Build(doc, build.Options{Package: "api", Validation: true, Server: true, Strict: true})
	return pkg
}

// TestVerifyRefusesInjectedCode: a template that prints an init function, a
// directive or a build constraint, as a spec string pasted into the code
// would, makes Emit fail instead of printing the file.
func TestVerifyRefusesInjectedCode(t *testing.T) {
	pkg := testPackage(t, "operations")
	if _, err := Emit(pkg, Options{}); err != nil {
		t.Fatalf("the built-in templates: %v", err)
	}
	orig, err := fs.ReadFile(templates.FS, "models.go.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for name, injected := range map[string]string{
		"init":                  "func init() { println(\"pwned\") }\n",
		"main":                  "func main() {}\n",
		"init that calls":       "var injectedV = new([1]int)\n\nfunc init() { *injectedV = [1]int{len(os.Args)} }\n",
		"init that calls back":  "var injectedW = new([1]*float64)\n\nfunc init() { *injectedW = [1]*float64{floatPtr(float64(len(os.Args)))} }\n",
		"go:generate":           "//go:generate sh -c \"touch /tmp/pwned\"\n",
		"go:generate in string": "var injected = `\n//go:generate sh -c \"touch /tmp/pwned\"\n`\n",
		"indented directive":    "type injectedT struct {\n\t//go:linkname x runtime.x\n\tx int\n}\n",
		"line directive":        "//line evil.go:1\ntype injectedL int\n",
		"build constraint":      "// +build ignore\n\ntype injectedB int\n",
	} {
		t.Run(name, func(t *testing.T) {
			tmpl := strings.Replace(string(orig), `{{define "models"}}`, `{{define "models"}}`+"\n"+injected, 1)
			_, err := Emit(pkg, Options{Templates: fstest.MapFS{"models.go.tmpl": {Data: []byte(tmpl)}}})
			if !errors.Is(err, ErrUnsafeOutput) {
				t.Fatalf("Emit = %v, want a refusal", err)
			}
		})
	}
}

// TestVerifyImports: an import the printed code did not record, or one
// recorded but missing, or under another name, is refused.
func TestVerifyImports(t *testing.T) {
	src := "package api\n\nimport (\n\t\"fmt\"\n\tx \"os/exec\"\n)\n\nvar _ = fmt.Sprint\nvar _ = x.Command\n"
	for _, tc := range []struct {
		name    string
		imports map[string]string
		ok      bool
	}{
		{"exact", map[string]string{"fmt": "", "os/exec": "x"}, true},
		{"extra import", map[string]string{"fmt": ""}, false},
		{"missing import", map[string]string{"fmt": "", "os/exec": "x", "time": ""}, false},
		{"other name", map[string]string{"fmt": "", "os/exec": ""}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &file{imports: tc.imports}
			_, err := f.format("x.go", []byte(src))
			if (err == nil) != tc.ok {
				t.Fatalf("verify = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

// TestCommentEscaping: spec text printed in comments keeps to its comment
// lines and to characters Go source can hold.
func TestCommentEscaping(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "// plain text"},
		{"a\n//go:generate x", "// a\n// //go:generate x"},
		{"a\r//go:generate x", "// a\n// //go:generate x"},
		{"a\r\nb", "// a\n// b"},
		{"a\u2028b\u2029c\u0085d", "// a\n// b\n// c\n// d"},
		{"x\n+build ignore", "// x\n// \\+build ignore"},
		{"  +build linux", "// \\+build linux"},
		{"nul\x00 bom\ufeff rlo\u202e", `// nul\x00 bom\ufeff rlo\u202e`},
		{"bad \xff utf8 but \uFFFD kept", `// bad \xff utf8 but ` + "\uFFFD kept"},
		{"p1\n\np2", "// p1\n//\n// p2"},
	} {
		if got := commentLines("", []string{tc.in}); got != tc.want {
			t.Errorf("commentLines(%q) =\n%s\nwant\n%s", tc.in, got, tc.want)
		}
	}
	if got := inline("/a/{id}\n//go:generate x"); got != `/a/{id}\n//go:generate x` {
		t.Errorf("inline = %q", got)
	}
	if got := wrapped("x +build y\x00"); got != `// x +build y\x00` {
		t.Errorf("wrapped = %q", got)
	}
	if got := wrapped(strings.Repeat("word ", 15) + "+build"); !strings.Contains(got, "\n// \\+build") {
		t.Errorf("wrapped = %q, want the wrapped +build escaped", got)
	}
}

// TestSizeBudget: a file past the budget is an ErrTooLarge error naming it,
// before it is formatted.
func TestSizeBudget(t *testing.T) {
	pkg := testPackage(t, "operations")
	_, err := Emit(pkg, Options{MaxFileBytes: 4 << 10})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), ".gen.go would be") {
		t.Fatalf("Emit = %v, want ErrTooLarge", err)
	}
	if _, err := Emit(pkg, Options{}); err != nil {
		t.Fatalf("within the default budget: %v", err)
	}
}

// TestFormatErrorShowsTheLine: the parser's error starts with the file's
// name (x.gen.go:5:7: ...); the report must show the lines around line 5,
// not the file's first two (as it did when it read the line number from
// the start of the message).
func TestFormatErrorShowsTheLine(t *testing.T) {
	src := []byte("package x\n\nfunc f() {\n\tg(1)\n\tg(a, , b)\n\tg(2)\n}\n")
	_, err := (&file{}).format("x.gen.go", src)
	if err == nil {
		t.Fatal("no error for code that does not parse")
	}
	msg := err.Error()
	if !strings.Contains(msg, "x.gen.go:5:") || !strings.Contains(msg, "    5  \tg(a, , b)\n") || strings.Contains(msg, "    1  ") {
		t.Errorf("the report does not show line 5 alone with its neighbours:\n%s", msg)
	}
}
