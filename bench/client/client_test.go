package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/ogen-go/ogen/ogenerrors"

	"github.com/oasgen/oasgen/bench/internal/oapiclient"
	"github.com/oasgen/oasgen/bench/internal/oasgenstore"
	"github.com/oasgen/oasgen/bench/internal/ogenclient"
)

const (
	cartID    = "cart_01G8ZH853Y6TFXWPG5EYE81X63"
	variantID = "variant_01G1G5V2MRX2V3PVSR2WXYPFB6"
	wantPath  = "/store/carts/" + cartID + "/line-items"
)

// cannedBody is the 201 response: a cart with three line items, as the
// server benchmark's shops answer.
var cannedBody = func() []byte {
	stamp := time.Date(2024, 3, 14, 9, 26, 0, 0, time.UTC)
	cart := oasgenstore.Cart{ID: cartID, RegionID: "reg_01G1G5V26T9H8Y0M4JNE3YGA4G", Type: oasgenstore.CartTypeDefault,
		CompletedAt: oasgenstore.Nullable[time.Time]{Null: true}, CreatedAt: stamp, UpdatedAt: stamp}
	var items []oasgenstore.LineItem
	for range 3 {
		items = append(items, oasgenstore.LineItem{ID: "item_01G8ZC9GWT6B2GP5FSXRXNFNGN", CartID: oasgenstore.NewOptNullable(cartID),
			Title: "Medusa Coffee Mug", VariantID: oasgenstore.NewNullable(variantID), Quantity: 2, UnitPrice: 1200,
			CreatedAt: stamp, UpdatedAt: stamp})
	}
	cart.Items = oasgenstore.NewOpt(items)
	data, err := json.Marshal(oasgenstore.StoreCartsRes{Cart: cart})
	if err != nil {
		panic(err)
	}
	return data
}()

// canned is the RoundTripper every client sends to: it checks the request
// line, drains the body and answers with the canned cart.
type canned struct{ t testing.TB }

var cannedHeader = http.Header{"Content-Type": {"application/json"}}

func (c canned) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodPost || req.URL.Path != wantPath {
		c.t.Fatalf("request %s %s", req.Method, req.URL.Path)
	}
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{StatusCode: http.StatusCreated, Header: cannedHeader, ContentLength: int64(len(cannedBody)),
		Body: io.NopCloser(bytes.NewReader(cannedBody)), Request: req}, nil
}

func httpClient(t testing.TB) *http.Client { return &http.Client{Transport: canned{t}} }

// noSecurity tells ogen's client to send no credentials.
type noSecurity struct{}

func (noSecurity) CookieAuth(context.Context, ogenclient.OperationName) (ogenclient.CookieAuth, error) {
	return ogenclient.CookieAuth{}, ogenerrors.ErrSkipClientSecurity
}

func (noSecurity) JwtToken(context.Context, ogenclient.OperationName) (ogenclient.JwtToken, error) {
	return ogenclient.JwtToken{}, ogenerrors.ErrSkipClientSecurity
}

func BenchmarkClient(b *testing.B) {
	ctx := context.Background()
	b.Run("name=oasgen", func(b *testing.B) {
		c, err := oasgenstore.NewClient("http://store.example.com", oasgenstore.WithHTTPClient(httpClient(b)))
		if err != nil {
			b.Fatal(err)
		}
		body := oasgenstore.StorePostCartsCartLineItemsReq{VariantID: variantID, Quantity: 2}
		b.ReportAllocs()
		for b.Loop() {
			res, err := c.PostCartsCartLineItems(ctx, oasgenstore.PostCartsCartLineItemsParams{ID: cartID}, body)
			if err != nil || len(res.Cart.Items.Value) != 3 {
				b.Fatal(err)
			}
		}
	})
	b.Run("name=ogen", func(b *testing.B) {
		c, err := ogenclient.NewClient("http://store.example.com", noSecurity{}, ogenclient.WithClient(httpClient(b)))
		if err != nil {
			b.Fatal(err)
		}
		body := &ogenclient.StorePostCartsCartLineItemsReq{VariantID: variantID, Quantity: 2}
		b.ReportAllocs()
		for b.Loop() {
			res, err := c.PostCartsCartLineItems(ctx, body, ogenclient.PostCartsCartLineItemsParams{ID: cartID})
			if err != nil {
				b.Fatal(err)
			}
			if r, ok := res.(*ogenclient.StoreCartsRes); !ok || len(r.Cart.Items) != 3 {
				b.Fatalf("response %T", res)
			}
		}
	})
	// Two floors, not clients: what any client on net/http pays whatever
	// its code (floor-transport: the request built and sent through the
	// same http.Client and RoundTripper with a ready JSON body, the
	// response read into a reused buffer), and that plus oasgen's own
	// generated decoder on the response (floor-decode: UnmarshalJSON,
	// which also validates). The client's own work is what it takes above
	// floor-decode.
	b.Run("name=floor-transport", func(b *testing.B) {
		send := floorTransport(b)
		b.ReportAllocs()
		for b.Loop() {
			send(ctx)
		}
	})
	b.Run("name=floor-decode", func(b *testing.B) {
		send := floorTransport(b)
		b.ReportAllocs()
		for b.Loop() {
			var res oasgenstore.StoreCartsRes
			if err := res.UnmarshalJSON(send(ctx)); err != nil || len(res.Cart.Items.Value) != 3 {
				b.Fatal(err)
			}
		}
	})
	b.Run("name=oapi-codegen", func(b *testing.B) {
		c, err := oapiclient.NewClientWithResponses("http://store.example.com", oapiclient.WithHTTPClient(httpClient(b)))
		if err != nil {
			b.Fatal(err)
		}
		body := oapiclient.StorePostCartsCartLineItemsReq{VariantId: variantID, Quantity: 2}
		b.ReportAllocs()
		for b.Loop() {
			res, err := c.PostCartsCartLineItemsWithResponse(ctx, cartID, &oapiclient.PostCartsCartLineItemsParams{}, body)
			if err != nil || res.JSON201 == nil || len(*res.JSON201.Cart.Items) != 3 {
				b.Fatal(err)
			}
		}
	})
}

// floorTransport returns a function that sends the benchmark's request
// with a ready body and returns the response body, read into a buffer the
// next call reuses.
func floorTransport(b *testing.B) func(context.Context) []byte {
	hc := httpClient(b)
	reqBody := []byte(`{"variant_id":"` + variantID + `","quantity":2}`)
	buf := bytes.NewBuffer(make([]byte, 0, 2*len(cannedBody)))
	return func(ctx context.Context) []byte {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://store.example.com"+wantPath, bytes.NewReader(reqBody))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		_, err = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if err != nil || buf.Len() != len(cannedBody) {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
}
