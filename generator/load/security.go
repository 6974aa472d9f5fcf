package load

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oasgen/oasgen/generator/diag"
)

var (
	securitySchemeShape = newShape("security scheme", map[string]field{
		"type": strField, "description": strField, "name": strField, "in": strField, "scheme": strField,
		"bearerFormat": strField, "flows": mapField, "openIdConnectUrl": strField,
		"oauth2MetadataUrl": strField, "deprecated": boolField,
	})
	oauthFlowsShape = newShape("OAuth flows object", map[string]field{
		"implicit": mapField, "password": mapField, "clientCredentials": mapField, "authorizationCode": mapField,
		"deviceAuthorization": mapField,
	})
	oauthFlowShape = newShape("OAuth flow", map[string]field{
		"authorizationUrl": strField, "tokenUrl": strField, "refreshUrl": strField, "scopes": mapField,
		"deviceAuthorizationUrl": strField,
	})
)

// oauthFlowURLs are the URLs each OAuth2 flow requires.
var oauthFlowURLs = map[string][]string{
	"implicit":          {"authorizationUrl"},
	"password":          {"tokenUrl"},
	"clientCredentials": {"tokenUrl"},
	"authorizationCode": {"authorizationUrl", "tokenUrl"},
	// OpenAPI 3.2: the OAuth 2.0 device authorization grant (RFC 8628).
	"deviceAuthorization": {"deviceAuthorizationUrl", "tokenUrl"},
}

// securitySchemes loads components.securitySchemes, following $refs.
func (l *loader) securitySchemes(doc *Document, schemes *yaml.Node) error {
	var err error
	pairs(schemes, func(k, v *yaml.Node) {
		if err != nil {
			return
		}
		ptr := "/components/securitySchemes/" + escapeToken(k.Value)
		var at node
		if at, ptr, _, err = l.r.follow(node{f: l.root, n: v}, ptr); err != nil {
			if l.soft(err) {
				err = nil
			}
			return
		}
		doc.SecuritySchemes = append(doc.SecuritySchemes, l.securityScheme(doc, k.Value, at, ptr))
	})
	return err
}

// securityScheme loads one security scheme and checks what locates its
// credential: a scheme missing it is kept, marked Invalid (generated code
// hands the whole request to the security handler).
func (l *loader) securityScheme(doc *Document, name string, at node, ptr string) *SecurityScheme {
	n := at.n
	s := &SecurityScheme{Name: name, Loc: Loc{File: at.f.path, Pointer: ptr, Pos: nodePos(at.f.path, n)}}
	l.checkShape(at.f, n, securitySchemeShape)
	if !isMap(n) {
		s.Invalid = "it is not a mapping"
		return s
	}
	text := func(key string) (string, *yaml.Node) {
		v, k := get(n, key)
		return str(v), k
	}
	s.Type, _ = text("type")
	s.Description, _ = text("description")
	invalid := func(at *yaml.Node, format string, args ...any) {
		pos := s.Loc.Pos
		if at != nil {
			pos = nodePos(s.Loc.File, at)
		}
		s.Invalid = fmt.Sprintf(format, args...)
		l.diags.Add(pos, l.workedAround(), "security-scheme", "security scheme %q: %s%s", name, s.Invalid, l.how("its security handler method gets the whole request"))
	}
	require := func(key string) (string, *yaml.Node, bool) {
		v, k := text(key)
		if v == "" {
			invalid(nil, "a scheme of type %s must have the field %q", s.Type, key)
		}
		return v, k, v != ""
	}
	switch s.Type {
	case SchemeAPIKey:
		var in *yaml.Node
		var ok bool
		if s.In, in, ok = require("in"); ok && s.In != "header" && s.In != "query" && s.In != "cookie" {
			invalid(in, "\"in\" must be header, query or cookie, not %q", s.In)
		}
		if s.Invalid == "" {
			s.ParamName, _, _ = require("name")
		}
	case SchemeHTTP:
		var k *yaml.Node
		s.Scheme, k, _ = require("scheme")
		s.BearerFormat, _ = text("bearerFormat")
		if scheme := strings.ToLower(s.Scheme); scheme != "" && scheme != "basic" && scheme != "bearer" {
			l.diags.Warnf(nodePos(at.f.path, k), "security-scheme", "security scheme %q: oasgen reads basic and bearer credentials, not %s; its security handler method gets the whole request", name, s.Scheme)
		}
	case SchemeOAuth2:
		flows, k := get(n, "flows")
		if flows == nil {
			invalid(nil, "an oauth2 scheme must have the field \"flows\"")
			break
		}
		l.checkShape(at.f, flows, oauthFlowsShape)
		pairs(flows, func(fk, fv *yaml.Node) {
			if urls, known := oauthFlowURLs[fk.Value]; known && isMap(fv) {
				s.Flows = append(s.Flows, l.oauthFlow(at.f, name, fk.Value, fv, urls))
			}
		})
		if len(s.Flows) == 0 && isMap(flows) {
			invalid(k, "an oauth2 scheme must declare at least one flow")
		}
	case SchemeOpenIDConnect:
		s.OpenIDConnectURL, _, _ = require("openIdConnectUrl")
	case SchemeMutualTLS:
		if l.minor == 0 {
			_, k := get(n, "type")
			l.diags.Warnf(nodePos(at.f.path, k), "security-scheme", "security scheme %q: mutualTLS is OpenAPI 3.1, this document is %s", name, doc.OpenAPI)
		}
	case "":
		invalid(nil, "a security scheme must have the field \"type\"")
	default:
		_, k := get(n, "type")
		invalid(k, "\"type\" must be apiKey, http, oauth2, openIdConnect or mutualTLS, not %q", s.Type)
	}
	return s
}

// oauthFlow loads one flow of an oauth2 scheme, checking its required URLs
// and scopes (a warning: the server does not use them).
func (l *loader) oauthFlow(f *file, scheme, kind string, n *yaml.Node, urls []string) *OAuthFlow {
	l.checkShape(f, n, oauthFlowShape)
	flow := &OAuthFlow{
		Kind:             kind,
		AuthorizationURL: str(first(get(n, "authorizationUrl"))),
		TokenURL:         str(first(get(n, "tokenUrl"))),
		RefreshURL:       str(first(get(n, "refreshUrl"))),
		// OpenAPI 3.2's device authorization grant.
		DeviceAuthorizationURL: str(first(get(n, "deviceAuthorizationUrl"))),
	}
	for _, u := range append(urls, "scopes") {
		if v, _ := get(n, u); v == nil {
			l.diags.Add(nodePos(f.path, n), l.workedAround(), "security-scheme", "security scheme %q: the %s flow must have the field %q", scheme, kind, u)
		}
	}
	scopes, _ := get(n, "scopes")
	pairs(scopes, func(k, v *yaml.Node) {
		flow.Scopes = append(flow.Scopes, OAuthScope{Name: k.Value, Description: str(v)})
	})
	return flow
}

// security loads a security list: each item a mapping from scheme name to
// the list of scopes required.
func (l *loader) security(f *file, n *yaml.Node, ptr string) []SecurityRequirement {
	var reqs []SecurityRequirement
	for i, alt := range items(n) {
		req := SecurityRequirement{Loc: Loc{File: f.path, Pointer: ptr + "/" + itoa(i), Pos: nodePos(f.path, alt)}}
		if !isMap(alt) {
			// Left out, a requirement would fail open: a name (- bearer)
			// is read as the requirement of that scheme.
			if alt.Kind != yaml.ScalarNode || alt.Tag != "!!str" || alt.Value == "" {
				l.diags.Add(nodePos(f.path, alt), l.workedAround(), "security-requirement", "a security requirement must be a mapping from scheme names to scope lists, not %s%s", describe(alt), l.how("it is left out"))
				continue
			}
			l.diags.Add(nodePos(f.path, alt), l.workedAround(), "security-requirement", "a security requirement must be a mapping from scheme names to scope lists, not %s%s", describe(alt), l.how("read as {"+alt.Value+": []}"))
			req.Names, req.Pos, req.Scopes = []string{alt.Value}, []diag.Pos{nodePos(f.path, alt)}, [][]string{nil}
			reqs = append(reqs, req)
			continue
		}
		pairs(alt, func(k, v *yaml.Node) {
			var scopes []string
			if v.Kind != yaml.SequenceNode {
				l.diags.Add(nodePos(f.path, k), l.workedAround(), "security-requirement", "the scopes of %q must be a list, not %s%s", k.Value, describe(v), l.how("read as none"))
			}
			for _, s := range items(v) {
				scopes = append(scopes, str(s))
			}
			req.Names = append(req.Names, k.Value)
			req.Pos = append(req.Pos, nodePos(f.path, k))
			req.Scopes = append(req.Scopes, scopes)
		})
		reqs = append(reqs, req)
	}
	return reqs
}

// checkSecurity checks every security requirement against the declared
// schemes: an undeclared scheme is a defect of Medusa's store API that
// generation works around (the security handler is asked about it by
// name); scopes must be declared by an oauth2 scheme's flows, and in
// OpenAPI 3.0 only oauth2 and openIdConnect requirements list any.
func (l *loader) checkSecurity(doc *Document) {
	declared := map[string]*SecurityScheme{}
	for _, s := range doc.SecuritySchemes {
		declared[s.Name] = s
	}
	is30 := l.minor == 0
	check := func(reqs []SecurityRequirement) {
		for _, r := range reqs {
			for i, name := range r.Names {
				s := declared[name]
				switch {
				case s == nil:
					l.diags.Warnf(r.Pos[i], "undeclared-security-scheme", "security scheme %q is not declared in components.securitySchemes", name)
				case len(r.Scopes[i]) == 0:
				case is30 && s.Type != SchemeOAuth2 && s.Type != SchemeOpenIDConnect:
					l.diags.Warnf(r.Pos[i], "security-requirement", "%q is of type %s: in OpenAPI 3.0 only oauth2 and openIdConnect requirements list scopes", name, s.Type)
				case s.Type == SchemeOAuth2 && s.Invalid == "":
					for _, scope := range r.Scopes[i] {
						if !s.declaresScope(scope) {
							l.diags.Warnf(r.Pos[i], "security-requirement", "scope %q of %q is not declared by any of its flows", scope, name)
						}
					}
				}
			}
		}
	}
	check(doc.Security)
	for _, op := range doc.Operations() {
		check(op.Security)
	}
}

// declaresScope reports whether one of the scheme's OAuth2 flows declares scope.
func (s *SecurityScheme) declaresScope(scope string) bool {
	for _, f := range s.Flows {
		if slices.ContainsFunc(f.Scopes, func(x OAuthScope) bool { return x.Name == scope }) {
			return true
		}
	}
	return false
}

// Scheme returns the declared scheme named name, or nil.
func (d *Document) Scheme(name string) *SecurityScheme {
	for _, s := range d.SecuritySchemes {
		if s.Name == name {
			return s
		}
	}
	return nil
}
