package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	middleware "github.com/oapi-codegen/nethttp-middleware"

	"github.com/oasgen/oasgen/bench/internal/fresh"
	"github.com/oasgen/oasgen/bench/internal/oapistore"
	"github.com/oasgen/oasgen/bench/internal/oasgenstore"
	"github.com/oasgen/oasgen/bench/internal/ogenstore"
)

const (
	path        = "/store/carts/cart_01G8ZH853Y6TFXWPG5EYE81X63/line-items"
	validBody   = `{"variant_id":"variant_01G1G5V2MRX2V3PVSR2WXYPFB6","quantity":2,"metadata":{"engraving":"For Ada","gift":true}}`
	invalidBody = `{"variant_id":"variant_01G1G5V2MRX2V3PVSR2WXYPFB6","quantity":0}`
	// bundlePath is specs/store bundled into one file by Redocly (README.md).
	bundlePath = "../testdata/store-bundle/openapi.yaml"
)

// The same fixed values in every server's cart and line items.
var (
	stamp    = time.Date(2024, 3, 14, 9, 26, 0, 0, time.UTC)
	regionID = "reg_01G1G5V26T9H8Y0M4JNE3YGA4G"
	itemID   = "item_01G8ZC9GWT6B2GP5FSXRXNFNGN"
	title    = "Medusa Coffee Mug"
)

// seedItems is how many line items a cart holds before the request's one is
// appended. Each request starts again from the seed items, so the cart (and
// the response) is the same size on every iteration of a benchmark.
const seedItems = 2

// oasgen: ServerInterface; the embedded nil interface stands in for the
// operations the benchmark does not call.
type oasgenShop struct {
	oasgenstore.ServerInterface
	mu   sync.Mutex
	cart oasgenstore.Cart
}

func newOasgenShop() *oasgenShop {
	s := &oasgenShop{cart: oasgenstore.Cart{
		RegionID: regionID, Type: oasgenstore.CartTypeDefault,
		CompletedAt: oasgenstore.Nullable[time.Time]{Null: true},
		CreatedAt:   stamp, UpdatedAt: stamp,
	}}
	items := make([]oasgenstore.LineItem, 0, seedItems+1)
	for range seedItems {
		items = append(items, oasgenstore.LineItem{
			ID: itemID, Title: title, VariantID: oasgenstore.NewNullable("variant_seed"),
			Quantity: 1, UnitPrice: 1200, CreatedAt: stamp, UpdatedAt: stamp,
		})
	}
	s.cart.Items = oasgenstore.NewOpt(items)
	return s
}

func (s *oasgenShop) PostCartsCartLineItems(w http.ResponseWriter, r *http.Request,
	params oasgenstore.PostCartsCartLineItemsParams, body oasgenstore.StorePostCartsCartLineItemsReq) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cart.ID = params.ID
	s.cart.Items.Value = append(s.cart.Items.Value[:seedItems], oasgenstore.LineItem{
		ID: itemID, CartID: oasgenstore.NewOptNullable(params.ID), Title: title,
		VariantID: oasgenstore.NewNullable(body.VariantID), Quantity: body.Quantity, UnitPrice: 1200,
		CreatedAt: stamp, UpdatedAt: stamp,
		Metadata: oasgenstore.OptNullable[map[string]oasgenstore.MetadataValue]{Value: body.Metadata.Value, Set: body.Metadata.Set},
	})
	return oasgenstore.WriteJSON(w, http.StatusCreated, oasgenstore.StoreCartsRes{Cart: s.cart})
}

// oapi-codegen: std-http ServerInterface. The handler decodes the body
// itself (oapi-codegen's std-http server leaves that to it); the validator
// middleware has validated the request before.
type oapiShop struct {
	oapistore.ServerInterface
	mu   sync.Mutex
	cart oapistore.Cart
}

func newOapiShop() *oapiShop {
	s := &oapiShop{cart: oapistore.Cart{
		RegionId: regionID, Type: oapistore.CartTypeDefault,
		CreatedAt: &stamp, UpdatedAt: &stamp,
	}}
	items := make([]oapistore.LineItem, 0, seedItems+1)
	seedVariant := "variant_seed"
	for range seedItems {
		items = append(items, oapistore.LineItem{
			Id: &itemID, Title: title, VariantId: &seedVariant,
			Quantity: 1, UnitPrice: 1200, CreatedAt: &stamp, UpdatedAt: &stamp,
		})
	}
	s.cart.Items = &items
	return s
}

func (s *oapiShop) PostCartsCartLineItems(w http.ResponseWriter, r *http.Request, id string, params oapistore.PostCartsCartLineItemsParams) {
	var body oapistore.PostCartsCartLineItemsJSONRequestBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cart.Id = &id
	items := append((*s.cart.Items)[:seedItems], oapistore.LineItem{
		Id: &itemID, CartId: &id, Title: title,
		VariantId: &body.VariantId, Quantity: body.Quantity, UnitPrice: 1200,
		CreatedAt: &stamp, UpdatedAt: &stamp, Metadata: body.Metadata,
	})
	s.cart.Items = &items
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(oapistore.StoreCartsRes{Cart: s.cart})
}

// ogen: Handler interface.
type ogenShop struct {
	ogenstore.Handler
	mu   sync.Mutex
	cart ogenstore.Cart
}

func newOgenShop() *ogenShop {
	s := &ogenShop{cart: ogenstore.Cart{
		RegionID: regionID, Type: ogenstore.CartTypeDefault,
		CompletedAt: ogenstore.NilDateTime{Null: true},
		CreatedAt:   stamp, UpdatedAt: stamp,
	}}
	s.cart.Items = make([]ogenstore.LineItem, 0, seedItems+1)
	for range seedItems {
		s.cart.Items = append(s.cart.Items, ogenstore.LineItem{
			ID: itemID, Title: title, VariantID: ogenstore.NewNilString("variant_seed"),
			Quantity: 1, UnitPrice: 1200, CreatedAt: stamp, UpdatedAt: stamp,
		})
	}
	return s
}

func (s *ogenShop) PostCartsCartLineItems(ctx context.Context, req *ogenstore.StorePostCartsCartLineItemsReq,
	params ogenstore.PostCartsCartLineItemsParams) (ogenstore.PostCartsCartLineItemsRes, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cart.ID = params.ID
	s.cart.Items = append(s.cart.Items[:seedItems], ogenstore.LineItem{
		ID: itemID, CartID: ogenstore.NewOptNilString(params.ID), Title: title,
		VariantID: ogenstore.NewNilString(req.VariantID), Quantity: req.Quantity, UnitPrice: 1200,
		CreatedAt: stamp, UpdatedAt: stamp,
		Metadata: ogenstore.OptNilLineItemMetadata{Value: ogenstore.LineItemMetadata(req.Metadata.Value), Set: req.Metadata.Set},
	})
	// The response is encoded after the handler returns, so it gets a copy.
	res := &ogenstore.StoreCartsRes{Cart: s.cart}
	return res, nil
}

func (s *ogenShop) NewError(ctx context.Context, err error) *ogenstore.DefaultErrorStatusCode {
	return &ogenstore.DefaultErrorStatusCode{StatusCode: http.StatusInternalServerError}
}

// ogenSecurity lets every request through; the benchmarked operation has no
// security requirement, so it is never called.
type ogenSecurity struct{}

func (ogenSecurity) HandleCookieAuth(ctx context.Context, _ ogenstore.OperationName, _ ogenstore.CookieAuth) (context.Context, error) {
	return ctx, nil
}

func (ogenSecurity) HandleJwtToken(ctx context.Context, _ ogenstore.OperationName, _ ogenstore.JwtToken) (context.Context, error) {
	return ctx, nil
}

// server is one contender. Each benchmark builds only the server it
// measures, so that the garbage collector does not also walk the others'
// memory (kin-openapi's loaded spec is megabytes).
type server struct {
	name string
	make func(testing.TB) http.Handler
}

var servers = []server{
	{"oasgen", func(testing.TB) http.Handler { return oasgenstore.Handler(newOasgenShop()) }},
	{"oapi-codegen", newOapiServer},
	{"ogen", newOgenServer},
}

func newOapiServer(tb testing.TB) http.Handler {
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromFile(bundlePath)
	if err != nil {
		tb.Fatal(err)
	}
	spec.Servers = nil // match any host
	validator := middleware.OapiRequestValidatorWithOptions(spec, &middleware.Options{
		Options: openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	})
	return validator(oapistore.Handler(newOapiShop()))
}

func newOgenServer(tb testing.TB) http.Handler {
	srv, err := ogenstore.NewServer(newOgenShop(), ogenSecurity{})
	if err != nil {
		tb.Fatal(err)
	}
	return srv
}

func newRequest(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

// TestServersAgree: every server answers the valid request with 201 and the
// cart holding the new line item, and the invalid one (quantity 0 breaks
// minimum: 1) with a 4xx, so the benchmark compares the same work.
func TestServersAgree(t *testing.T) {
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			h := s.make(t)
			for range 2 { // the second request must not see the first's item
				w := httptest.NewRecorder()
				h.ServeHTTP(w, newRequest(validBody))
				if w.Code != http.StatusCreated {
					t.Fatalf("valid request: status %d: %s", w.Code, w.Body)
				}
				var got struct {
					Cart struct {
						ID    string `json:"id"`
						Items []struct {
							VariantID string         `json:"variant_id"`
							Quantity  int            `json:"quantity"`
							Metadata  map[string]any `json:"metadata"`
						} `json:"items"`
					} `json:"cart"`
				}
				if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
					t.Fatalf("response: %v: %s", err, w.Body)
				}
				items := got.Cart.Items
				if got.Cart.ID != "cart_01G8ZH853Y6TFXWPG5EYE81X63" || len(items) != seedItems+1 {
					t.Fatalf("cart %q with %d items, want %d: %s", got.Cart.ID, len(items), seedItems+1, w.Body)
				}
				last := items[seedItems]
				if last.VariantID != "variant_01G1G5V2MRX2V3PVSR2WXYPFB6" || last.Quantity != 2 ||
					last.Metadata["engraving"] != "For Ada" || last.Metadata["gift"] != true {
					t.Fatalf("line item %+v", last)
				}
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, newRequest(invalidBody))
			if w.Code < 400 || w.Code > 499 {
				t.Fatalf("invalid request: status %d, want 4xx: %s", w.Code, w.Body)
			}
			t.Logf("invalid request: %d %s", w.Code, strings.TrimSpace(w.Body.String()))
		})
	}
}

// BenchmarkServer sends the request through each server with a fresh
// httptest.ResponseRecorder per request, as a test would.
func BenchmarkServer(b *testing.B) {
	benchmarkServers(b, func() http.ResponseWriter { return httptest.NewRecorder() })
}

// BenchmarkServerReusedWriter is BenchmarkServer with one ResponseWriter
// reset between requests, as net/http reuses its own, so that what
// httptest.NewRecorder allocates per request (its header maps, the snapshot
// it takes at WriteHeader, a growing body buffer) is not counted: about 1
// µs and 8 allocations that every server pays alike.
func BenchmarkServerReusedWriter(b *testing.B) {
	w := &reusedWriter{header: http.Header{}}
	benchmarkServers(b, func() http.ResponseWriter {
		w.reset()
		return w
	})
}

// benchmarkServers sends the valid request through each server, with the
// writer newWriter gives for each request.
func benchmarkServers(b *testing.B, newWriter func() http.ResponseWriter) {
	for _, s := range servers {
		b.Run(s.name, func(b *testing.B) {
			h := s.make(b)
			runtime.GC() // what building the server left is not the request's
			body := strings.NewReader(validBody)
			r := newRequest(validBody)
			b.ReportAllocs()
			for b.Loop() {
				body.Reset(validBody)
				r.Body = io.NopCloser(body)
				w := newWriter()
				h.ServeHTTP(w, r)
				if code := statusOf(w); code != http.StatusCreated {
					b.Fatalf("status %d", code)
				}
			}
		})
	}
}

// statusOf returns the status written to one of the benchmarks' writers.
func statusOf(w http.ResponseWriter) int {
	switch w := w.(type) {
	case *httptest.ResponseRecorder:
		return w.Code
	case *reusedWriter:
		return w.status
	}
	return 0
}

// reusedWriter is an http.ResponseWriter that keeps its header map and body
// buffer from request to request.
type reusedWriter struct {
	header http.Header
	status int
	body   []byte
}

func (w *reusedWriter) reset() {
	clear(w.header)
	w.status, w.body = 0, w.body[:0]
}

func (w *reusedWriter) Header() http.Header { return w.header }

func (w *reusedWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *reusedWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.body = append(w.body, p...)
	return len(p), nil
}

// TestOasgenStoreIsCurrent: internal/oasgenstore is what this checkout's
// oasgen generates (bench/gen-server.sh regenerates it).
func TestOasgenStoreIsCurrent(t *testing.T) {
	fresh.Check(t, "gen-server.sh", "../specs/store/openapi.yaml", "-o", "internal/oasgenstore", "-p", "oasgenstore")
}
