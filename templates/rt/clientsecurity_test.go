package rt

import (
	"context"
	"net/http"
	"testing"
)

// TestAuthorizeOneAuthorizationHeader: a requirement of basic and a
// bearer token cannot be met (one Authorization header: the bearer
// token overwrote the basic credentials, and the server refused both);
// the client goes on to the next requirement it can meet, basic alone.
// Found by the random 3.1 specs (TestRandomSpecs).
func TestAuthorizeOneAuthorizationHeader(t *testing.T) {
	was := clientSchemes
	defer func() { clientSchemes = was }()
	clientSchemes = map[string]clientScheme{
		"basic": {kind: "basic"}, "oidc": {kind: "openIdConnect"}, "key": {kind: "apiKey", in: "header", name: "X-Key"},
	}
	c, err := NewClient("https://api.example.com", WithBasicAuth("basic", "user", "pw"), WithBearerToken("oidc", "token"), WithAPIKey("key", "k"))
	if err != nil {
		t.Fatal(err)
	}
	op := &operationInfo{security: [][]string{{"basic", "oidc"}, {"basic", "key"}}}
	req, _ := http.NewRequest("GET", "https://api.example.com/x", nil)
	if err := c.authorize(context.Background(), op, req); err != nil {
		t.Fatal(err)
	}
	if user, pw, ok := req.BasicAuth(); !ok || user != "user" || pw != "pw" || req.Header.Get("X-Key") != "k" {
		t.Errorf("sent Authorization %q and X-Key %q, want basic user:pw and k (the second requirement)",
			req.Header.Get("Authorization"), req.Header.Get("X-Key"))
	}
}
