// Command store runs prismcheck with the client of examples/store/api;
// examples/store/contract.sh runs it against Prism mocking specs/store, and
// builds the same program for medusa-v2/store's client (with the import
// path replaced).
package main

import (
	"github.com/oasgen/oasgen/examples/store/api"
	"github.com/oasgen/oasgen/examples/store/prismcheck"
)

func main() {
	prismcheck.Main(func(serverURL string, t *prismcheck.Transport) (any, error) {
		return api.NewClient(serverURL,
			api.WithHTTPClient(t),
			api.WithValidatedResponses(),
			api.WithBearerToken("jwt_token", "prismcheck-token"),
			api.WithAPIKey("cookie_auth", "prismcheck-session"),
		)
	})
}
