package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// conformanceCase is one instance of testdata/conformance/cases.yaml.
type conformanceCase struct {
	Schema string   `yaml:"schema" json:"schema"`
	JSON   string   `yaml:"json" json:"json"`
	Mode   string   `yaml:"mode" json:"mode"`
	Want   []string `yaml:"want" json:"want"`
}

// TestKeywordConformance runs the keyword cases of testdata/conformance
// against generated code: every keyword and format, valid and invalid
// instances, with the exact violations (path and keyword) expected.
func TestKeywordConformance(t *testing.T) {
	diags := runConformance(t, filepath.Join(repoRoot(t), "testdata", "conformance"))
	if !strings.Contains(diags, "pattern-unsupported") {
		t.Errorf("the look-ahead pattern should be reported as unsupported; diagnostics:\n%s", diags)
	}
}

// TestKeywordConformance31 runs the cases of testdata/conformance31, whose
// spec is OpenAPI 3.1: type lists, numeric exclusive bounds.
func TestKeywordConformance31(t *testing.T) {
	runConformance(t, filepath.Join(repoRoot(t), "testdata", "conformance31"))
}

// runConformance generates dir/openapi.yaml, runs dir/cases.yaml against it
// and returns the diagnostics.
func runConformance(t *testing.T, dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "cases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []conformanceCase
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(Config{Spec: filepath.Join(dir, "openapi.yaml"), Package: "conformance"})
	if err != nil {
		t.Fatalf("generate: %v\n%s", err, diagText(t, dir, res.Diagnostics))
	}
	mod := newModule(t)
	pkg := filepath.Join(mod, "conformance")
	for _, f := range res.Files {
		writeFile(t, filepath.Join(pkg, f.Name), string(f.Content))
	}
	casesJSON, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(pkg, "cases.json"), string(casesJSON))
	writeFile(t, filepath.Join(pkg, "conformance_test.go"), conformanceRunner(cases))
	goCmd(t, mod, "test", "./...")
	return diagText(t, dir, res.Diagnostics)
}

// conformanceRunner writes the test that runs inside the generated package.
func conformanceRunner(cases []conformanceCase) string {
	var names []string
	for _, c := range cases {
		if !slices.Contains(names, c.Schema) {
			names = append(names, c.Schema)
		}
	}
	var registry strings.Builder
	for _, n := range names {
		fmt.Fprintf(&registry, "\t%q: func(data []byte, mode string) (any, error) {\n\t\tvar v %s\n\t\tif err := json.Unmarshal(data, &v); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\treturn &v, check(&v, mode)\n\t},\n", n, n)
	}
	return `package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

var schemas = map[string]func([]byte, string) (any, error){
` + registry.String() + `}

// check validates v in the case's mode; every generated type has Validate.
func check(v any, mode string) error {
	type validatable interface{ Validate() error }
	val, ok := v.(validatable)
	if !ok {
		return fmt.Errorf("%T has no Validate method", v)
	}
	if vv, ok := v.(interface{ validate(*validator) }); ok {
		switch mode {
		case "request":
			return ValidateRequest(vv)
		case "response":
			return ValidateResponse(vv)
		}
	}
	return val.Validate()
}

func TestCases(t *testing.T) {
	data, err := os.ReadFile("cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Schema, JSON, Mode string
		Want               []string
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		v, err := schemas[c.Schema]([]byte(c.JSON), c.Mode)
		if err == nil {
			echo(t, c.Schema, c.JSON, v)
		}
		var got []string
		var ve *ValidationError
		switch {
		case err == nil:
		case errors.As(err, &ve):
			for _, v := range ve.Violations {
				p := v.Path
				if p == "" {
					p = "/"
				}
				got = append(got, p+" "+v.Keyword)
			}
		default:
			t.Errorf("%s %s %s: error %v (%T) is not a *ValidationError", c.Schema, c.Mode, c.JSON, err, err)
			continue
		}
		if strings.Join(got, ", ") != strings.Join(c.Want, ", ") {
			t.Errorf("%s %s %s:\n got  %q\n want %q\n error: %v", c.Schema, c.Mode, c.JSON, got, c.Want, err)
		}
	}
}

// echo checks that a valid value encodes back to the JSON it was decoded
// from: every null, absent property and value survives the round trip.
func echo(t *testing.T, schema, in string, v any) {
	out, err := json.Marshal(v)
	if err != nil {
		t.Errorf("%s %s: encode: %v", schema, in, err)
		return
	}
	var want, got any
	if err := json.Unmarshal([]byte(in), &want); err != nil {
		t.Errorf("%s %s: %v", schema, in, err)
	}
	if err := json.Unmarshal(out, &got); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%s %s: encodes back to %s (%v)", schema, in, out, err)
	}
}
`
}
