package generator

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

// TestHostileInjection generates testdata/hostile/injection, whose spec
// text holds directives, build constraints and comment and string
// terminators everywhere text reaches code, and checks that none of it
// escapes: no line of the output is a directive, the package passes go
// vet, and go generate (which would run the spec's "false") succeeds.
func TestHostileInjection(t *testing.T) {
	cfg := Config{Spec: "testdata/hostile/injection/openapi.yaml", Package: "api", ServerInterface: ServerStrict}
	mod := generatedModule(t, cfg)
	res, err := Generate(Config{Spec: filepath.Join(repoRoot(t), cfg.Spec), Package: "api", ServerInterface: ServerStrict})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		for i, line := range bytes.Split(f.Content, []byte("\n")) {
			text := strings.TrimLeft(string(line), " \t")
			if strings.HasPrefix(text, "//go:") || strings.HasPrefix(text, "//line") ||
				strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(text, "//")), "+build") && strings.HasPrefix(text, "//") {
				t.Errorf("%s:%d is a directive: %q", f.Name, i+1, text)
			}
		}
	}
	if testing.Short() {
		return
	}
	goCmd(t, mod, "vet", "./...")
	goCmd(t, mod, "generate", "./...")
}

// TestNoGoExtensions: with NoGoExtensions, x-go-type and x-go-type-import
// are ignored with a warning each, and the package they name is not
// imported.
func TestNoGoExtensions(t *testing.T) {
	spec := filepath.Join(repoRoot(t), "testdata", "golden", "extensions", "openapi.yaml")
	res, err := Generate(Config{Spec: spec, NoGoExtensions: true})
	if err != nil {
		t.Fatal(err)
	}
	var ignored int
	for _, d := range res.Diagnostics {
		if d.Rule == "go-extension" && d.Severity == diag.Warning && d.Pos.Line > 0 {
			ignored++
		}
	}
	if ignored != 3 {
		t.Errorf("%d go-extension warnings, want 3 (one per x-go-type):\n%s", ignored, diagText(t, filepath.Dir(spec), res.Diagnostics))
	}
	for _, f := range res.Files {
		if bytes.Contains(f.Content, []byte(`"math/big"`)) || bytes.Contains(f.Content, []byte(`netaddr "net/netip"`)) {
			t.Errorf("%s imports a package an x-go-type-import names", f.Name)
		}
	}
	with, err := Generate(Config{Spec: spec})
	if err != nil || !bytes.Contains(with.Files[0].Content, []byte(`"math/big"`)) {
		t.Fatalf("without the option the extensions apply: %v", err)
	}
}

// TestPackageName: a package name that is not a Go identifier is a plain
// error before anything is loaded, never an internal one.
func TestPackageName(t *testing.T) {
	spec := filepath.Join(repoRoot(t), "testdata", "golden", "primitives", "openapi.yaml")
	for _, name := range []string{"a-b", "func", "1a", "_", "api\n//go:generate false", "a b"} {
		_, err := Generate(Config{Spec: spec, Package: name})
		var dl *diag.ErrorList
		if err == nil || errors.As(err, &dl) || !strings.Contains(err.Error(), "not a Go identifier") {
			t.Errorf("package %q: %v, want a plain error", name, err)
		}
	}
	if _, err := Generate(Config{Spec: spec, Package: "ünïcode"}); err != nil {
		t.Errorf("a Unicode identifier is a package name: %v", err)
	}
}
