package rt

import (
	"bytes"
	"errors"
	"io"
	"log"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer the server's goroutines can log to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer serves method as GET /op the way a generated handler does
// (capture, call, finish), with the checks of WithResponseValidation
// letting every response through. What the server and net/http log goes
// to the buffer returned.
func testServer(t *testing.T, method func(http.ResponseWriter, *http.Request) error, opts ...Option) (*httptest.Server, *syncBuffer) {
	logs := &syncBuffer{}
	s := newHTTPServer(append([]Option{WithLogger(slog.New(slog.NewTextHandler(logs, nil)))}, opts...))
	s.route("GET", "/op", operation{id: "getOp", path: "/op"}, func(w http.ResponseWriter, r *http.Request) {
		cw := s.capture(w)
		err := method(cw, r)
		s.finish(w, r, cw, err, func(int, http.Header, []byte) error { return nil })
	})
	srv := httptest.NewUnstartedServer(s.handler())
	srv.Config.ErrorLog = log.New(logs, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, logs
}

// get sends GET /op on a new connection and returns the status and body,
// or the error of the request or of reading the body.
func get(srv *httptest.Server) (int, string, error) {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Get(srv.URL + "/op")
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, string(body), err
}

// TestPanicAfterWriting: a handler that panics or returns an error after
// it started the response gets its connection aborted, so that the client
// sees the response cut, never a problem appended to what was written.
// Before anything is written, the problem is the answer.
func TestPanicAfterWriting(t *testing.T) {
	partial := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "partial")
	}
	for _, tc := range []struct {
		name   string
		method func(http.ResponseWriter, *http.Request) error
		log    string // what the server logs; "" for nothing
	}{
		{"panic after a write", func(w http.ResponseWriter, r *http.Request) error { partial(w); panic("boom") }, "handler panicked"},
		{"panic after a flush", func(w http.ResponseWriter, r *http.Request) error {
			partial(w)
			w.(http.Flusher).Flush()
			panic("boom")
		}, "handler panicked"},
		{"panic after a ResponseController flush", func(w http.ResponseWriter, r *http.Request) error {
			partial(w)
			if err := http.NewResponseController(w).Flush(); err != nil {
				t.Error(err)
			}
			panic("boom")
		}, "handler panicked"},
		{"panic after WriteHeader", func(w http.ResponseWriter, r *http.Request) error {
			w.WriteHeader(http.StatusOK)
			panic("boom")
		}, "handler panicked"},
		{"panic after a long write", func(w http.ResponseWriter, r *http.Request) error {
			io.WriteString(w, strings.Repeat("x", 1<<16))
			panic("boom")
		}, "handler panicked"},
		{"error after a write", func(w http.ResponseWriter, r *http.Request) error {
			partial(w)
			return errors.New("boom")
		}, "handler failed"},
		{"error after a stream", func(w http.ResponseWriter, r *http.Request) error {
			_, err := io.Copy(w, io.MultiReader(strings.NewReader("partial"), iotestErrReader{}))
			return err
		}, "handler failed"},
		{"abort", func(w http.ResponseWriter, r *http.Request) error { partial(w); panic(http.ErrAbortHandler) }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, logs := testServer(t, tc.method)
			status, body, err := get(srv)
			if err == nil {
				t.Fatalf("the response was not cut: %d %.200q", status, body)
			}
			if strings.Contains(body, "Internal Server Error") || strings.Contains(body, "problem") {
				t.Errorf("a problem was appended: %q", body)
			}
			srv.Close() // the handler has returned: its log is written
			switch got := logs.String(); {
			case tc.log == "" && got != "":
				t.Errorf("logged %q", got)
			case tc.log != "" && (!strings.Contains(got, "level=ERROR msg=\""+tc.log+" after the response was started; aborting it\" operation=getOp method=GET path=/op") || !strings.Contains(got, "boom")):
				t.Errorf("log %q, want %s and boom", got, tc.log)
			}
		})
	}

	// Nothing was sent yet: a 500 problem, with WithResponseValidation
	// too, whose captured response was not sent.
	for _, tc := range []struct {
		name   string
		method func(http.ResponseWriter, *http.Request) error
		opts   []Option
	}{
		{"panic before writing", func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/plain")
			panic("boom")
		}, nil},
		{"informational status then panic", func(w http.ResponseWriter, r *http.Request) error {
			w.WriteHeader(http.StatusEarlyHints)
			panic("boom")
		}, nil},
		{"error before writing", func(w http.ResponseWriter, r *http.Request) error { return errors.New("boom") }, nil},
		{"validated: panic after a write", func(w http.ResponseWriter, r *http.Request) error {
			io.WriteString(w, "partial")
			panic("boom")
		}, []Option{WithResponseValidation()}},
		{"validated: error after a write", func(w http.ResponseWriter, r *http.Request) error {
			io.WriteString(w, "partial")
			return errors.New("boom")
		}, []Option{WithResponseValidation()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := testServer(t, tc.method, tc.opts...)
			status, body, err := get(srv)
			if err != nil || status != 500 || body != `{"title":"Internal Server Error","status":500,"detail":"the handler panicked"}`+"\n" && body != `{"title":"Internal Server Error","status":500}`+"\n" {
				t.Errorf("%d %.200q %v, want a 500 problem alone", status, body, err)
			}
		})
	}
}

// iotestErrReader fails every read.
type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

// TestStartedWriterInterfaces: the handler's writer keeps what net/http's
// offers (Flusher, ReaderFrom, ResponseController's Unwrap chain).
func TestStartedWriterInterfaces(t *testing.T) {
	rec := httptest.NewRecorder()
	sw := &startedWriter{ResponseWriter: rec}
	var w http.ResponseWriter = sw
	if _, ok := w.(http.Flusher); !ok {
		t.Error("not a Flusher")
	}
	if _, ok := w.(io.ReaderFrom); !ok {
		t.Error("not a ReaderFrom")
	}
	if _, _, err := http.NewResponseController(w).Hijack(); !errors.Is(err, http.ErrNotSupported) || sw.started {
		t.Errorf("hijacking a recorder: %v, started %t", err, sw.started)
	}
	if sw.started {
		t.Error("started before anything was written")
	}
	w.WriteHeader(http.StatusEarlyHints)
	if sw.started {
		t.Error("an informational status started the response")
	}
	io.Copy(w, strings.NewReader("x"))
	if !sw.started || rec.Body.String() != "x" {
		t.Errorf("after a copy: started %t, body %q", sw.started, rec.Body)
	}
}

// TestCharset: a body the server decodes as UTF-8 whose Content-Type names
// another charset is a 415 naming it.
func TestCharset(t *testing.T) {
	s := newHTTPServer(nil)
	for _, tc := range []struct {
		contentType string
		refused     string // the charset named by the 415
	}{
		{"application/json", ""},
		{"application/json; charset=utf-8", ""},
		{"application/json; charset=UTF-8", ""},
		{"application/json; charset=\"utf-8\"", ""},
		{"application/json; charset=utf8", ""},
		{"application/json; charset=latin1", "latin1"},
		{"application/json; charset=ISO-8859-1", "ISO-8859-1"},
		{"application/json; charset=utf-16", "utf-16"},
		{"application/json; CHARSET=\"UTF-16LE\"", "UTF-16LE"},
		{"application/json; charset*=utf-8''latin1", "latin1"},
		{"application/json; charset=", ""}, // malformed: refused as a content type
	} {
		r := httptest.NewRequest("POST", "/", strings.NewReader(`{}`))
		r.Header.Set("Content-Type", tc.contentType)
		buf, p := s.readBody(httptest.NewRecorder(), r, true, "application/json")
		switch {
		case tc.contentType == "application/json; charset=":
			if p == nil || p.Status != 415 {
				t.Errorf("%s: %v", tc.contentType, p)
			}
		case tc.refused == "":
			if p != nil || string(buf.data) != `{}` {
				t.Errorf("%s: %v", tc.contentType, p)
			}
		case p == nil || p.Status != 415 || !strings.Contains(p.Detail, `charset "`+tc.refused+`"`):
			t.Errorf("%s: %v, want a 415 naming %s", tc.contentType, p, tc.refused)
		}
	}
	// Streams are not decoded: their charset is the handler's business.
	r := httptest.NewRequest("POST", "/", strings.NewReader(`x`))
	r.Header.Set("Content-Type", "text/csv; charset=latin1")
	if _, p := s.streamBody(httptest.NewRecorder(), r, true, "text/csv"); p != nil {
		t.Errorf("stream: %v", p)
	}
	// Two Content-Type headers: which one counts is ambiguous.
	r = httptest.NewRequest("POST", "/", strings.NewReader(`{}`))
	r.Header.Add("Content-Type", "application/json")
	r.Header.Add("Content-Type", "application/json; charset=latin1")
	if _, p := s.readBody(httptest.NewRecorder(), r, true, "application/json"); p == nil || p.Status != 415 {
		t.Errorf("two Content-Types: %v", p)
	}
}

// failedWriter fails every write, as when the client is gone.
type failedWriter struct{ *httptest.ResponseRecorder }

func (failedWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestAbortAfterFailedWrite: a handler returning the error of a failed
// write (the client is gone) aborts the response without logging it.
func TestAbortAfterFailedWrite(t *testing.T) {
	logs := &syncBuffer{}
	s := newHTTPServer([]Option{WithLogger(slog.New(slog.NewTextHandler(logs, nil)))})
	s.route("GET", "/op", operation{}, func(w http.ResponseWriter, r *http.Request) {
		_, err := io.WriteString(w, "x")
		s.finish(w, r, w, err, nil)
	})
	r := httptest.NewRequest("GET", "/op", nil)
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", p)
		}
		if logs.String() != "" {
			t.Errorf("logged %q", logs)
		}
	}()
	s.handler().ServeHTTP(failedWriter{httptest.NewRecorder()}, r)
	t.Error("the response was not aborted")
}

// TestParamIntDigitsOnly checks that an integer parameter, text and not
// JSON, takes plain digits only, unlike the JSON decoders, which take 1.0.
func TestParamIntDigitsOnly(t *testing.T) {
	for s, want := range map[string]int32{"1": 1, "-5": -5, "2147483647": math.MaxInt32} {
		if got, err := paramInt[int32](s); err != nil || got != want {
			t.Errorf("paramInt(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"1.0", "1e2", "-0.0", "2147483648", " 1", ""} {
		if got, err := paramInt[int32](s); err == nil {
			t.Errorf("paramInt(%q) = %d, want an error", s, got)
		}
	}
}
