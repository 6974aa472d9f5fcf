package rt

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestWebhookMethods checks how one webhook's handler picks the operation
// of a request's method: exactly, HEAD by GET unless a HEAD operation is
// declared, and 405 with Allow for the others, inside WithMiddleware.
func TestWebhookMethods(t *testing.T) {
	route := func(method string) webhookRoute {
		return webhookRoute{method: method, op: operation{id: method}, h: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Op", OperationID(r.Context()))
		}}
	}
	wrapped := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Wrapped", "yes")
			next.ServeHTTP(w, r)
		})
	}
	s := newHTTPServer([]Option{WithMiddleware(wrapped)})
	getPost := s.webhook(route("GET"), route("POST"))
	withHead := s.webhook(route("GET"), route("HEAD"))
	for _, tc := range []struct {
		name   string
		h      http.Handler
		method string
		op     string
		allow  string
		status int
	}{
		{name: "POST", h: getPost, method: "POST", op: "POST", status: 200},
		{name: "HEAD served by GET", h: getPost, method: "HEAD", op: "GET", status: 200},
		{name: "HEAD declared", h: withHead, method: "HEAD", op: "HEAD", status: 200},
		{name: "PUT refused", h: getPost, method: "PUT", allow: "GET, HEAD, POST", status: 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tc.h.ServeHTTP(rec, httptest.NewRequest(tc.method, "/mounted/anywhere", nil))
			if rec.Code != tc.status || rec.Header().Get("X-Op") != tc.op || rec.Header().Get("Allow") != tc.allow {
				t.Errorf("status %d, operation %q, Allow %q; want %d, %q, %q", rec.Code, rec.Header().Get("X-Op"), rec.Header().Get("Allow"), tc.status, tc.op, tc.allow)
			}
			if rec.Header().Get("X-Wrapped") != "yes" {
				t.Error("the middleware of WithMiddleware did not run")
			}
		})
	}
}
