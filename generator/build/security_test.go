package build

import (
	"testing"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
)

// TestSecurity builds the security of operations: the kinds of the
// schemes, the effective security (the operation's, else the document's;
// security: [] is none), shared schemes, and undeclared names.
func TestSecurity(t *testing.T) {
	req := func(names ...string) load.SecurityRequirement {
		r := load.SecurityRequirement{Names: names}
		for range names {
			r.Scopes = append(r.Scopes, []string{"read"})
		}
		return r
	}
	op := func(path string, has bool, reqs ...load.SecurityRequirement) *load.PathItem {
		return &load.PathItem{Path: path, Operations: []*load.Operation{{Method: "GET", Path: path, Security: reqs, HasSecurity: has}}}
	}
	doc := &load.Document{
		Security: []load.SecurityRequirement{req("jwt_token")},
		SecuritySchemes: []*load.SecurityScheme{
			{Name: "jwt_token", Type: "http", Scheme: "Bearer", BearerFormat: "JWT"},
			{Name: "basic", Type: "http", Scheme: "basic"},
			{Name: "digest", Type: "http", Scheme: "digest"},
			{Name: "key", Type: "apiKey", In: "cookie", ParamName: "sid"},
			{Name: "jwt-token", Type: "oauth2", Flows: []*load.OAuthFlow{{Kind: "password", TokenURL: "/token", Scopes: []load.OAuthScope{{Name: "read"}}}}},
			{Name: "broken", Type: "apiKey", Invalid: "no name"},
		},
		Paths: []*load.PathItem{
			op("/inherits", false),
			op("/none", true),
			op("/mixed", true, req("key", "basic"), req(), req("api_token"), req("api_token")),
		},
	}
	pkg, _ := Build(doc, Options{Package: "api", Server: true})
	kinds := map[string]string{}
	for _, s := range pkg.SecuritySchemes {
		kinds[s.Name] = s.GoName + " " + s.Kind + " " + s.Raw
	}
	for name, want := range map[string]string{
		"jwt_token": "JWTToken bearer ",
		"basic":     "Basic basic ",
		"digest":    "Digest http oasgen reads basic and bearer credentials, not digest",
		"key":       "Key apiKey ",
		"jwt-token": "JWTToken2 oauth2 ",
		"broken":    "Broken apiKey no name",
		"api_token": "APIToken undeclared it is not declared in components.securitySchemes",
	} {
		if kinds[name] != want {
			t.Errorf("%s: %q, want %q", name, kinds[name], want)
		}
	}
	if len(pkg.SecuritySchemes) != 7 || pkg.SecuritySchemes[6].Name != "api_token" {
		t.Errorf("%d schemes, the undeclared one last", len(pkg.SecuritySchemes))
	}
	ops := pkg.Operations
	if len(ops[0].Security) != 1 || ops[0].Security[0][0].Scheme != pkg.SecuritySchemes[0] {
		t.Errorf("/inherits: %+v", ops[0].Security)
	}
	if ops[1].Security != nil {
		t.Errorf("/none: %+v", ops[1].Security)
	}
	mixed := ops[2].Security
	if len(mixed) != 4 || len(mixed[0]) != 2 || mixed[0][1].Scheme.Kind != ir.SchemeBasic || mixed[0][1].Scopes[0] != "read" ||
		len(mixed[1]) != 0 || mixed[2][0].Scheme != mixed[3][0].Scheme {
		t.Errorf("/mixed: %+v", mixed)
	}
	if pkg.SecuritySchemes[2].Used || !pkg.SecuritySchemes[3].Used {
		t.Error("Used is wrong")
	}
}
