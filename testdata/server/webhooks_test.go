package webhooks

// This file is copied next to the code generated from
// testdata/server/webhooks/openapi.yaml with the strict interface by
// generator/server_test.go and run there with go test: webhooks posted to
// the generated receivers, mounted where an application registers them.

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// receiver implements StrictWebhookInterface; what it received is kept
// for the test to check.
type receiver struct {
	UnimplementedStrictWebhooks
	pets      []PetEvent
	signature string
	tags      []Nullable[string]
	adoptions []Adoption
	changed   Opt[Adoption]
	ops       []string // the operation ids seen by the operation middleware
	principal any      // what the security handler put in the context
}

var _ StrictWebhookInterface = (*receiver)(nil)

func (rc *receiver) NewPet(_ context.Context, req NewPetRequestObject) (NewPetResponseObject, error) {
	if req.Body.Pet.Name == "gone" {
		return NewPet410Response{}, nil
	}
	rc.pets = append(rc.pets, req.Body)
	rc.signature = req.Params.XSignature
	rc.tags = req.Params.XTags.Value
	return NewPet204Response{}, nil
}

func (rc *receiver) PostPetAdopted(ctx context.Context, req PostPetAdoptedRequestObject) (PostPetAdoptedResponseObject, error) {
	rc.adoptions = append(rc.adoptions, req.Body)
	rc.principal = ctx.Value(principalKey{})
	return PostPetAdopted200JSONResponse{Body: PostPetAdoptedResponse{Thanks: "thanks, " + req.Body.Owner}}, nil
}

func (rc *receiver) AdoptionChanged(_ context.Context, req AdoptionChangedRequestObject) (AdoptionChangedResponseObject, error) {
	rc.changed = req.Body
	return AdoptionChanged202Response{}, nil
}

type principalKey struct{}

// keys checks the webhook's API key; the document's bearer scheme, which
// the API's own operations require, is never asked for a webhook.
type keys struct{ bearerAsked bool }

func (k *keys) HandleBearer(ctx context.Context, op string, cred BearerCredential, scopes []string) (context.Context, error) {
	k.bearerAsked = true
	return nil, errors.New("not for webhooks")
}

func (k *keys) HandleHookKey(ctx context.Context, op string, cred APIKeyCredential, scopes []string) (context.Context, error) {
	if cred.Key != "s3cret" {
		return nil, errors.New("wrong key")
	}
	return context.WithValue(ctx, principalKey{}, "provider:"+op), nil
}

// mux mounts the webhooks where an application would register them.
func mux(rc *receiver, sec *keys) *http.ServeMux {
	record := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc.ops = append(rc.ops, OperationID(r.Context()))
			next.ServeHTTP(w, r)
		})
	}
	h := StrictWebhookHandlers(rc, WithSecurityHandler(sec), WithOperationMiddleware(record), WithBasePath("/ignored"))
	m := http.NewServeMux()
	m.Handle("/hooks/pets", h.NewPet)
	m.Handle("/hooks/adoptions/", h.PetAdopted)
	return m
}

func send(t *testing.T, h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// problem decodes a problem response and returns its violations' paths.
func problem(t *testing.T, rec *httptest.ResponseRecorder) []string {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want a problem: %s", ct, rec.Body)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, v := range p.Violations {
		paths = append(paths, v.Path)
	}
	return paths
}

const petEvent = `{"pet": {"id": 7, "name": "Rex"}, "at": "2026-12-06T10:00:00Z"}`

func TestNewPetReceived(t *testing.T) {
	rc := &receiver{}
	rec := send(t, mux(rc, &keys{}), "POST", "/hooks/pets", petEvent, "X-Signature", "0123abcd", "X-Tags", "a,b")
	if rec.Code != http.StatusNoContent {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if len(rc.pets) != 1 || rc.pets[0].Pet.Name != "Rex" || rc.pets[0].Pet.ID != 7 || rc.signature != "0123abcd" {
		t.Fatalf("received %+v, signature %q", rc.pets, rc.signature)
	}
	if want := []Nullable[string]{NewNullable("a"), NewNullable("b")}; !reflect.DeepEqual(rc.tags, want) {
		t.Errorf("X-Tags = %#v, want %#v", rc.tags, want)
	}
	if want := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC); !rc.pets[0].At.Equal(want) {
		t.Errorf("at = %v, want %v", rc.pets[0].At, want)
	}
	if len(rc.ops) != 1 || rc.ops[0] != "newPet" {
		t.Errorf("operation middleware saw %q, want [newPet]", rc.ops)
	}
}

func TestNewPetTypedResponse(t *testing.T) {
	rc := &receiver{}
	rec := send(t, mux(rc, &keys{}), "POST", "/hooks/pets", `{"pet": {"id": 1, "name": "gone"}, "at": "2026-12-06T10:00:00Z"}`, "X-Signature", "0123abcd")
	if rec.Code != http.StatusGone {
		t.Fatalf("status %d, want 410: %s", rec.Code, rec.Body)
	}
}

func TestNewPetRejected(t *testing.T) {
	for _, tc := range []struct {
		name, body, signature, contentType string
		status                             int
		violation                          string
	}{
		{name: "signature pattern", body: petEvent, signature: "nothex!!", status: 400, violation: "/header/X-Signature"},
		{name: "missing signature", body: petEvent, status: 400, violation: "/header/X-Signature"},
		{name: "missing body", signature: "0123abcd", status: 400, violation: "/body"},
		{name: "empty name", body: `{"pet": {"id": 7, "name": ""}, "at": "2026-12-06T10:00:00Z"}`, signature: "0123abcd", status: 400, violation: "/body/pet/name"},
		{name: "missing at", body: `{"pet": {"id": 7, "name": "Rex"}}`, signature: "0123abcd", status: 400, violation: "/body"},
		{name: "not JSON", body: "Rex", signature: "0123abcd", contentType: "text/plain", status: 415},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := &receiver{}
			header := []string{}
			if tc.signature != "" {
				header = append(header, "X-Signature", tc.signature)
			}
			if tc.contentType != "" {
				header = append(header, "Content-Type", tc.contentType)
			}
			rec := send(t, mux(rc, &keys{}), "POST", "/hooks/pets", tc.body, header...)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			paths := problem(t, rec)
			if tc.violation != "" && !contains(paths, tc.violation) {
				t.Errorf("violations %q, want one at %s", paths, tc.violation)
			}
			if len(rc.pets) != 0 {
				t.Errorf("the receiver was called with %+v", rc.pets)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWebhookOtherMethod(t *testing.T) {
	rec := send(t, mux(&receiver{}, &keys{}), "GET", "/hooks/pets", "")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "POST" {
		t.Fatalf("status %d, Allow %q: want 405 and POST", rec.Code, rec.Header().Get("Allow"))
	}
	problem(t, rec)
	rec = send(t, mux(&receiver{}, &keys{}), "DELETE", "/hooks/adoptions/", "")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "POST, PUT" {
		t.Fatalf("status %d, Allow %q: want 405 and POST, PUT", rec.Code, rec.Header().Get("Allow"))
	}
}

func TestWebhookSecurity(t *testing.T) {
	rc, sec := &receiver{}, &keys{}
	m := mux(rc, sec)
	const adoption = `{"petId": 7, "owner": "Ann"}`
	if rec := send(t, m, "POST", "/hooks/adoptions/x", adoption); rec.Code != http.StatusUnauthorized {
		t.Fatalf("without a key: status %d, want 401: %s", rec.Code, rec.Body)
	}
	if rec := send(t, m, "POST", "/hooks/adoptions/x", adoption, "X-Hook-Key", "wrong"); rec.Code != http.StatusUnauthorized {
		t.Fatalf("with a wrong key: status %d, want 401: %s", rec.Code, rec.Body)
	}
	rec := send(t, m, "POST", "/hooks/adoptions/x", adoption, "X-Hook-Key", "s3cret")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got PostPetAdoptedResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Thanks != "thanks, Ann" {
		t.Fatalf("response %s (%v)", rec.Body, err)
	}
	if len(rc.adoptions) != 1 || rc.adoptions[0].PetID != 7 || rc.principal != "provider:PostPetAdopted" {
		t.Errorf("received %+v, principal %v", rc.adoptions, rc.principal)
	}
	// The document's security (bearer) is the API's, not its webhooks':
	// the unsecured webhooks are received without it.
	if rec := send(t, m, "PUT", "/hooks/adoptions/", `{"petId": 8, "owner": "Bo"}`); rec.Code != http.StatusAccepted {
		t.Fatalf("PUT: status %d, want 202: %s", rec.Code, rec.Body)
	}
	if v, ok := rc.changed.Get(); !ok || v.Owner != "Bo" {
		t.Errorf("PUT received %+v", rc.changed)
	}
	if sec.bearerAsked {
		t.Error("the bearer scheme of the document was asked about a webhook")
	}
	if rec := send(t, m, "PUT", "/hooks/adoptions/", `{"petId": 0, "owner": "Bo"}`); rec.Code != http.StatusBadRequest || !contains(problem(t, rec), "/body/petId") {
		t.Errorf("petId 0: status %d: %s", rec.Code, rec.Body)
	}
}

// pets implements the standard WebhookInterface: the method writes the
// response itself.
type pets struct {
	UnimplementedWebhooks
	got []string
}

func (p *pets) NewPet(w http.ResponseWriter, r *http.Request, params NewPetParams, body PetEvent) error {
	p.got = append(p.got, body.Pet.Name)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func TestStandardWebhookInterface(t *testing.T) {
	p := &pets{}
	h := WebhookHandlers(p, WithLogger(slog.New(slog.DiscardHandler)))
	if rec := send(t, h.NewPet, "POST", "/anywhere", petEvent, "X-Signature", "0123abcd"); rec.Code != http.StatusNoContent || len(p.got) != 1 || p.got[0] != "Rex" {
		t.Fatalf("status %d, received %q: %s", rec.Code, p.got, rec.Body)
	}
	rec := send(t, h.PetAdopted, "PUT", "/anywhere", `{"petId": 8, "owner": "Bo"}`)
	if rec.Code != http.StatusNotImplemented {
		t.Fatalf("an unimplemented webhook: status %d, want 501: %s", rec.Code, rec.Body)
	}
	problem(t, rec)
	// Without a SecurityHandler, a webhook that requires security is
	// answered 500, as the server's operations are.
	if rec := send(t, h.PetAdopted, "POST", "/anywhere", `{"petId": 8, "owner": "Bo"}`, "X-Hook-Key", "s3cret"); rec.Code != http.StatusInternalServerError {
		t.Fatalf("no security handler: status %d, want 500: %s", rec.Code, rec.Body)
	}
}

func TestWebhookResponseValidation(t *testing.T) {
	bad := &badThanks{}
	h := WebhookHandlers(bad, WithResponseValidation(), WithSecurityHandler(&keys{}), WithLogger(slog.New(slog.DiscardHandler)))
	rec := send(t, h.PetAdopted, "POST", "/x", `{"petId": 7, "owner": "Ann"}`, "X-Hook-Key", "s3cret")
	if rec.Code != http.StatusInternalServerError || !contains(problem(t, rec), "/response/body") {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
}

// badThanks answers the adoption webhook without the required thanks.
type badThanks struct{ UnimplementedWebhooks }

func (badThanks) PostPetAdopted(w http.ResponseWriter, r *http.Request, body Adoption) error {
	return WriteJSON(w, http.StatusOK, map[string]any{"other": 1})
}
