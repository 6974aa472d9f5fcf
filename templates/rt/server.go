package rt

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// DefaultBodyLimit is the largest request body the server reads unless
// WithBodyLimit says otherwise: 1 MiB. A larger body is answered with 413.
const DefaultBodyLimit = 1 << 20

// Problem is an RFC 9457 problem details object, the body of every error
// response the server writes (Content-Type application/problem+json).
// Return one from a handler method to answer with its status.
type Problem struct {
	// Type is a URI naming the kind of problem; empty means about:blank.
	Type string `json:"type,omitempty"`
	// Title is a short summary, by default the status text.
	Title string `json:"title"`
	// Status is the HTTP status code.
	Status int `json:"status"`
	// Detail explains this occurrence of the problem.
	Detail string `json:"detail,omitempty"`
	// Instance is a URI naming this occurrence.
	Instance string `json:"instance,omitempty"`
	// Violations lists what is wrong with the request, with JSON Pointers
	// such as /query/limit or /body/items/0/quantity.
	Violations []Violation `json:"violations,omitempty"`
}

// Error formats the problem as status title: detail.
func (p *Problem) Error() string {
	s := strconv.Itoa(p.Status) + " " + p.title()
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	for _, v := range p.Violations {
		s += "\n  " + v.String()
	}
	return s
}

func (p *Problem) title() string {
	if p.Title != "" {
		return p.Title
	}
	return http.StatusText(p.Status)
}

// WriteProblem writes p as application/problem+json with its status.
func WriteProblem(w http.ResponseWriter, p *Problem) {
	out := *p
	if out.Status == 0 {
		out.Status = http.StatusInternalServerError
	}
	out.Title = out.title()
	data, err := json.Marshal(&out)
	if err != nil { // a Problem always marshals; keep the status anyway
		data = []byte(`{"title":"Internal Server Error","status":500}`)
	}
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(out.Status)
	w.Write(append(data, '\n'))
}

// WriteJSON writes v as application/json with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	jw := responseWriters.Get().(*jsonWriter)
	jw.buf, jw.err = jw.buf[:0], nil
	err := jw.response(v)
	if err == nil {
		w.Header()["Content-Type"] = jsonContentType
		w.WriteHeader(status)
		_, err = w.Write(append(jw.buf, '\n'))
	} else {
		err = fmt.Errorf("encode response: %w", err)
	}
	if cap(jw.buf) <= maxPooledBuffer {
		responseWriters.Put(jw)
	}
	return err
}

// jsonContentType is the Content-Type header value of JSON responses,
// shared rather than allocated by Header.Set for every response.
var jsonContentType = []string{"application/json"}

// responseWriters recycles the writers responses are encoded with, so that
// a response costs no allocation for its bytes.
var responseWriters = sync.Pool{New: func() any { return &jsonWriter{buf: make([]byte, 0, 4096)} }}

// maxPooledBuffer is the largest buffer kept for reuse: an occasional huge
// response should not pin its memory.
const maxPooledBuffer = 1 << 20

// valueEncoder is a generated type (not a pointer to one), whose
// encodeValue writes it as its MarshalJSON would.
type valueEncoder interface {
	encodeValue(w *jsonWriter)
}

// response writes the JSON of v: generated types write it in one pass,
// anything else goes through encoding/json.
func (w *jsonWriter) response(v any) error {
	switch x := v.(type) {
	case jsonEncoder: // a pointer to a generated type
		if reflect.ValueOf(x).IsNil() {
			w.raw("null")
			return nil
		}
		x.encodeJSON(w)
	case valueEncoder:
		x.encodeValue(w)
	default:
		data, err := json.Marshal(v)
		w.buf = append(w.buf, data...)
		return err
	}
	return w.err
}

// ErrorHandler writes the response for an error: a *Problem from the server
// (bad parameters or body, unknown route), a *PanicError for a panic, or
// whatever a handler method returned. The default writes a *Problem as it
// is (found with errors.As) and anything else as a 500 without details.
type ErrorHandler func(w http.ResponseWriter, r *http.Request, err error)

func defaultErrorHandler(w http.ResponseWriter, _ *http.Request, err error) {
	var p *Problem
	switch {
	case isPanic(err):
		p = &Problem{Status: http.StatusInternalServerError, Detail: "the handler panicked"}
	case errors.As(err, &p):
	case clientFault(err): // not a *Problem: a streamed body went past the limit
		p = readProblem(err)
	default:
		p = &Problem{Status: http.StatusInternalServerError}
	}
	WriteProblem(w, p)
}

// PanicError is the error the error handler gets when a handler method (or
// a middleware of WithOperationMiddleware) panicked before the response was
// started: the value given to panic and the stack of the goroutine that
// panicked. The server has logged both (see WithLogger).
type PanicError struct {
	// Value is what was passed to panic.
	Value any
	// Stack is the goroutine's stack when the panic was recovered, as
	// runtime/debug.Stack formats it.
	Stack []byte
}

// Error formats the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

func isPanic(err error) bool {
	_, ok := err.(*PanicError)
	return ok
}

// clientFault reports whether the 4xx answer to err is the client's
// doing, which the server does not log: a *Problem (a handler method's
// own choice) or a streamed body read past the limit.
func clientFault(err error) bool {
	if _, ok := asError[*Problem](err); ok {
		return true
	}
	_, tooLarge := asError[*http.MaxBytesError](err)
	return tooLarge
}

// Option configures Handler.
type Option func(*serverOptions)

type serverOptions struct {
	basePath    string
	middlewares []func(http.Handler) http.Handler
	// opMiddlewares wrap each operation, after routing (WithOperationMiddleware).
	opMiddlewares []func(http.Handler) http.Handler
	onError       ErrorHandler
	logger        *slog.Logger // nil: slog.Default()
	bodyLimit     int64
	// validateResponses: responses are checked before they are sent
	// (WithResponseValidation).
	validateResponses bool
	// security is the SecurityHandler (WithSecurityHandler), realm the
	// realm of WWW-Authenticate challenges (WithSecurityRealm).
	security any
	realm    string
}

// WithBasePath serves every route below prefix, such as /api/v1.
func WithBasePath(prefix string) Option {
	return func(o *serverOptions) { o.basePath = strings.TrimSuffix(prefix, "/") }
}

// WithMiddleware wraps the whole handler, routing included, in mw; the
// first middleware given is the outermost. As routing has not happened
// yet, the request's context has no operation (see
// WithOperationMiddleware).
func WithMiddleware(mw ...func(http.Handler) http.Handler) Option {
	return func(o *serverOptions) { o.middlewares = append(o.middlewares, mw...) }
}

// WithOperationMiddleware wraps the handler of each operation in mw, after
// routing: the request's context gives OperationID and OperationPath, and
// the path values are set. The first middleware given is the outermost.
// A panic in a middleware or below it goes through the middlewares (a
// recover middleware here sees it) before the server recovers it.
func WithOperationMiddleware(mw ...func(http.Handler) http.Handler) Option {
	return func(o *serverOptions) { o.opMiddlewares = append(o.opMiddlewares, mw...) }
}

// WithErrorHandler replaces how errors are written (see ErrorHandler).
func WithErrorHandler(h ErrorHandler) Option {
	return func(o *serverOptions) { o.onError = h }
}

// WithLogger sets where the server logs what goes wrong on its side, at
// level Error: a handler method's error that is not a *Problem (answered
// 500), a panic (with its value and stack) and a response aborted because
// it failed after it was started. Each record has the operation, the
// method and the path. Without this option (or with nil) the server logs
// to slog.Default(); to log nothing, give a logger whose handler discards
// (slog.DiscardHandler).
func WithLogger(l *slog.Logger) Option {
	return func(o *serverOptions) { o.logger = l }
}

// WithResponseValidation checks every response before it is sent: the
// status must be declared (or a default), and a JSON body must decode into
// the declared type and validate (ValidateResponse: no writeOnly). A
// response the spec does not allow is not sent: the error handler gets a
// 500 *Problem listing the violations at /response/body/... Meant for tests
// and development, where a wrong response should fail loudly: responses
// are buffered and decoded once more. With StrictHandler, typed responses
// are also checked before they are written.
func WithResponseValidation() Option {
	return func(o *serverOptions) { o.validateResponses = true }
}

// WithBodyLimit sets the largest request body read, in bytes (default
// DefaultBodyLimit); a larger one is answered with 413.
func WithBodyLimit(n int64) Option {
	return func(o *serverOptions) { o.bodyLimit = n }
}

// httpServer routes requests to the generated operation handlers.
type httpServer struct {
	serverOptions
	mux       *http.ServeMux
	fallbacks []fallback
	methods   []string // the methods routed, for Allow
}

func newHTTPServer(opts []Option) *httpServer {
	s := &httpServer{serverOptions: serverOptions{onError: defaultErrorHandler, bodyLimit: DefaultBodyLimit}, mux: http.NewServeMux()}
	for _, o := range opts {
		o(&s.serverOptions)
	}
	return s
}

// route registers the handler of operation op: method is upper case and
// path a ServeMux pattern path.
func (s *httpServer) route(method, path string, op operation, h func(http.ResponseWriter, *http.Request)) {
	s.mux.HandleFunc(method+" "+s.basePath+path, s.guard(op, h))
	if !slices.Contains(s.methods, method) {
		s.methods = append(s.methods, method)
	}
}

// fallbackRoute registers the handler of an operation whose path the
// ServeMux cannot express, as a regular expression over the escaped path
// (below the base path) whose groups are the path parameters keys names.
// Fallback routes are tried, in order, when the ServeMux finds none.
func (s *httpServer) fallbackRoute(method, pattern string, keys []string, op operation, h func(http.ResponseWriter, *http.Request)) {
	s.fallbacks = append(s.fallbacks, fallback{method: method, re: regexp.MustCompile(pattern), keys: keys, h: s.guard(op, h)})
}

// fallback is one route outside the ServeMux.
type fallback struct {
	method string
	re     *regexp.Regexp
	keys   []string
	h      http.HandlerFunc
}

// operation is what the request context of a routed request tells of its
// operation (OperationID, OperationPath).
type operation struct {
	id   string // the spec's operationId, else the method's name
	path string // the path template as the spec writes it
}

// opContext is the context of a request routed to an operation: its
// parent, the operation and the writer its handler gets, in one allocation.
type opContext struct {
	context.Context
	op operation
	sw startedWriter
}

// opContextKey is the key whose value is the *opContext of a request.
type opContextKey struct{}

func (c *opContext) Value(key any) any {
	if key == (opContextKey{}) {
		return c
	}
	return c.Context.Value(key)
}

// requestOp returns the *opContext of a request routed to an operation, or
// nil outside one.
func requestOp(ctx context.Context) *opContext {
	if c, ok := ctx.(*opContext); ok {
		return c
	}
	c, _ := ctx.Value(opContextKey{}).(*opContext)
	return c
}

// OperationID returns the id of the operation a request was routed to,
// from its context: the operationId the spec gives it, else the name of its
// ServerInterface method. It is "" outside an operation, such as in a
// middleware of WithMiddleware, which runs before routing.
func OperationID(ctx context.Context) string {
	if c := requestOp(ctx); c != nil {
		return c.op.id
	}
	return ""
}

// OperationPath returns the path template of the operation a request was
// routed to, as the spec writes it (/items/{id}, without the base path),
// from its context; "" outside an operation.
func OperationPath(ctx context.Context) string {
	if c := requestOp(ctx); c != nil {
		return c.op.path
	}
	return ""
}

// guard returns the handler of operation op: it puts the operation in the
// request's context, then calls h inside the operation middlewares. A
// panic is logged with its stack and, before the response was started,
// answered with a 500 by the error handler (which gets a *PanicError);
// after, the response cannot be answered any more and the connection is
// aborted (see abort). http.ErrAbortHandler goes on to net/http.
func (s *httpServer) guard(op operation, h func(http.ResponseWriter, *http.Request)) http.HandlerFunc {
	var next http.Handler = http.HandlerFunc(h)
	for i := len(s.opMiddlewares) - 1; i >= 0; i-- {
		next = s.opMiddlewares[i](next)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		c := &opContext{Context: r.Context(), op: op, sw: startedWriter{ResponseWriter: w}}
		r = r.WithContext(c)
		defer func() {
			if p := recover(); p != nil {
				s.recovered(w, r, &c.sw, p)
			}
		}()
		next.ServeHTTP(&c.sw, r)
	}
}

// recovered handles the panic p of an operation's handler (see guard).
func (s *httpServer) recovered(w http.ResponseWriter, r *http.Request, sw *startedWriter, p any) {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	err := &PanicError{Value: p, Stack: debug.Stack()}
	if sw.started {
		s.abort(r, err)
	}
	s.logFailure(r, "handler panicked", err)
	s.onError(w, r, err)
}

// startedWriter is the writer an operation's handler gets: it records
// whether the response was started (its status line and headers may have
// been sent), after which a panic or an error can no longer be answered.
type startedWriter struct {
	http.ResponseWriter
	started bool
	// writeFailed: writing the body failed, the client is gone most often.
	writeFailed bool
}

// WriteHeader starts the response, unless the status is informational
// (1xx but 101), which a final response follows.
func (w *startedWriter) WriteHeader(code int) {
	w.ResponseWriter.WriteHeader(code) // panics, not started, on a bad code
	if code < 100 || code > 199 || code == http.StatusSwitchingProtocols {
		w.started = true
	}
}

func (w *startedWriter) Write(p []byte) (int, error) {
	w.started = true
	n, err := w.ResponseWriter.Write(p)
	if err != nil {
		w.writeFailed = true
	}
	return n, err
}

// ReadFrom keeps the underlying writer's ReadFrom (sendfile) for io.Copy.
func (w *startedWriter) ReadFrom(src io.Reader) (int64, error) {
	w.started = true
	return io.Copy(w.ResponseWriter, src)
}

// FlushError and Flush send what was written (http.ResponseController
// and http.Flusher).
func (w *startedWriter) FlushError() error {
	err := http.NewResponseController(w.ResponseWriter).Flush()
	if !errors.Is(err, http.ErrNotSupported) {
		w.started = true
	}
	return err
}

func (w *startedWriter) Flush() { w.FlushError() }

// Hijack takes the connection over (http.ResponseController and
// http.Hijacker); the server writes nothing after.
func (w *startedWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil {
		w.started = true
	}
	return conn, rw, err
}

// Unwrap returns the underlying writer, for http.ResponseController.
func (w *startedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// abort ends a request whose response was started when its handler
// panicked or returned err: a problem written now would be appended to
// what the client already got. It logs err (unless it is nil: a write
// failed, the client is gone) and panics with http.ErrAbortHandler, on
// which net/http closes the connection (HTTP/2: resets the stream) without
// finishing the response: the client sees it cut.
func (s *httpServer) abort(r *http.Request, err error) {
	if err != nil {
		what := "handler failed"
		if isPanic(err) {
			what = "handler panicked"
		}
		s.logFailure(r, what+" after the response was started; aborting it", err)
	}
	panic(http.ErrAbortHandler)
}

// logFailure logs, at level Error, what went wrong on the server's side
// serving r: a handler's error or a *PanicError, with its value and stack.
func (s *httpServer) logFailure(r *http.Request, msg string, err error) {
	logger := s.logger
	if logger == nil {
		logger = slog.Default()
	}
	attrs := []slog.Attr{slog.String("operation", OperationID(r.Context())), slog.String("method", r.Method), slog.String("path", r.URL.Path)}
	if pe, ok := err.(*PanicError); ok {
		attrs = append(attrs, slog.Any("panic", pe.Value), slog.String("stack", string(pe.Stack)))
	} else {
		attrs = append(attrs, slog.Any("error", err))
	}
	logger.LogAttrs(r.Context(), slog.LevelError, msg, attrs...)
}

// matchFallback returns the fallback route for r, its path values set, or
// the methods of the fallback routes its path matches.
func (s *httpServer) matchFallback(r *http.Request) (http.HandlerFunc, []string) {
	path, ok := strings.CutPrefix(r.URL.EscapedPath(), s.basePath)
	if !ok || len(s.fallbacks) == 0 {
		return nil, nil
	}
	var allow []string
	for _, f := range s.fallbacks {
		m := f.re.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		if f.method != r.Method && !(f.method == http.MethodGet && r.Method == http.MethodHead) {
			allow = append(allow, f.method)
			continue
		}
		for i, key := range f.keys {
			value, err := url.PathUnescape(m[i+1])
			if err != nil {
				return nil, nil
			}
			r.SetPathValue(key, value)
		}
		return f.h, nil
	}
	return nil, allow
}

// handler returns the finished handler: the mux inside the middlewares.
// A catch-all pattern takes every request no route matches: it tries the
// fallback routes, then answers 405 with Allow when other methods are
// routed on the path, else 404, as problems.
func (s *httpServer) handler() http.Handler {
	s.mux.HandleFunc("/", s.unrouted)
	var h http.Handler = s.mux
	if len(s.fallbacks) > 0 {
		h = s.uncleanFirst(h)
	}
	for i := len(s.middlewares) - 1; i >= 0; i-- {
		h = s.middlewares[i](h)
	}
	return h
}

// uncleanFirst tries the fallback routes first for a path the ServeMux
// would redirect to its clean form (a path template with "//" or "/./"
// in its text), then next.
func (s *httpServer) uncleanFirst(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; strings.Contains(p, "//") || strings.Contains(p, "/./") || strings.Contains(p, "/../") ||
			strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..") {
			if h, _ := s.matchFallback(r); h != nil {
				h(w, r)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// unrouted answers a request no ServeMux route matched.
func (s *httpServer) unrouted(w http.ResponseWriter, r *http.Request) {
	h, allow := s.matchFallback(r)
	if h != nil {
		h(w, r)
		return
	}
	allow = append(allow, s.allowed(r)...)
	status := http.StatusNotFound
	if len(allow) > 0 {
		if slices.Contains(allow, http.MethodGet) && !slices.Contains(allow, http.MethodHead) {
			allow = append(allow, http.MethodHead)
		}
		slices.Sort(allow)
		w.Header().Set("Allow", strings.Join(slices.Compact(allow), ", "))
		status = http.StatusMethodNotAllowed
	}
	s.onError(w, r, &Problem{Status: status, Detail: routeDetail(status, r)})
}

// allowed lists the methods the ServeMux routes r's path for: the patterns
// it would pick for r with each method the server serves.
func (s *httpServer) allowed(r *http.Request) []string {
	var allow []string
	probe := *r
	for _, m := range s.methods {
		probe.Method = m
		if _, pattern := s.mux.Handler(&probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	return allow
}

func routeDetail(status int, r *http.Request) string {
	if status == http.StatusMethodNotAllowed {
		return "method " + r.Method + " is not allowed on " + r.URL.Path
	}
	return "no route for " + r.URL.Path
}

// notImplemented is the error every method of Unimplemented and
// UnimplementedStrict returns: a 501 problem naming the method.
func notImplemented(method string) error {
	return &Problem{Status: http.StatusNotImplemented, Detail: method + " is not implemented"}
}

// fail answers a request with err through the error handler.
func (s *httpServer) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.onError(w, r, err)
}

// openBody checks a request body's content type against accept, the
// declared media types separated by commas (415 otherwise), and returns the
// body with its media type parameters; the caller limits it to the body
// limit. The body is nil when the request has none, a 400 when it is
// required.
func (s *httpServer) openBody(w http.ResponseWriter, r *http.Request, required bool, accept string) (io.ReadCloser, map[string]string, *Problem) {
	if r.ContentLength != 0 && r.Body != nil && r.Body != http.NoBody {
		ct := r.Header.Get("Content-Type")
		if len(r.Header["Content-Type"]) > 1 { // which one a proxy before us read is anyone's guess
			return nil, nil, &Problem{Status: http.StatusUnsupportedMediaType, Detail: "the request has several Content-Type headers"}
		}
		media, params, err := parseMediaType(ct)
		if err != nil || !mediaAccepted(media, accept) {
			return nil, nil, &Problem{Status: http.StatusUnsupportedMediaType, Detail: fmt.Sprintf("content type %q is not one of %s", ct, accept)}
		}
		return r.Body, params, nil
	}
	if required {
		return nil, nil, missingBody()
	}
	return nil, nil, nil
}

func missingBody() *Problem {
	return &Problem{Status: http.StatusBadRequest, Detail: "the request body is required",
		Violations: []Violation{{Path: "/body", Keyword: "required", Message: "missing required request body"}}}
}

// readBody reads a whole request body (see openBody) into a pooled
// buffer: nil when there is none or it is empty (a 400 when required), 413
// past the body limit. Release the buffer once the body is decoded.
func (s *httpServer) readBody(w http.ResponseWriter, r *http.Request, required bool, accept string) (*bodyBuffer, *Problem) {
	body, params, p := s.openBody(w, r, required, accept)
	if body == nil {
		return nil, p
	}
	if p := charsetProblem(r, params); p != nil {
		return nil, p
	}
	buf, err := readAll(body, r.ContentLength, s.bodyLimit)
	if err != nil {
		return nil, readProblem(err)
	}
	if len(buf.data) > 0 {
		return buf, nil
	}
	buf.release()
	if required {
		return nil, missingBody()
	}
	return nil, nil
}

// charsetProblem is the 415 for a body the server decodes as UTF-8 (JSON,
// form, text) whose Content-Type names another charset: decoded as UTF-8,
// its text would change silently. No charset is UTF-8.
func charsetProblem(r *http.Request, params map[string]string) *Problem {
	cs, ok := params["charset"]
	if !ok || strings.EqualFold(cs, "utf-8") || strings.EqualFold(cs, "utf8") {
		return nil
	}
	return &Problem{Status: http.StatusUnsupportedMediaType,
		Detail: fmt.Sprintf("charset %q is not supported, the body must be UTF-8 (content type %q)", cs, r.Header.Get("Content-Type"))}
}

// bodyBuffer holds a request body while it is decoded. Decoding copies
// what it keeps (the generated decoders copy strings, and an UnmarshalJSON
// must copy what it retains), so the buffer is reused for later requests.
type bodyBuffer struct{ data []byte }

var bodyBuffers = sync.Pool{New: func() any { return &bodyBuffer{data: make([]byte, 0, 4096)} }}

// maxPooledBody is the largest body buffer kept for reuse.
const maxPooledBody = 1 << 20

// release returns the buffer to the pool; the body must not be used after.
func (b *bodyBuffer) release() {
	if b != nil && cap(b.data) <= maxPooledBody {
		b.data = b.data[:0]
		bodyBuffers.Put(b)
	}
}

// text returns the body as a string ("" for none) and releases the buffer.
func (b *bodyBuffer) text() string {
	if b == nil {
		return ""
	}
	s := string(b.data)
	b.release()
	return s
}

// readAll reads a body of at most limit bytes whose length the request
// may announce (-1 when unknown) into a pooled buffer of at least that
// size. A longer body is an *http.MaxBytesError.
func readAll(body io.Reader, size, limit int64) (*bodyBuffer, error) {
	if size > limit {
		return nil, &http.MaxBytesError{Limit: limit}
	}
	buf := bodyBuffers.Get().(*bodyBuffer)
	if size+1 > int64(cap(buf.data)) { // +1: the read that sees EOF needs room
		buf.data = make([]byte, 0, size+1)
	}
	data := buf.data[:0]
	for {
		n, err := body.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		buf.data = data
		if int64(len(data)) > limit {
			buf.release()
			return nil, &http.MaxBytesError{Limit: limit}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			buf.release()
			return nil, err
		}
		if len(data) == cap(data) { // longer than announced
			data = append(data, 0)[:len(data)]
		}
	}
}

// readProblem turns an error reading the body into 413 past the limit,
// else 400.
func readProblem(err error) *Problem {
	if mb, ok := asError[*http.MaxBytesError](err); ok {
		return &Problem{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("the body is larger than %d bytes", mb.Limit)}
	}
	return &Problem{Status: http.StatusBadRequest, Detail: "reading the body: " + err.Error()}
}

// readForm reads an application/x-www-form-urlencoded body: nil values
// when there is none.
func (s *httpServer) readForm(w http.ResponseWriter, r *http.Request, required bool, accept string) (url.Values, *Problem) {
	buf, p := s.readBody(w, r, required, accept)
	if buf == nil {
		return nil, p
	}
	values, err := url.ParseQuery(buf.text())
	if err != nil {
		return nil, &Problem{Status: http.StatusBadRequest, Detail: "the request body is invalid",
			Violations: []Violation{{Path: "/body", Keyword: "form", Message: err.Error()}}}
	}
	return values, nil
}

// readMultipart opens a multipart body as a stream of parts: nil when there
// is none. A body without a boundary is a 400.
func (s *httpServer) readMultipart(w http.ResponseWriter, r *http.Request, required bool, accept string) (*multipart.Reader, *Problem) {
	body, params, p := s.openBody(w, r, required, accept)
	if body == nil {
		return nil, p
	}
	if params["boundary"] == "" {
		return nil, &Problem{Status: http.StatusBadRequest, Detail: "the multipart body has no boundary parameter in its Content-Type"}
	}
	return multipart.NewReader(http.MaxBytesReader(netWriter(w, r), body, s.bodyLimit), params["boundary"]), nil
}

// streamBody returns the body as a stream limited to the body limit;
// http.NoBody when there is none.
func (s *httpServer) streamBody(w http.ResponseWriter, r *http.Request, required bool, accept string) (io.Reader, *Problem) {
	body, _, p := s.openBody(w, r, required, accept)
	if body == nil {
		if p == nil {
			return http.NoBody, nil
		}
		return nil, p
	}
	return http.MaxBytesReader(netWriter(w, r), body, s.bodyLimit), nil
}

// netWriter returns the writer the operation's handler was given, below
// the server's and the operation middlewares' wrappers, for
// http.MaxBytesReader, which tells net/http's to close the connection
// after a body past the limit.
func netWriter(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
	if c := requestOp(r.Context()); c != nil {
		return c.sw.ResponseWriter
	}
	return w
}

// bodyProblem turns a decoding or validation error of the body into a 400
// whose violations point below /body.
func bodyProblem(err error) *Problem {
	p := &Problem{Status: http.StatusBadRequest, Detail: "the request body is invalid"}
	p.Violations = violationsAt("/body", "/body", "json", err)
	return p
}

// violationsAt lists the violations of err below prefix; an error that is
// not a *ValidationError becomes one violation at path with keyword.
func violationsAt(prefix, path, keyword string, err error) []Violation {
	ve, ok := asError[*ValidationError](err)
	if !ok {
		return []Violation{{Path: path, Keyword: keyword, Message: err.Error()}}
	}
	out := make([]Violation, len(ve.Violations))
	for i, v := range ve.Violations {
		v.Path = prefix + v.Path
		out[i] = v
	}
	return out
}

// capturedResponse holds what a handler writes while responses are
// checked (WithResponseValidation), until the check lets it through.
//
// A response of a sequential media type (an event stream, JSON Lines) is
// not held: it goes straight to w, its items checked as they are written.
type capturedResponse struct {
	w      http.ResponseWriter
	header http.Header
	status int
	body   []byte
	// streaming: the response is a stream, written through to w.
	streaming bool
}

func (c *capturedResponse) Header() http.Header { return c.header }

func (c *capturedResponse) WriteHeader(code int) {
	if c.status != 0 {
		return
	}
	c.status = code
	if code >= 200 && sequenceFraming(c.header.Get("Content-Type")) != "" {
		c.streaming = true
		c.copyHeader(c.w)
		c.w.WriteHeader(code)
	}
}

func (c *capturedResponse) Write(p []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	if c.streaming {
		return c.w.Write(p)
	}
	c.body = append(c.body, p...)
	return len(p), nil
}

// FlushError flushes a stream (see http.ResponseController); what is held
// is sent when the handler returns. As net/http's, it starts the response.
func (c *capturedResponse) FlushError() error {
	c.WriteHeader(http.StatusOK)
	if !c.streaming {
		return nil
	}
	return http.NewResponseController(c.w).Flush()
}

// copyHeader copies the captured headers to w.
func (c *capturedResponse) copyHeader(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range c.header {
		h[k] = v
	}
}

// capture returns the writer a handler method writes to: w itself, or a
// capturedResponse when responses are checked.
func (s *httpServer) capture(w http.ResponseWriter) http.ResponseWriter {
	if !s.validateResponses {
		return w
	}
	return &capturedResponse{w: w, header: http.Header{}}
}

// finish ends a request after the handler method returned err, having
// written to cw (see capture). A captured response is checked with check
// and sent, or replaced by a 500 problem; with an error, what was captured
// is dropped (its headers kept when nothing was written) and the error
// answered. Otherwise an error goes to the error handler when the response
// was not started (logged unless it is a *Problem), else the connection is
// aborted (see abort).
func (s *httpServer) finish(w http.ResponseWriter, r *http.Request, cw http.ResponseWriter, err error, check func(status int, header http.Header, body []byte) error) {
	if c, ok := cw.(*capturedResponse); ok && !c.streaming {
		switch {
		case err != nil:
			if c.status == 0 {
				c.copyHeader(w)
			}
		case c.status == 0:
			c.copyHeader(w)
			return
		default:
			if cerr := check(c.status, c.header, c.body); cerr != nil {
				err = responseProblem(cerr)
				break
			}
			c.copyHeader(w)
			w.WriteHeader(c.status)
			w.Write(c.body)
			return
		}
	}
	if err == nil {
		return
	}
	if c := requestOp(r.Context()); c != nil && c.sw.started {
		if c.sw.writeFailed {
			err = nil // the client is gone: nothing to log
		}
		s.abort(r, err)
	}
	if !clientFault(err) {
		s.logFailure(r, "handler failed", err)
	}
	s.fail(w, r, err)
}

// responseProblem is the 500 for a response the spec does not allow.
func responseProblem(err error) *Problem {
	if p, ok := asError[*Problem](err); ok {
		return p
	}
	p := &Problem{Status: http.StatusInternalServerError, Detail: "the response does not match the spec"}
	p.Violations = violationsAt("/response/body", "/response", "response", err)
	return p
}

// checkJSONResponse checks a response declared as JSON of type T: its
// Content-Type is JSON and its body decodes into T and validates.
func checkJSONResponse[T any](header http.Header, body []byte) error {
	media, _, err := parseMediaType(header.Get("Content-Type"))
	if err != nil || !isJSONMedia(media) {
		return fmt.Errorf("Content-Type %q is not the declared JSON", header.Get("Content-Type"))
	}
	var x T
	if err := decodeBody(body, &x); err != nil {
		return err
	}
	if v, ok := any(&x).(validatable); ok {
		return ValidateResponse(v)
	}
	return nil
}

// undeclaredStatus is the error of a response whose status the operation
// does not declare (and that has no default response).
func undeclaredStatus(status int) error {
	return fmt.Errorf("status %d is not declared", status)
}
