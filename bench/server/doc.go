// Package server benchmarks one operation of specs/store,
// POST /store/carts/{id}/line-items (a path parameter, a JSON body decoded
// and validated, a JSON response), through three generated servers:
//
//   - oasgen (internal/oasgenstore),
//   - oapi-codegen v2.8.2 std-http (internal/oapistore) behind
//     nethttp-middleware's OapiRequestValidator (kin-openapi),
//   - ogen v1.24.0 (internal/ogenstore).
//
// Each handler does the same thing: it appends the line item to an in-memory
// cart and returns the cart. See ../README.md, "Server benchmark".
package server
