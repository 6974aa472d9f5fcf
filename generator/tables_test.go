package generator

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLeafTablesShared: in validate.gen.go, a schema table without
// subschemas is printed once, as a leafSchemaN variable, and every table
// that has it refers to the variable; init holds no such literal.
func TestLeafTablesShared(t *testing.T) {
	src := string(generateOK(t, filepath.Join(repoRoot(t), "specs", "store", "openapi.yaml"), "store")["validate.gen.go"])
	leaves := regexp.MustCompile(`(?m)^\t(leafSchema\d+) = &(jsonSchema\{(?s:.*?)\n\t\})`).FindAllStringSubmatch(src, -1)
	if len(leaves) == 0 {
		t.Fatal("no leafSchema variables")
	}
	seen := map[string]string{}
	for _, m := range leaves {
		if other, ok := seen[m[2]]; ok {
			t.Errorf("%s and %s have the same literal", other, m[1])
		}
		seen[m[2]] = m[1]
		if n := strings.Count(src, m[1]+"\n") + strings.Count(src, m[1]+"}") + strings.Count(src, m[1]+","); n < 1 {
			t.Errorf("%s is never used", m[1])
		}
	}
	_, init, ok := strings.Cut(src, "\nfunc init() {\n")
	if !ok {
		t.Fatal("no init")
	}
	init, _, _ = strings.Cut(init, "\n}\n")
	subschemas := regexp.MustCompile(`\b(items|additional|not|props|allOf|anyOf|oneOf|discCases):`)
	for _, lit := range regexp.MustCompile(`&jsonSchema\{[^{}]*\}`).FindAllString(init, -1) {
		if !subschemas.MatchString(lit) {
			t.Errorf("init holds a table without subschemas: %s", lit)
		}
	}
}
