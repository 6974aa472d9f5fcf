package store

// This file is copied next to the code generated from specs/store (with the
// server part) by generator/server_test.go and run there with go test: an
// in-memory implementation of ServerInterface served through httptest.

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// shop is an in-memory ServerInterface that records what it was given.
type shop struct {
	mu       sync.Mutex
	products GetProductsParams
	cart     GetCartsCartParams
	item     StorePostCartsCartLineItemsReq
}

func (s *shop) PostCart(w http.ResponseWriter, r *http.Request, params PostCartParams, body StorePostCartReq) error {
	return WriteJSON(w, http.StatusOK, map[string]string{"created": "cart_1"})
}

func (s *shop) GetCartsCart(w http.ResponseWriter, r *http.Request, params GetCartsCartParams) error {
	s.mu.Lock()
	s.cart = params
	s.mu.Unlock()
	switch params.ID {
	case "missing":
		return &Problem{Status: http.StatusNotFound, Detail: "no cart missing"}
	case "unchanged":
		w.WriteHeader(http.StatusNotModified) // declared without a body
		return nil
	}
	return WriteJSON(w, http.StatusOK, map[string]string{"id": params.ID})
}

func (s *shop) PostCartsCart(w http.ResponseWriter, r *http.Request, params PostCartsCartParams, body StorePostCartsCartReq) error {
	return WriteJSON(w, http.StatusOK, map[string]string{"id": params.ID})
}

func (s *shop) DeleteStoreCartsID(w http.ResponseWriter, r *http.Request, params DeleteStoreCartsIDParams) error {
	switch params.ID {
	case "boom":
		panic("boom")
	case "partial", "partial-error": // the response is started, then fails
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, `{"partial":`)
		if params.ID == "partial-error" {
			return errors.New("boom")
		}
		panic("boom")
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

func (s *shop) PostCartsCartLineItems(w http.ResponseWriter, r *http.Request, params PostCartsCartLineItemsParams, body StorePostCartsCartLineItemsReq) error {
	s.mu.Lock()
	s.item = body
	s.mu.Unlock()
	return WriteJSON(w, http.StatusOK, map[string]any{"id": params.ID, "quantity": body.Quantity})
}

func (s *shop) GetCustomersCustomer(w http.ResponseWriter, r *http.Request) error {
	return WriteJSON(w, http.StatusOK, map[string]string{})
}

func (s *shop) PostCustomersCustomer(w http.ResponseWriter, r *http.Request, body StorePostCustomersCustomerReq) error {
	return WriteJSON(w, http.StatusOK, map[string]string{})
}

func (s *shop) GetProducts(w http.ResponseWriter, r *http.Request, params GetProductsParams) error {
	s.mu.Lock()
	s.products = params
	s.mu.Unlock()
	return WriteJSON(w, http.StatusOK, StoreProductsListRes{Products: []Product{}, Limit: params.Limit.Value, Offset: params.Offset.Value})
}

func (s *shop) GetProductsProduct(w http.ResponseWriter, r *http.Request, params GetProductsProductParams) error {
	return WriteJSON(w, http.StatusOK, map[string]string{"id": params.ID})
}

var _ ServerInterface = (*shop)(nil)

type response struct {
	status  int
	header  http.Header
	body    string
	problem Problem
}

// do sends one request to h.
func do(t *testing.T, h http.Handler, method, target, contentType, body string, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := response{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	if rec.Header().Get("Content-Type") == "application/problem+json" {
		if err := json.Unmarshal(rec.Body.Bytes(), &res.problem); err != nil {
			t.Fatalf("problem body %q: %v", res.body, err)
		}
		if res.problem.Status != rec.Code || res.problem.Title == "" {
			t.Errorf("problem %+v does not match status %d", res.problem, rec.Code)
		}
	}
	return res
}

// hasViolation reports whether p lists a violation at path with keyword.
func hasViolation(p Problem, path, keyword string) bool {
	return slices.ContainsFunc(p.Violations, func(v Violation) bool { return v.Path == path && v.Keyword == keyword })
}

func TestRouting(t *testing.T) {
	h := Handler(&shop{})
	tests := []struct {
		name, method, target string
		status               int
		allow                string
	}{
		{"get", "GET", "/store/products", 200, ""},
		{"path param", "GET", "/store/products/prod_1", 200, ""},
		{"literal segment", "GET", "/store/customers/me", 200, ""},
		{"unknown path", "GET", "/store/nothing", 404, ""},
		{"wrong method", "PUT", "/store/products", 405, "GET, HEAD"},
		{"wrong method with wildcard", "PATCH", "/store/carts/c1", 405, "DELETE, GET, HEAD, POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, h, tt.method, tt.target, "", "")
			if res.status != tt.status {
				t.Fatalf("status %d, want %d: %s", res.status, tt.status, res.body)
			}
			if tt.status >= 400 && res.header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("Content-Type %q, want application/problem+json", res.header.Get("Content-Type"))
			}
			if got := res.header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
		})
	}
}

// TestResponseValidation: the shop's answers are not the spec's (GET
// /store/carts/{id} writes {"id": ...}, not {"cart": ...}); with
// WithResponseValidation they are replaced by a 500 problem.
func TestResponseValidation(t *testing.T) {
	plain, checked := Handler(&shop{}), Handler(&shop{}, WithResponseValidation())
	if res := do(t, plain, "GET", "/store/carts/c1", "", ""); res.status != 200 {
		t.Fatalf("unchecked: status %d", res.status)
	}
	res := do(t, checked, "GET", "/store/carts/c1", "", "")
	if res.status != 500 || !hasViolation(res.problem, "/response/body", "required") {
		t.Errorf("checked: status %d, %+v", res.status, res.problem)
	}
	res = do(t, checked, "DELETE", "/store/carts/c1", "", "")
	if res.status != 500 || !hasViolation(res.problem, "/response", "response") {
		t.Errorf("a declared JSON response without Content-Type: status %d, %+v", res.status, res.problem)
	}
	if res := do(t, checked, "GET", "/store/carts/unchanged", "", ""); res.status != 304 {
		t.Errorf("a declared response without a body: status %d %s", res.status, res.body)
	}
	if res := do(t, checked, "GET", "/store/carts/missing", "", ""); res.status != 404 {
		t.Errorf("an error returned by the handler: status %d %s", res.status, res.body)
	}
}

func TestParameters(t *testing.T) {
	s := &shop{}
	h := Handler(s)
	res := do(t, h, "GET", "/store/products?id=p1,p2&sales_channel_id=sc1&limit=5&is_giftcard=true&q=shirt", "", "", "X-Publishable-Api-Key", "pk_1")
	if res.status != 200 {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	p := s.products
	if !slices.Equal(p.ID.Value, []string{"p1", "p2"}) || !p.ID.Set {
		t.Errorf("form explode=false array: %+v", p.ID)
	}
	if !slices.Equal(p.SalesChannelID.Value, []string{"sc1"}) {
		t.Errorf("sales_channel_id: %+v", p.SalesChannelID)
	}
	if p.Limit != NewOpt[int32](5) || p.IsGiftcard != NewOpt(true) || p.Q != NewOpt("shirt") {
		t.Errorf("query: limit %+v is_giftcard %+v q %+v", p.Limit, p.IsGiftcard, p.Q)
	}
	if p.Offset != NewOpt[int32](0) {
		t.Errorf("default offset not applied: %+v", p.Offset)
	}
	if p.XPublishableAPIKey != NewOpt("pk_1") {
		t.Errorf("header: %+v", p.XPublishableAPIKey)
	}

	do(t, h, "GET", "/store/products", "", "")
	if s.products.Limit != NewOpt[int32](20) || s.products.ID.Set {
		t.Errorf("defaults: limit %+v, id %+v", s.products.Limit, s.products.ID)
	}

	do(t, h, "GET", "/store/carts/cart_9?expand=items", "", "", "If-None-Match", `"v1"`)
	if c := s.cart; c.ID != "cart_9" || c.Expand != NewOpt("items") || c.IfNoneMatch != NewOpt(`"v1"`) {
		t.Errorf("path/query/header: %+v", c)
	}
}

func TestBadParameters(t *testing.T) {
	h := Handler(&shop{})
	tests := []struct {
		name, target, path, keyword string
	}{
		{"not an integer", "/store/products?limit=abc", "/query/limit", "type"},
		{"above maximum", "/store/products?limit=500", "/query/limit", "maximum"},
		{"below minimum", "/store/products?offset=-1", "/query/offset", "minimum"},
		{"not a boolean", "/store/products?is_giftcard=yes", "/query/is_giftcard", "type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, h, "GET", tt.target, "", "")
			if res.status != 400 || !hasViolation(res.problem, tt.path, tt.keyword) {
				t.Fatalf("status %d, want 400 with %s (%s): %s", res.status, tt.path, tt.keyword, res.body)
			}
		})
	}
	res := do(t, h, "POST", "/store/carts/c1/line-items", "application/json", `{"variant_id":"v","quantity":1}`, "Idempotency-Key", "not-a-uuid")
	if res.status != 400 || !hasViolation(res.problem, "/header/Idempotency-Key", "format") {
		t.Errorf("header format: status %d: %s", res.status, res.body)
	}
}

func TestBodies(t *testing.T) {
	s := &shop{}
	h := Handler(s)
	const target = "/store/carts/c1/line-items"
	res := do(t, h, "POST", target, "application/json; charset=utf-8", `{"variant_id":"v1","quantity":3}`)
	if res.status != 200 || s.item.VariantID != "v1" || s.item.Quantity != 3 {
		t.Fatalf("status %d, item %+v: %s", res.status, s.item, res.body)
	}
	// Body buffers are reused: what a handler keeps must not change with
	// the next request.
	first := s.item
	do(t, h, "POST", target, "application/json", `{"variant_id":"v2","quantity":4,"metadata":{"note":"x"}}`)
	if first.VariantID != "v1" || s.item.VariantID != "v2" || s.item.Metadata.Value["note"].String != "x" {
		t.Fatalf("a kept body changed: %+v, then %+v", first, s.item)
	}
	tests := []struct {
		name, contentType, body string
		status                  int
		path, keyword           string
	}{
		{"wrong type", "application/json", `{"variant_id":"v1","quantity":"x"}`, 400, "/body/quantity", "type"},
		{"below minimum", "application/json", `{"variant_id":"v1","quantity":0}`, 400, "/body/quantity", "minimum"},
		{"missing property", "application/json", `{"quantity":1}`, 400, "/body", "required"},
		{"syntax", "application/json", `{"quantity":`, 400, "/body", "json"},
		{"missing body", "", "", 400, "/body", "required"},
		{"wrong content type", "text/plain", `hello`, 415, "", ""},
		{"no content type", "", `{}`, 415, "", ""},
		{"charset latin1", "application/json; charset=latin1", "{\"variant_id\":\"caf\xe9\",\"quantity\":1}", 415, "", ""},
		{"charset utf-16", "application/json; charset=utf-16", "\xff\xfe{\x00}\x00", 415, "", ""},
		{"charset UTF8", "application/json; charset=UTF8", `{"variant_id":"v1","quantity":1}`, 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, h, "POST", target, tt.contentType, tt.body)
			if res.status != tt.status {
				t.Fatalf("status %d, want %d: %s", res.status, tt.status, res.body)
			}
			if tt.path != "" && !hasViolation(res.problem, tt.path, tt.keyword) {
				t.Errorf("want violation %s (%s): %s", tt.path, tt.keyword, res.body)
			}
		})
	}
	res = do(t, h, "POST", target, "application/json; charset=latin1", `{"variant_id":"v1","quantity":1}`)
	if !strings.Contains(res.problem.Detail, `charset "latin1"`) {
		t.Errorf("the 415 does not name the charset: %s", res.body)
	}
	res = do(t, h, "POST", target, "application/json", `{"variant_id":"v1","quantity":1}`, "Content-Type", "text/plain")
	if res.status != 415 {
		t.Errorf("two Content-Type headers: status %d: %s", res.status, res.body)
	}
	small := Handler(s, WithBodyLimit(16))
	res = do(t, small, "POST", target, "application/json", `{"variant_id":"a long variant id","quantity":1}`)
	if res.status != 413 {
		t.Errorf("too large: status %d: %s", res.status, res.body)
	}
}

func TestErrorsAndOptions(t *testing.T) {
	h := Handler(&shop{})
	if res := do(t, h, "DELETE", "/store/carts/boom", "", ""); res.status != 500 {
		t.Errorf("panic: status %d: %s", res.status, res.body)
	}
	if res := do(t, h, "DELETE", "/store/carts/c1", "", ""); res.status != 200 {
		t.Errorf("after a panic: status %d", res.status)
	}
	if res := do(t, h, "GET", "/store/carts/missing", "", ""); res.status != 404 || res.problem.Detail != "no cart missing" {
		t.Errorf("returned problem: status %d: %s", res.status, res.body)
	}

	var seen []string
	var handled error
	h = Handler(&shop{},
		WithBasePath("/api/"),
		WithMiddleware(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = append(seen, r.URL.Path)
				next.ServeHTTP(w, r)
			})
		}),
		WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
			handled = err
			w.WriteHeader(http.StatusTeapot)
		}))
	if res := do(t, h, "GET", "/api/store/products", "", ""); res.status != 200 {
		t.Errorf("base path: status %d: %s", res.status, res.body)
	}
	if res := do(t, h, "GET", "/store/products", "", ""); res.status != http.StatusTeapot || handled == nil {
		t.Errorf("outside the base path: status %d, error %v", res.status, handled)
	}
	if !slices.Equal(seen, []string{"/api/store/products", "/store/products"}) {
		t.Errorf("middleware saw %v", seen)
	}
}

func TestDeepObject(t *testing.T) {
	s := &shop{}
	h := Handler(s)
	res := do(t, h, "GET", "/store/products?created_at[gte]=2024-01-01T00:00:00Z", "", "")
	if res.status != 200 || !s.products.CreatedAt.Set || s.products.CreatedAt.Value.Gte.Value.Year() != 2024 {
		t.Errorf("created_at: status %d, %+v: %s", res.status, s.products.CreatedAt, res.body)
	}
	res = do(t, h, "GET", "/store/products?created_at[gte]=yesterday", "", "")
	if res.status != 400 || !hasViolation(res.problem, "/query/created_at/gte", "format") && !hasViolation(res.problem, "/query/created_at/gte", "type") {
		t.Errorf("bad created_at: status %d: %s", res.status, res.body)
	}
}

// TestConcurrentRequests: requests served at the same time share pooled
// buffers and writers; each must get its own answer.
func TestConcurrentRequests(t *testing.T) {
	h := Handler(&shop{})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				quantity := g*1000 + i + 1
				body := `{"variant_id":"v` + strconv.Itoa(quantity) + `","quantity":` + strconv.Itoa(quantity) + `,"metadata":{"n":` + strconv.Itoa(i) + `}}`
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/store/carts/c"+strconv.Itoa(g)+"/line-items", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
				want := `{"id":"c` + strconv.Itoa(g) + `","quantity":` + strconv.Itoa(quantity) + "}\n"
				if rec.Code != 200 || rec.Body.String() != want {
					t.Errorf("got %d %s, want %s", rec.Code, rec.Body, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestFailureAfterWriting: a handler that panics or returns an error after
// it started its response gets the connection cut, so the client sees a
// broken response, never a problem appended to a 200. Served through a
// real connection, as net/http handles the abort.
func TestFailureAfterWriting(t *testing.T) {
	var logs strings.Builder
	var mu sync.Mutex
	srv := httptest.NewUnstartedServer(Handler(&shop{}))
	srv.Config.ErrorLog = log.New(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), "", 0)
	srv.Start()
	defer srv.Close()
	checked := httptest.NewServer(Handler(&shop{}, WithResponseValidation()))
	defer checked.Close()

	send := func(srv *httptest.Server, id string) (int, string, error) {
		req, _ := http.NewRequest("DELETE", srv.URL+"/store/carts/"+id, nil)
		res, err := srv.Client().Do(req)
		if err != nil {
			return 0, "", err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		return res.StatusCode, string(body), err
	}
	for _, id := range []string{"partial", "partial-error"} {
		status, body, err := send(srv, id)
		if err == nil || strings.Contains(body, "Internal Server Error") {
			t.Errorf("%s: %d %q, %v: want the response cut", id, status, body, err)
		}
		// With WithResponseValidation nothing was sent: a 500 problem.
		status, body, err = send(checked, id)
		if err != nil || status != 500 || strings.Contains(body, "partial") {
			t.Errorf("%s, validated: %d %q, %v: want a 500 problem", id, status, body, err)
		}
	}
	// Before anything is written, a panic is a 500 problem, and the
	// connection serves on.
	if status, body, err := send(srv, "boom"); err != nil || status != 500 || !strings.HasPrefix(body, `{"title":"Internal Server Error"`) {
		t.Errorf("panic before writing: %d %q, %v", status, body, err)
	}
	srv.Close()
	mu.Lock()
	defer mu.Unlock()
	if got := logs.String(); !strings.Contains(got, "http: panic serving") || !strings.Contains(got, "http: error serving") {
		t.Errorf("the panic and the error were not logged: %q", got)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
