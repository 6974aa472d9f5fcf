package api

// This file is copied next to the code generated from each random spec
// (server, client) by generator/random_test.go, with echo_ops_test.go,
// which the harness writes from the generated code: echoOps (each
// operation's client call), the StrictServerInterface methods of
// echoServer (and of StrictWebhookInterface), the SecurityHandler methods
// of echoGuard, echoPool (the spec's enum and const values) and echoMount
// (the handlers of webhooks whose path items are paths too, where the
// client's calls of those paths go). It reads the spec (openapi.json, beside it) for
// each parameter's location and style and the security schemes' kinds.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/rand"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// echoOp is an operation's client call: call sends params and body (the
// values newParams and newBody point to; nil: none) through the
// operation's call function.
type echoOp struct {
	op        *operationInfo
	newParams func() any
	newBody   func() any
	// skip are the positions of the parameters the server does not bind
	// (nor the client write): such as form cookies of nested shapes.
	skip []int
	form bool // the body is a form
	call func(ctx context.Context, c *Client, params, body any) (*response, error)
}

// echoForm is how a form body's properties are written: as exploded
// query parameters are.
var echoForm = echoParam{In: "query", Style: "form"}

// echoPart is a field of a multipart body.
type echoPart struct{ Name, Value string }

// echoServer implements StrictServerInterface (echo_ops_test.go): every
// method keeps the request's parameters and body and answers 418.
type echoServer struct {
	UnimplementedStrict
	mu           sync.Mutex
	called       bool
	params, body any
}

var errEcho = &Problem{Status: http.StatusTeapot, Detail: "echoed"}

// record keeps the Params and Body of req, a request object; a stream
// body is read, a multipart one into its fields.
func (s *echoServer) record(req any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called = true
	v := reflect.ValueOf(req)
	if f := v.FieldByName("Params"); f.IsValid() {
		s.params = f.Interface()
	}
	f := v.FieldByName("Body")
	if !f.IsValid() {
		return errEcho
	}
	switch b := f.Interface().(type) {
	case *multipart.Reader:
		parts := []echoPart{}
		for {
			p, err := b.NextPart()
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
			parts = append(parts, echoPart{p.FormName(), string(data)})
		}
		s.body = parts
	case io.Reader:
		data, err := io.ReadAll(b)
		if err != nil {
			return err
		}
		s.body = data
	default:
		s.body = b
	}
	return errEcho
}

func (s *echoServer) reset() {
	s.mu.Lock()
	s.called, s.params, s.body = false, nil, nil
	s.mu.Unlock()
}

// echoMultipart is the multipart body of parts.
func echoMultipart(parts []echoPart) *MultipartBody {
	m := &MultipartBody{}
	for _, p := range parts {
		m.Field(p.Name, p.Value)
	}
	return m
}

// echoGuard accepts every credential (its methods are in
// echo_ops_test.go).
type echoGuard struct{}

// echoSpec is what the test reads from openapi.json.
type echoSpec struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		SecuritySchemes map[string]struct {
			Type, Scheme, In, Name string
		} `json:"securitySchemes"`
		PathItems map[string]map[string]json.RawMessage `json:"pathItems"` // OpenAPI 3.1
	} `json:"components"`
}

type echoParam struct {
	Name, In, Style string
	Explode         *bool
	Schema          map[string]any
	Content         map[string]any
	// forbid are the characters of the literal text in a path
	// parameter's segment ({name}.{ext}): in its value, they would split
	// the segment elsewhere.
	forbid string
}

func (p echoParam) explode() bool {
	if p.Explode != nil {
		return *p.Explode
	}
	return p.Style == "" || p.Style == "form" // the default style of the query and cookies
}

// TestEchoRoundTrip sends random valid values of every operation's
// parameters and body through the client to the generated strict server,
// whose implementation keeps what it read: that must equal what was sent
// (in the canonical form of echoCanonical). Values the schema refuses
// (Validate, ValidateRequest) or that the wire cannot carry (echoFill)
// are not sent; an operation whose security the client cannot meet
// (digest, mutual TLS) is left out.
func TestEchoRoundTrip(t *testing.T) {
	data, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec echoSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	srv := &echoServer{}
	// With the handlers of webhooks whose path items are paths too.
	ts := httptest.NewServer(echoMount(StrictHandler(srv, WithSecurityHandler(echoGuard{}), WithBasePath("/base")), srv))
	defer ts.Close()
	opts := []ClientOption{WithHTTPClient(ts.Client())}
	sendable := map[string]bool{}
	for name, s := range spec.Components.SecuritySchemes {
		switch {
		case s.Type == "apiKey" && (s.In != "cookie" || echoToken(s.Name)):
			opts = append(opts, WithAPIKey(name, "key"))
		case s.Type == "http" && strings.EqualFold(s.Scheme, "basic"):
			opts = append(opts, WithBasicAuth(name, "user", "password"))
		case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"), s.Type == "oauth2", s.Type == "openIdConnect":
			opts = append(opts, WithBearerToken(name, "token"))
		default:
			continue // digest, mutual TLS: the client sends none
		}
		sendable[name] = true
	}
	c, err := NewClient(ts.URL+"/base", opts...)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(3))
	echoed, skipped := 0, 0
	for _, op := range echoOps {
		params := echoParams(t, spec, op.op)
		if !echoReachable(op.op.security, spec, sendable) {
			skipped++
			continue
		}
		if slices.ContainsFunc(op.skip, func(i int) bool { return params[i].In == "path" }) {
			// A path parameter the client cannot write: it sends nothing.
			var re *RequestError
			if _, err := op.call(context.Background(), c, op.newParams(), echoNew(op.newBody)); !errors.As(err, &re) {
				t.Errorf("%s %s has a path parameter the client cannot write: %v, want a *RequestError", op.op.method, op.op.path, err)
			}
			skipped++
			continue
		}
		sent := 0
		for try := 0; try < 400 && sent < 3; try++ {
			var p, b any
			if op.newParams != nil {
				if p = echoValue(r, op.newParams, params, op.skip, false); p == nil {
					continue
				}
			}
			if op.newBody != nil {
				if b = echoValue(r, op.newBody, nil, nil, op.form); b == nil {
					continue
				}
			}
			srv.reset()
			res, err := op.call(context.Background(), c, p, b)
			var re *RequestError
			if errors.As(err, &re) && echoUnwritable.MatchString(err.Error()) {
				continue // a header or cookie the value cannot be written in (a property name in it)
			}
			if err != nil {
				t.Errorf("%s %s: %v\nparams %#v\nbody %#v", op.op.method, op.op.path, err, deref(p), deref(b))
				break
			}
			answer, _ := io.ReadAll(res.resp.Body)
			res.resp.Body.Close()
			if !srv.called {
				t.Errorf("%s %s: the server answered %d %s\nparams %#v\nbody %#v", op.op.method, op.op.path,
					res.resp.StatusCode, answer, deref(p), deref(b))
				break
			}
			if p != nil && !echoEqual(srv.params, deref(p)) {
				t.Errorf("%s %s: the server read the parameters\n %#v\nthe client sent\n %#v", op.op.method, op.op.path, srv.params, deref(p))
			}
			if b != nil && !echoEqual(srv.body, deref(b)) {
				t.Errorf("%s %s: the server read the body\n %#v\nthe client sent\n %#v", op.op.method, op.op.path, srv.body, deref(b))
			}
			sent++
		}
		if sent > 0 {
			echoed++
		}
	}
	t.Logf("%d of %d operations echoed, %d left out for their security or a path parameter the client cannot write", echoed, len(echoOps), skipped)
	if echoed == 0 && len(echoOps) > skipped {
		t.Error("no operation got a valid value")
	}
}

// echoEqual reports whether the server read sent. A webhook's handler
// (echoMount) reads into types of its own, of the same JSON.
func echoEqual(read, sent any) bool {
	if read == nil || sent == nil || reflect.TypeOf(read) == reflect.TypeOf(sent) {
		return reflect.DeepEqual(read, sent)
	}
	a, errA := json.Marshal(read)
	b, errB := json.Marshal(sent)
	return errA == nil && errB == nil && string(a) == string(b)
}

// echoNew returns what newValue returns, nil for a nil newValue.
func echoNew(newValue func() any) any {
	if newValue == nil {
		return nil
	}
	return newValue()
}

func deref(p any) any {
	if p == nil {
		return nil
	}
	return reflect.ValueOf(p).Elem().Interface()
}

// echoToken reports whether name is a token, which the name of a header or
// a cookie must be: net/http drops a cookie named otherwise.
func echoToken(name string) bool {
	return name != "" && !strings.ContainsFunc(name, func(r rune) bool {
		return r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r)
	})
}

// echoReachable reports whether a request can pass security: the client
// meets a requirement when it has every scheme's credential, and sends
// none when it meets none, which the server accepts for a requirement of
// undeclared schemes only (echoGuard accepts every credential and request).
func echoReachable(security [][]string, spec echoSpec, sendable map[string]bool) bool {
	if len(security) == 0 {
		return true
	}
	for _, req := range security {
		meets, undeclared, authorization := true, true, 0
		for _, name := range req {
			s, declared := spec.Components.SecuritySchemes[name]
			meets = meets && sendable[name]
			undeclared = undeclared && !declared
			if s.Type == "http" || s.Type == "oauth2" || s.Type == "openIdConnect" {
				authorization++
			}
		}
		// A request has one Authorization header: two schemes that both
		// need it (basic and a bearer token) cannot be met together.
		meets = meets && authorization < 2
		if meets || undeclared {
			return true
		}
	}
	return false
}

// echoParams returns the parameters of op in the order of its Params
// fields (the spec's).
func echoParams(t *testing.T, spec echoSpec, op *operationInfo) []echoParam {
	item := spec.Paths[op.path]
	if ref, ok := item["$ref"]; ok {
		var name string
		if err := json.Unmarshal(ref, &name); err != nil {
			t.Fatal(err)
		}
		item = spec.Components.PathItems[strings.TrimPrefix(name, "#/components/pathItems/")]
	}
	raw := item[strings.ToLower(op.method)]
	var x struct{ Parameters []echoParam }
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Fatalf("%s %s: %v", op.method, op.path, err)
	}
	for i, p := range x.Parameters {
		for seg := range strings.SplitSeq(op.path, "/") {
			if p.In == "path" && strings.Contains(seg, "{"+p.Name+"}") {
				x.Parameters[i].forbid = echoTemplateVar.ReplaceAllString(seg, "")
			}
		}
	}
	return x.Parameters
}

// echoValue returns a pointer to a random value of the type newValue
// points to, in its canonical form, or nil when that value breaks the
// schema or cannot be sent. params describe the fields of a Params struct,
// and skip are the positions of those left out; form says the value is a
// form body.
func echoValue(r *rand.Rand, newValue func() any, params []echoParam, skip []int, form bool) any {
	p := newValue()
	v := reflect.ValueOf(p).Elem()
	switch x := p.(type) {
	case *[]byte: // a stream; empty, it would be no body (a required one missing)
		*x = []byte(echoString(r, echoPath, ""))
		return p
	case *string: // a text body, likewise
		*x = echoString(r, echoPath, "")
		return p
	case *[]echoPart:
		for range r.Intn(3) {
			*x = append(*x, echoPart{echoString(r, echoKey, ""), echoString(r, 0, "")})
		}
		if *x == nil {
			*x = []echoPart{}
		}
		return p
	}
	if params != nil {
		for i := range v.NumField() {
			f := echoFiller{r: r, param: &params[i]}
			f.fill(v.Field(i), 0)
			if _, ok := params[i].Schema["default"]; ok && echoWrapper(v.Field(i).Type()) {
				// The server reads an absent parameter as its default.
				v.Field(i).FieldByName("Set").SetBool(true)
			}
			if slices.Contains(skip, i) {
				v.Field(i).SetZero()
				continue
			}
			_, hasDefault := params[i].Schema["default"]
			if (params[i].In == "header" || params[i].In == "cookie") && !echoToken(params[i].Name) ||
				params[i].In == "header" && slices.ContainsFunc(params, func(q echoParam) bool {
					return q.In == "header" && q.Name != params[i].Name && strings.EqualFold(q.Name, params[i].Name)
				}) {
				// No header or cookie has this name (the client refuses
				// it), or another header has it (header names ignore case).
				if !echoWrapper(v.Field(i).Type()) || hasDefault {
					return nil
				}
				v.Field(i).SetZero()
			}
			if !echoPropertyNames(v.Field(i), f.context(1), params[i].forbid) {
				return nil
			}
		}
	} else if form {
		(&echoFiller{r: r, param: &echoForm}).fill(v, 0)
	} else {
		(&echoFiller{r: r}).fill(v, 0)
	}
	if err := echoCanonical(v); err != nil {
		return nil
	}
	if params != nil {
		echoNilBytes(v) // the server reads no bytes as nil, the JSON decoder as []byte{}
	}
	if form && echoEmptyObject(v) {
		return nil // a form without fields is no body
	}
	check := v
	if echoWrapper(v.Type()) { // an optional body: its value is checked when set
		if !v.FieldByName("Set").Bool() {
			return p
		}
		check = v.FieldByName("Value")
	}
	if x, ok := check.Addr().Interface().(validatable); ok && ValidateRequest(x) != nil {
		return nil
	}
	for i := range params {
		// An object without properties is no value in the styles but
		// JSON content.
		if x := v.Field(i); params[i].Content == nil && echoEmptyObject(x) {
			return nil
		}
	}
	return p
}

// echoPropertyNames reports whether the properties of v, a parameter,
// can be written in context: properties whose names hold a delimiter
// (echoItem) or a character of forbid are left unset, and false is
// returned when such a property is required.
func echoPropertyNames(v reflect.Value, context int, forbid string) bool {
	if echoWrapper(v.Type()) {
		v = v.FieldByName("Value")
	}
	if v.Kind() != reflect.Struct || v.Type() == echoTimeType {
		return true
	}
	if context&echoItem != 0 {
		forbid += echoDelimiters
	}
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if name == "" || !strings.ContainsAny(name, forbid) {
			continue
		}
		if !echoWrapper(v.Field(i).Type()) {
			return false
		}
		v.Field(i).SetZero()
	}
	return true
}

// echoNilBytes sets the empty byte slices in v to nil.
func echoNilBytes(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if v.Len() == 0 {
				v.SetZero()
			}
			return
		}
		for i := range v.Len() {
			echoNilBytes(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				echoNilBytes(v.Field(i))
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			echoNilBytes(v.Elem())
		}
	}
}

// echoEmptyObject reports whether v, a parameter, is a set object whose
// JSON is {}.
func echoEmptyObject(v reflect.Value) bool {
	if echoWrapper(v.Type()) {
		if !v.FieldByName("Set").Bool() {
			return false
		}
		v = v.FieldByName("Value")
	}
	data, err := json.Marshal(v.Interface())
	return err == nil && string(data) == "{}"
}

// The constraints of the context a string is written in, a bit set: a
// JSON or form body, a query value or a JSON parameter have none.
const (
	echoPath   = 1 << iota // a path value: not empty (no route matches an empty segment)
	echoItem               // an item or member of an unexploded list or object: no delimiter (echoDelimiters), not empty (a=: no item, or one empty?)
	echoHeader             // a header value: no leading or trailing space, no control character
	echoCookie             // a cookie value: no leading or trailing space, printable ASCII but " ; \
	echoKey                // a key of a map in a parameter: letters
)

// echoDelimiters are the delimiters of the styles' items and members.
const echoDelimiters = ", |.;="

// echoPieces build random strings.
var echoPieces = []string{"a", "Z", "0", "é", "日本", "🎉", "%", "&", "+", "/", "?", "#", "~", "'", "*", "!", "[", "]", "$", "@",
	" ", ",", "|", ".", ";", "=", `"`, `\`, "\t", "\n", "\x00"}

// echoString returns a random string that fits context and holds no
// character of forbid.
func echoString(r *rand.Rand, context int, forbid string) string {
	fits := func(s string) bool { return echoFits(s, context) && !strings.ContainsAny(s, forbid) }
	if len(echoPool) > 0 && r.Intn(2) == 0 {
		if s := echoPool[r.Intn(len(echoPool))]; fits(s) {
			return s
		}
	}
	for {
		var b strings.Builder
		for range r.Intn(5) {
			b.WriteString(echoPieces[r.Intn(len(echoPieces))])
		}
		if s := b.String(); fits(s) {
			return s
		}
	}
}

// echoFits reports whether s can be written in context.
func echoFits(s string, context int) bool {
	bad := func(f func(r rune) bool) bool { return strings.ContainsFunc(s, f) }
	switch {
	case context&(echoPath|echoKey|echoItem) != 0 && s == "":
		return false
	case context&echoHeader != 0 && bad(func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }):
		return false
	case context&(echoHeader|echoCookie) != 0 && s != strings.Trim(s, " \t"):
		return false
	case context&echoCookie != 0 && bad(func(r rune) bool { return r < ' ' || r >= 0x7f || strings.ContainsRune(`",;\`, r) }):
		return false
	case context&echoKey != 0 && (bad(func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') }) || s[0] <= '9'):
		// A key of digits alone is an array index in a qs tree: a map
		// of them, in a union beside an array, reads back as the array.
		return false
	}
	return true
}

// echoUnwritable matches the errors of the client refusing a value its
// header or cookie cannot carry.
var echoUnwritable = regexp.MustCompile(`cannot hold|is not a token|cannot start or end`)

var echoTemplateVar = regexp.MustCompile(`\{[^}]*\}`)

var echoTimeType = reflect.TypeFor[time.Time]()

// echoWrapper reports whether t is Opt[T], Nullable[T] or OptNullable[T].
func echoWrapper(t reflect.Type) bool {
	name := t.Name()
	return strings.HasPrefix(name, "Opt[") || strings.HasPrefix(name, "Nullable[") || strings.HasPrefix(name, "OptNullable[")
}

// echoFiller fills values at random; param is the parameter being
// filled, nil in a body.
type echoFiller struct {
	r     *rand.Rand
	param *echoParam
}

// forbid are the characters a value at depth must not hold when written
// (a number's decimal point too).
func (f *echoFiller) forbid(depth int) string {
	if f.param == nil {
		return ""
	}
	if f.context(depth)&echoItem != 0 {
		return f.param.forbid + echoDelimiters
	}
	return f.param.forbid
}

// context is the context of a string at depth in the parameter (0:
// the value, 1: an item or a member).
func (f *echoFiller) context(depth int) int {
	p := f.param
	if p == nil || p.Content != nil {
		return 0
	}
	c := map[string]int{"path": echoPath, "header": echoHeader, "cookie": echoCookie}[p.In]
	if depth > 0 && !(p.In == "query" && (p.explode() || p.Style == "deepObject")) {
		c |= echoItem
	}
	return c
}

func (f *echoFiller) fill(v reflect.Value, depth int) {
	r := f.r
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == echoTimeType {
			t := time.Unix(r.Int63n(4e9), r.Int63n(1e9))
			if r.Intn(2) == 0 {
				t = t.In(time.FixedZone("", (r.Intn(48)-24)*1800))
			} else {
				t = t.UTC()
			}
			if strings.Contains(f.forbid(depth), ".") {
				t = t.Truncate(time.Second) // no fraction
			}
			v.Set(reflect.ValueOf(t))
			return
		}
		inner := depth + 1
		if echoWrapper(v.Type()) {
			inner = depth // Opt[T] and Nullable[T] hold the value itself
		}
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			switch name := v.Type().Field(i).Name; {
			case name == "Set" && v.Field(i).Kind() == reflect.Bool:
				v.Field(i).SetBool(r.Intn(4) != 0)
				continue
			case name == "Null" && v.Field(i).Kind() == reflect.Bool:
				// A parameter has no way to write null.
				v.Field(i).SetBool(f.param == nil && r.Intn(4) == 0)
				continue
			}
			f.fill(v.Field(i), inner)
		}
	case reflect.Bool:
		v.SetBool(r.Intn(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if strings.HasSuffix(v.Type().Name(), "Kind") {
			v.SetInt(int64(r.Intn(4)))
			return
		}
		n := []int64{0, 1, 2, 3, 5, 7, 10, 12, 20, 42, 100, -1, -3, int64(r.Intn(200) - 50), r.Int63n(1 << 40)}[r.Intn(15)]
		if len(echoInts) > 0 && r.Intn(3) == 0 {
			n = echoInts[r.Intn(len(echoInts))]
		}
		if v.OverflowInt(n) {
			n = 1
		}
		v.SetInt(n)
	case reflect.Float32, reflect.Float64:
		x := []float64{0, 1, -2, 0.5, 0.25, 1.25, 0.01, 3.14, 1e21, 1e-7, float64(r.Intn(100)) / 100, math.Copysign(0, -1)}[r.Intn(12)]
		if strings.Contains(f.forbid(depth), ".") {
			x = math.Trunc(x) // no decimal point
		}
		v.SetFloat(x)
	case reflect.String:
		v.SetString(echoString(r, f.context(depth), f.forbid(depth)))
	case reflect.Slice:
		n := r.Intn(3)
		if f.param != nil {
			n++ // an empty list is no value in most styles
		}
		if depth > 4 {
			n = 0
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			f.fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		n := r.Intn(3)
		if f.param != nil {
			n++
		}
		if depth > 4 {
			n = 0
		}
		for range n {
			e := reflect.New(v.Type().Elem()).Elem()
			f.fill(e, depth+1)
			k := echoString(r, 0, "")
			if f.param != nil {
				k = echoString(r, echoKey, "")
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), e)
		}
		v.Set(m)
	case reflect.Pointer:
		if r.Intn(3) == 0 || depth > 4 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem(), depth+1)
	case reflect.Interface:
		if f.param != nil {
			// A parameter's value is text: a number or null would come
			// back a string.
			v.Set(reflect.ValueOf(echoString(r, f.context(depth), f.forbid(depth))))
			return
		}
		switch r.Intn(5) {
		case 1:
			v.Set(reflect.ValueOf(echoString(r, f.context(depth), f.forbid(depth))))
		case 2:
			v.Set(reflect.ValueOf(float64(r.Intn(100))))
		case 3:
			v.Set(reflect.ValueOf(r.Intn(2) == 0))
		case 4:
			v.Set(reflect.ValueOf(map[string]any{"k": []any{true, nil, "s"}}))
		}
	}
}

// echoCanonical puts v in the form the wire carries: a value of a type
// with generated JSON codecs is written and read back (which keeps the
// variant a union holds and nothing of the others, and a time's instant
// and offset), an absent Opt is the zero Opt, and a null Nullable holds
// the zero value. It fails when the JSON does not read back (a oneOf the
// value matches twice).
func echoCanonical(v reflect.Value) error {
	t := v.Type()
	generic := echoWrapper(t)
	if _, ok := v.Addr().Interface().(json.Unmarshaler); ok && !generic {
		data, err := json.Marshal(v.Addr().Interface())
		if err != nil {
			return err
		}
		fresh := reflect.New(t)
		if err := json.Unmarshal(data, fresh.Interface()); err != nil {
			return err
		}
		// A union whose variant holds null (an any, {type: 'null'}) writes
		// null, which reads back as no variant (Kind 0): the type stands
		// for the schema without its null, which Nullable[T] holds where
		// the union is used. A body of such a type cannot send null (the
		// known limitation in docs/limitations.md); not sent.
		if _, err := json.Marshal(fresh.Interface()); err != nil {
			return err
		}
		v.Set(fresh.Elem())
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		if generic {
			set, null := v.FieldByName("Set"), v.FieldByName("Null")
			if set.IsValid() && !set.Bool() || null.IsValid() && null.Bool() {
				keep := null.IsValid() && null.Bool() && set.IsValid() && set.Bool()
				v.SetZero()
				if keep {
					v.FieldByName("Set").SetBool(true)
				}
				if null.IsValid() && (keep || !set.IsValid()) {
					v.FieldByName("Null").SetBool(true)
				}
				return nil
			}
		}
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				if err := echoCanonical(v.Field(i)); err != nil {
					return err
				}
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if err := echoCanonical(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(t.Elem()).Elem()
			e.Set(v.MapIndex(k))
			if err := echoCanonical(e); err != nil {
				return err
			}
			v.SetMapIndex(k, e)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return echoCanonical(v.Elem())
		}
	}
	return nil
}
