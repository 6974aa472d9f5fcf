package security

// This file is copied next to the code generated from
// testdata/server/security (with the client) and server/security_test.go,
// whose guard and server it uses, by generator/client_test.go.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

// TestClientCredentials: the client sends the credentials of every scheme
// kind the way the generated server reads them, meets AND and OR
// requirements, and sends none for an optional or public operation it has
// none for.
func TestClientCredentials(t *testing.T) {
	srv := httptest.NewServer(Handler(server{}, WithSecurityHandler(&guard{})))
	defer srv.Close()
	client := func(opts ...ClientOption) *Client {
		t.Helper()
		c, err := NewClient(srv.URL, append([]ClientOption{WithHTTPClient(srv.Client())}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ctx := context.Background()
	all := client(WithAPIKey("headerKey", "k1"), WithAPIKey("queryKey", "q1"), WithAPIKey("cookieKey", "s1"),
		WithBasicAuth("basicAuth", "ada", "s3cret"), WithBearerToken("bearerAuth", "jwt1"), WithBearerToken("oauth", "reader"),
		WithTokenSource("oidc", func(context.Context) (string, error) { return "admin", nil }))
	cookieOnly := client(WithAPIKey("cookieKey", "s1"))
	none := client()
	for _, tt := range []struct {
		name string
		call func() (Who, error)
		want []string // the principals the server saw; nil: refused
	}{
		{"api key in a header", func() (Who, error) { return all.GetHeaderKey(ctx) }, []string{"header:k1"}},
		{"api key in the query", func() (Who, error) { return all.GetQueryKey(ctx) }, []string{"query:q1"}},
		{"api key in a cookie", func() (Who, error) { return all.GetCookieKey(ctx) }, []string{"cookie:s1"}},
		{"basic", func() (Who, error) { return all.GetBasic(ctx) }, []string{"basic:ada"}},
		{"bearer", func() (Who, error) { return all.GetBearer(ctx) }, []string{"bearer:jwt1"}},
		{"oauth2 with scopes", func() (Who, error) { return all.GetOrder(ctx, GetOrderParams{ID: 1}) }, []string{"token:reader", "order:1"}},
		{"openid connect through a token source", func() (Who, error) { return all.GetOIDC(ctx) }, []string{"token:admin"}},
		{"and", func() (Who, error) { return all.GetAnd(ctx) }, []string{"header:k1", "basic:ada"}},
		{"or: the first it can meet", func() (Who, error) { return all.GetOr(ctx) }, []string{"basic:ada"}},
		{"or: the second", func() (Who, error) { return cookieOnly.GetOr(ctx) }, []string{"cookie:s1"}},
		{"optional, with a token", func() (Who, error) { return all.GetOptional(ctx) }, []string{"bearer:jwt1"}},
		{"optional, anonymous", func() (Who, error) { return none.GetOptional(ctx) }, []string{}},
		{"public", func() (Who, error) { return none.GetPublic(ctx) }, []string{}},
		{"no credentials", func() (Who, error) { return none.GetBasic(ctx) }, nil},
		{"and, half of it", func() (Who, error) { return cookieOnly.GetAnd(ctx) }, nil},
	} {
		got, err := tt.call()
		if tt.want == nil {
			var re *ResponseError
			var de *DecodeError
			if !errors.As(err, &re) && !(errors.As(err, &de) && de.StatusCode == http.StatusUnauthorized) {
				t.Errorf("%s: %v, want a 401", tt.name, err)
			}
			continue
		}
		if err != nil || !slices.Equal(append([]string{}, got.Principals...), tt.want) {
			t.Errorf("%s: principals %q (%v), want %q", tt.name, got.Principals, err, tt.want)
		}
	}
}
