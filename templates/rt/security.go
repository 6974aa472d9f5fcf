package rt

import (
	"context"
	"crypto/x509"
	"errors"
	"net/http"
	"slices"
	"strings"
)

// ErrInsufficientScope is what a SecurityHandler method returns (or wraps)
// when the credential is valid but lacks the scopes (or roles) the
// operation requires: the request is answered 403 Forbidden instead of 401.
var ErrInsufficientScope = errors.New("insufficient scope")

// APIKeyCredential is the credential of an apiKey security scheme: the key
// sent in the header, query parameter or cookie the scheme names.
type APIKeyCredential struct {
	Key string
}

// BasicCredential is the credential of an http basic security scheme, from
// the Authorization: Basic header.
type BasicCredential struct {
	Username, Password string
}

// BearerCredential is the credential of an http bearer, oauth2 or
// openIdConnect security scheme: the token of the Authorization: Bearer
// header (RFC 6750).
type BearerCredential struct {
	Token string
}

// TLSCredential is the credential of a mutualTLS security scheme: the
// certificates the client presented in the TLS handshake.
type TLSCredential struct {
	// Certificates are the client's certificates, leaf first
	// (tls.ConnectionState.PeerCertificates).
	Certificates []*x509.Certificate
	// VerifiedChains are the chains the TLS server verified them with,
	// empty unless its tls.Config verifies client certificates (ClientAuth
	// VerifyClientCertIfGiven or RequireAndVerifyClientCert).
	VerifiedChains [][]*x509.Certificate
}

// SecurityError is the error the error handler gets when a request is
// refused for its credentials: no security requirement of the operation
// accepted it. Problem is the answer: a 401 when the credentials are
// missing or rejected, a 403 when a SecurityHandler method returned
// ErrInsufficientScope, or the *Problem a method returned; errors.As
// finds it. Err is the first error a SecurityHandler method returned (nil
// when the credentials were missing), for logs: it is not sent.
type SecurityError struct {
	Problem *Problem
	Err     error
}

// Error describes the refusal and its cause.
func (e *SecurityError) Error() string {
	if e.Err == nil {
		return e.Problem.Error()
	}
	return e.Problem.Error() + ": " + e.Err.Error()
}

// Unwrap returns the problem and the cause, for errors.As and errors.Is.
func (e *SecurityError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Problem}
	}
	return []error{e.Problem, e.Err}
}

// WithSecurityRealm sets the realm of the WWW-Authenticate challenges
// of 401 and 403 answers (default: the spec's info.title).
func WithSecurityRealm(realm string) Option {
	return func(o *serverOptions) { o.realm = realm }
}

// securityScheme is how the server checks one security scheme.
type securityScheme struct {
	name string
	// challenge is the WWW-Authenticate challenge of the scheme, its realm
	// left out (Bearer, Basic, APIKey name="key", in="header"); "" for none.
	challenge string
	// bearer: the challenge is RFC 6750's, which has error parameters.
	bearer bool
	// check reads the scheme's credential from r and asks the security
	// handler h about it; errNoCredential when r has none.
	check func(h any, ctx context.Context, op string, r *http.Request, scopes []string) (context.Context, error)
}

// newScheme returns the check of a scheme whose credential read finds in a
// request, which a SecurityHandler method (handle, a method expression)
// checks.
func newScheme[H, C any](name, challenge string, read func(*http.Request) (C, bool), handle func(H, context.Context, string, C, []string) (context.Context, error)) *securityScheme {
	return &securityScheme{name: name, challenge: challenge, bearer: challenge == "Bearer",
		check: func(h any, ctx context.Context, op string, r *http.Request, scopes []string) (context.Context, error) {
			cred, ok := read(r)
			if !ok {
				return nil, errNoCredential
			}
			return handle(h.(H), ctx, op, cred, scopes)
		}}
}

// errNoCredential: the request has no credential of a scheme.
var errNoCredential = errors.New("no credential")

// readBearer reads the token of an Authorization: Bearer header.
func readBearer(r *http.Request) (BearerCredential, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return BearerCredential{}, false
	}
	return BearerCredential{Token: token}, true
}

// readBasic reads the user and password of an Authorization: Basic header.
func readBasic(r *http.Request) (BasicCredential, bool) {
	user, password, ok := r.BasicAuth()
	return BasicCredential{Username: user, Password: password}, ok
}

// readAPIKey returns the reader of an API key sent in in (header, query or
// cookie) under name; an empty key is none.
func readAPIKey(in, name string) func(*http.Request) (APIKeyCredential, bool) {
	return func(r *http.Request) (APIKeyCredential, bool) {
		var key string
		switch in {
		case "header":
			key = r.Header.Get(name)
		case "query":
			key = r.URL.Query().Get(name)
		case "cookie":
			if c, err := r.Cookie(name); err == nil {
				key = c.Value
			}
		}
		return APIKeyCredential{Key: key}, key != ""
	}
}

// readTLS reads the certificates a client presented over TLS.
func readTLS(r *http.Request) (TLSCredential, bool) {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return TLSCredential{}, false
	}
	return TLSCredential{Certificates: r.TLS.PeerCertificates, VerifiedChains: r.TLS.VerifiedChains}, true
}

// readRequest passes the request itself, for a scheme whose credential
// the server cannot read: the security handler decides.
func readRequest(r *http.Request) (*http.Request, bool) { return r, true }

// securityRequirement is one alternative of an operation's security: its
// schemes must all accept the request; none allows anonymous requests.
type securityRequirement []requiredScheme

// requiredScheme is a scheme of a requirement with the scopes it requires.
type requiredScheme struct {
	scheme *securityScheme
	scopes []string
}

// securityRefusal gathers why the requirements refused a request.
type securityRefusal struct {
	err      error // the first error a SecurityHandler method returned
	problem  *Problem
	scopes   []string // of the first scheme whose scopes were insufficient
	rejected bool     // a method refused a credential
}

func (f *securityRefusal) add(rs requiredScheme, err error) {
	if err == errNoCredential {
		return
	}
	f.rejected = true
	if f.err == nil {
		f.err = err
	}
	if p, ok := asError[*Problem](err); ok && f.problem == nil {
		f.problem = p
	}
	if errors.Is(err, ErrInsufficientScope) && f.scopes == nil {
		f.scopes = append([]string{}, rs.scopes...)
	}
}

// authorize checks r against security, the operation's requirements: the
// first whose schemes all accept it wins, and r gets the context the
// security handler returned; an empty one lets anonymous requests
// through, unless a credential was sent and refused. Otherwise the error
// handler answers with a *SecurityError (401, or 403 for insufficient
// scopes, with WWW-Authenticate) and authorize returns nil. Without a
// security handler, it fails closed: a 500, logged.
func (s *httpServer) authorize(w http.ResponseWriter, r *http.Request, security []securityRequirement) *http.Request {
	op := OperationID(r.Context())
	if s.security == nil {
		for _, req := range security {
			if len(req) == 0 {
				return r
			}
		}
		err := &Problem{Status: http.StatusInternalServerError, Detail: "the server has no security handler (WithSecurityHandler) for the security of " + op}
		s.logFailure(r, "no security handler", err)
		s.fail(w, r, err)
		return nil
	}
	var refusal securityRefusal
	anonymous := false
	for _, req := range security {
		if len(req) == 0 {
			anonymous = true
			continue
		}
		ctx, ok := r.Context(), true
		for _, rs := range req {
			next, err := rs.scheme.check(s.security, ctx, op, r, rs.scopes)
			if err != nil {
				refusal.add(rs, err)
				ok = false
				break
			}
			if next != nil {
				ctx = next
			}
		}
		if ok {
			if ctx != r.Context() {
				r = r.WithContext(ctx)
			}
			return r
		}
	}
	if anonymous && !refusal.rejected {
		return r
	}
	s.refuse(w, r, security, &refusal)
	return nil
}

// refuse answers a request no security requirement accepted: the
// problem a SecurityHandler method returned, else 403 when its scopes were
// insufficient, else 401 with the challenges of every scheme.
func (s *httpServer) refuse(w http.ResponseWriter, r *http.Request, security []securityRequirement, f *securityRefusal) {
	p := f.problem
	bearerError := ""
	switch {
	case p != nil:
	case f.scopes != nil:
		p = &Problem{Status: http.StatusForbidden, Detail: "the credentials lack the scopes the operation requires"}
		if len(f.scopes) > 0 {
			p.Detail += ": " + strings.Join(f.scopes, " ")
		}
		bearerError = `, error="insufficient_scope"`
		if len(f.scopes) > 0 {
			bearerError += `, scope=` + quoteParam(strings.Join(f.scopes, " "))
		}
	case f.rejected:
		p = &Problem{Status: http.StatusUnauthorized, Detail: "the credentials were not accepted"}
		bearerError = `, error="invalid_token"`
	default:
		p = &Problem{Status: http.StatusUnauthorized, Detail: "the operation requires credentials: " + describeSecurity(security)}
	}
	if p.Status == http.StatusUnauthorized || p.Status == http.StatusForbidden {
		s.challenge(w, security, bearerError, p.Status == http.StatusForbidden)
	}
	s.fail(w, r, &SecurityError{Problem: p, Err: f.err})
}

// challenge sets the WWW-Authenticate challenges of the schemes of
// security, each once; for a 403 (forbidden), only Bearer's.
func (s *httpServer) challenge(w http.ResponseWriter, security []securityRequirement, bearerError string, forbidden bool) {
	var seen []string
	h := w.Header()
	for _, req := range security {
		for _, rs := range req {
			c := rs.scheme.challenge
			if c == "" || forbidden && !rs.scheme.bearer {
				continue
			}
			word, params, _ := strings.Cut(c, " ")
			c = word + " realm=" + quoteParam(s.realm)
			if params != "" {
				c += ", " + params
			}
			if rs.scheme.bearer {
				c += bearerError
			}
			if !slices.Contains(seen, c) {
				seen = append(seen, c)
				h.Add("WWW-Authenticate", c)
			}
		}
	}
}

// quoteParam quotes an auth parameter value (RFC 9110 quoted-string).
func quoteParam(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// describeSecurity lists the requirements of security, for a 401's detail:
// jwt_token or cookie_auth, api_key and basic_auth.
func describeSecurity(security []securityRequirement) string {
	var alts []string
	for _, req := range security {
		names := make([]string, len(req))
		for i, rs := range req {
			names[i] = rs.scheme.name
		}
		if len(names) > 0 {
			alts = append(alts, strings.Join(names, " and "))
		}
	}
	return strings.Join(alts, ", or ")
}
