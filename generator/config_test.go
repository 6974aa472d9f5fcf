package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadConfigFileErrors: every problem of oasgen.yaml names the file,
// line and column of the key or value, with the likely key for a typo.
func TestReadConfigFileErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"key typo", "spec: openapi.yaml\nouptut: api\n", `oasgen.yaml:2:1: unknown key "ouptut"; did you mean "output"?`},
		{"key typo in case", "Package: api\n", `oasgen.yaml:1:1: unknown key "Package"; did you mean "package"?`},
		{"unknown key", "colour: blue\n", `oasgen.yaml:1:1: unknown key "colour"; known keys: allow-outside-root, allow-remote, generate,`},
		{"rule typo", "rules:\n  unused-componet: off\n", `oasgen.yaml:2:3: rules: unknown rule "unused-componet"; did you mean "unused-component"?`},
		{"level typo", "rules:\n  unused-component: warnign\n", `oasgen.yaml:2:21: rules: unused-component: level must be off, info, warning or error, not "warnign"; did you mean "warning"?`},
		{"wrong kind", "spec: openapi.yaml\nstrict: [yes]\n", `oasgen.yaml:2:9: strict must be true or false, not a list`},
		{"list of strings", "generate: models\n", `oasgen.yaml:1:11: generate must be a list, not "models"`},
		{"set twice", "spec: a.yaml\nspec: b.yaml\n", `oasgen.yaml:2:1: the key "spec" is set twice`},
		{"not a mapping", "- spec\n", `oasgen.yaml:1:1: the file must be a mapping`},
		{"syntax", "spec: a\n  output: b\n", `oasgen.yaml:2:9: invalid YAML: mapping values are not allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.WriteFile("oasgen.yaml", []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadConfigFile("oasgen.yaml")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestReadConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "oasgen.yaml")
	content := "spec: openapi.yaml\noutput: api\npackage: pets\ngenerate: [models]\nstrict: true\nrules:\n  unused-component: off\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	fc, err := ReadConfigFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fc.Spec != filepath.Join(dir, "openapi.yaml") || fc.Output != filepath.Join(dir, "api") || fc.Package != "pets" ||
		len(fc.Generate) != 1 || !fc.Strict || fc.Rules["unused-component"] != "off" {
		t.Errorf("got %+v", fc)
	}
	for _, empty := range []string{"", "# only a comment\n"} {
		if err := os.WriteFile(path, []byte(empty), 0o644); err != nil {
			t.Fatal(err)
		}
		if fc, err := ReadConfigFile(path); err != nil || fc.Spec != "" {
			t.Errorf("%q: got %+v, %v; want an empty config", empty, fc, err)
		}
	}
}
