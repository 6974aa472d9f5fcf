package load

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

const securitySpec = `openapi: 3.0.3
info: {title: t, version: "1"}
security:
  - bearer: []
paths:
  /a:
    get:
      security:
        - key: [read]
        - oauth: [read, delete]
          ghost: []
        - {}
        - not-a-mapping
        - [1]
      responses: {}
  /b:
    get:
      security: []
      responses: {}
  /c:
    get:
      responses: {}
components:
  securitySchemes:
    bearer: {type: http, scheme: Bearer, bearerFormat: JWT}
    key: {type: apiKey, in: header, name: X-Key, description: a key}
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {read: Read.}
        implicit:
          scopes: {}
    oidc: {type: openIdConnect}
    nokind: {description: what}
    badin: {type: apiKey, in: body, name: k}
    noname: {type: apiKey, in: query}
    digest: {type: http, scheme: digest}
    tls: {type: mutualTLS}
    ref:
      $ref: '#/components/securitySchemes/key'
`

// TestSecuritySchemes loads every kind of security scheme and requirement,
// and checks the diagnostics of the defects: errors for validate
// (lenient), warnings for generate.
func TestSecuritySchemes(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": securitySpec})
	doc, diags, err := Load(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range doc.SecuritySchemes {
		names = append(names, s.Name+":"+s.Type)
	}
	if want := []string{"bearer:http", "key:apiKey", "oauth:oauth2", "oidc:openIdConnect", "nokind:", "badin:apiKey", "noname:apiKey", "digest:http", "tls:mutualTLS", "ref:apiKey"}; !slices.Equal(names, want) {
		t.Errorf("schemes %q, want %q", names, want)
	}
	key, oauth := doc.Scheme("key"), doc.Scheme("oauth")
	if key.In != "header" || key.ParamName != "X-Key" || key.Description != "a key" || key.Invalid != "" {
		t.Errorf("key %+v", key)
	}
	if ref := doc.Scheme("ref"); ref.ParamName != "X-Key" || !strings.HasSuffix(ref.Loc.Pointer, "/key") {
		t.Errorf("ref %+v", ref)
	}
	if len(oauth.Flows) != 2 || oauth.Flows[0].Kind != "clientCredentials" || oauth.Flows[0].TokenURL == "" || oauth.Flows[0].Scopes[0] != (OAuthScope{"read", "Read."}) {
		t.Errorf("oauth flows %+v", oauth.Flows)
	}
	if b := doc.Scheme("bearer"); b.Scheme != "Bearer" || b.BearerFormat != "JWT" {
		t.Errorf("bearer %+v", b)
	}
	for _, name := range []string{"oidc", "nokind", "badin", "noname"} {
		if doc.Scheme(name).Invalid == "" {
			t.Errorf("%s is not marked invalid", name)
		}
	}
	ops := doc.Paths
	a, b, c := ops[0].Operations[0], ops[1].Operations[0], ops[2].Operations[0]
	reqs := a.EffectiveSecurity(doc)
	if len(reqs) != 4 || !slices.Equal(reqs[1].Names, []string{"oauth", "ghost"}) || !slices.Equal(reqs[1].Scopes[0], []string{"read", "delete"}) || len(reqs[2].Names) != 0 ||
		!slices.Equal(reqs[3].Names, []string{"not-a-mapping"}) {
		t.Errorf("requirements of /a %+v", reqs)
	}
	if !b.HasSecurity || b.EffectiveSecurity(doc) != nil {
		t.Errorf("security: [] of /b: %+v", b.EffectiveSecurity(doc))
	}
	if got := c.EffectiveSecurity(doc); len(got) != 1 || got[0].Names[0] != "bearer" {
		t.Errorf("/c inherits %+v", got)
	}

	want := []string{
		"9:11 warning security-requirement",  // scopes on an apiKey in 3.0
		"10:11 warning security-requirement", // delete is undeclared
		"11:11 warning undeclared-security-scheme",
		"13:11 warning security-requirement", // not a mapping: read as {not-a-mapping: []}
		"13:11 warning undeclared-security-scheme",
		"14:11 warning security-requirement", // not a mapping: left out
		"34:11 warning security-scheme",      // implicit: no authorizationUrl
		"35:11 warning security-scheme",      // oidc: no openIdConnectUrl
		"36:13 warning security-scheme",      // no type
		"37:27 warning security-scheme",      // in: body
		"38:13 warning security-scheme",      // no name
		"39:26 warning security-scheme",      // digest
		"40:11 warning security-scheme",      // mutualTLS in 3.0
	}
	check := func(diags diag.List, want []string) {
		t.Helper()
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Severity, d.Rule))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("diagnostics:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), diags)
		}
	}
	check(diags, want)

	// validate: what generate works around is an error.
	_, diags, err = Load(spec, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if line, _, _ := strings.Cut(w, ":"); strings.HasSuffix(w, "requirement") && (line == "13" || line == "14") || line >= "34" && line <= "38" {
			want[i] = strings.Replace(w, "warning", "error", 1)
		}
	}
	check(diags, want)
}
