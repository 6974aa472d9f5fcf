// Package client benchmarks one call of POST /store/carts/{id}/line-items
// of specs/store through the generated clients of oasgen, ogen and
// oapi-codegen (ClientWithResponses): the path parameter and the JSON body
// encoded, the request sent to an in-memory RoundTripper that answers with
// the same canned 201 cart, and the response decoded into each client's
// types. Only client-side work is measured. See bench-client.sh.
package client
