package security

// This file is copied next to the code generated from
// testdata/server/security/openapi.yaml (with the strict interface) by
// generator/server_test.go and run there with go test: every kind of
// security scheme, AND, OR and optional requirements, through real HTTP
// requests.

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// principalsKey is the context key of the principals the security handler
// accepted, one per scheme of the requirement that won.
type principalsKey struct{}

func principals(ctx context.Context) []string {
	p, _ := ctx.Value(principalsKey{}).([]string)
	return p
}

func accept(ctx context.Context, who string) (context.Context, error) {
	return context.WithValue(ctx, principalsKey{}, append(slices.Clone(principals(ctx)), who)), nil
}

var errRejected = errors.New("rejected")

// guard is the SecurityHandler: it knows a few credentials of each kind and
// records every call.
type guard struct {
	mu    sync.Mutex
	calls []string
}

func (g *guard) record(op, scheme string, scopes []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls = append(g.calls, op+" "+scheme+" "+strings.Join(scopes, ","))
}

// check records a call of scheme and accepts the credential got when it
// is want, as the principal name:got.
func (g *guard) check(ctx context.Context, op, scheme string, scopes []string, name, got, want string) (context.Context, error) {
	g.record(op, scheme, scopes)
	if got != want {
		return nil, errRejected
	}
	return accept(ctx, name+":"+got)
}

func (g *guard) HandleHeaderKey(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	return g.check(ctx, op, "headerKey", scopes, "header", cred.Key, "k1")
}

func (g *guard) HandleQueryKey(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	return g.check(ctx, op, "queryKey", scopes, "query", cred.Key, "q1")
}

func (g *guard) HandleCookieKey(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	return g.check(ctx, op, "cookieKey", scopes, "cookie", cred.Key, "s1")
}

func (g *guard) HandleBasicAuth(ctx context.Context, op string, cred BasicCredential, scopes []string) (context.Context, error) {
	if cred.Password != "s3cret" {
		cred.Username = "" // rejected
	}
	return g.check(ctx, op, "basicAuth", scopes, "basic", cred.Username, "ada")
}

func (g *guard) HandleBearerAuth(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	return g.check(ctx, op, "bearerAuth", scopes, "bearer", cred.Token, "jwt1")
}

// tokenScopes are the scopes of the OAuth2 and OpenID Connect tokens.
var tokenScopes = map[string][]string{
	"reader": {"read:orders"},
	"writer": {"write:orders"},
	"admin":  {"openid", "admin"},
	"user":   {"openid"},
}

func checkToken(ctx context.Context, token string, scopes []string) (context.Context, error) {
	switch token {
	case "down":
		return nil, &Problem{Status: http.StatusServiceUnavailable, Detail: "the token service is down"}
	case "wrapped":
		return nil, fmt.Errorf("token lacks scopes: %w", ErrInsufficientScope)
	}
	has, ok := tokenScopes[token]
	if !ok {
		return nil, errRejected
	}
	for _, s := range scopes {
		if !slices.Contains(has, s) {
			return nil, ErrInsufficientScope
		}
	}
	return accept(ctx, "token:"+token)
}

func (g *guard) HandleOauth(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	g.record(op, "oauth", scopes)
	return checkToken(ctx, cred.Token, scopes)
}

func (g *guard) HandleOidc(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	g.record(op, "oidc", scopes)
	return checkToken(ctx, cred.Token, scopes)
}

func (g *guard) HandleMtls(ctx context.Context, op string, cred TLSCredential, scopes []string) (context.Context, error) {
	return g.check(ctx, op, "mtls", scopes, "cert", cred.Certificates[0].Subject.CommonName, "client")
}

func (g *guard) HandleAPIToken(ctx context.Context, op string, r *http.Request, scopes []string) (context.Context, error) {
	return g.check(ctx, op, "api_token", scopes, "api_token", r.Header.Get("X-Api-Token"), "t1")
}

func (g *guard) HandleDigestAuth(ctx context.Context, op string, r *http.Request, scopes []string) (context.Context, error) {
	user, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Digest username=")
	return g.check(ctx, op, "digestAuth", scopes, "digest", user, `"ada"`)
}

var _ SecurityHandler = (*guard)(nil)

// server answers every operation with its id and the principals in the
// context: the standard interface, but for GetOrder, which the strict
// server answers (see strictShop).
type server struct{ Unimplemented }

func who(w http.ResponseWriter, r *http.Request) error {
	return WriteJSON(w, http.StatusOK, Who{Op: OperationID(r.Context()), Principals: principals(r.Context())})
}

func (server) GetHeaderKey(w http.ResponseWriter, r *http.Request) error  { return who(w, r) }
func (server) GetQueryKey(w http.ResponseWriter, r *http.Request) error   { return who(w, r) }
func (server) GetCookieKey(w http.ResponseWriter, r *http.Request) error  { return who(w, r) }
func (server) GetBasic(w http.ResponseWriter, r *http.Request) error      { return who(w, r) }
func (server) GetBearer(w http.ResponseWriter, r *http.Request) error     { return who(w, r) }
func (server) GetOIDC(w http.ResponseWriter, r *http.Request) error       { return who(w, r) }
func (server) GetMTLS(w http.ResponseWriter, r *http.Request) error       { return who(w, r) }
func (server) GetAnd(w http.ResponseWriter, r *http.Request) error        { return who(w, r) }
func (server) GetOr(w http.ResponseWriter, r *http.Request) error         { return who(w, r) }
func (server) GetOptional(w http.ResponseWriter, r *http.Request) error   { return who(w, r) }
func (server) GetPublic(w http.ResponseWriter, r *http.Request) error     { return who(w, r) }
func (server) GetUndeclared(w http.ResponseWriter, r *http.Request) error { return who(w, r) }
func (server) GetDigest(w http.ResponseWriter, r *http.Request) error     { return who(w, r) }

func (server) GetOrder(w http.ResponseWriter, r *http.Request, params GetOrderParams) error {
	return WriteJSON(w, http.StatusOK, Who{Op: OperationID(r.Context()), Principals: append(principals(r.Context()), "order:"+itoa(params.ID))})
}

func itoa(i int) string { return strconv.Itoa(i) }

// strictShop answers GetOrder through the strict interface.
type strictShop struct{ UnimplementedStrict }

func (strictShop) GetOrder(ctx context.Context, req GetOrderRequestObject) (GetOrderResponseObject, error) {
	return GetOrder200JSONResponse{Body: Who{Op: OperationID(ctx), Principals: append(principals(ctx), "strict:"+itoa(req.Params.ID))}}, nil
}

type result struct {
	status    int
	challenge []string
	body      map[string]any
}

func send(t *testing.T, client *http.Client, url string, edit func(*http.Request)) result {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(req)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := result{status: res.StatusCode, challenge: res.Header.Values("WWW-Authenticate")}
	if err := json.Unmarshal(data, &out.body); err != nil {
		t.Fatalf("GET %s: %d %s: %v", url, res.StatusCode, data, err)
	}
	if res.StatusCode >= 400 && res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("GET %s: %d with Content-Type %q", url, res.StatusCode, res.Header.Get("Content-Type"))
	}
	return out
}

func header(k, v string) func(*http.Request) {
	return func(r *http.Request) { r.Header.Set(k, v) }
}

func basic(user, password string) func(*http.Request) {
	return func(r *http.Request) { r.SetBasicAuth(user, password) }
}

func both(edits ...func(*http.Request)) func(*http.Request) {
	return func(r *http.Request) {
		for _, e := range edits {
			e(r)
		}
	}
}

const (
	bearerChallenge = `Bearer realm="Secured API"`
	basicChallenge  = `Basic realm="Secured API"`
)

func TestSecurity(t *testing.T) {
	g := &guard{}
	srv := httptest.NewServer(Handler(server{}, WithSecurityHandler(g)))
	defer srv.Close()
	strict := httptest.NewServer(StrictHandler(strictShop{}, WithSecurityHandler(g)))
	defer strict.Close()
	cookie := func(v string) func(*http.Request) {
		return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "session", Value: v}) }
	}
	for _, tt := range []struct {
		name       string
		srv        *httptest.Server
		path       string
		edit       func(*http.Request)
		status     int
		principals []string // of a 200
		challenge  []string
		detail     string // of a problem
	}{
		{"header key", srv, "/apikey/header", header("X-API-Key", "k1"), 200, []string{"header:k1"}, nil, ""},
		{"header key missing", srv, "/apikey/header", nil, 401, nil, []string{`APIKey realm="Secured API", name="X-API-Key", in="header"`}, "the operation requires credentials: headerKey"},
		{"header key wrong", srv, "/apikey/header", header("X-API-Key", "nope"), 401, nil, []string{`APIKey realm="Secured API", name="X-API-Key", in="header"`}, "the credentials were not accepted"},
		{"query key", srv, "/apikey/query?api_key=q1", nil, 200, []string{"query:q1"}, nil, ""},
		{"query key empty", srv, "/apikey/query?api_key=", nil, 401, nil, []string{`APIKey realm="Secured API", name="api_key", in="query"`}, ""},
		{"cookie key", srv, "/apikey/cookie", cookie("s1"), 200, []string{"cookie:s1"}, nil, ""},
		{"cookie key wrong", srv, "/apikey/cookie", cookie("s2"), 401, nil, nil, ""},
		{"basic", srv, "/basic", basic("ada", "s3cret"), 200, []string{"basic:ada"}, nil, ""},
		{"basic wrong password", srv, "/basic", basic("ada", "guess"), 401, nil, []string{basicChallenge}, ""},
		{"basic bad encoding", srv, "/basic", header("Authorization", "Basic !!!"), 401, nil, []string{basicChallenge}, "the operation requires credentials: basicAuth"},
		{"bearer from the document's security", srv, "/bearer", header("Authorization", "Bearer jwt1"), 200, []string{"bearer:jwt1"}, nil, ""},
		{"bearer, scheme in lower case", srv, "/bearer", header("Authorization", "bearer jwt1"), 200, []string{"bearer:jwt1"}, nil, ""},
		{"bearer missing", srv, "/bearer", nil, 401, nil, []string{bearerChallenge}, ""},
		{"bearer, basic sent", srv, "/bearer", basic("ada", "s3cret"), 401, nil, []string{bearerChallenge}, ""},
		{"bearer rejected", srv, "/bearer", header("Authorization", "Bearer old"), 401, nil, []string{bearerChallenge + `, error="invalid_token"`}, ""},
		{"oauth2 with the scope", srv, "/orders/7", header("Authorization", "Bearer reader"), 200, []string{"token:reader", "order:7"}, nil, ""},
		{"oauth2 without the scope", srv, "/orders/7", header("Authorization", "Bearer writer"), 403, nil,
			[]string{bearerChallenge + `, error="insufficient_scope", scope="read:orders"`}, "the credentials lack the scopes the operation requires: read:orders"},
		{"oauth2, a wrapped ErrInsufficientScope", srv, "/orders/7", header("Authorization", "Bearer wrapped"), 403, nil, nil, ""},
		{"oauth2, a problem of the handler", srv, "/orders/7", header("Authorization", "Bearer down"), 503, nil, nil, "the token service is down"},
		{"oauth2, before the parameters are read", srv, "/orders/zero", nil, 401, nil, []string{bearerChallenge}, ""},
		{"oauth2, parameters after security", srv, "/orders/0", header("Authorization", "Bearer reader"), 400, nil, nil, ""},
		{"oauth2, strict", strict, "/orders/8", header("Authorization", "Bearer reader"), 200, []string{"token:reader", "strict:8"}, nil, ""},
		{"oauth2, strict, no token", strict, "/orders/8", nil, 401, nil, []string{bearerChallenge}, ""},
		{"openIdConnect, both scopes", srv, "/oidc", header("Authorization", "Bearer admin"), 200, []string{"token:admin"}, nil, ""},
		{"openIdConnect, one scope", srv, "/oidc", header("Authorization", "Bearer user"), 403, nil,
			[]string{bearerChallenge + `, error="insufficient_scope", scope="openid admin"`}, ""},
		{"and: both", srv, "/and", both(header("X-API-Key", "k1"), basic("ada", "s3cret")), 200, []string{"header:k1", "basic:ada"}, nil, ""},
		{"and: only the key", srv, "/and", header("X-API-Key", "k1"), 401, nil,
			[]string{`APIKey realm="Secured API", name="X-API-Key", in="header"`, basicChallenge}, "the operation requires credentials: headerKey and basicAuth"},
		{"and: only basic", srv, "/and", basic("ada", "s3cret"), 401, nil, nil, ""},
		{"or: the first", srv, "/or", basic("ada", "s3cret"), 200, []string{"basic:ada"}, nil, ""},
		{"or: the second", srv, "/or", cookie("s1"), 200, []string{"cookie:s1"}, nil, ""},
		{"or: the first wrong, the second right", srv, "/or", both(basic("ada", "guess"), cookie("s1")), 200, []string{"cookie:s1"}, nil, ""},
		{"or: none", srv, "/or", nil, 401, nil,
			[]string{basicChallenge, `APIKey realm="Secured API", name="session", in="cookie"`}, "the operation requires credentials: basicAuth, or cookieKey"},
		{"optional, anonymous", srv, "/optional", nil, 200, nil, nil, ""},
		{"optional, with a token", srv, "/optional", header("Authorization", "Bearer jwt1"), 200, []string{"bearer:jwt1"}, nil, ""},
		{"optional, with a bad token", srv, "/optional", header("Authorization", "Bearer old"), 401, nil, nil, ""},
		{"security: [] overrides the document's", srv, "/public", nil, 200, nil, nil, ""},
		{"undeclared scheme accepted", srv, "/undeclared", header("X-Api-Token", "t1"), 200, []string{"api_token:t1"}, nil, ""},
		{"undeclared scheme refused", srv, "/undeclared", nil, 401, nil, nil, "the credentials were not accepted"},
		{"digest, read by the handler", srv, "/digest", header("Authorization", `Digest username="ada"`), 200, []string{`digest:"ada"`}, nil, ""},
		{"digest refused", srv, "/digest", nil, 401, nil, nil, ""},
		{"mutualTLS without TLS", srv, "/mtls", nil, 401, nil, nil, "the operation requires credentials: mtls"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := send(t, tt.srv.Client(), tt.srv.URL+tt.path, tt.edit)
			if got.status != tt.status {
				t.Fatalf("status %d, want %d: %v", got.status, tt.status, got.body)
			}
			if tt.status == 200 {
				ps, _ := got.body["principals"].([]any)
				var names []string
				for _, p := range ps {
					names = append(names, p.(string))
				}
				if !slices.Equal(names, tt.principals) {
					t.Errorf("principals %q, want %q", names, tt.principals)
				}
				return
			}
			if tt.challenge != nil && !slices.Equal(got.challenge, tt.challenge) {
				t.Errorf("WWW-Authenticate %q, want %q", got.challenge, tt.challenge)
			}
			if got.body["status"] != float64(tt.status) {
				t.Errorf("problem status %v, want %d", got.body["status"], tt.status)
			}
			if tt.detail != "" && got.body["detail"] != tt.detail {
				t.Errorf("detail %q, want %q", got.body["detail"], tt.detail)
			}
		})
	}
	// The methods get the operation and the scopes of the requirement.
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, call := range []string{"getOrder oauth read:orders", "getOIDC oidc openid,admin", "getAnd headerKey ", "getAnd basicAuth "} {
		if !slices.Contains(g.calls, call) {
			t.Errorf("no call %q in %q", call, g.calls)
		}
	}
}

// TestSecurityErrorHandler: the error handler gets a *SecurityError with
// the problem and the security handler's error.
func TestSecurityErrorHandler(t *testing.T) {
	var got error
	h := Handler(server{}, WithSecurityHandler(&guard{}), WithSecurityRealm("shop"), WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		got = err
		w.WriteHeader(http.StatusTeapot)
	}))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/bearer", nil)
	req.Header.Set("Authorization", "Bearer old")
	h.ServeHTTP(rec, req)
	var se *SecurityError
	if !errors.As(got, &se) || se.Problem.Status != http.StatusUnauthorized || !errors.Is(got, errRejected) {
		t.Fatalf("error %v, want a *SecurityError with a 401 and errRejected", got)
	}
	if c := rec.Header().Get("WWW-Authenticate"); c != `Bearer realm="shop", error="invalid_token"` || rec.Code != http.StatusTeapot {
		t.Errorf("%d, WWW-Authenticate %q", rec.Code, c)
	}
}

// TestSecurityWithoutHandler: without a security handler, operations that
// require security fail closed (500), optional and public ones are served.
func TestSecurityWithoutHandler(t *testing.T) {
	srv := httptest.NewServer(Handler(server{}))
	defer srv.Close()
	for path, want := range map[string]int{"/bearer": 500, "/undeclared": 500, "/optional": 200, "/public": 200} {
		got := send(t, srv.Client(), srv.URL+path, header("Authorization", "Bearer jwt1"))
		if got.status != want {
			t.Errorf("GET %s: status %d, want %d: %v", path, got.status, want, got.body)
		}
	}
}

// TestMutualTLS sends requests over TLS with and without a client certificate.
func TestMutualTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(Handler(server{}, WithSecurityHandler(&guard{})))
	srv.TLS = &tls.Config{ClientAuth: tls.RequestClientCert}
	srv.StartTLS()
	defer srv.Close()
	if got := send(t, srv.Client(), srv.URL+"/mtls", nil); got.status != 401 {
		t.Errorf("no certificate: status %d, want 401", got.status)
	}
	for name, want := range map[string]int{"client": 200, "intruder": 401} {
		client := srv.Client()
		tr := client.Transport.(*http.Transport).Clone()
		tr.TLSClientConfig.Certificates = []tls.Certificate{certificate(t, name)}
		client = &http.Client{Transport: tr}
		got := send(t, client, srv.URL+"/mtls", nil)
		if got.status != want {
			t.Errorf("certificate of %s: status %d, want %d: %v", name, got.status, want, got.body)
		}
		if want == 200 && !slices.Equal(got.body["principals"].([]any), []any{"cert:client"}) {
			t.Errorf("principals %v", got.body["principals"])
		}
	}
}

// certificate makes a self-signed client certificate for cn.
func certificate(t *testing.T, cn string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
