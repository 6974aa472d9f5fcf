package load

import (
	"fmt"
	"strings"
	"testing"
)

// chainOfRefs writes a spec of n components, each an object whose one
// property refers to the next, listed in order so that loading the first
// walks the whole chain.
func chainOfRefs(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n")
	for i := range n {
		next := "{type: string}"
		if i+1 < n {
			next = fmt.Sprintf("{$ref: '#/components/schemas/S%d'}", i+1)
		}
		fmt.Fprintf(&b, "    S%d: {type: object, properties: {next: %s}}\n", i, next)
	}
	return writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": b.String()})
}

// TestDepthThroughRefs: a $ref's target nests in its own place, so a long
// web of $refs (real specs walk hundreds of components deep, depending on
// their order) is not refused as deep nesting; only the bound on nesting
// through $refs, far higher, stops a chain of thousands.
func TestDepthThroughRefs(t *testing.T) {
	if _, _, err := Load(chainOfRefs(t, 2*MaxSchemaDepth), Options{}); err != nil {
		t.Fatalf("a chain of %d components: %v", 2*MaxSchemaDepth, err)
	}
	_, _, err := Load(chainOfRefs(t, MaxRefNesting+1), Options{})
	wantRule(t, err, "schema-depth", "counting $refs")
}
