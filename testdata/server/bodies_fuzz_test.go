package bodies

// This file is copied, with bodies_test.go, next to the code generated from
// testdata/server/bodies/openapi.yaml (strict interface) by
// generator/server_fuzz_test.go: arbitrary bodies of every media type to
// every operation, through StrictHandler with response validation on.

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

var bodyMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

var bodySeeds = []struct{ method, path, contentType, body string }{
	{"POST", "/notes", "application/x-www-form-urlencoded", "title=Hi&priority=2&pinned=true&tags=a&tags=b"},
	{"POST", "/notes", "application/x-www-form-urlencoded", "title=&priority=9&tags=a&tags=b&tags=c&tags=d&x=1"},
	{"POST", "/notes", "application/x-www-form-urlencoded", "%zz&title=%"},
	{"POST", "/notes", "application/json", `{"title":"x"}`},
	{"GET", "/notes/1", "", ""},
	{"GET", "/notes/0", "", ""},
	{"PUT", "/notes/1", "text/plain; charset=utf-8", "text"},
	{"PUT", "/notes/1", "text/plain", "\xff\xfe"},
	{"PATCH", "/notes/2", "application/merge-patch+json", `{"title":"t"}`},
	{"PATCH", "/notes/2", "application/json", `{"title":""`},
	{"PUT", "/notes/1/attachment", "image/png", "\x89PNG"},
	{"PUT", "/notes/1/attachment", "application/octet-stream", strings.Repeat("x", 100)},
	{"GET", "/notes/1/attachment", "", ""},
	{"POST", "/uploads", "multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\n--X--\r\n"},
	{"POST", "/uploads", "multipart/form-data; boundary=X", "--X\r\nbroken"},
	{"POST", "/uploads", "multipart/mixed", "x"},
}

// FuzzBodies sends arbitrary requests to the strict server; a panic or a 5xx
// fails, apart from the 5xx bodies_test.go's implementation gives on
// purpose (notes 500 and 501).
func FuzzBodies(f *testing.F) {
	for _, s := range bodySeeds {
		f.Add(uint8(slices.Index(bodyMethods, s.method)), s.path, s.contentType, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, method uint8, path, contentType string, body []byte) {
		u, err := url.ParseRequestURI(path)
		if err != nil || strings.ContainsAny(path, " \t\r\n\x00\x7f") || strings.ContainsAny(contentType, "\r\n\x00\x7f") {
			return // no HTTP server would deliver this request
		}
		if strings.HasPrefix(u.Path, "/notes/50") {
			return // the implementation's own 5xx
		}
		req := httptest.NewRequest(bodyMethods[int(method)%len(bodyMethods)], "/", strings.NewReader(string(body)))
		req.URL, req.RequestURI = u, path
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		var failed error
		h := StrictHandler(&notes{contentType: "image/png"}, WithResponseValidation(), WithBodyLimit(1<<10),
			WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
				var p *Problem
				if !errors.As(err, &p) {
					var tooLarge *http.MaxBytesError
					if errors.As(err, &tooLarge) {
						p = &Problem{Status: http.StatusRequestEntityTooLarge}
					} else {
						failed, p = err, &Problem{Status: http.StatusInternalServerError}
					}
				}
				WriteProblem(w, p)
			}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			input := fmt.Sprintf("%s %q\nContent-Type: %q\nbody: %q", req.Method, path, contentType, body)
			t.Fatalf("status %d (error %v) on\n%s\nresponse: %s", rec.Code, failed, input, rec.Body.Bytes())
		}
	})
}
