package generator

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateOverride replaces the built-in "enum" template from a user
// folder: the output uses it, and everything else stays built in.
func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "models.go.tmpl"), `{{define "models"}}{{range .Types}}{{if eq .Kind.String "enum"}}{{template "enum" .}}{{end}}{{end}}{{end}}
{{define "enum"}}
// {{.Name}} is overridden.
type {{.Name}} {{typ .Elem}}
{{end}}`)
	res, err := Generate(Config{Spec: filepath.Join(repoRoot(t), "specs", "store", "openapi.yaml"), Package: "api", Templates: dir})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.Files[0].Content)
	if !strings.Contains(out, "// PaymentSessionStatus is overridden.\ntype PaymentSessionStatus string") {
		t.Errorf("override not used:\n%.600s", out)
	}
	if strings.Contains(out, "type Cart struct") {
		t.Error("the overriding models template should print enums only")
	}
}

func TestTemplateOverrideErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "models.go.tmpl"), `{{define "models"}}{{.Nope}`)
	_, err := Generate(Config{Spec: filepath.Join(repoRoot(t), "specs", "store", "openapi.yaml"), Templates: dir})
	if err == nil || !strings.Contains(err.Error(), "models.go.tmpl") {
		t.Errorf("err = %v, want a parse error naming the template", err)
	}
}
