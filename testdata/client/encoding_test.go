package encodings

// This file is copied next to the code generated from
// testdata/server/encoding/openapi.yaml (server and client) by
// generator/client_test.go and run there with go test: allowReserved query
// parameters and the encoding object of form and multipart bodies, sent by
// the client and read back by the server, and the bytes on the wire.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

type recorder struct {
	Unimplemented
	mu       sync.Mutex
	last     any
	rawQuery string
	rawBody  string
}

func (s *recorder) record(x any) {
	s.mu.Lock()
	s.last = x
	s.mu.Unlock()
}

func (s *recorder) Search(w http.ResponseWriter, r *http.Request, params SearchParams) error {
	s.record(params)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *recorder) PostForm(w http.ResponseWriter, r *http.Request, body Form) error {
	s.record(body)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *recorder) Upload(w http.ResponseWriter, r *http.Request, body *multipart.Reader) error {
	var parts []string
	for {
		p, err := body.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return err
		}
		parts = append(parts, fmt.Sprintf("%s|%s|%s|%s", p.FormName(), p.FileName(), p.Header.Get("Content-Type"), data))
	}
	return WriteJSON(w, http.StatusOK, parts)
}

// roundTrip serves the recorder, keeping the raw query and body of each
// request, and returns a client of it.
func roundTrip(t *testing.T) (*Client, *recorder, string) {
	t.Helper()
	impl := &recorder{}
	h := Handler(impl)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		impl.mu.Lock()
		impl.rawQuery, impl.rawBody = r.URL.RawQuery, string(data)
		impl.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(data))
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return c, impl, srv.URL
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

// reserved holds every reserved character, a space, a lone % and a
// non-ASCII letter: allowReserved sends :/?@!$'()*, as they are and
// percent-encodes the rest.
const reserved = "a/b:c?d@e!$'()*,&=+#[];% é"

func TestAllowReserved(t *testing.T) {
	c, impl, _ := roundTrip(t)
	params := SearchParams{
		Q:      NewOpt(reserved),
		Plain:  NewOpt(reserved),
		Paths:  NewOpt([]string{"/a/b", "c:d"}),
		Each:   NewOpt([]string{"x?y", "p&q"}),
		Filter: NewOpt(SearchParamsFilter{URL: NewOpt("https://h.io/p?x=1"), N: NewOpt(3)}),
	}
	if err := c.Search(context.Background(), params); err != nil {
		t.Fatal(err)
	}
	same(t, "the server read", impl.last, params)
	want := "q=a/b:c?d@e!$'()*,%26%3D%2B%23%5B%5D%3B%25%20%C3%A9" +
		"&plain=a%2Fb%3Ac%3Fd%40e%21%24%27%28%29%2A%2C%26%3D%2B%23%5B%5D%3B%25%20%C3%A9" +
		"&paths=/a/b,c:d&each=x?y&each=p%26q" +
		"&filter%5Burl%5D=https://h.io/p?x%3D1&filter%5Bn%5D=3"
	same(t, "raw query", impl.rawQuery, want)

	// Reserved expansion passes %XX triples through: the caller's %41 is
	// the letter A to the server.
	if err := c.Search(context.Background(), SearchParams{Q: NewOpt("100%41%")}); err != nil {
		t.Fatal(err)
	}
	same(t, "raw query of a triple", impl.rawQuery, "q=100%41%25")
	same(t, "the server read a triple", impl.last, SearchParams{Q: NewOpt("100A%")})
}

func TestFormEncoding(t *testing.T) {
	c, impl, url := roundTrip(t)
	form := Form{
		Name:   "n & m",
		Each:   NewOpt([]string{"a", "b c"}),
		Piped:  NewOpt([]string{"p q", "r"}),
		Spaced: NewOpt([]int{1, -2}),
		Commas: NewOpt([]bool{true, false}),
		Meta:   NewOpt(Meta{Label: "l=1&2", Size: NewOpt(3), Nested: NewOpt(map[string][]string{"k": {"v", "w"}})}),
		Tags:   NewOpt([]Meta{{Label: "t"}, {Label: "u", Size: NewOpt(0)}}),
		Link:   NewOpt("https://x.io/a?b=c&d=e#f"),
	}
	if err := c.PostForm(context.Background(), form); err != nil {
		t.Fatal(err)
	}
	same(t, "the server read", impl.last, form)
	want := "commas=true%2Cfalse&each=a&each=b%20c" +
		"&link=https://x.io/a?b%3Dc%26d%3De%23f" +
		"&meta=%7B%22label%22%3A%22l%3D1%262%22%2C%22nested%22%3A%7B%22k%22%3A%5B%22v%22%2C%22w%22%5D%7D%2C%22size%22%3A3%7D" +
		"&name=n%20%26%20m&piped=p%20q%7Cr&spaced=1%20-2" +
		"&tags=%5B%7B%22label%22%3A%22t%22%7D%2C%7B%22label%22%3A%22u%22%2C%22size%22%3A0%7D%5D"
	same(t, "raw body", impl.rawBody, want)

	// Empty delimited arrays are one empty value.
	empty := Form{Name: "e", Piped: NewOpt([]string{}), Commas: NewOpt([]bool{})}
	if err := c.PostForm(context.Background(), empty); err != nil {
		t.Fatal(err)
	}
	same(t, "empty arrays", impl.last, empty)

	// The server reads what other clients write: + for a space, the
	// delimiters and reserved characters unencoded; and it reports bad
	// JSON text and invalid JSON properties at their paths.
	for _, tc := range []struct {
		body   string
		want   any
		status int
		detail string
	}{
		{body: "name=a+b&piped=x|y&commas=false,true&link=http://h/?q&meta={\"label\":\"j\"}",
			want: Form{Name: "a b", Piped: NewOpt([]string{"x", "y"}), Commas: NewOpt([]bool{false, true}), Link: NewOpt("http://h/?q"), Meta: NewOpt(Meta{Label: "j"})}, status: http.StatusNoContent},
		{body: "name=a&meta={bad", status: http.StatusBadRequest, detail: `"path":"/body/meta",`},
		{body: "name=a&meta={\"label\":\"j\",\"size\":-1}", status: http.StatusBadRequest, detail: `"path":"/body/meta/size"`},
		{body: "name=a&spaced=1+x", status: http.StatusBadRequest, detail: `"path":"/body/spaced/1"`},
	} {
		impl.record(nil)
		res, err := http.Post(url+"/forms", "application/x-www-form-urlencoded", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status || !strings.Contains(string(data), tc.detail) {
			t.Errorf("%s: %d %s, want %d with %s", tc.body, res.StatusCode, data, tc.status, tc.detail)
		}
		if tc.want != nil {
			same(t, tc.body, impl.last, tc.want)
		}
	}
}

func TestMultipartEncoding(t *testing.T) {
	c, _, _ := roundTrip(t)
	body := (&MultipartBody{}).Field("note", "# hi").File("avatar", "a.png", "", strings.NewReader("png")).
		File("either", "e.jpg", "", strings.NewReader("jpg")).File("own", "o.gif", "image/gif", strings.NewReader("gif"))
	if err := body.JSONField("meta", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	parts, err := c.Upload(context.Background(), body)
	if err != nil {
		t.Fatal(err)
	}
	// note and avatar get their encoding's type; either's is a list, so it
	// is application/octet-stream; the caller's types are kept.
	same(t, "parts", parts, []string{"note||text/markdown|# hi", "avatar|a.png|image/png|png",
		"either|e.jpg|application/octet-stream|jpg", "own|o.gif|image/gif|gif", `meta||application/json|{"n":1}`})
}
