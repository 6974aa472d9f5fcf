package store

// FuzzClientResponse is copied next to the client generated from
// specs/store by generator/client_test.go: whatever status, headers,
// Content-Type and body a server answers with, the client returns a value
// or an error, and never panics.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func FuzzClientResponse(f *testing.F) {
	f.Add(200, "application/json", "ETag", `"v"`, []byte(`{"cart":{"id":"c","region_id":"r","type":"default","completed_at":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}}`))
	f.Add(201, "application/json; charset=utf-8", "", "", []byte(`{"cart":{"id":1}}`))
	f.Add(404, "application/json", "", "", []byte(`{"type":"not_found","message":"no"}`))
	f.Add(401, "text/plain", "", "", []byte("log in"))
	f.Add(500, "application/problem+json", "", "", []byte(`{"title":"x"`))
	f.Add(304, "", "ETag", "\x00", []byte{})
	f.Add(99, "*/*;;", "Content-Length", "-1", []byte("\xff\xfe"))
	f.Add(200, "application/json", "", "", []byte(strings.Repeat("[", 10000)))
	f.Fuzz(func(t *testing.T, status int, contentType, name, value string, body []byte) {
		doer := DoerFunc(func(req *http.Request) (*http.Response, error) {
			h := http.Header{}
			if contentType != "" {
				h["Content-Type"] = []string{contentType}
			}
			if name != "" {
				h[name] = []string{value}
			}
			return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(string(body))), ContentLength: -1, Request: req}, nil
		})
		c, err := NewClient("http://example.com", WithHTTPClient(doer), WithValidatedResponses(), WithResponseLimit(1<<16))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		calls := []func() error{
			func() error { _, err := c.GetCartsCart(ctx, GetCartsCartParams{ID: "c"}); return err },
			func() error { _, err := c.GetCartsCartResponse(ctx, GetCartsCartParams{ID: "c"}); return err },
			func() error {
				_, err := c.PostCartsCartLineItems(ctx, PostCartsCartLineItemsParams{ID: "c"}, StorePostCartsCartLineItemsReq{VariantID: "v", Quantity: 1})
				return err
			},
			func() error { _, err := c.GetCustomersCustomer(ctx); return err },
			func() error { _, err := c.GetProducts(ctx, GetProductsParams{}); return err },
		}
		for _, call := range calls {
			err := call()
			var re *ResponseError
			var de *DecodeError
			if err != nil && !errors.As(err, &re) && !errors.As(err, &de) {
				t.Errorf("an error of neither type: %v", err)
			}
		}
	})
}
