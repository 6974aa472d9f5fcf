package load

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// chainSpec is a spec whose schema A0 refs A1, ..., which refs A<n>, a
// string schema: a chain of n refs that is not a cycle, from openapi.yaml
// to chain.yaml and on within chain.yaml.
func chainSpec(t *testing.T, n int) string {
	var b strings.Builder
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "A%d: {$ref: '#/A%d'}\n", i, i+1)
	}
	fmt.Fprintf(&b, "A%d: {type: string}\n", n)
	return writeSpec(t, t.TempDir(), map[string]string{
		"openapi.yaml": "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A0: {$ref: './chain.yaml#/A1'}\n",
		"chain.yaml":   b.String(),
	})
}

func TestRefChains(t *testing.T) {
	doc, _, err := Load(chainSpec(t, maxRefChain), Options{})
	if err != nil {
		t.Fatalf("a chain of %d refs: %v", maxRefChain, err)
	}
	if doc.Schemas[0].Type != "string" {
		t.Errorf("A0 = %+v", doc.Schemas[0])
	}

	for _, n := range []int{maxRefChain + 1, 1000} {
		spec := chainSpec(t, n)
		_, _, err := Load(spec, Options{})
		var le *Error
		if !errors.As(err, &le) || le.Diag.Rule != "ref-chain" || le.Diag.Pos.Line != 6 || le.Diag.Pos.Col != 10 ||
			!strings.Contains(le.Diag.Rel(filepath.Dir(spec)).Message, fmt.Sprintf("a chain of more than %d $refs (stopped at chain.yaml:%d:", maxRefChain, maxRefChain)) {
			t.Errorf("a chain of %d refs: err = %v, want ref-chain at openapi.yaml:6:10", n, err)
		}
	}
}

func TestRefCycle(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		pos   string
	}{
		{"three files", map[string]string{
			"openapi.yaml": "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: ./a.yaml}\n",
			"a.yaml":       "$ref: ./b.yaml\n",
			"b.yaml":       "$ref: ./c.yaml\n",
			"c.yaml":       "$ref: ./a.yaml\n",
		}, "a.yaml:1:1"},
		{"one file", map[string]string{
			"openapi.yaml": "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
		}, "openapi.yaml:6:9"},
		{"itself", map[string]string{
			"openapi.yaml": "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n",
		}, "openapi.yaml:6:9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			_, _, err := Load(writeSpec(t, dir, tc.files), Options{})
			var le *Error
			if !errors.As(err, &le) || le.Diag.Rule != "ref-cycle" || !strings.Contains(le.Diag.Message, "reference cycle") ||
				le.Diag.Pos.Rel(dir).String() != tc.pos {
				t.Errorf("err = %v, want ref-cycle at %s", err, tc.pos)
			}
		})
	}
}
