// Command store serves a small, in-memory implementation of the bundled
// example spec (specs/store) with the server oasgen generates into
// examples/store/api: create a cart, add a line item, get a cart. Every
// other operation answers 501 Not Implemented.
//
//	go run ./examples/store -addr :8080
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/oasgen/oasgen/examples/store/api"
)

// unitPrice is what every variant costs, in cents: the example has no catalog.
const unitPrice = 1000

// store implements api.ServerInterface with carts kept in memory.
type store struct {
	mu    sync.Mutex
	carts map[string]*api.Cart
	seq   int
	now   func() time.Time
}

func newStore() *store {
	return &store{carts: map[string]*api.Cart{}, now: func() time.Time { return time.Now().UTC() }}
}

// nextID returns a new ID with the given prefix. s.mu must be held.
func (s *store) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s_%d", prefix, s.seq)
}

// addItem appends a line item to c and updates its totals. s.mu must be held.
func (s *store) addItem(c *api.Cart, variantID string, quantity int32, metadata api.Opt[map[string]api.MetadataValue]) {
	now := s.now()
	item := api.LineItem{
		ID:             s.nextID("item"),
		CartID:         api.NewOptNullable(c.ID),
		Title:          variantID,
		AllowDiscounts: api.NewOpt(true),
		VariantID:      api.NewNullable(variantID),
		Quantity:       quantity,
		UnitPrice:      unitPrice,
		Total:          api.NewOpt(int64(quantity) * unitPrice),
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	if m, ok := metadata.Get(); ok {
		item.Metadata = api.NewOptNullable(m)
	}
	c.Items = api.NewOpt(append(c.Items.Value, item))
	c.Subtotal = api.NewOpt(c.Subtotal.Value + item.Total.Value)
	c.Total = c.Subtotal
	c.UpdatedAt = now
}

// snapshot copies c so that it can be written after s.mu is released.
func snapshot(c *api.Cart) api.StoreCartsRes {
	out := *c
	if c.Items.Set {
		out.Items = api.NewOpt(slices.Clone(c.Items.Value))
	}
	return api.StoreCartsRes{Cart: out}
}

func notFound(id string) *api.Problem {
	return &api.Problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("cart %q not found", id)}
}

// PostCart handles POST /store/carts.
func (s *store) PostCart(w http.ResponseWriter, r *http.Request, _ api.PostCartParams, body api.StorePostCartReq) error {
	s.mu.Lock()
	now := s.now()
	c := &api.Cart{
		ID:             s.nextID("cart"),
		RegionID:       "reg_default",
		SalesChannelID: body.SalesChannelID,
		Type:           api.CartTypeDefault,
		CompletedAt:    api.Nullable[time.Time]{Null: true},
		Subtotal:       api.NewOpt[int64](0),
		Total:          api.NewOpt[int64](0),
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	if id, ok := body.RegionID.Get(); ok {
		c.RegionID = id
	}
	for _, it := range body.Items.Value {
		s.addItem(c, it.VariantID, it.Quantity, api.Opt[map[string]api.MetadataValue]{})
	}
	s.carts[c.ID] = c
	res := snapshot(c)
	s.mu.Unlock()
	return api.WriteJSON(w, http.StatusOK, res)
}

// GetCartsCart handles GET /store/carts/{id}.
func (s *store) GetCartsCart(w http.ResponseWriter, r *http.Request, params api.GetCartsCartParams) error {
	s.mu.Lock()
	c, ok := s.carts[params.ID]
	var res api.StoreCartsRes
	if ok {
		res = snapshot(c)
	}
	s.mu.Unlock()
	if !ok {
		return notFound(params.ID)
	}
	return api.WriteJSON(w, http.StatusOK, res)
}

// PostCartsCartLineItems handles POST /store/carts/{id}/line-items.
func (s *store) PostCartsCartLineItems(w http.ResponseWriter, r *http.Request, params api.PostCartsCartLineItemsParams, body api.StorePostCartsCartLineItemsReq) error {
	s.mu.Lock()
	c, ok := s.carts[params.ID]
	var res api.StoreCartsRes
	if ok {
		s.addItem(c, body.VariantID, body.Quantity, body.Metadata)
		res = snapshot(c)
	}
	s.mu.Unlock()
	if !ok {
		return notFound(params.ID)
	}
	return api.WriteJSON(w, http.StatusCreated, res)
}

// The operations below are not part of the example: each answers 501.

func (s *store) PostCartsCart(http.ResponseWriter, *http.Request, api.PostCartsCartParams, api.StorePostCartsCartReq) error {
	return &api.Problem{Status: http.StatusNotImplemented}
}

func (s *store) DeleteStoreCartsID(http.ResponseWriter, *http.Request, api.DeleteStoreCartsIDParams) error {
	return &api.Problem{Status: http.StatusNotImplemented}
}

func (s *store) GetCustomersCustomer(http.ResponseWriter, *http.Request) error {
	return &api.Problem{Status: http.StatusNotImplemented}
}

func (s *store) PostCustomersCustomer(http.ResponseWriter, *http.Request, api.StorePostCustomersCustomerReq) error {
	return &api.Problem{Status: http.StatusNotImplemented}
}

func (s *store) GetProducts(http.ResponseWriter, *http.Request, api.GetProductsParams) error {
	return &api.Problem{Status: http.StatusNotImplemented}
}

func (s *store) GetProductsProduct(http.ResponseWriter, *http.Request, api.GetProductsProductParams) error {
	return &api.Problem{Status: http.StatusNotImplemented}
}

var _ api.ServerInterface = (*store)(nil)

// newHandler serves the store with errors in the spec's own Error schema.
func newHandler() http.Handler {
	return api.Handler(newStore(), api.WithErrorHandler(writeSpecError))
}

// writeSpecError answers errors as specs/store declares them ({message,
// type}, the Error schema of its 400 and 404 responses) rather than the
// generated server's default application/problem+json, so that every
// response follows the spec (make contract checks it with Prism).
func writeSpecError(w http.ResponseWriter, _ *http.Request, err error) {
	var p *api.Problem
	if !errors.As(err, &p) {
		p = &api.Problem{Status: http.StatusInternalServerError}
	}
	msg := p.Detail
	if msg == "" {
		msg = http.StatusText(p.Status)
	}
	for _, v := range p.Violations {
		msg += "; " + v.String()
	}
	if werr := api.WriteJSON(w, p.Status, api.Error{Message: msg, Type: errorType(p.Status)}); werr != nil {
		log.Printf("store: writing an error: %v", werr)
	}
}

// errorType maps a status to the spec's error types.
func errorType(status int) api.ErrorType {
	switch status {
	case http.StatusBadRequest, http.StatusUnsupportedMediaType, http.StatusRequestEntityTooLarge:
		return api.ErrorTypeInvalidData
	case http.StatusNotFound:
		return api.ErrorTypeNotFound
	case http.StatusMethodNotAllowed:
		return api.ErrorTypeNotAllowed
	}
	return api.ErrorTypeUnexpectedState
}

func main() {
	addr := flag.String("addr", ":8080", "address to listen on")
	flag.Parse()
	log.Printf("store: listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, newHandler()))
}
