package rt

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// DefaultResponseLimit is the largest response body the client reads into
// memory unless WithResponseLimit says otherwise: 64 MiB. Streams (binary
// bodies, event streams) are not limited.
const DefaultResponseLimit = 64 << 20

// errorBodyPrefix bounds the body an error keeps of a response it could
// not decode or did not expect.
const errorBodyPrefix = 4 << 10

// Doer sends an HTTP request and returns its response, as *http.Client
// does; any type with this method can send the client's requests.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// DoerFunc is a function that is a Doer.
type DoerFunc func(req *http.Request) (*http.Response, error)

// Do calls f(req).
func (f DoerFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

// RequestEditor edits a request before it is sent (a header, a token); an
// error it returns is returned by the call, and nothing is sent.
type RequestEditor func(ctx context.Context, req *http.Request) error

// ClientMiddleware wraps the Doer that sends every request: it sees each
// request and its response, for logging, tracing, metrics or retries.
type ClientMiddleware func(next Doer) Doer

// ClientOption configures a Client (see NewClient).
type ClientOption func(*clientOptions)

type clientOptions struct {
	doer              Doer
	editors           []RequestEditor
	middleware        []ClientMiddleware
	userAgent         string
	noRequestChecks   bool
	validateResponses bool
	responseLimit     int64
	serverVars        map[string]string
	serverIndex       int
	credentials       map[string]credential // by security scheme name
}

// WithHTTPClient sends the requests with d (default: http.DefaultClient):
// an *http.Client with its own transport and timeouts, or any Doer.
func WithHTTPClient(d Doer) ClientOption { return func(o *clientOptions) { o.doer = d } }

// WithRequestEditor adds an editor every request goes through before it is
// sent, after the user agent is set; editors run in the order given.
func WithRequestEditor(fn RequestEditor) ClientOption {
	return func(o *clientOptions) { o.editors = append(o.editors, fn) }
}

// WithClientMiddleware wraps the sending of every request; the first is
// outermost.
func WithClientMiddleware(mw ...ClientMiddleware) ClientOption {
	return func(o *clientOptions) { o.middleware = append(o.middleware, mw...) }
}

// WithUserAgent sets the User-Agent header of every request.
func WithUserAgent(ua string) ClientOption { return func(o *clientOptions) { o.userAgent = ua } }

// WithoutRequestValidation sends parameters and bodies without checking
// them against the spec first (they are checked by default).
func WithoutRequestValidation() ClientOption {
	return func(o *clientOptions) { o.noRequestChecks = true }
}

// WithValidatedResponses checks every decoded JSON response body against
// the spec (without its readOnly... writeOnly properties): one that breaks
// it is a *DecodeError holding a *ValidationError.
func WithValidatedResponses() ClientOption {
	return func(o *clientOptions) { o.validateResponses = true }
}

// WithResponseLimit bounds the response bodies read into memory (default
// DefaultResponseLimit); a larger one is a *DecodeError wrapping
// ErrResponseTooLarge.
func WithResponseLimit(n int64) ClientOption {
	return func(o *clientOptions) { o.responseLimit = n }
}

// WithServer picks the spec's server at index (0 is the first) and sets
// its variables, when NewClient is given no URL; a variable not set takes
// its default, and one with an enum must be one of its values.
func WithServer(index int, vars map[string]string) ClientOption {
	return func(o *clientOptions) { o.serverIndex, o.serverVars = index, vars }
}

// Client calls the API's operations over HTTP; it is safe for concurrent
// use.
type Client struct {
	base *url.URL
	doer Doer
	opts clientOptions
}

// NewClient returns a client of the API at serverURL, such as
// https://api.example.com/v1; with "" it uses the spec's first server (or
// the one WithServer picks), its variables filled in.
func NewClient(serverURL string, opts ...ClientOption) (*Client, error) {
	c := &Client{opts: clientOptions{responseLimit: DefaultResponseLimit}}
	for _, o := range opts {
		o(&c.opts)
	}
	if serverURL == "" {
		var err error
		if serverURL, err = specServerURL(c.opts.serverIndex, c.opts.serverVars); err != nil {
			return nil, err
		}
	}
	base, err := url.Parse(serverURL)
	if err != nil {
		return nil, fmt.Errorf("server URL: %w", err)
	}
	if base.Scheme != "http" && base.Scheme != "https" || base.Host == "" {
		return nil, fmt.Errorf("server URL %q: want http:// or https:// and a host", serverURL)
	}
	base.Path = strings.TrimSuffix(base.Path, "/")
	base.RawPath = strings.TrimSuffix(base.RawPath, "/")
	c.base = base
	c.doer = c.opts.doer
	if c.doer == nil {
		c.doer = http.DefaultClient
	}
	for i := len(c.opts.middleware) - 1; i >= 0; i-- {
		c.doer = c.opts.middleware[i](c.doer)
	}
	return c, nil
}

// serverTemplate is one of the spec's servers: its URL template and
// variables.
type serverTemplate struct {
	url  string
	vars []serverVar
}

// serverVar is a variable of a server URL template.
type serverVar struct {
	name, def string
	enum      []string
}

// serverURLOf fills in the variables of a server URL template: vars, or
// their defaults; a value outside a variable's enum is an error, as is an
// unknown variable.
func serverURLOf(s serverTemplate, vars map[string]string) (string, error) {
	known := map[string]bool{}
	out := s.url
	for _, v := range s.vars {
		known[v.name] = true
		value, ok := vars[v.name]
		if !ok {
			value = v.def
		}
		if len(v.enum) > 0 && !containsString(v.enum, value) {
			return "", fmt.Errorf("server variable %s: %q is not one of %s", v.name, value, strings.Join(v.enum, ", "))
		}
		out = strings.ReplaceAll(out, "{"+v.name+"}", value)
	}
	for name := range vars {
		if !known[name] {
			return "", fmt.Errorf("server %s has no variable %s", s.url, name)
		}
	}
	return out, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// operationInfo describes an operation to the client's sending path.
type operationInfo struct {
	id, method, path string
	// server is the operation's own server URL (its servers), "" for the
	// client's.
	server string
	// security lists the operation's security requirements, each the names
	// of the schemes it needs together.
	security [][]string
}

// requestBuilder assembles the URL and headers of one request.
type requestBuilder struct {
	c      *Client
	op     *operationInfo
	path   []byte // escaped
	query  []byte // escaped
	header http.Header
	err    error
	// reserved is set while a query parameter with allowReserved is
	// written: its values keep their reserved characters.
	reserved bool
}

func (c *Client) newRequest(op *operationInfo) *requestBuilder {
	b := &requestBuilder{c: c, op: op, path: make([]byte, 0, 64)}
	return b
}

// dotSegment reports whether the escaped path has a segment "." or "..".
func dotSegment(path []byte) bool {
	for seg := range bytes.SplitSeq(path, []byte("/")) {
		if string(seg) == "." || string(seg) == ".." {
			return true
		}
	}
	return false
}

// fail records the first error of a parameter.
func (b *requestBuilder) fail(name string, err error) {
	if b.err == nil {
		b.err = &RequestError{Operation: b.op.id, Err: fmt.Errorf("parameter %s: %w", name, err)}
	}
}

// setHeader sets a request header.
func (b *requestBuilder) setHeader(name, value string) {
	if b.header == nil {
		b.header = make(http.Header, 4)
	}
	b.header[http.CanonicalHeaderKey(name)] = []string{value}
}

// build makes the request with its body (nil for none) and Content-Type.
func (b *requestBuilder) build(ctx context.Context, body io.Reader, contentType string) (*http.Request, error) {
	if b.err != nil {
		return nil, b.err
	}
	if dotSegment(b.path) {
		// A parameter written as the whole segment "." or "..": servers
		// remove such segments, so the request would reach another path.
		return nil, &RequestError{Operation: b.op.id, Err: errors.New(`a path parameter is "." or "..", which the path cannot hold`)}
	}
	u := *b.c.base
	if b.op.server != "" {
		base, err := url.Parse(b.op.server)
		if err != nil {
			return nil, &RequestError{Operation: b.op.id, Err: fmt.Errorf("server URL: %w", err)}
		}
		u = *b.c.base.ResolveReference(base) // a relative server is the client's
		u.Path, u.RawPath = strings.TrimSuffix(u.Path, "/"), strings.TrimSuffix(u.RawPath, "/")
	}
	raw := u.EscapedPath() + string(b.path)
	u.RawPath = raw
	if strings.IndexByte(raw, '%') < 0 {
		u.Path = raw
	} else if u.Path, b.err = url.PathUnescape(raw); b.err != nil {
		return nil, &RequestError{Operation: b.op.id, Err: b.err}
	}
	u.RawQuery = string(b.query)
	req, err := http.NewRequestWithContext(ctx, b.op.method, "", body)
	if err != nil {
		return nil, &RequestError{Operation: b.op.id, Err: err}
	}
	req.URL, req.Host = &u, u.Host
	if b.header != nil {
		req.Header = b.header
	}
	if contentType != "" {
		req.Header["Content-Type"] = []string{contentType}
	}
	return req, nil
}

// send sends req for op through the editors and the Doer; every request
// of the client goes through it.
func (c *Client) send(ctx context.Context, op *operationInfo, req *http.Request) (*http.Response, error) {
	if c.opts.userAgent != "" {
		req.Header.Set("User-Agent", c.opts.userAgent)
	}
	if err := c.authorize(ctx, op, req); err != nil {
		return nil, &RequestError{Operation: op.id, Err: err}
	}
	for _, edit := range c.opts.editors {
		if err := edit(ctx, req); err != nil {
			return nil, &RequestError{Operation: op.id, Err: err}
		}
	}
	resp, err := c.doer.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", op.method, op.path, err)
	}
	if resp == nil || resp.Body == nil {
		return nil, fmt.Errorf("%s %s: the Doer returned no response and no error", op.method, op.path)
	}
	return resp, nil
}

// RequestError is a request the client did not send: a parameter or body
// that breaks the spec (a *ValidationError inside), cannot be written in
// its style, or a request editor's error.
type RequestError struct {
	Operation string
	Err       error
}

// Error says which operation's request was not sent, and why.
func (e *RequestError) Error() string { return e.Operation + ": request not sent: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// ResponseError is the error of a call whose response is not a success:
// Response holds its typed response when the spec declares the status
// (errors.As finds it too, such as GetCart404JSONResponse), and Body the
// beginning of the body when it does not.
type ResponseError struct {
	Operation  string
	StatusCode int
	Header     http.Header
	// Response is the decoded typed response of the status; nil for a
	// status the operation does not declare.
	Response any
	// Body is the first bytes (at most 4 KiB) of a response the operation
	// does not declare.
	Body []byte
}

// Error gives the operation and the status, and for a status the
// operation does not declare, the problem's title and detail when the body
// is one.
func (e *ResponseError) Error() string {
	s := e.Operation + ": status " + strconv.Itoa(e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		s += " " + t
	}
	if e.Response == nil {
		s += " (not declared)"
		if detail := problemDetail(e.Body); detail != "" {
			s += ": " + detail
		}
	}
	return s
}

// Unwrap returns the typed response when it is an error, as typed
// responses of error statuses are.
func (e *ResponseError) Unwrap() error {
	err, _ := e.Response.(error)
	return err
}

// problemDetail returns the title and detail of an RFC 9457 problem
// document, or "".
func problemDetail(body []byte) string {
	var p struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	if json.Unmarshal(body, &p) != nil {
		return ""
	}
	if p.Detail != "" && p.Title != "" {
		return p.Title + ": " + p.Detail
	}
	return p.Title + p.Detail
}

// ErrResponseTooLarge is wrapped by the *DecodeError of a response body
// past the limit (WithResponseLimit).
var ErrResponseTooLarge = errors.New("response body too large")

// DecodeError is a response the client could not read as the spec
// declares it: a Content-Type the status does not declare, a body that is
// not valid JSON, breaks the schema (a *ValidationError inside), is cut
// short or past the limit.
type DecodeError struct {
	Operation   string
	StatusCode  int
	Header      http.Header
	ContentType string
	// Body is the first bytes (at most 4 KiB) of the body, when read.
	Body []byte
	Err  error
}

// Error gives the operation, the status, the Content-Type and the cause.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: status %d, Content-Type %q: %v", e.Operation, e.StatusCode, e.ContentType, e.Err)
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// response is a response being read by an operation's generated reader.
type response struct {
	c    *Client
	op   *operationInfo
	resp *http.Response
	// media is the lower-case media type of the Content-Type.
	media string
	buf   *[]byte // the body, once read (pooled)
}

func (c *Client) response(op *operationInfo, resp *http.Response) *response {
	media, _, _ := parseMediaType(resp.Header.Get("Content-Type"))
	return &response{c: c, op: op, resp: resp, media: media}
}

// is reports whether the response's media type is within declared.
func (r *response) is(declared string) bool {
	return r.media != "" && mediaAccepted(r.media, declared)
}

var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// read reads the whole body, up to the limit, and closes it.
func (r *response) read() ([]byte, error) {
	if r.buf != nil {
		return *r.buf, nil
	}
	defer r.resp.Body.Close()
	buf := bodyPool.Get().(*[]byte)
	data, limit := (*buf)[:0], r.c.opts.responseLimit
	if n := r.resp.ContentLength; n > limit {
		return nil, r.fail(ErrResponseTooLarge, nil)
	} else if n > int64(cap(data)) {
		data = make([]byte, 0, n+1)
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.resp.Body.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, r.fail(ErrResponseTooLarge, data)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, r.fail(err, data)
		}
	}
	*buf = data
	r.buf = buf
	return data, nil
}

// release returns the body's buffer to the pool once it is decoded.
func (r *response) release() {
	if r.buf != nil && cap(*r.buf) <= 1<<20 {
		bodyPool.Put(r.buf)
	}
	r.buf = nil
}

// discard closes a body the spec declares none for.
func (r *response) discard() {
	io.Copy(io.Discard, io.LimitReader(r.resp.Body, errorBodyPrefix))
	r.resp.Body.Close()
}

// stream returns the body as a stream the caller closes.
func (r *response) stream() io.Reader { return r.resp.Body }

// fail returns a *DecodeError with err and the beginning of data.
func (r *response) fail(err error, data []byte) error {
	return &DecodeError{Operation: r.op.id, StatusCode: r.resp.StatusCode, Header: r.resp.Header,
		ContentType: r.resp.Header.Get("Content-Type"), Body: prefix(data), Err: err}
}

func prefix(data []byte) []byte {
	return bytes.Clone(data[:min(len(data), errorBodyPrefix)])
}

// text reads a text body.
func (r *response) text() (string, error) {
	data, err := r.read()
	s := string(data)
	r.release()
	return s, err
}

// buffered reads a body declared as a stream into memory, for a status
// that is not a success: the error keeps it, with nothing left to close.
func (r *response) buffered() (io.Reader, error) {
	data, err := r.read()
	if err != nil {
		return nil, err
	}
	b := bytes.NewReader(bytes.Clone(data))
	r.release()
	return b, nil
}

// unexpected is the error of a status the operation does not declare.
func (r *response) unexpected() error {
	data, _ := io.ReadAll(io.LimitReader(r.resp.Body, errorBodyPrefix))
	r.resp.Body.Close()
	return &ResponseError{Operation: r.op.id, StatusCode: r.resp.StatusCode, Header: r.resp.Header, Body: data}
}

// undeclaredMedia is the error of a Content-Type the status does not declare.
func (r *response) undeclaredMedia(declared string) error {
	data, _ := io.ReadAll(io.LimitReader(r.resp.Body, errorBodyPrefix))
	r.resp.Body.Close()
	return r.fail(fmt.Errorf("the Content-Type is not the declared %s", declared), data)
}

// failure is the error a common call returns for a typed response of a
// status that is not a success.
func (r *response) failure(res any) error {
	return &ResponseError{Operation: r.op.id, StatusCode: r.resp.StatusCode, Header: r.resp.Header, Response: res}
}

// decodeJSONBody decodes a JSON body with a value's generated decoder
// (decode), then checks it with its validate method when the client
// validates responses and the type has one (validate is nil otherwise).
// The generated code passes method values of a local variable: unlike a
// pointer through a type parameter or an interface, they let the variable
// stay on the stack.
func (r *response) decodeJSONBody(decode func(*reader, *validator), validate func(*validator)) error {
	data, err := r.read()
	if err != nil {
		return err
	}
	v := getValidator(modeResponse)
	defer putValidator(v)
	rd := reader{data: data}
	decode(&rd, v)
	rd.finish(v)
	if validate != nil && r.c.opts.validateResponses && rd.err == "" {
		validate(v)
	}
	if err := rd.result(v); err != nil {
		err = r.fail(err, data)
		r.release()
		return err
	}
	r.release()
	return nil
}

// validators holds the client's validators: one is large (its path stack)
// and escapes through the generated methods it is passed to, so a call
// takes one from the pool rather than allocating it.
var validators = sync.Pool{New: func() any { return new(validator) }}

func getValidator(mode validationMode) *validator {
	v := validators.Get().(*validator)
	v.mode = mode
	return v
}

// putValidator empties v, which drops what an error made from it still
// refers to (the violations), and returns it to the pool.
func putValidator(v *validator) {
	*v = validator{}
	validators.Put(v)
}

// checkValue validates a parameters struct or a request body (what names
// it in the error) before it is sent, unless the client is told not to; it
// reports false, with the error recorded, when the value cannot be sent.
func (b *requestBuilder) checkValue(x any, what string) bool {
	if b.err != nil {
		return false
	}
	vx, ok := x.(validatable)
	if !ok || b.c.opts.noRequestChecks {
		return true
	}
	v := getValidator(modeRequest)
	defer putValidator(v)
	vx.validate(v)
	if err := v.err(); err != nil {
		b.err = &RequestError{Operation: b.op.id, Err: fmt.Errorf("invalid %s: %w", what, err)}
		return false
	}
	return true
}

// unmarshalJSONResponse decodes a JSON body into x, a type without a
// generated decoder.
func unmarshalJSONResponse(r *response, x any) error {
	data, err := r.read()
	if err != nil {
		return err
	}
	err = json.Unmarshal(data, x)
	if err == nil && r.c.opts.validateResponses {
		if vx, ok := x.(validatable); ok {
			err = ValidateResponse(vx)
		}
	}
	if err != nil {
		err = r.fail(err, data)
	}
	r.release()
	return err
}

// header parses a declared response header; a missing optional one is
// not set, a missing required one or one that does not parse is an error.
func responseHeader[T any](r *response, name string, required bool, parse func(string) (T, error), dst *T) (bool, error) {
	vs := r.resp.Header.Values(name)
	if len(vs) == 0 {
		if required {
			return false, r.fail(fmt.Errorf("missing required header %s", name), nil)
		}
		return false, nil
	}
	x, err := parse(strings.Join(vs, ","))
	if err != nil {
		return false, r.fail(fmt.Errorf("header %s: %w", name, err), nil)
	}
	*dst = x
	return true, nil
}

// headerItems splits a comma-separated header value and parses each item.
func headerItems[T any](parse func(string) (T, error)) func(string) ([]T, error) {
	return func(s string) ([]T, error) {
		if s == "" {
			return []T{}, nil
		}
		parts := strings.Split(s, ",")
		out := make([]T, len(parts))
		for i, p := range parts {
			x, err := parse(strings.TrimSpace(p))
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
}

// errorText is the message of a typed response of an error status.
func errorText(op string, status int, declared string) string {
	s := op + ": status " + strconv.Itoa(status)
	if t := http.StatusText(status); t != "" {
		s += " " + t
	}
	if declared != "" && declared != strconv.Itoa(status) {
		s += " (" + declared + ")"
	}
	return s
}
