package store

// This file is copied next to the code generated from specs/store (models,
// the strict server and the client) by generator/client_test.go and run
// there with go test: the client calls every operation of the generated
// server, in process through httptest, and what the server received must
// be what the client was given.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// echo is a StrictServerInterface that records the request of every call
// and answers with what it was given where the response can hold it.
type echo struct {
	UnimplementedStrict
	mu   sync.Mutex
	last any // the request object of the last call
}

func (e *echo) record(req any) {
	e.mu.Lock()
	e.last = req
	e.mu.Unlock()
}

func (e *echo) got() any {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.last
}

var stamp = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func cart(id string) Cart {
	return Cart{ID: id, RegionID: "reg_eu", Type: CartTypeDefault, CreatedAt: stamp, UpdatedAt: stamp}
}

func (e *echo) PostCart(ctx context.Context, req PostCartRequestObject) (PostCartResponseObject, error) {
	e.record(PostCartRequestObject{Params: req.Params, Body: req.Body})
	region, _ := req.Body.RegionID.Get()
	c := cart("cart_1")
	c.RegionID = region
	return PostCart200JSONResponse{Body: StoreCartsRes{Cart: c}}, nil
}

func (e *echo) GetCartsCart(ctx context.Context, req GetCartsCartRequestObject) (GetCartsCartResponseObject, error) {
	e.record(GetCartsCartRequestObject{Params: req.Params})
	switch req.Params.ID {
	case "missing":
		return GetCartsCart404JSONResponse{Body: Error{Type: ErrorTypeNotFound, Message: "no cart missing"}}, nil
	case "teapot":
		return GetCartsCartDefaultJSONResponse{StatusCode: http.StatusTeapot, Body: Error{Type: ErrorTypeUnexpectedState, Message: "short and stout"}}, nil
	case "same":
		return GetCartsCart304Response{}, nil
	}
	return GetCartsCart200JSONResponse{Body: StoreCartsRes{Cart: cart(req.Params.ID)}, ETag: NewOpt(`"v1"`)}, nil
}

func (e *echo) PostCartsCart(ctx context.Context, req PostCartsCartRequestObject) (PostCartsCartResponseObject, error) {
	e.record(PostCartsCartRequestObject{Params: req.Params, Body: req.Body})
	c := cart(req.Params.ID)
	c.Email = req.Body.Email.Get2()
	return PostCartsCart200JSONResponse{Body: StoreCartsRes{Cart: c}}, nil
}

func (e *echo) DeleteStoreCartsID(ctx context.Context, req DeleteStoreCartsIDRequestObject) (DeleteStoreCartsIDResponseObject, error) {
	e.record(DeleteStoreCartsIDRequestObject{Params: req.Params})
	return DeleteStoreCartsID200JSONResponse{Body: DeleteStoreCartsIDResponse{ID: req.Params.ID, Object: "cart", Deleted: true}}, nil
}

func (e *echo) PostCartsCartLineItems(ctx context.Context, req PostCartsCartLineItemsRequestObject) (PostCartsCartLineItemsResponseObject, error) {
	e.record(PostCartsCartLineItemsRequestObject{Params: req.Params, Body: req.Body})
	c := cart(req.Params.ID)
	c.Items = NewOpt([]LineItem{{ID: "item_1", CartID: NewOptNullable(req.Params.ID), Title: req.Body.VariantID, VariantID: NewNullable(req.Body.VariantID),
		Quantity: req.Body.Quantity, UnitPrice: 1000, CreatedAt: stamp, UpdatedAt: stamp}})
	return PostCartsCartLineItems201JSONResponse{Body: StoreCartsRes{Cart: c}}, nil
}

func (e *echo) GetCustomersCustomer(ctx context.Context, req GetCustomersCustomerRequestObject) (GetCustomersCustomerResponseObject, error) {
	e.record(GetCustomersCustomerRequestObject{})
	return GetCustomersCustomer401TextResponse{Body: "log in first"}, nil
}

func (e *echo) PostCustomersCustomer(ctx context.Context, req PostCustomersCustomerRequestObject) (PostCustomersCustomerResponseObject, error) {
	e.record(PostCustomersCustomerRequestObject{Body: req.Body})
	return PostCustomersCustomerDefaultJSONResponse{StatusCode: http.StatusServiceUnavailable,
		Body: Error{Type: ErrorTypeUnexpectedState, Message: "customers are resting"}}, nil
}

func (e *echo) GetProducts(ctx context.Context, req GetProductsRequestObject) (GetProductsResponseObject, error) {
	e.record(GetProductsRequestObject{Params: req.Params})
	limit, _ := req.Params.Limit.Get()
	return GetProducts200JSONResponse{Body: StoreProductsListRes{Products: []Product{}, Limit: limit}}, nil
}

func (e *echo) GetProductsProduct(ctx context.Context, req GetProductsProductRequestObject) (GetProductsProductResponseObject, error) {
	e.record(GetProductsProductRequestObject{Params: req.Params})
	return GetProductsProduct404JSONResponse{Body: Error{Type: ErrorTypeNotFound, Message: "no product " + req.Params.ID}}, nil
}

// Get2 is Get as the value of an OptNullable field.
func (o Opt[T]) Get2() OptNullable[T] {
	if v, ok := o.Get(); ok {
		return NewOptNullable(v)
	}
	return OptNullable[T]{}
}

// token is the store's SecurityHandler in these tests: the bearer token
// jwt1 and the session cookie s1 are valid.
type token struct{}

func (token) HandleCookieAuth(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	if cred.Key != "s1" {
		return nil, errors.New("no such session")
	}
	return ctx, nil
}

func (token) HandleJWTToken(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	if cred.Token != "jwt1" {
		return nil, errors.New("bad token")
	}
	return ctx, nil
}

func newClient(t *testing.T, opts ...ClientOption) (*Client, *echo) {
	t.Helper()
	impl := &echo{}
	srv := httptest.NewServer(StrictHandler(impl, WithResponseValidation(), WithSecurityHandler(token{})))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, append([]ClientOption{WithHTTPClient(srv.Client()), WithBearerToken("jwt_token", "jwt1")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, impl
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

func TestEveryOperation(t *testing.T) {
	ctx := context.Background()
	c, impl := newClient(t)

	t.Run("PostCart", func(t *testing.T) {
		params := PostCartParams{XPublishableAPIKey: NewOpt("pk_1")}
		body := StorePostCartReq{RegionID: NewOpt("reg_us"), Items: NewOpt([]StorePostCartReqItemsItem{{VariantID: "v 1/ü", Quantity: 2}}),
			Context: NewOpt(map[string]string{"ip": "::1"})}
		res, err := c.PostCart(ctx, params, body)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.got(), PostCartRequestObject{Params: params, Body: body})
		same(t, "region", res.Cart.RegionID, "reg_us")
	})
	t.Run("GetCartsCart", func(t *testing.T) {
		params := GetCartsCartParams{ID: "cart/1 %é", Expand: NewOpt("items,region"), Fields: NewOpt("a&b=c+d"), IfNoneMatch: NewOpt(`"v0"`)}
		res, err := c.GetCartsCart(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.got(), GetCartsCartRequestObject{Params: params})
		same(t, "cart", res.Cart, cart("cart/1 %é"))
		raw, err := c.GetCartsCartResponse(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		ok, _ := raw.(GetCartsCart200JSONResponse)
		same(t, "ETag header", ok.ETag, NewOpt(`"v1"`))
	})
	t.Run("PostCartsCart", func(t *testing.T) {
		params := PostCartsCartParams{ID: "cart_2"}
		body := StorePostCartsCartReq{Email: NewOpt("a@example.com"), Metadata: NewOpt(map[string]any{"n": 1.5, "s": "x"})}
		res, err := c.PostCartsCart(ctx, params, body)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.got(), PostCartsCartRequestObject{Params: params, Body: body})
		same(t, "email", res.Cart.Email, NewOptNullable("a@example.com"))
	})
	t.Run("DeleteStoreCartsID", func(t *testing.T) {
		res, err := c.DeleteStoreCartsID(ctx, DeleteStoreCartsIDParams{ID: "cart_3"})
		if err != nil {
			t.Fatal(err)
		}
		same(t, "deleted", res, DeleteStoreCartsIDResponse{ID: "cart_3", Object: "cart", Deleted: true})
	})
	t.Run("PostCartsCartLineItems", func(t *testing.T) {
		params := PostCartsCartLineItemsParams{ID: "cart_4", IdempotencyKey: NewOpt("123e4567-e89b-12d3-a456-426614174000")}
		body := StorePostCartsCartLineItemsReq{VariantID: "variant_mug", Quantity: 3}
		res, err := c.PostCartsCartLineItems(ctx, params, body)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.got(), PostCartsCartLineItemsRequestObject{Params: params, Body: body})
		items, _ := res.Cart.Items.Get()
		if len(items) != 1 || items[0].Quantity != 3 {
			t.Errorf("items = %+v", items)
		}
	})
	t.Run("GetCustomersCustomer", func(t *testing.T) {
		_, err := c.GetCustomersCustomer(ctx)
		var unauthorized GetCustomersCustomer401TextResponse
		if !errors.As(err, &unauthorized) || unauthorized.Body != "log in first" {
			t.Fatalf("err = %v, want the typed 401 text response", err)
		}
	})
	t.Run("PostCustomersCustomer", func(t *testing.T) {
		body := StorePostCustomersCustomerReq{FirstName: NewOpt("Ada"), Birthday: NewOpt(Date{Time: stamp.Truncate(24 * time.Hour)})}
		_, err := c.PostCustomersCustomer(ctx, body)
		same(t, "received", impl.got(), PostCustomersCustomerRequestObject{Body: body})
		var re *ResponseError
		if !errors.As(err, &re) || re.StatusCode != http.StatusServiceUnavailable || re.Response == nil {
			t.Fatalf("err = %#v, want a 503 with the typed default response", err)
		}
		var def PostCustomersCustomerDefaultJSONResponse
		if !errors.As(err, &def) || def.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("default response = %+v", def)
		}
	})
	t.Run("GetProducts", func(t *testing.T) {
		params := GetProductsParams{
			XPublishableAPIKey: NewOpt("pk_2"),
			Q:                  NewOpt("mug & cup"),
			ID:                 NewOpt([]string{"p 1", "p,2"}),
			SalesChannelID:     NewOpt([]string{"sc_1"}),
			CreatedAt:          NewOpt(GetProductsParamsCreatedAt{Gte: NewOpt(stamp), Lt: NewOpt(stamp.Add(time.Hour))}),
			Price:              NewOpt(NewGetProductsParamsPriceInteger(500)),
			IsGiftcard:         NewOpt(false),
			Offset:             NewOpt[int32](10),
			Limit:              NewOpt[int32](5),
			Order:              NewOpt("-created_at"),
		}
		res, err := c.GetProducts(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		got := impl.got().(GetProductsRequestObject).Params
		// id is form, explode: false: a comma inside an item splits it.
		want := params
		want.ID = NewOpt([]string{"p 1", "p", "2"})
		same(t, "received", got, want)
		same(t, "limit", res.Limit, int32(5))
	})
	t.Run("GetProductsProduct", func(t *testing.T) {
		params := GetProductsProductParams{ID: "prod_1", RegionID: NewOpt("reg"), CartID: NewOpt("c"), Expand: NewOpt("variants")}
		_, err := c.GetProductsProduct(ctx, params)
		same(t, "received", impl.got(), GetProductsProductRequestObject{Params: params})
		var nf GetProductsProduct404JSONResponse
		if !errors.As(err, &nf) || nf.Body.Message != "no product prod_1" {
			t.Fatalf("err = %v, want the typed 404", err)
		}
	})
}

func TestErrorStatuses(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)
	_, err := c.GetCartsCart(ctx, GetCartsCartParams{ID: "missing"})
	var nf GetCartsCart404JSONResponse
	if !errors.As(err, &nf) || nf.Body.Type != ErrorTypeNotFound {
		t.Errorf("404: err = %v", err)
	}
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != 404 || re.Operation != "GetCartsCart" {
		t.Errorf("404: *ResponseError = %+v", re)
	}
	_, err = c.GetCartsCart(ctx, GetCartsCartParams{ID: "teapot"})
	var def GetCartsCartDefaultJSONResponse
	if !errors.As(err, &def) || def.StatusCode != http.StatusTeapot || def.Body.Message != "short and stout" {
		t.Errorf("default: err = %v, response %+v", err, def)
	}
	_, err = c.GetCartsCart(ctx, GetCartsCartParams{ID: "same"})
	if !errors.As(err, &re) || re.StatusCode != http.StatusNotModified {
		t.Errorf("304: err = %v", err)
	} else if _, ok := re.Response.(GetCartsCart304Response); !ok {
		t.Errorf("304: response %T", re.Response)
	}
	raw, err := c.GetCartsCartResponse(ctx, GetCartsCartParams{ID: "missing"})
	if _, ok := raw.(GetCartsCart404JSONResponse); err != nil || !ok {
		t.Errorf("raw 404: %T, %v", raw, err)
	}
}

// canned answers every request with one response.
func canned(status int, contentType, body string, header ...string) DoerFunc {
	return func(req *http.Request) (*http.Response, error) {
		h := http.Header{}
		if contentType != "" {
			h.Set("Content-Type", contentType)
		}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: -1, Request: req}, nil
	}
}

func TestBadResponses(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("x", 10000)
	for _, tc := range []struct {
		name string
		doer DoerFunc
		opts []ClientOption
		want string // in the error
		decode,
		status bool // a *DecodeError, a *ResponseError
	}{
		{name: "invalid JSON", doer: canned(200, "application/json", `{"cart":`), want: "json", decode: true},
		{name: "wrong type", doer: canned(200, "application/json", `{"cart":{"id":1}}`), want: "/cart/id", decode: true},
		{name: "wrong content type", doer: canned(200, "text/html", `<p>hi</p>`), want: "not the declared application/json", decode: true},
		{name: "too large", doer: canned(200, "application/json", `{"cart":"`+long+`"}`), opts: []ClientOption{WithResponseLimit(100)}, want: "too large", decode: true},
		{name: "breaks the schema", doer: canned(200, "application/json", `{"cart":{"id":"c","region_id":"r","type":"nope","completed_at":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}}`),
			opts: []ClientOption{WithValidatedResponses()}, want: "/cart/type", decode: true},
		{name: "default status", doer: canned(302, "application/json", `{"type":"not_found","message":"elsewhere"}`), want: "302", status: true},
		{name: "problem where the spec has its own error", doer: canned(500, "application/problem+json", `{"title":"Oops"}`), want: "missing required property", decode: true},
		{name: "truncated", doer: func(req *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
				Body: io.NopCloser(io.MultiReader(strings.NewReader(`{"ca`), errReader{})), Request: req}, nil
		}, want: "unexpected EOF", decode: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient("http://example.com", append([]ClientOption{WithHTTPClient(tc.doer)}, tc.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetCartsCart(ctx, GetCartsCartParams{ID: "c"})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
			var de *DecodeError
			if errors.As(err, &de) != tc.decode {
				t.Errorf("*DecodeError: %v, want %v", errors.As(err, &de), tc.decode)
			}
			var re *ResponseError
			if errors.As(err, &re) != tc.status {
				t.Errorf("*ResponseError: %v, want %v", errors.As(err, &re), tc.status)
			}
			if re != nil {
				if _, ok := re.Response.(GetCartsCartDefaultJSONResponse); !ok || re.Header == nil {
					t.Errorf("response %T, header %v", re.Response, re.Header)
				}
			}
		})
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestRequestValidation(t *testing.T) {
	ctx := context.Background()
	sent := 0
	count := func(next Doer) Doer {
		return DoerFunc(func(req *http.Request) (*http.Response, error) {
			sent++
			return next.Do(req)
		})
	}
	c, _ := newClient(t, WithClientMiddleware(count))
	_, err := c.PostCartsCartLineItems(ctx, PostCartsCartLineItemsParams{ID: "c"}, StorePostCartsCartLineItemsReq{VariantID: "v", Quantity: 0})
	var reqErr *RequestError
	var ve *ValidationError
	if !errors.As(err, &reqErr) || !errors.As(err, &ve) || sent != 0 {
		t.Fatalf("err = %v (sent %d), want a *RequestError with a *ValidationError, nothing sent", err, sent)
	}
	c, _ = newClient(t, WithClientMiddleware(count), WithoutRequestValidation())
	_, err = c.PostCartsCartLineItems(ctx, PostCartsCartLineItemsParams{ID: "c"}, StorePostCartsCartLineItemsReq{VariantID: "v", Quantity: 0})
	// The server refuses it with a problem+json, which is not the spec's
	// own 400 body: a *DecodeError with the status.
	var de *DecodeError
	if !errors.As(err, &de) || de.StatusCode != http.StatusBadRequest || sent != 1 {
		t.Fatalf("err = %v (sent %d), want the server's 400", err, sent)
	}
}

func TestOptions(t *testing.T) {
	ctx := context.Background()
	var seen []string
	logging := func(next Doer) Doer {
		return DoerFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.Do(req)
			if err == nil {
				seen = append(seen, req.Method+" "+req.URL.EscapedPath()+" "+req.Header.Get("User-Agent")+" "+req.Header.Get("X-Trace")+" "+resp.Status)
			}
			return resp, err
		})
	}
	editor := func(ctx context.Context, req *http.Request) error {
		req.Header.Set("X-Trace", "t1")
		return nil
	}
	c, _ := newClient(t, WithUserAgent("shop/1"), WithRequestEditor(editor), WithClientMiddleware(logging))
	if _, err := c.DeleteStoreCartsID(ctx, DeleteStoreCartsIDParams{ID: "a b"}); err != nil {
		t.Fatal(err)
	}
	same(t, "middleware saw", seen, []string{"DELETE /store/carts/a%20b shop/1 t1 200 OK"})

	refuse := func(ctx context.Context, req *http.Request) error { return errors.New("no token") }
	c, _ = newClient(t, WithRequestEditor(refuse))
	_, err := c.DeleteStoreCartsID(ctx, DeleteStoreCartsIDParams{ID: "a"})
	var reqErr *RequestError
	if !errors.As(err, &reqErr) || !strings.Contains(err.Error(), "no token") {
		t.Errorf("editor error: %v", err)
	}

	for _, bad := range []string{"ftp://x", "no-scheme", "http://"} {
		if _, err := NewClient(bad); err == nil {
			t.Errorf("NewClient(%q) accepted", bad)
		}
	}
	// A base path is kept in front of the operation's path.
	var path string
	c, err = NewClient("http://example.com/api/v2/", WithHTTPClient(DoerFunc(func(req *http.Request) (*http.Response, error) {
		path = req.URL.String()
		return canned(200, "application/json", `{"id":"x","object":"cart","deleted":true}`)(req)
	})))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteStoreCartsID(ctx, DeleteStoreCartsIDParams{ID: "x"}); err != nil {
		t.Fatal(err)
	}
	same(t, "URL", path, "http://example.com/api/v2/store/carts/x")
}

func TestServers(t *testing.T) {
	var got []string
	record := WithHTTPClient(DoerFunc(func(req *http.Request) (*http.Response, error) {
		got = append(got, req.URL.String())
		return canned(200, "application/json", `{"id":"x","object":"cart","deleted":true}`)(req)
	}))
	for _, tc := range []struct {
		opts []ClientOption
		want string
	}{
		{nil, "http://localhost:9000/store/carts/x"},
		{[]ClientOption{WithServer(1, nil)}, "https://demo.store.example.com/store/carts/x"},
		{[]ClientOption{WithServer(1, map[string]string{"tenant": "acme"})}, "https://acme.store.example.com/store/carts/x"},
	} {
		got = nil
		c, err := NewClient("", append(tc.opts, record)...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.DeleteStoreCartsID(context.Background(), DeleteStoreCartsIDParams{ID: "x"}); err != nil {
			t.Fatal(err)
		}
		same(t, "URL", got, []string{tc.want})
	}
	for _, bad := range []ClientOption{WithServer(1, map[string]string{"region": "eu"}), WithServer(7, nil)} {
		if _, err := NewClient("", bad); err == nil {
			t.Error("a server variable the spec does not declare, or a server it does not have, was accepted")
		}
	}
}

// TestCredentials: the client sends the credentials of the first security
// requirement of /store/customers/me it has (the session cookie, or the
// bearer token), none when it has none, and a token source's error stops
// the call before anything is sent.
func TestCredentials(t *testing.T) {
	srv := httptest.NewServer(StrictHandler(&echo{}, WithSecurityHandler(token{})))
	t.Cleanup(srv.Close)
	sent := 0
	count := WithClientMiddleware(func(next Doer) Doer {
		return DoerFunc(func(req *http.Request) (*http.Response, error) {
			sent++
			return next.Do(req)
		})
	})
	call := func(opts ...ClientOption) error {
		c, err := NewClient(srv.URL, append([]ClientOption{WithHTTPClient(srv.Client()), count}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetCustomersCustomer(context.Background())
		return err
	}
	// The echo handler answers this operation with the spec's typed 401 (a
	// *ResponseError): the request got through security. The server's own
	// 401 is problem+json, which the spec does not declare: a *DecodeError.
	reached := func(err error) bool {
		var re *ResponseError
		return errors.As(err, &re)
	}
	refused := func(err error) bool {
		var de *DecodeError
		return errors.As(err, &de) && de.StatusCode == http.StatusUnauthorized
	}
	if err := call(WithAPIKey("cookie_auth", "s1")); !reached(err) {
		t.Errorf("session cookie: %v", err)
	}
	if err := call(WithBearerToken("jwt_token", "jwt1")); !reached(err) {
		t.Errorf("bearer token: %v", err)
	}
	if err := call(WithTokenSource("jwt_token", func(context.Context) (string, error) { return "jwt1", nil })); !reached(err) {
		t.Errorf("token source: %v", err)
	}
	if err := call(WithAPIKey("cookie_auth", "wrong")); !refused(err) {
		t.Errorf("a wrong session: %v, want the server's 401", err)
	}
	if err := call(); !refused(err) {
		t.Errorf("no credentials: %v, want the server's 401", err)
	}
	before := sent
	err := call(WithTokenSource("jwt_token", func(context.Context) (string, error) { return "", errors.New("token expired") }))
	var re *RequestError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "token expired") || sent != before {
		t.Errorf("a failing token source: %v (%d requests sent), want a *RequestError and nothing sent", err, sent-before)
	}
}
