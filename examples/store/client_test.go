package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/oasgen/oasgen/examples/store/api"
)

// TestClientFlow runs the cart flow of TestCartFlow through the generated
// client: create a cart, add a line item, read it back, and get the
// spec's typed 404 for a cart that does not exist.
func TestClientFlow(t *testing.T) {
	srv := httptest.NewServer(newHandler())
	defer srv.Close()
	c, err := api.NewClient(srv.URL, api.WithHTTPClient(srv.Client()), api.WithValidatedResponses())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	created, err := c.PostCart(ctx, api.PostCartParams{}, api.StorePostCartReq{RegionID: api.NewOpt("reg_eu")})
	if err != nil {
		t.Fatal(err)
	}
	id := created.Cart.ID
	added, err := c.PostCartsCartLineItems(ctx, api.PostCartsCartLineItemsParams{ID: id},
		api.StorePostCartsCartLineItemsReq{VariantID: "variant_mug", Quantity: 2})
	if err != nil {
		t.Fatal(err)
	}
	if total, _ := added.Cart.Total.Get(); total != 2000 {
		t.Errorf("total = %d, want 2000", total)
	}
	got, err := c.GetCartsCart(ctx, api.GetCartsCartParams{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	if items, _ := got.Cart.Items.Get(); len(items) != 1 || items[0].Quantity != 2 {
		t.Errorf("items = %+v", items)
	}

	_, err = c.GetCartsCart(ctx, api.GetCartsCartParams{ID: "cart_9"})
	var nf api.GetCartsCart404JSONResponse
	if !errors.As(err, &nf) || nf.Body.Type != api.ErrorTypeNotFound {
		t.Errorf("err = %v, want the typed 404", err)
	}
	// The client checks the body before sending it: nothing reaches the server.
	_, err = c.PostCartsCartLineItems(ctx, api.PostCartsCartLineItemsParams{ID: id},
		api.StorePostCartsCartLineItemsReq{VariantID: "variant_mug", Quantity: 0})
	var ve *api.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("err = %v, want a *ValidationError", err)
	}

	// The customer's operations need the demo token (or session): without
	// it the server answers 401; with it the request reaches the store,
	// which does not implement them (501).
	_, err = c.GetCustomersCustomer(ctx)
	if statusOf(err) != http.StatusUnauthorized {
		t.Errorf("without credentials: %v, want a 401", err)
	}
	signedIn, err := api.NewClient(srv.URL, api.WithHTTPClient(srv.Client()), api.WithBearerToken("jwt_token", demoToken))
	if err != nil {
		t.Fatal(err)
	}
	_, err = signedIn.GetCustomersCustomer(ctx)
	if statusOf(err) != http.StatusNotImplemented {
		t.Errorf("with the demo token: %v, want the store's 501", err)
	}
}

// statusOf is the status of the response a call failed on, 0 when none.
func statusOf(err error) int {
	var re *api.ResponseError
	var de *api.DecodeError
	switch {
	case errors.As(err, &re):
		return re.StatusCode
	case errors.As(err, &de):
		return de.StatusCode
	}
	return 0
}
