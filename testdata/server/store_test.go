package store

// This file is copied next to the code generated from specs/store (with the
// server part) by generator/server_test.go and run there with go test: an
// in-memory implementation of ServerInterface served through httptest.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
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
	op       string // OperationID of GetCartsCart's context
}

func (s *shop) PostCart(w http.ResponseWriter, r *http.Request, params PostCartParams, body StorePostCartReq) error {
	return WriteJSON(w, http.StatusOK, map[string]string{"created": "cart_1"})
}

func (s *shop) GetCartsCart(w http.ResponseWriter, r *http.Request, params GetCartsCartParams) error {
	s.mu.Lock()
	s.cart = params
	s.op = OperationID(r.Context())
	s.mu.Unlock()
	switch params.ID {
	case "missing":
		return &Problem{Status: http.StatusNotFound, Detail: "no cart missing"}
	case "broken":
		return errors.New("database down")
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

// sessions is the SecurityHandler of the store: the session cookie s1 and
// the token jwt1 are valid.
type sessions struct{}

func (sessions) HandleCookieAuth(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	if cred.Key != "s1" {
		return nil, errors.New("no such session")
	}
	return ctx, nil
}

func (sessions) HandleJWTToken(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	if cred.Token != "jwt1" {
		return nil, errors.New("bad token")
	}
	return ctx, nil
}

// TestStoreSecurity: /store/customers/me takes the session cookie or a
// bearer token (the spec's security), the other operations neither.
func TestStoreSecurity(t *testing.T) {
	h := Handler(&shop{}, WithSecurityHandler(sessions{}))
	for _, tt := range []struct {
		name         string
		header       []string
		status       int
		authenticate []string
	}{
		{"cookie", []string{"Cookie", "connect.sid=s1"}, 200, nil},
		{"token", []string{"Authorization", "Bearer jwt1"}, 200, nil},
		{"none", nil, 401, []string{`APIKey realm="Oasgen Storefront API", name="connect.sid", in="cookie"`, `Bearer realm="Oasgen Storefront API"`}},
		{"bad token", []string{"Authorization", "Bearer jwt2"}, 401, []string{`APIKey realm="Oasgen Storefront API", name="connect.sid", in="cookie"`, `Bearer realm="Oasgen Storefront API", error="invalid_token"`}},
	} {
		res := do(t, h, "GET", "/store/customers/me", "", "", tt.header...)
		if res.status != tt.status || !slices.Equal(res.header.Values("WWW-Authenticate"), tt.authenticate) {
			t.Errorf("%s: status %d, WWW-Authenticate %q; want %d, %q", tt.name, res.status, res.header.Values("WWW-Authenticate"), tt.status, tt.authenticate)
		}
	}
	if res := do(t, h, "GET", "/store/products", "", ""); res.status != 200 {
		t.Errorf("GET /store/products without credentials: status %d, want 200", res.status)
	}
}

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
	h := Handler(&shop{}, WithSecurityHandler(sessions{}))
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
			res := do(t, h, tt.method, tt.target, "", "", "Cookie", "connect.sid=s1")
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
	out := writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	})
	srv := httptest.NewUnstartedServer(Handler(&shop{}, WithLogger(slog.New(slog.NewTextHandler(out, nil)))))
	srv.Config.ErrorLog = log.New(out, "", 0)
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
	got := logs.String()
	for _, want := range []string{
		`level=ERROR msg="handler panicked after the response was started; aborting it" operation=DeleteStoreCartsID method=DELETE path=/store/carts/partial panic=boom stack=`,
		`level=ERROR msg="handler failed after the response was started; aborting it" operation=DeleteStoreCartsID method=DELETE path=/store/carts/partial-error error=boom`,
		`level=ERROR msg="handler panicked" operation=DeleteStoreCartsID method=DELETE path=/store/carts/boom panic=boom stack=`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not logged: %s\nlog:\n%s", want, got)
		}
	}
}

// jsonLogs returns a logger writing JSON records to a buffer, and a
// function that decodes what it holds. The handlers are called on the
// test's goroutine: no lock is needed.
func jsonLogs(t *testing.T) (*slog.Logger, func() []map[string]any) {
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, nil)), func() []map[string]any {
		var records []map[string]any
		for line := range strings.Lines(buf.String()) {
			var r map[string]any
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("log line %q: %v", line, err)
			}
			records = append(records, r)
		}
		buf.Reset()
		return records
	}
}

// TestLogging: a panic and an error that is not a *Problem are answered
// with a 500 and logged at level Error, with the operation, method and
// path, and the panic's value and stack; the error handler gets the error
// itself, or a *PanicError with the value and the stack. A *Problem and
// the server's own 4xx are the client's: not logged.
func TestLogging(t *testing.T) {
	logger, records := jsonLogs(t)
	h := Handler(&shop{}, WithLogger(logger))
	res := do(t, h, "DELETE", "/store/carts/boom", "", "")
	if res.status != 500 || res.problem.Detail != "the handler panicked" {
		t.Errorf("panic: status %d: %s", res.status, res.body)
	}
	got := records()
	if len(got) != 1 || got[0]["level"] != "ERROR" || got[0]["msg"] != "handler panicked" || got[0]["panic"] != "boom" ||
		got[0]["operation"] != "DeleteStoreCartsID" || got[0]["method"] != "DELETE" || got[0]["path"] != "/store/carts/boom" {
		t.Errorf("panic logged as %v", got)
	} else if stack, _ := got[0]["stack"].(string); !strings.Contains(stack, "(*shop).DeleteStoreCartsID") {
		t.Errorf("the stack does not show the panicking method:\n%s", stack)
	}

	res = do(t, h, "GET", "/store/carts/broken", "", "")
	if res.status != 500 || res.problem.Detail != "" || strings.Contains(res.body, "database") {
		t.Errorf("error: status %d: %s", res.status, res.body)
	}
	got = records()
	if len(got) != 1 || got[0]["level"] != "ERROR" || got[0]["msg"] != "handler failed" || got[0]["error"] != "database down" ||
		got[0]["operation"] != "GetCartsCart" || got[0]["method"] != "GET" || got[0]["path"] != "/store/carts/broken" {
		t.Errorf("error logged as %v", got)
	}

	do(t, h, "GET", "/store/carts/missing", "", "")
	do(t, h, "GET", "/store/nothing", "", "")
	do(t, h, "GET", "/store/products?limit=abc", "", "")
	if got := records(); len(got) != 0 {
		t.Errorf("the client's errors were logged: %v", got)
	}

	// The error handler gets the error, the panic as a *PanicError.
	var handled []error
	h = Handler(&shop{}, WithLogger(logger), WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		handled = append(handled, err)
		w.WriteHeader(http.StatusTeapot)
	}))
	do(t, h, "DELETE", "/store/carts/boom", "", "")
	do(t, h, "GET", "/store/carts/broken", "", "")
	var pe *PanicError
	switch {
	case len(handled) != 2:
		t.Fatalf("handled %v", handled)
	case !errors.As(handled[0], &pe) || pe.Value != "boom" || !strings.Contains(string(pe.Stack), "(*shop).DeleteStoreCartsID"):
		t.Errorf("panic handled as %#v", handled[0])
	case handled[0].Error() != "panic: boom" || handled[1].Error() != "database down":
		t.Errorf("handled %q and %q", handled[0], handled[1])
	}
	if got := records(); len(got) != 2 {
		t.Errorf("with an error handler, logged %v", got)
	}

	// Without WithLogger, slog.Default(). Setting it redirects the log
	// package too, which restoring it does not undo.
	defer func(l *slog.Logger, w io.Writer, flags int) {
		slog.SetDefault(l)
		log.SetOutput(w)
		log.SetFlags(flags)
	}(slog.Default(), log.Writer(), log.Flags())
	slog.SetDefault(logger)
	do(t, Handler(&shop{}), "DELETE", "/store/carts/boom", "", "")
	if got := records(); len(got) != 1 || got[0]["panic"] != "boom" {
		t.Errorf("logged to slog.Default(): %v", got)
	}
}

// TestOperationMiddleware: a middleware of WithOperationMiddleware runs
// after routing, with the operation and the path values in the request,
// inside those of WithMiddleware, which see no operation; the handler's
// context has the operation too.
func TestOperationMiddleware(t *testing.T) {
	var seen []string
	mw := func(name string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = append(seen, name+" "+OperationID(r.Context())+" "+OperationPath(r.Context())+" "+r.PathValue("id"))
				next.ServeHTTP(w, r)
			})
		}
	}
	s := &shop{}
	h := Handler(s, WithBasePath("/api"), WithMiddleware(mw("outer")), WithOperationMiddleware(mw("a"), mw("b")))
	if res := do(t, h, "GET", "/api/store/carts/c1", "", ""); res.status != 200 {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	want := []string{"outer   ", "a GetCartsCart /store/carts/{id} c1", "b GetCartsCart /store/carts/{id} c1"}
	if !slices.Equal(seen, want) || s.op != "GetCartsCart" {
		t.Errorf("saw %q, handler %q; want %q", seen, s.op, want)
	}
	seen = nil
	do(t, h, "GET", "/api/store/nothing", "", "")
	if !slices.Equal(seen, []string{"outer   "}) {
		t.Errorf("an unrouted request went through %q", seen)
	}
}

// TestRecoverMiddleware: a recover middleware of WithOperationMiddleware
// sees a handler's panic, with the stack of the panicking method, and
// answers it; the server then has nothing to log.
func TestRecoverMiddleware(t *testing.T) {
	var value any
	var stack string
	recoverer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if p := recover(); p != nil {
					value, stack = p, string(debug.Stack())
					w.WriteHeader(http.StatusServiceUnavailable)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
	logger, records := jsonLogs(t)
	h := Handler(&shop{}, WithLogger(logger), WithOperationMiddleware(recoverer))
	if res := do(t, h, "DELETE", "/store/carts/boom", "", ""); res.status != http.StatusServiceUnavailable {
		t.Errorf("status %d: %s", res.status, res.body)
	}
	if value != "boom" || !strings.Contains(stack, "(*shop).DeleteStoreCartsID") {
		t.Errorf("the middleware recovered %v\n%s", value, stack)
	}
	if got := records(); len(got) != 0 {
		t.Errorf("logged %v", got)
	}
}

// TestWrappedWriter: a middleware that wraps the writer does not hide from
// the server that the response was started: an error after writing still
// aborts it rather than appending a problem.
func TestWrappedWriter(t *testing.T) {
	var status int
	wrap := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(&statusWriter{ResponseWriter: w, status: &status}, r)
		})
	}
	logger, records := jsonLogs(t)
	h := Handler(&shop{}, WithLogger(logger), WithOperationMiddleware(wrap))
	rec := httptest.NewRecorder()
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v, want http.ErrAbortHandler", p)
			}
		}()
		h.ServeHTTP(rec, httptest.NewRequest("DELETE", "/store/carts/partial-error", nil))
	}()
	if status != 200 || rec.Body.String() != `{"partial":` {
		t.Errorf("status %d, body %q", status, rec.Body)
	}
	if got := records(); len(got) != 1 || got[0]["msg"] != "handler failed after the response was started; aborting it" {
		t.Errorf("logged %v", got)
	}
}

// statusWriter records the status written through it.
type statusWriter struct {
	http.ResponseWriter
	status *int
}

func (w *statusWriter) WriteHeader(code int) {
	*w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// catalog implements GetProducts alone; Unimplemented answers the rest.
type catalog struct{ Unimplemented }

func (catalog) GetProducts(w http.ResponseWriter, r *http.Request, params GetProductsParams) error {
	return WriteJSON(w, http.StatusOK, StoreProductsListRes{Products: []Product{}})
}

// TestUnimplemented: the operations an implementation leaves to the
// embedded Unimplemented answer 501 through the error handler.
func TestUnimplemented(t *testing.T) {
	h := Handler(catalog{})
	if res := do(t, h, "GET", "/store/products", "", ""); res.status != 200 {
		t.Errorf("implemented: status %d: %s", res.status, res.body)
	}
	res := do(t, h, "POST", "/store/carts/c1/line-items", "application/json", `{"variant_id":"v","quantity":1}`)
	if res.status != 501 || res.problem.Detail != "PostCartsCartLineItems is not implemented" {
		t.Errorf("unimplemented: status %d: %s", res.status, res.body)
	}
	var handled error
	h = Handler(catalog{}, WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) { handled = err }))
	do(t, h, "GET", "/store/carts/c1", "", "")
	if p, ok := handled.(*Problem); !ok || p.Status != 501 {
		t.Errorf("the error handler got %v", handled)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
