package build

import (
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/load"
)

func TestGoTypeExpr(t *testing.T) {
	bigImp := load.GoImport{Path: "math/big"}
	named := load.GoImport{Path: "net/netip", Name: "netaddr"}
	for _, tc := range []struct {
		src  string
		imp  load.GoImport
		want string // "" when refused
		err  string
	}{
		{"string", load.GoImport{}, "string", ""},
		{"big.Float", bigImp, "big.Float", ""},
		{"  *big.Float ", bigImp, "*big.Float", ""},
		{"[]*big.Int", bigImp, "[]*big.Int", ""},
		{"[4]byte", load.GoImport{}, "[4]byte", ""},
		{"map[string][]big.Int", bigImp, "map[string][]big.Int", ""},
		{"netaddr.Prefix", named, "netaddr.Prefix", ""},
		{"big.G[int, big.Int]", bigImp, "big.G[int, big.Int]", ""},
		{"Set[string]", load.GoImport{}, "Set[string]", ""},
		{"os.FileMode", load.GoImport{}, "", "add x-go-type-import"},
		{"netip.Addr", named, "", "not the imported netaddr"},
		{"int\n\nfunc init() {}\n\ntype Bar = int", load.GoImport{}, "", "not a Go type expression"},
		{"os.FileMode }\n\nfunc init(){}\n\ntype Q struct { Y int", bigImp, "", "not a Go type expression"},
		{"func()", load.GoImport{}, "", "a function"},
		{"struct{ X int }", load.GoImport{}, "", "a struct type"},
		{"interface{ M() }", load.GoImport{}, "", "an interface type"},
		{"chan int", load.GoImport{}, "", "a channel"},
		{"f()", load.GoImport{}, "", "a call"},
		{"[len(x)]int", load.GoImport{}, "", "integer literal"},
		{"a.b.c", bigImp, "", "only package.Type"},
		{"_", load.GoImport{}, "", "not a type"},
		{"1 + 2", load.GoImport{}, "", "not allowed"},
	} {
		got, err := goTypeExpr(tc.src, tc.imp)
		switch {
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("goTypeExpr(%q) = %q, %v; want %q", tc.src, got, err, tc.want)
		case tc.want == "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("goTypeExpr(%q) = %q, %v; want an error containing %q", tc.src, got, err, tc.err)
		}
	}
}

func TestCheckGoImport(t *testing.T) {
	for _, tc := range []struct {
		imp load.GoImport
		ok  bool
	}{
		{load.GoImport{Path: "math/big"}, true},
		{load.GoImport{Path: "github.com/google/uuid", Name: "uuid"}, true},
		{load.GoImport{Path: "gopkg.in/yaml.v3", Name: "yaml"}, true},
		{load.GoImport{Path: "C"}, false},
		{load.GoImport{Path: ""}, false},
		{load.GoImport{Path: "./local"}, false},
		{load.GoImport{Path: "/abs/path"}, false},
		{load.GoImport{Path: "a/../b"}, false},
		{load.GoImport{Path: "a b"}, false},
		{load.GoImport{Path: "os\"\n\nfunc init() {}\n\nimport \"os"}, false},
		{load.GoImport{Path: "a`b"}, false},
		{load.GoImport{Path: "a\x00b"}, false},
		{load.GoImport{Path: "math/big", Name: "_"}, false},
		{load.GoImport{Path: "math/big", Name: "."}, false},
		{load.GoImport{Path: "math/big", Name: "big\ninit"}, false},
		{load.GoImport{Path: "math/big", Name: "func"}, false},
	} {
		if err := checkGoImport(tc.imp); (err == nil) != tc.ok {
			t.Errorf("checkGoImport(%+v) = %v, want ok=%v", tc.imp, err, tc.ok)
		}
	}
}
