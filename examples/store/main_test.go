package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/examples/store/api"
)

// do sends a JSON request (no body when body is "") and decodes the answer
// into out, checking the status.
func do(t *testing.T, srv *httptest.Server, method, path, body string, want int, out any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, path, res.StatusCode, want, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
	}
}

// cartRes is the part of api.StoreCartsRes the test reads.
type cartRes struct {
	Cart struct {
		ID       string `json:"id"`
		RegionID string `json:"region_id"`
		Total    int64  `json:"total"`
		Items    []struct {
			ID        string `json:"id"`
			VariantID string `json:"variant_id"`
			Quantity  int32  `json:"quantity"`
		} `json:"items"`
	} `json:"cart"`
}

func TestCartFlow(t *testing.T) {
	srv := httptest.NewServer(newHandler())
	defer srv.Close()

	var created cartRes
	do(t, srv, "POST", "/store/carts", `{"region_id":"reg_eu"}`, http.StatusOK, &created)
	id := created.Cart.ID
	if id == "" || created.Cart.RegionID != "reg_eu" || len(created.Cart.Items) != 0 {
		t.Fatalf("created cart = %+v", created.Cart)
	}

	var added cartRes
	do(t, srv, "POST", "/store/carts/"+id+"/line-items",
		`{"variant_id":"variant_mug","quantity":2,"metadata":{"engraving":"For Ada"}}`, http.StatusCreated, &added)
	if len(added.Cart.Items) != 1 || added.Cart.Items[0].VariantID != "variant_mug" || added.Cart.Items[0].Quantity != 2 {
		t.Fatalf("cart after adding = %+v", added.Cart)
	}

	var got cartRes
	do(t, srv, "GET", "/store/carts/"+id, "", http.StatusOK, &got)
	if got.Cart.ID != id || len(got.Cart.Items) != 1 || got.Cart.Total != 2*unitPrice {
		t.Fatalf("got cart = %+v", got.Cart)
	}
}

func TestProblems(t *testing.T) {
	srv := httptest.NewServer(newHandler())
	defer srv.Close()

	var created cartRes
	do(t, srv, "POST", "/store/carts", `{}`, http.StatusOK, &created)

	tests := []struct {
		name, method, path, body string
		status                   int
		violation                string // a violation path the error message must name
	}{
		{"unknown cart", "GET", "/store/carts/cart_nope", "", http.StatusNotFound, ""},
		{"line item on unknown cart", "POST", "/store/carts/cart_nope/line-items", `{"variant_id":"v","quantity":1}`, http.StatusNotFound, ""},
		{"quantity below minimum", "POST", "/store/carts/" + created.Cart.ID + "/line-items", `{"variant_id":"v","quantity":0}`, http.StatusBadRequest, "/body/quantity"},
		{"body not JSON", "POST", "/store/carts/" + created.Cart.ID + "/line-items", `{"variant_id":`, http.StatusBadRequest, "/body"},
		{"not implemented", "GET", "/store/products", "", http.StatusNotImplemented, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e api.Error
			do(t, srv, tt.method, tt.path, tt.body, tt.status, &e)
			if e.Message == "" || !e.Type.Valid() {
				t.Errorf("error = %+v, want the spec's Error schema", e)
			}
			if tt.violation != "" && !strings.Contains(e.Message, tt.violation+":") {
				t.Errorf("message %q does not name %s", e.Message, tt.violation)
			}
		})
	}
}

// TestSecurity: /store/customers/me requires the session cookie or a bearer
// token; the example accepts the demo ones (and implements nothing more).
func TestSecurity(t *testing.T) {
	srv := httptest.NewServer(newHandler())
	defer srv.Close()
	for _, tt := range []struct {
		name, header, value string
		status              int
	}{
		{"no credentials", "", "", http.StatusUnauthorized},
		{"wrong token", "Authorization", "Bearer nope", http.StatusUnauthorized},
		{"demo token", "Authorization", "Bearer " + demoToken, http.StatusNotImplemented},
		{"demo session", "Cookie", "connect.sid=" + demoSession, http.StatusNotImplemented},
	} {
		req, err := http.NewRequest("GET", srv.URL+"/store/customers/me", nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.header != "" {
			req.Header.Set(tt.header, tt.value)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e api.Error
		err = json.NewDecoder(res.Body).Decode(&e)
		res.Body.Close()
		if err != nil || res.StatusCode != tt.status {
			t.Errorf("%s: status %d (%v), want %d", tt.name, res.StatusCode, err, tt.status)
		}
		if tt.status == http.StatusUnauthorized && (e.Type != api.ErrorTypeUnauthorized || res.Header.Get("WWW-Authenticate") == "") {
			t.Errorf("%s: error %+v, WWW-Authenticate %q", tt.name, e, res.Header.Get("WWW-Authenticate"))
		}
	}
}
