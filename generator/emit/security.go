package emit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/templates"
)

// The security of the server (SecurityHandler, WithSecurityHandler and a
// check per scheme and operation) is printed by templates/server.go.tmpl
// with these functions, when a served operation declares security.

var loadSecurityRuntime = sync.OnceValues(func() (runtimeCode, error) {
	return loadSources(templates.SecurityRuntime)
})

// securityRuntimeSource records the security runtime's imports and returns its code.
func (f *file) securityRuntimeSource() (string, error) { return f.sourceOf(loadSecurityRuntime) }

// servedSchemes lists the security schemes the served operations and the
// webhooks use, in the package's order: the methods of SecurityHandler.
func servedSchemes(pkg *ir.Package) []*ir.SecurityScheme {
	used := map[*ir.SecurityScheme]bool{}
	for _, op := range append(served(pkg), webhookOps(pkg)...) {
		for _, req := range op.Security {
			for _, rs := range req {
				used[rs.Scheme] = true
			}
		}
	}
	var out []*ir.SecurityScheme
	for _, s := range pkg.SecuritySchemes {
		if used[s] {
			out = append(out, s)
		}
	}
	return out
}

// credentialType is the type of the credential a scheme's SecurityHandler
// method gets, and the runtime function reading it from a request.
func credentialType(s *ir.SecurityScheme) (typ, read string) {
	switch {
	case s.Raw != "":
		return "*http.Request", "readRequest"
	case s.Kind == ir.SchemeAPIKey:
		return "APIKeyCredential", fmt.Sprintf("readAPIKey(%q, %q)", s.In, s.ParamName)
	case s.Kind == ir.SchemeBasic:
		return "BasicCredential", "readBasic"
	case s.Kind == ir.SchemeMutualTLS:
		return "TLSCredential", "readTLS"
	}
	return "BearerCredential", "readBearer" // bearer, oauth2, openIdConnect
}

// securityMethod prints the SecurityHandler method of scheme s, with its doc.
func securityMethod(s *ir.SecurityScheme) string {
	typ, _ := credentialType(s)
	arg := "cred " + typ
	var what string
	switch {
	case s.Kind == ir.SchemeUndeclared:
		what = fmt.Sprintf("decides on requests for %s, which the spec does not declare in components.securitySchemes: it gets the request and finds the credential itself; the request is refused unless it accepts.", s.Name)
		arg = "r " + typ
	case s.Raw != "":
		what = fmt.Sprintf("decides on requests for %s, whose credential the server does not read (%s): it gets the request and finds the credential itself.", s.Name, s.Raw)
		arg = "r " + typ
	case s.Kind == ir.SchemeAPIKey:
		what = fmt.Sprintf("checks the API key of %s, sent in the %s %s.", s.Name, s.In, strconv.Quote(s.ParamName))
	case s.Kind == ir.SchemeBasic:
		what = fmt.Sprintf("checks the user and password of %s (HTTP basic).", s.Name)
	case s.Kind == ir.SchemeMutualTLS:
		what = fmt.Sprintf("checks the client certificates of %s (mutual TLS).", s.Name)
	default:
		kind := map[string]string{ir.SchemeBearer: "HTTP bearer", ir.SchemeOAuth2: "OAuth2", ir.SchemeOpenIDConnect: "OpenID Connect"}[s.Kind]
		if s.BearerFormat != "" {
			kind += ", " + s.BearerFormat
		}
		what = fmt.Sprintf("checks the bearer token of %s (%s).", s.Name, kind)
	}
	var b strings.Builder
	b.WriteString(wrapped(fmt.Sprintf("Handle%s %s", s.GoName, what)))
	if doc := oneLine(s.Doc); doc != "" {
		b.WriteString("\n//\n" + wrapped(doc))
	}
	fmt.Fprintf(&b, "\nHandle%s(ctx context.Context, op string, %s, scopes []string) (context.Context, error)", s.GoName, arg)
	return b.String()
}

// schemeVar names the check of scheme s.
func schemeVar(s *ir.SecurityScheme) string { return "scheme" + s.GoName }

// schemeDecl prints the check of scheme s: how its credential is read and
// which SecurityHandler method checks it.
func schemeDecl(s *ir.SecurityScheme) string {
	_, read := credentialType(s)
	challenge := ""
	switch {
	case s.Raw != "":
	case s.Kind == ir.SchemeAPIKey:
		challenge = fmt.Sprintf("APIKey name=%s, in=%s", authParam(s.ParamName), authParam(s.In))
	case s.Kind == ir.SchemeBasic:
		challenge = "Basic"
	case s.Kind == ir.SchemeBearer, s.Kind == ir.SchemeOAuth2, s.Kind == ir.SchemeOpenIDConnect:
		challenge = "Bearer"
	}
	lit := strconv.Quote(challenge)
	if strings.Contains(challenge, `"`) && strconv.CanBackquote(challenge) {
		lit = "`" + challenge + "`" // one line: never a //go:generate directive
	}
	return fmt.Sprintf("%s\nvar %s = newScheme(%q, %s, %s, SecurityHandler.Handle%s)",
		wrapped(fmt.Sprintf("%s checks the credential of %s.", schemeVar(s), s.Name)), schemeVar(s), s.Name, lit, read, s.GoName)
}

// authParam quotes an auth parameter value of a WWW-Authenticate challenge.
func authParam(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// securityVar names the security requirements of op.
func securityVar(op *ir.Operation) string { return "security" + op.Name }

// securityDecl prints the security requirements of op, "" when it has none.
func securityDecl(op *ir.Operation) string {
	if op.Security == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nvar %s = []securityRequirement{", wrapped(fmt.Sprintf("%s is the security of %s: one requirement must accept a request.", securityVar(op), op.Name)), securityVar(op))
	for _, req := range op.Security {
		b.WriteString("\n{")
		for i, rs := range req {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "{%s, %s}", schemeVar(rs.Scheme), stringsLiteral(rs.Scopes))
		}
		b.WriteString("},")
	}
	b.WriteString("\n}\n")
	return b.String()
}

// authorizeCall prints the security check at the start of op's handler,
// "" when op has no security.
func authorizeCall(op *ir.Operation) string {
	if op.Security == nil {
		return ""
	}
	return fmt.Sprintf("if r = s.authorize(w, r, %s); r == nil {\nreturn\n}\n", securityVar(op))
}
