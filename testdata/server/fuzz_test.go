package store

// This file is copied next to the code generated from specs/store (with the
// server part) by generator/server_fuzz_test.go, which runs its seed corpus
// on every go test and fuzzes it when OASGEN_FUZZTIME is set. Arbitrary
// requests go through Handler to an in-memory ServerInterface. The server
// must never panic, the implementation must never see input that breaks the
// spec (it panics when it does), and no request may get a 5xx: the
// implementation returns only 4xx problems, so a 5xx is the server's fault.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fuzzShop is an in-memory ServerInterface. It trusts the server to have
// checked every parameter and body against the spec, and panics (recorded in
// panicked) when it is handed a value the spec forbids.
type fuzzShop struct {
	mu       sync.Mutex
	carts    map[string][]StorePostCartsCartLineItemsReq
	next     int
	products []string
	panicked string // the first panic of a method, with its stack
	failed   error  // the first error the error handler saw that is not a *Problem
}

func newFuzzShop() *fuzzShop {
	s := &fuzzShop{carts: map[string][]StorePostCartsCartLineItemsReq{
		"cart_1": {{VariantID: "variant_1", Quantity: 2}},
	}}
	for i := range 150 {
		s.products = append(s.products, fmt.Sprintf("prod_%d", i))
	}
	return s
}

// guard records a panic of the method it is deferred in and panics again,
// so that the server answers it as it would in production.
func (s *fuzzShop) guard() {
	if p := recover(); p != nil {
		s.mu.Lock()
		if s.panicked == "" {
			s.panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
		s.mu.Unlock()
		panic(p)
	}
}

// must panics when the server let through a value the spec forbids.
func must(ok bool, format string, args ...any) {
	if !ok {
		panic(fmt.Sprintf("the server let through: "+format, args...))
	}
}

func notFound(what, id string) error {
	return &Problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("no %s %q", what, id)}
}

func (s *fuzzShop) PostCart(w http.ResponseWriter, r *http.Request, params PostCartParams, body StorePostCartReq) error {
	defer s.guard()
	var items []StorePostCartsCartLineItemsReq
	for _, it := range body.Items.Value {
		must(it.Quantity >= 1, "items quantity %d", it.Quantity)
		items = append(items, StorePostCartsCartLineItemsReq{VariantID: it.VariantID, Quantity: it.Quantity})
	}
	s.mu.Lock()
	s.next++
	id := fmt.Sprintf("cart_new_%d", s.next)
	s.carts[id] = items
	s.mu.Unlock()
	return WriteJSON(w, http.StatusOK, map[string]any{"id": id, "request": body, "key": params.XPublishableAPIKey})
}

func (s *fuzzShop) GetCartsCart(w http.ResponseWriter, r *http.Request, params GetCartsCartParams) error {
	defer s.guard()
	s.mu.Lock()
	items, ok := s.carts[params.ID]
	s.mu.Unlock()
	if !ok {
		return notFound("cart", params.ID)
	}
	return WriteJSON(w, http.StatusOK, map[string]any{"id": params.ID, "items": items, "expand": params.Expand, "fields": params.Fields})
}

func (s *fuzzShop) PostCartsCart(w http.ResponseWriter, r *http.Request, params PostCartsCartParams, body StorePostCartsCartReq) error {
	defer s.guard()
	s.mu.Lock()
	_, ok := s.carts[params.ID]
	s.mu.Unlock()
	if !ok {
		return notFound("cart", params.ID)
	}
	return WriteJSON(w, http.StatusOK, map[string]any{"id": params.ID, "update": body})
}

func (s *fuzzShop) DeleteStoreCartsID(w http.ResponseWriter, r *http.Request, params DeleteStoreCartsIDParams) error {
	defer s.guard()
	s.mu.Lock()
	_, ok := s.carts[params.ID]
	delete(s.carts, params.ID)
	s.mu.Unlock()
	if !ok {
		return notFound("cart", params.ID)
	}
	return WriteJSON(w, http.StatusOK, DeleteStoreCartsIDResponse{ID: params.ID, Object: "cart"})
}

func (s *fuzzShop) PostCartsCartLineItems(w http.ResponseWriter, r *http.Request, params PostCartsCartLineItemsParams, body StorePostCartsCartLineItemsReq) error {
	defer s.guard()
	must(body.Quantity >= 1, "quantity %d", body.Quantity)
	if key, ok := params.IdempotencyKey.Get(); ok {
		must(len(key) == 36 && strings.Count(key, "-") == 4, "Idempotency-Key %q", key)
	}
	s.mu.Lock()
	items, ok := s.carts[params.ID]
	if ok {
		s.carts[params.ID] = append(items, body)
	}
	s.mu.Unlock()
	if !ok {
		return notFound("cart", params.ID)
	}
	return WriteJSON(w, http.StatusOK, map[string]any{"id": params.ID, "added": body})
}

func (s *fuzzShop) GetCustomersCustomer(w http.ResponseWriter, r *http.Request) error {
	defer s.guard()
	if _, err := r.Cookie("connect.sid"); err != nil {
		return &Problem{Status: http.StatusUnauthorized, Detail: "no session"}
	}
	return WriteJSON(w, http.StatusOK, map[string]string{"id": "cus_1"})
}

func (s *fuzzShop) PostCustomersCustomer(w http.ResponseWriter, r *http.Request, body StorePostCustomersCustomerReq) error {
	defer s.guard()
	if _, err := r.Cookie("connect.sid"); err != nil {
		return &Problem{Status: http.StatusUnauthorized, Detail: "no session"}
	}
	return WriteJSON(w, http.StatusOK, map[string]any{"id": "cus_1", "update": body})
}

func (s *fuzzShop) GetProducts(w http.ResponseWriter, r *http.Request, params GetProductsParams) error {
	defer s.guard()
	// Defaults are applied, and the bounds are the spec's.
	must(params.Offset.Set && params.Offset.Value >= 0, "offset %+v", params.Offset)
	must(params.Limit.Set && params.Limit.Value >= 1 && params.Limit.Value <= 100, "limit %+v", params.Limit)
	list := s.products
	if ids, ok := params.ID.Get(); ok {
		list = slices.DeleteFunc(slices.Clone(list), func(p string) bool { return !slices.Contains(ids, p) })
	}
	off := min(int(params.Offset.Value), len(list))
	end := min(off+int(params.Limit.Value), len(list))
	page := list[off:end]
	var since time.Time
	if c, ok := params.CreatedAt.Get(); ok {
		since = c.Gt.Value
	}
	return WriteJSON(w, http.StatusOK, map[string]any{
		"products": page, "offset": off, "limit": params.Limit.Value, "count": len(list),
		"q": params.Q, "sales_channel_id": params.SalesChannelID, "is_giftcard": params.IsGiftcard,
		"order": params.Order, "since": since,
	})
}

func (s *fuzzShop) GetProductsProduct(w http.ResponseWriter, r *http.Request, params GetProductsProductParams) error {
	defer s.guard()
	if !slices.Contains(s.products, params.ID) {
		return notFound("product", params.ID)
	}
	return WriteJSON(w, http.StatusOK, map[string]any{"id": params.ID, "region_id": params.RegionID, "cart_id": params.CartID})
}

var _ ServerInterface = (*fuzzShop)(nil)

var (
	fuzzMethods = []string{"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE", "get", "BREW"}
	fuzzHeaders = []string{"X-Publishable-Api-Key", "If-None-Match", "Idempotency-Key", "Cookie", "Accept", "Content-Encoding", "Transfer-Encoding"}
)

// fuzzSeed is one request of the seed corpus.
type fuzzSeed struct {
	method      string
	path, query string
	header      string
	value       string
	contentType string
	body        string
}

const uuid = "0b7c1a4e-2f7d-4c51-9a0e-5c2d8e7f6a13"

var fuzzSeeds = []fuzzSeed{
	// Valid requests, one or more per operation.
	{"POST", "/store/carts", "", "X-Publishable-Api-Key", "pk_1", "application/json", `{"region_id":"reg_1","items":[{"variant_id":"v1","quantity":1}],"context":{"ip":"::1"}}`},
	{"POST", "/store/carts", "", "", "", "application/json", `{}`},
	{"GET", "/store/carts/cart_1", "expand=items&fields=id", "If-None-Match", `"v1"`, "", ""},
	{"POST", "/store/carts/cart_1", "", "", "", "application/json", `{"email":"a@example.com","gift_cards":[{"code":"GC"}],"discounts":[{"code":"D10"}],"metadata":{"k":[1,{"x":null}]}}`},
	{"DELETE", "/store/carts/cart_1", "", "", "", "", ""},
	{"POST", "/store/carts/cart_1/line-items", "", "Idempotency-Key", uuid, "application/json; charset=utf-8", `{"variant_id":"v1","quantity":3,"metadata":{"gift":true,"note":"x","n":1.5}}`},
	{"GET", "/store/customers/me", "", "Cookie", "connect.sid=s1", "", ""},
	{"POST", "/store/customers/me", "", "Cookie", "connect.sid=s1", "application/json", `{"first_name":"Ada","birthday":"1990-12-31","billing_address":{"id":"addr_1","country_code":"fr","address_1":"1 rue","city":"Paris"},"default_payment_method":{"type":"card","brand":"visa","last4":"4242","exp_month":12,"exp_year":2030}}`},
	{"GET", "/store/products", "id=prod_1,prod_2&sales_channel_id=sc1&limit=5&offset=1&is_giftcard=true&q=shirt&order=title", "X-Publishable-Api-Key", "pk_1", "", ""},
	{"GET", "/store/products", "created_at[gt]=2024-01-01T00:00:00Z&created_at[lt]=2025-01-01T00:00:00Z&price[gte]=10", "", "", "", ""},
	{"GET", "/store/products", "limit=100&offset=140", "", "", "", ""},
	{"HEAD", "/store/products", "", "", "", "", ""},
	{"GET", "/store/products/prod_3", "region_id=reg_1&cart_id=cart_1&expand=variants", "", "", "", ""},
	// Invalid requests.
	{"GET", "/store/carts/missing", "", "", "", "", ""},
	{"GET", "/store/nothing", "", "", "", "", ""},
	{"PATCH", "/store/carts/cart_1", "", "", "", "", ""},
	{"PUT", "/store/products", "", "", "", "", ""},
	{"BREW", "/store/products", "", "", "", "", ""},
	{"GET", "/store/products", "limit=abc&offset=-1&is_giftcard=yes", "", "", "", ""},
	{"GET", "/store/products", "limit=0", "", "", "", ""},
	{"GET", "/store/products", "limit=101&offset=99999999999", "", "", "", ""},
	{"GET", "/store/products", "limit=1&limit=2&created_at[gt]=yesterday&created_at=x", "", "", "", ""},
	{"GET", "/store/products", "%zz=1&id=&sales_channel_id=,,", "", "", "", ""},
	{"POST", "/store/carts", "", "", "", "application/json", `{"items":[{"variant_id":"v1","quantity":0}]}`},
	{"POST", "/store/carts", "", "", "", "application/json", `{"items":[{"variant_id":"v1","quantity":"1"}],"context":{"ip":1}}`},
	{"POST", "/store/carts/cart_1", "", "", "", "application/json", `{"gift_cards":[{}],"metadata":[]}`},
	{"POST", "/store/carts/cart_1/line-items", "", "Idempotency-Key", "not-a-uuid", "application/json", `{"variant_id":"v1","quantity":1}`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "application/json", `{"variant_id":"v1","quantity":-5}`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "application/json", `{"variant_id":"v1","quantity":2147483648}`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "application/json", `{"quantity":1}`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "application/json", `{"variant_id":"v1","quantity":1`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "application/json", ``},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "text/plain", `hello`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "", `{}`},
	{"POST", "/store/carts/cart_1/line-items", "", "", "", "application/json;;;=", `{}`},
	{"POST", "/store/carts/cart_1/line-items", "", "Content-Encoding", "gzip", "application/problem+json", `null`},
	{"POST", "/store/customers/me", "", "Cookie", "connect.sid=s1", "application/json", `{"birthday":"1990-02-30","default_payment_method":{"type":"cash"}}`},
	{"POST", "/store/customers/me", "", "", "", "application/json", `{"email":"not an email","billing_address":7}`},
	{"GET", "/store/customers/me", "", "", "", "", ""},
	{"GET", "/store/products/", "", "", "", "", ""},
	{"GET", "/store/../store/products", "", "", "", "", ""},
	{"GET", "//store/products", "", "", "", "", ""},
	{"GET", "/store/carts/%2F..%2F", "", "", "", "", ""},
	{"OPTIONS", "*", "", "", "", "", ""},
	{"GET", "http://example.com/store/products", "limit=2", "", "", "", ""},
}

// fuzzSessions is the SecurityHandler: the session cookie s1 and the
// token jwt1 are valid.
type fuzzSessions struct{}

func (fuzzSessions) HandleCookieAuth(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	if cred.Key != "s1" {
		return nil, errors.New("no such session")
	}
	return ctx, nil
}

func (fuzzSessions) HandleJWTToken(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	if cred.Token != "jwt1" {
		return nil, errors.New("bad token")
	}
	return ctx, nil
}

// FuzzServer sends arbitrary requests (method, path, raw query, one header,
// content type and body) through Handler. A panic anywhere, a panic of the
// implementation (a value the spec forbids got through) or a 5xx fails.
func FuzzServer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(uint8(slices.Index(fuzzMethods, s.method)), s.path, s.query, uint8(max(0, slices.Index(fuzzHeaders, s.header))), s.value, s.contentType, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, method uint8, path, query string, header uint8, value, contentType string, body []byte) {
		req := fuzzRequest(fuzzMethods[int(method)%len(fuzzMethods)], path, query, fuzzHeaders[int(header)%len(fuzzHeaders)], value, contentType, body)
		if req == nil {
			return // no HTTP server would deliver this request
		}
		input := fmt.Sprintf("%s %q\n%s: %q\nContent-Type: %q\nbody: %q", req.Method, req.RequestURI, fuzzHeaders[int(header)%len(fuzzHeaders)], value, contentType, body)

		s := newFuzzShop()
		h := Handler(s, WithSecurityHandler(fuzzSessions{}), WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
			var p *Problem
			if !errors.As(err, &p) {
				s.mu.Lock()
				if s.failed == nil {
					s.failed = err
				}
				s.mu.Unlock()
				p = &Problem{Status: http.StatusInternalServerError}
			}
			WriteProblem(w, p)
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		if s.panicked != "" {
			t.Fatalf("the implementation panicked on\n%s\npanic: %s", input, s.panicked)
		}
		if rec.Code >= 500 {
			t.Fatalf("status %d (error %v) on\n%s\nresponse: %s", rec.Code, s.failed, input, rec.Body.Bytes())
		}
	})
}

// fuzzRequest builds the request a server would hand to its handler, or nil
// when the request could not come off the wire: http.NewRequest rejects the
// method, the target does not parse as a request URI, or the target or a
// header value holds bytes HTTP/1.1 does not allow there.
func fuzzRequest(method, path, query, header, value, contentType string, body []byte) *http.Request {
	target := path
	if query != "" {
		target += "?" + query
	}
	if target == "" || !validField(target) || strings.ContainsAny(target, " \t") {
		return nil
	}
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil
	}
	req, err := http.NewRequest(method, "http://example.com/", bytes.NewReader(body))
	if err != nil {
		return nil
	}
	req.URL = u
	req.RequestURI = target
	if u.Host != "" {
		req.Host = u.Host
	}
	value, contentType = strings.Trim(value, " \t"), strings.Trim(contentType, " \t")
	if !validField(value) || !validField(contentType) {
		return nil
	}
	if value != "" {
		req.Header.Set(header, value)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

// validField reports whether s may appear in a request line or header field:
// no control characters but tab, and no DEL.
func validField(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
