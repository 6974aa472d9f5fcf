package build

import (
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// securitySchemes builds the declared security schemes, each with a Go
// name unique among them (HandleJWTToken, for the server).
func (b *builder) securitySchemes() {
	b.schemeNames = naming.NewScope()
	reserveDerived(b.schemeNames, [][2]string{{"scheme", ""}})
	b.schemes = map[string]*ir.SecurityScheme{}
	for _, s := range b.doc.SecuritySchemes {
		if b.schemes[s.Name] != nil {
			continue
		}
		out := &ir.SecurityScheme{Name: s.Name, GoName: b.schemeGoName(s.Name), Kind: s.Type, Doc: s.Description,
			In: s.In, ParamName: s.ParamName, Scheme: strings.ToLower(s.Scheme), BearerFormat: s.BearerFormat,
			OpenIDConnectURL: s.OpenIDConnectURL, Raw: s.Invalid}
		if s.Type == load.SchemeHTTP {
			switch out.Scheme {
			case "basic":
				out.Kind = ir.SchemeBasic
			case "bearer":
				out.Kind = ir.SchemeBearer
			default:
				out.Kind = ir.SchemeHTTP
				if out.Raw == "" {
					out.Raw = "oasgen reads basic and bearer credentials, not " + s.Scheme
				}
			}
		}
		for _, f := range s.Flows {
			flow := &ir.OAuthFlow{Kind: f.Kind, AuthorizationURL: f.AuthorizationURL, TokenURL: f.TokenURL, RefreshURL: f.RefreshURL,
				DeviceAuthorizationURL: f.DeviceAuthorizationURL}
			for _, sc := range f.Scopes {
				flow.Scopes = append(flow.Scopes, ir.OAuthScope{Name: sc.Name, Doc: sc.Description})
			}
			out.Flows = append(out.Flows, flow)
		}
		b.schemes[s.Name] = out
		b.schemeList = append(b.schemeList, out)
	}
}

// schemeGoName names a scheme in Go, unique among the schemes.
func (b *builder) schemeGoName(name string) string {
	goName := naming.Exported(name)
	if goName == "" {
		goName = "Scheme"
	}
	return b.schemeNames.Unique(goName)
}

// security builds op's effective security; nil when it has none. A name
// components.securitySchemes lacks becomes an undeclared scheme (the load
// warned of it), which generated code cannot read a credential of.
func (b *builder) security(op *load.Operation) []ir.SecurityRequirement {
	reqs := op.EffectiveSecurity(b.doc)
	if len(reqs) == 0 {
		return nil
	}
	out := make([]ir.SecurityRequirement, 0, len(reqs))
	for _, r := range reqs {
		req := ir.SecurityRequirement{}
		for i, name := range r.Names {
			s := b.schemes[name]
			if s == nil {
				s = &ir.SecurityScheme{Name: name, GoName: b.schemeGoName(name), Kind: ir.SchemeUndeclared,
					Raw: "it is not declared in components.securitySchemes"}
				b.schemes[name] = s
				b.schemeList = append(b.schemeList, s)
			}
			s.Used = true
			req = append(req, ir.RequiredScheme{Scheme: s, Scopes: r.Scopes[i]})
		}
		out = append(out, req)
	}
	return out
}
