package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

// TestLintGolden runs oasgen validate's checks on every case under
// testdata/invalid and compares the findings, in all three output formats,
// with validate.txt, validate.json and validate.github in the case folder
// (-update rewrites them).
func TestLintGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "invalid", "*", "openapi.yaml"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, spec := range cases {
		dir := filepath.Dir(spec)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			list, _ := Lint(LintConfig{Spec: spec})
			if len(list) == 0 {
				t.Fatal("a bad-input case produced no findings")
			}
			for _, out := range []struct {
				file   string
				format diag.Format
			}{{"validate.txt", diag.Text}, {"validate.json", diag.JSON}, {"validate.github", diag.GitHub}} {
				var b bytes.Buffer
				if err := diag.Print(&b, dir, list, diag.TextOptions{Format: out.format}); err != nil {
					t.Fatal(err)
				}
				got := filepath.ToSlash(b.String())
				path := filepath.Join(dir, out.file)
				if *update {
					writeFile(t, path, got)
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./generator -update)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", out.file, got, want)
				}
			}
		})
	}
}

// TestLintFindsEveryProblem checks, per finding, that it is reported both
// in the root file and in a file several folders down.
func TestLintFindsEveryProblem(t *testing.T) {
	tests := []struct {
		dir   string
		rule  string
		files []string // each must hold at least one finding of the rule
	}{
		{"malformed-yaml-in-ref", "syntax", []string{"schemas/deep/Broken.yaml"}},
		{"unresolved-refs", "ref-missing-file", []string{"openapi.yaml", "paths/a/b/carts.yaml"}},
		{"unresolved-refs", "ref-pointer", []string{"openapi.yaml", "paths/a/b/carts.yaml"}},
		{"structure", "structure", []string{"openapi.yaml", "responses/deep/down/ok.yaml"}},
		{"structure", "unknown-field", []string{"responses/deep/down/ok.yaml"}},
		{"duplicate-operation-id", "duplicate-operation-id", []string{"openapi.yaml", "paths/x/y/b.yaml"}},
		{"path-params", "path-params", []string{"openapi.yaml", "paths/deep/er/items.yaml"}},
		{"value-mismatch", "default-type", []string{"openapi.yaml"}},
		{"value-mismatch", "default-invalid", []string{"schemas/one/two/Item.yaml"}},
		{"value-mismatch", "example-invalid", []string{"schemas/one/two/Item.yaml"}},
		{"value-mismatch", "enum-value", []string{"schemas/one/two/Item.yaml"}},
		{"discriminator-property", "discriminator-property", []string{"openapi.yaml"}},
		{"discriminator-property", "required-unknown", []string{"openapi.yaml", "schemas/a/b/Dog.yaml"}},
		{"name-collision", "name-collision", []string{"openapi.yaml", "schemas/deep/er/Order.yaml"}},
		{"unused-component", "unused-component", []string{"openapi.yaml", "components/schemas/deep/Orphan.yaml"}},
		{"undeclared-security-deep", "undeclared-security-scheme", []string{"openapi.yaml", "paths/a/b/c/me.yaml"}},
		{"undeclared-security-deep", "ref-remote", []string{"paths/a/b/c/me.yaml"}},
		{"outside-root", "ref-outside-root", []string{"openapi.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir+"/"+tt.rule, func(t *testing.T) {
			dir := filepath.Join(repoRoot(t), "testdata", "invalid", tt.dir)
			list, _ := Lint(LintConfig{Spec: filepath.Join(dir, "openapi.yaml")})
			text := diagText(t, dir, list)
			for _, file := range tt.files {
				found := false
				for _, line := range strings.Split(text, "\n") {
					if strings.HasPrefix(line, file+":") && strings.HasSuffix(line, "["+tt.rule+"]") {
						found = true
					}
				}
				if !found {
					t.Errorf("no [%s] finding in %s; got:\n%s", tt.rule, file, text)
				}
			}
		})
	}
}

func TestLintRules(t *testing.T) {
	spec := filepath.Join(repoRoot(t), "testdata", "invalid", "unused-component", "openapi.yaml")
	list, err := Lint(LintConfig{Spec: spec, Rules: map[string]string{"unused-component": "off"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.Rule == "unused-component" {
			t.Errorf("rule turned off but reported: %v", d)
		}
	}
	list, _ = Lint(LintConfig{Spec: spec, Rules: map[string]string{"unused-component": "error"}})
	if !list.HasErrors() {
		t.Error("rule re-levelled to error is not an error")
	}
	if err := CheckRules(map[string]string{"unused-component": "loud"}); err == nil {
		t.Error("an unknown level was accepted")
	}
	if err := CheckRules(map[string]string{"unused-components": "off"}); err == nil {
		t.Error("an unknown rule was accepted")
	}
}

// TestKnownRules: every rule a diagnostic carries, linting the invalid
// fixtures and generating the server fixtures, is in KnownRules, and the
// rule table of docs/validate.md documents each of KnownRules.
func TestKnownRules(t *testing.T) {
	root := repoRoot(t)
	seen := map[string]bool{}
	note := func(list diag.List) {
		for _, d := range list {
			seen[d.Rule] = true
		}
	}
	for _, spec := range globAll(t, filepath.Join(root, "testdata", "invalid", "*", "openapi.yaml"), filepath.Join(root, "specs", "*", "openapi.yaml")) {
		list, _ := Lint(LintConfig{Spec: spec})
		note(list)
	}
	for _, spec := range globAll(t, filepath.Join(root, "testdata", "server", "*", "openapi.yaml"), filepath.Join(root, "specs", "*", "openapi.yaml")) {
		res, _ := Generate(Config{Spec: spec, Package: "api", ServerInterface: ServerStrict})
		if res != nil {
			note(res.Diagnostics)
		}
	}
	for rule := range seen {
		if !slices.Contains(KnownRules, rule) {
			t.Errorf("rule %q is reported but not in KnownRules", rule)
		}
	}
	doc, err := os.ReadFile(filepath.Join(root, "docs", "validate.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range KnownRules {
		if !strings.Contains(string(doc), "`"+rule+"`") {
			t.Errorf("rule %q is not in docs/validate.md", rule)
		}
	}
	t.Logf("%d rules seen of %d known", len(seen), len(KnownRules))
}

// TestLintCorpus lints the four Medusa specs: no crash, no error, and the
// known real defects are found at their positions.
func TestLintCorpus(t *testing.T) {
	corpus := corpusDir(t)
	if corpus == "" || testing.Short() {
		t.Skip("../shared/corpus is absent or -short")
	}
	want := map[string][]string{
		"medusa-v1/store": {`paths/store_product-types.yaml:118:7: warning: security scheme "api_token" is not declared`},
		"medusa-v1/admin": {`paths/admin_currencies.yaml:35:9: warning: default "0" is a string, but the schema's type is number`,
			`components/schemas/InventoryLevelDTO.yaml:3:5: warning: required property "inventory_item_id" is not declared`},
		"medusa-v2/store": {`components/schemas/StoreCartShippingMethod.yaml:149:15: warning: required property "shipping_method_id" is not declared`},
		"medusa-v2/admin": {`components/schemas/AdminProductVariantDeleteResponse.yaml:21:5: warning: default "variant" is a string, but the schema's type is boolean`},
	}
	for spec, findings := range want {
		t.Run(spec, func(t *testing.T) {
			dir := filepath.Join(corpus, spec)
			list, err := Lint(LintConfig{Spec: filepath.Join(dir, "openapi.yaml")})
			if err != nil {
				t.Fatal(err)
			}
			if list.HasErrors() {
				t.Errorf("errors on a spec that generates:\n%s", diagText(t, dir, list))
			}
			text := diagText(t, dir, list)
			for _, f := range findings {
				if !strings.Contains(text, f) {
					t.Errorf("missing finding %q", f)
				}
			}
			t.Logf("%s: %s", spec, diag.Summary(list, 1))
		})
	}
}

// TestMessagesNameSpecThings: messages name what the spec has (a oneOf
// entry, a spec type), not the Go names oasgen makes up.
func TestMessagesNameSpecThings(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "openapi.yaml")
	writeFile(t, spec, `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      anyOf:
        - {type: object, properties: {kind: {type: string}}}
        - {type: object, properties: {bark: {type: boolean}}}
        - {type: string}
        - {properties: {meow: {type: string}}}
      discriminator: {propertyName: kind}
    Size:
      type: integer
      format: int32
      enum: [1, 2.5]
`)
	list, err := Lint(LintConfig{Spec: spec})
	if err != nil {
		t.Fatal(err)
	}
	got := diagText(t, dir, list)
	for _, want := range []string{
		`openapi.yaml:12:7: warning: discriminator property "kind" is not a property of anyOf entry 2 (#/components/schemas/Pet/anyOf/1) [discriminator-property]`,
		`discriminator property "kind" is not a property of anyOf entry 4 (#/components/schemas/Pet/anyOf/3)`,
		`openapi.yaml:16:17: warning: enum value 2.5 does not match the enum's type integer; left out [enum-value]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "Variant") {
		t.Errorf("a made-up name in\n%s", got)
	}
}

// TestRuleTable: every rule has a one-line description for SARIF output,
// and no description is left over from a rule that went.
func TestRuleTable(t *testing.T) {
	for _, r := range RuleTable() {
		if ruleDescriptions[r.ID] == "" || strings.Contains(r.Description, "\n") {
			t.Errorf("rule %q has no one-line description in ruleDescriptions", r.ID)
		}
	}
	for id := range ruleDescriptions {
		if !slices.Contains(KnownRules, id) {
			t.Errorf("ruleDescriptions describes %q, which KnownRules lacks", id)
		}
	}
}
