package load

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// bigSpec writes n schemas without any alias, in block style (the fast
// parser's subset) or with flow mappings (which go to yaml.v3). Each schema
// is about 27 nodes, so 40,000 of them are over a million nodes.
func bigSpec(n int, flow bool, extra string) []byte {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo:\n  title: big\n  version: '1'\npaths: {}\n" + extra + "components:\n  schemas:\n")
	for i := range n {
		next := i / 2 // refs to many keys of one large mapping, none nested deep
		if flow {
			fmt.Fprintf(&b, "    S%d:\n      type: object\n      description: schema %d\n      required: [id, name]\n      properties:\n"+
				"        id: {type: string}\n        name: {type: string}\n        n: {type: integer}\n        next: {$ref: '#/components/schemas/S%d'}\n", i, i, next)
			continue
		}
		fmt.Fprintf(&b, "    S%d:\n      type: object\n      description: schema %d\n      required:\n        - id\n        - name\n      properties:\n"+
			"        id:\n          type: string\n        name:\n          type: string\n        n:\n          type: integer\n"+
			"        next:\n          $ref: '#/components/schemas/S%d'\n", i, i, next)
	}
	return []byte(b.String())
}

func countNodes(n *yaml.Node) int {
	c := 1
	for _, ch := range n.Content {
		c += countNodes(ch)
	}
	return c
}

// TestLargeFileWithoutAliases checks that a file is judged by what its
// aliases add, not by its size: both parsers' results are kept.
func TestLargeFileWithoutAliases(t *testing.T) {
	data := bigSpec(40_000, false, "")
	f, err := parseYAML("big.yaml", data)
	if err != nil {
		t.Fatalf("%d bytes: %v", len(data), err)
	}
	if n := countNodes(f.root); n <= maxAliasNodes {
		t.Fatalf("the test spec has %d nodes; it must have more than %d", n, maxAliasNodes)
	}

	// Flow style and a few aliases: yaml.v3 parses it.
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": string(bigSpec(40_000, true,
		"x-shared:\n  a: &name {type: string, description: a name}\n  b: *name\n  c: *name\n"))})
	doc, _, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Schemas) != 40_000 {
		t.Fatalf("%d schemas", len(doc.Schemas))
	}
}

// aliasSpec aliases an anchored list of 1,000 strings n times: the aliases
// add n*1,000 nodes (each alias stands for 1,001 nodes instead of itself).
func aliasSpec(n int) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-big: &big [")
	for i := range 1000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("x")
	}
	b.WriteString("]\nx-uses:\n")
	for range n {
		b.WriteString("  - *big\n")
	}
	return b.String()
}

func TestAliasLimits(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		rule, pos  string // "" when the file is accepted
	}{
		{"aliases adding the limit", aliasSpec(1000), "", ""},
		{"just over the limit", aliasSpec(1001), "alias-bomb", "f.yaml:1006:5"},
		{"billion laughs", `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
j: &j [*i, *i, *i, *i, *i, *i, *i, *i, *i, *i]
k: &k [*j, *j, *j, *j, *j, *j, *j, *j, *j, *j]
l: &l [*k, *k, *k, *k, *k, *k, *k, *k, *k, *k]
m: &m [*l, *l, *l, *l, *l, *l, *l, *l, *l, *l]
n: &n [*m, *m, *m, *m, *m, *m, *m, *m, *m, *m]
o: &o [*n, *n, *n, *n, *n, *n, *n, *n, *n, *n]
p: &p [*o, *o, *o, *o, *o, *o, *o, *o, *o, *o]
q: &q [*p, *p, *p, *p, *p, *p, *p, *p, *p, *p]
r: &r [*q, *q, *q, *q, *q, *q, *q, *q, *q, *q]
s: &s [*r, *r, *r, *r, *r, *r, *r, *r, *r, *r]
t: &t [*s, *s, *s, *s, *s, *s, *s, *s, *s, *s]
`, "alias-bomb", "f.yaml:6:"},
		{"alias in its own anchor", "a: &a [1, [*a]]\n", "alias-cycle", "f.yaml:1:12"},
		{"merge key in its own anchor", "a: &m {b: {<<: *m}}\n", "alias-cycle", "f.yaml:1:16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseYAML("f.yaml", []byte(tc.yaml))
			var le *Error
			switch {
			case tc.rule == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.rule == "":
			case !errors.As(err, &le) || le.Diag.Rule != tc.rule || !strings.HasPrefix(le.Diag.Pos.String(), tc.pos):
				t.Fatalf("err = %v, want %s at %s", err, tc.rule, tc.pos)
			}
		})
	}
}

// TestAliasCycleLoads checks that a spec whose example holds itself is
// refused with a position instead of overflowing the stack.
func TestAliasCycleLoads(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: array
      example: &a [1, *a]
`})
	_, _, err := Load(spec, Options{Lenient: true})
	var le *Error
	if !errors.As(err, &le) || le.Diag.Rule != "alias-cycle" || filepath.Base(le.Diag.Pos.File) != "openapi.yaml" || le.Diag.Pos.Line != 8 {
		t.Fatalf("err = %v", err)
	}
}
