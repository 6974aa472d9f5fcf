package rt

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// The client applies credentials per security scheme: the options below
// give them by the scheme's name in components.securitySchemes, and each
// operation sends those of the first of its security requirements the
// client has every credential for. An operation whose requirements the
// client cannot meet is sent as it is, and the server answers 401.

// clientScheme is how the client sends a scheme's credential; the
// generated clientSchemes lists the spec's.
type clientScheme struct {
	kind     string // apiKey, basic, bearer, oauth2, openIdConnect; others are not sent
	in, name string // apiKey: header, query or cookie, and its name
}

// credential is what an option gave for a scheme.
type credential struct {
	username, secret string
	source           func(context.Context) (string, error) // a token source
}

func withCredential(scheme string, c credential) ClientOption {
	return func(o *clientOptions) {
		if o.credentials == nil {
			o.credentials = map[string]credential{}
		}
		o.credentials[scheme] = c
	}
}

// WithAPIKey sends key for the apiKey scheme named scheme, in the header,
// query parameter or cookie the scheme names.
func WithAPIKey(scheme, key string) ClientOption {
	return withCredential(scheme, credential{secret: key})
}

// WithBasicAuth sends username and password for the HTTP basic scheme
// named scheme.
func WithBasicAuth(scheme, username, password string) ClientOption {
	return withCredential(scheme, credential{username: username, secret: password})
}

// WithBearerToken sends token as the bearer token of the scheme named
// scheme (HTTP bearer, OAuth2 or OpenID Connect).
func WithBearerToken(scheme, token string) ClientOption {
	return withCredential(scheme, credential{secret: token})
}

// WithTokenSource asks source for the bearer token of the scheme named
// scheme before each request that needs it (an OAuth2 token that
// refreshes); its error is the call's, and nothing is sent.
func WithTokenSource(scheme string, source func(context.Context) (string, error)) ClientOption {
	return withCredential(scheme, credential{source: source})
}

// authorize applies the credentials of the first requirement of op the
// client can meet; an empty requirement ({}: anonymous allowed) is used
// only when no other can be.
func (c *Client) authorize(ctx context.Context, op *operationInfo, req *http.Request) error {
	for _, requirement := range op.security {
		if len(requirement) == 0 || !c.canMeet(requirement) {
			continue
		}
		for _, scheme := range requirement {
			if err := c.applyCredential(ctx, scheme, req); err != nil {
				return err
			}
		}
		return nil
	}
	return nil
}

// canMeet reports whether the client has the credentials of every scheme
// of requirement, and can send them together: a request has one
// Authorization header, so basic and a bearer token (bearer, OAuth2,
// OpenID Connect) cannot both be sent.
func (c *Client) canMeet(requirement []string) bool {
	authorization := 0
	for _, scheme := range requirement {
		if _, ok := c.opts.credentials[scheme]; !ok {
			return false
		}
		switch clientSchemes[scheme].kind {
		case "apiKey":
		case "basic", "bearer", "oauth2", "openIdConnect":
			authorization++
		default:
			return false
		}
	}
	return authorization < 2
}

func (c *Client) applyCredential(ctx context.Context, scheme string, req *http.Request) error {
	s, cred := clientSchemes[scheme], c.opts.credentials[scheme]
	switch s.kind {
	case "apiKey":
		switch s.in {
		case "header":
			req.Header.Set(s.name, cred.secret)
		case "query":
			if req.URL.RawQuery != "" {
				req.URL.RawQuery += "&"
			}
			req.URL.RawQuery += url.QueryEscape(s.name) + "=" + url.QueryEscape(cred.secret)
		case "cookie":
			req.AddCookie(&http.Cookie{Name: s.name, Value: cred.secret})
		}
	case "basic":
		req.SetBasicAuth(cred.username, cred.secret)
	default: // bearer, oauth2, openIdConnect
		token := cred.secret
		if cred.source != nil {
			var err error
			if token, err = cred.source(ctx); err != nil {
				return fmt.Errorf("security scheme %s: %w", scheme, err)
			}
		}
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return nil
}
