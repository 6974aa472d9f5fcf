// Command store serves a small, in-memory implementation of the bundled
// example spec (specs/store) with the server oasgen generates into
// examples/store/api: create a cart, add a line item, get a cart. Every
// other operation answers 501 Not Implemented, after the security check of
// the customer's operations (a demo token or session cookie).
//
//	go run ./examples/store -addr :8080
package main

import (
	"context"
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

// store implements api.StrictServerInterface with carts kept in memory:
// its methods take typed requests and return the spec's typed responses.
// The operations it leaves out answer 501 Not Implemented, through
// writeSpecError, by way of the embedded api.UnimplementedStrict.
type store struct {
	api.UnimplementedStrict
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

// notFound is the spec's Error body for an unknown cart.
func notFound(id string) api.Error {
	return api.Error{Message: fmt.Sprintf("cart %q not found", id), Type: api.ErrorTypeNotFound}
}

// PostCart handles POST /store/carts.
func (s *store) PostCart(_ context.Context, req api.PostCartRequestObject) (api.PostCartResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	c := &api.Cart{
		ID:             s.nextID("cart"),
		RegionID:       "reg_default",
		SalesChannelID: req.Body.SalesChannelID,
		Type:           api.CartTypeDefault,
		CompletedAt:    api.Nullable[time.Time]{Null: true},
		Subtotal:       api.NewOpt[int64](0),
		Total:          api.NewOpt[int64](0),
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	if id, ok := req.Body.RegionID.Get(); ok {
		c.RegionID = id
	}
	for _, it := range req.Body.Items.Value {
		s.addItem(c, it.VariantID, it.Quantity, api.Opt[map[string]api.MetadataValue]{})
	}
	s.carts[c.ID] = c
	return api.PostCart200JSONResponse{Body: snapshot(c)}, nil
}

// GetCartsCart handles GET /store/carts/{id}.
func (s *store) GetCartsCart(_ context.Context, req api.GetCartsCartRequestObject) (api.GetCartsCartResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.carts[req.Params.ID]
	if !ok {
		return api.GetCartsCart404JSONResponse{Body: notFound(req.Params.ID)}, nil
	}
	return api.GetCartsCart200JSONResponse{Body: snapshot(c)}, nil
}

// PostCartsCartLineItems handles POST /store/carts/{id}/line-items.
func (s *store) PostCartsCartLineItems(_ context.Context, req api.PostCartsCartLineItemsRequestObject) (api.PostCartsCartLineItemsResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.carts[req.Params.ID]
	if !ok {
		return api.PostCartsCartLineItems404JSONResponse{Body: notFound(req.Params.ID)}, nil
	}
	s.addItem(c, req.Body.VariantID, req.Body.Quantity, req.Body.Metadata)
	return api.PostCartsCartLineItems201JSONResponse{Body: snapshot(c)}, nil
}

var _ api.StrictServerInterface = (*store)(nil)

// newHandler serves the store with errors in the spec's own Error schema
// and, as the example is for development, every response checked against
// the spec before it is sent.
func newHandler() http.Handler {
	return api.StrictHandler(newStore(), api.WithSecurityHandler(demoSessions{}), api.WithErrorHandler(writeSpecError), api.WithResponseValidation())
}

// demoToken and demoSession are the only credentials demoSessions accepts.
const (
	demoToken   = "demo-token"
	demoSession = "demo-session"
)

// demoSessions checks the credentials of /store/customers/me, which
// specs/store secures with a session cookie or a JWT: a real store would
// look the session up and verify the JWT, and put the customer in the
// context it returns.
type demoSessions struct{}

// HandleCookieAuth accepts the demo session cookie (connect.sid).
func (demoSessions) HandleCookieAuth(ctx context.Context, _ string, cred api.APIKeyCredential, _ []string) (context.Context, error) {
	if cred.Key != demoSession {
		return nil, errors.New("unknown session")
	}
	return ctx, nil
}

// HandleJWTToken accepts the demo bearer token.
func (demoSessions) HandleJWTToken(ctx context.Context, _ string, cred api.BearerCredential, _ []string) (context.Context, error) {
	if cred.Token != demoToken {
		return nil, errors.New("invalid token")
	}
	return ctx, nil
}

// writeSpecError answers the errors the handlers do not type themselves
// (bad parameters or bodies, unknown routes, panics) as specs/store declares
// them ({message, type}, the Error schema of its 400 and 404 responses)
// rather than the generated server's default application/problem+json, so
// that every response follows the spec (make contract checks it with Prism).
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
	case http.StatusUnauthorized:
		return api.ErrorTypeUnauthorized
	}
	return api.ErrorTypeUnexpectedState
}

func main() {
	addr := flag.String("addr", ":8080", "address to listen on")
	flag.Parse()
	log.Printf("store: listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, newHandler()))
}
