package rt

import (
	"net/http"
	"slices"
	"strings"
)

// webhookRoute is one operation of a webhook: the method it is sent
// with, what the request context tells of it, and its handler.
type webhookRoute struct {
	method string
	op     operation
	h      func(http.ResponseWriter, *http.Request)
}

// webhook returns the handler of one webhook, which the application
// mounts at the URL it registered for it: a request goes to the operation
// of its method (GET also serves HEAD unless the webhook has a HEAD
// operation) inside the operation middlewares, and other methods get 405
// with an Allow header, all inside the middlewares of WithMiddleware. The
// base path does not apply: the handler answers whatever path it is
// mounted at.
func (s *httpServer) webhook(routes ...webhookRoute) http.Handler {
	handlers := make([]http.HandlerFunc, len(routes))
	var allow []string
	for i, rt := range routes {
		handlers[i] = s.guard(rt.op, rt.h)
		allow = append(allow, rt.method)
		if rt.method == http.MethodGet {
			allow = append(allow, http.MethodHead)
		}
	}
	slices.Sort(allow)
	allowed := strings.Join(slices.Compact(allow), ", ")
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := slices.IndexFunc(routes, func(rt webhookRoute) bool { return rt.method == r.Method })
		if i < 0 && r.Method == http.MethodHead {
			i = slices.IndexFunc(routes, func(rt webhookRoute) bool { return rt.method == http.MethodGet })
		}
		if i >= 0 {
			handlers[i](w, r)
			return
		}
		w.Header().Set("Allow", allowed)
		s.onError(w, r, &Problem{Status: http.StatusMethodNotAllowed, Detail: "method " + r.Method + " is not allowed on " + r.URL.Path})
	})
	for i := len(s.middlewares) - 1; i >= 0; i-- {
		h = s.middlewares[i](h)
	}
	return h
}
