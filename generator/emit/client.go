package emit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/templates"
)

// The client is printed by templates/client.go.tmpl; the functions here
// print each operation's declarations: the request it sends (parameters
// written as the server's bindings read them, the body), the reader of its
// typed responses and its two methods.

var (
	loadClientRuntime = sync.OnceValues(func() (runtimeCode, error) { return loadSources(templates.ClientRuntime) })
	loadSharedRuntime = sync.OnceValues(func() (runtimeCode, error) { return loadSources(templates.SharedRuntime) })
)

func (f *file) clientRuntimeSource() (string, error) { return f.sourceOf(loadClientRuntime) }

func (f *file) sharedRuntimeSource() (string, error) { return f.sourceOf(loadSharedRuntime) }

// clientOpVar names the operationInfo of op.
func clientOpVar(op *ir.Operation) string { return "clientOp" + op.Name }

// clientOperation prints everything the client declares for op.
func (f *file) clientOperation(op *ir.Operation) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	c := op.Client
	id := op.ID
	if id == "" {
		id = op.Name
	}
	line("// %s describes %s to the client.", clientOpVar(op), op.Name)
	server := ""
	if len(c.Servers) > 0 {
		// The first of the operation's servers, its variables at their defaults.
		server = c.Servers[0].URL
		for _, v := range c.Servers[0].Variables {
			server = strings.ReplaceAll(server, "{"+v.Name+"}", v.Default)
		}
		server = fmt.Sprintf(", server: %q", server)
	}
	line("var %s = operationInfo{id: %q, method: %q, path: %q%s%s}", clientOpVar(op), id, op.Method, op.Path, server, clientSecurity(op))
	line("")
	if c.Declare {
		f.clientResponses(&b, op)
	}
	f.errorMethods(&b, op)
	f.commonMethod(&b, op)
	line("")
	f.rawMethod(&b, op)
	line("")
	f.callFunc(&b, op)
	line("")
	f.readFunc(&b, op)
	return b.String()
}

// clientResponses declares op's typed responses and their interface, for
// an operation no strict server declares them for.
func (f *file) clientResponses(b *strings.Builder, op *ir.Operation) {
	c := op.Client
	names := make([]string, len(c.Responses))
	for i, r := range c.Responses {
		names[i] = r.Name
	}
	marker := "is" + c.ResponseObject
	fmt.Fprintf(b, "%s\ntype %s interface {\n%s()\n}\n\n", wrapped(fmt.Sprintf("%s is a response of %s: %s.", c.ResponseObject, op.Name, orList(names))), c.ResponseObject, marker)
	for _, r := range c.Responses {
		f.responseDecl(b, op, r, false)
		fmt.Fprintf(b, "\nfunc (%s) %s() {}\n\n", r.Name, marker)
	}
}

// errorMethods gives the typed responses of error statuses (and default)
// an Error method, so that errors.As finds them in a call's error.
func (f *file) errorMethods(b *strings.Builder, op *ir.Operation) {
	id := op.ID
	if id == "" {
		id = op.Name
	}
	for _, r := range op.Client.Responses {
		if strings.HasPrefix(r.Status, "1") || strings.HasPrefix(r.Status, "2") || strings.HasPrefix(r.Status, "3") {
			continue
		}
		status := strconv.Itoa(r.Code)
		if r.Code == 0 {
			status = "x.StatusCode"
		}
		fmt.Fprintf(b, "// Error makes the %s response of %s an error, as a call returns it.\n", r.Status, op.Name)
		fmt.Fprintf(b, "func (x %s) Error() string { return errorText(%q, %s, %q) }\n\n", r.Name, id, status, r.Status)
	}
}

// clientParams prints the parameters of op's methods after ctx.
func (f *file) clientParams(op *ir.Operation) string {
	f.use("context")
	s := "ctx context.Context"
	if op.Params != nil {
		s += ", params " + f.expr(op.Params)
	}
	if body := op.Client.Body; body != nil {
		s += ", body " + f.clientBodyArg(body)
		if binaryMediaParam(body) {
			s += ", contentType string"
		}
	}
	return s
}

// clientArgs prints the arguments the methods pass on to op's call function.
func clientArgs(op *ir.Operation) string {
	s := "c, ctx"
	if op.Params != nil {
		s += ", params"
	}
	if body := op.Client.Body; body != nil {
		s += ", body"
		if binaryMediaParam(body) {
			s += ", contentType"
		}
	}
	return s
}

// binaryMediaParam reports whether a stream body's media type is a range
// (image/*), which the caller then names.
func binaryMediaParam(body *ir.ServerBody) bool {
	return body.Kind == ir.BodyBinary && (len(body.Media) == 0 || wildcardMedia(body.Media[0]))
}

// clientBodyArg is the type of the body a method takes.
func (f *file) clientBodyArg(body *ir.ServerBody) string {
	switch body.Kind {
	case ir.BodyMultipart:
		return "*MultipartBody"
	case ir.BodyBinary:
		f.use("io")
		return "io.Reader"
	}
	return f.expr(body.Arg)
}

// successType prints what op's common method returns with its error.
func (f *file) successType(op *ir.Operation) string {
	c := op.Client
	switch {
	case c.SuccessObject:
		return c.ResponseObject
	case c.SuccessKind == "stream":
		f.use("iter")
		return "iter.Seq2[" + f.expr(c.Success) + ", error]"
	case c.SuccessKind == ir.BodyBinary:
		f.use("io")
		return "io.ReadCloser"
	case c.Success != nil:
		return f.expr(c.Success)
	}
	return ""
}

// clientDoc prints the first lines of the doc comment of a method.
func clientDoc(op *ir.Operation, name, what string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// %s calls %s %s", name, op.Method, inline(op.Path))
	if op.Summary != "" {
		b.WriteString(": " + strings.TrimSuffix(oneLine(op.Summary), "."))
	}
	b.WriteString(".\n")
	b.WriteString(wrapped(what))
	if op.Deprecated {
		b.WriteString("\n//\n// Deprecated: the operation is deprecated in the spec.")
	}
	return b.String()
}

// commonMethod prints the method returning the success body.
func (f *file) commonMethod(b *strings.Builder, op *ir.Operation) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	c := op.Client
	ret := f.successType(op)
	what := "It returns the body of a success (2xx) response"
	switch {
	case c.SuccessObject:
		what = "It returns the typed response of a success (2xx) status"
	case c.SuccessKind == "stream":
		what = "It returns the items of the success response's stream, decoded one at a time as the loop asks for them; the body is closed when the loop ends, which it must"
	case c.SuccessKind == ir.BodyBinary:
		what = "It returns the body of the success response as a stream, which the caller must close"
	case ret == "":
		what = "It returns nil for a success (2xx) response"
	}
	what += "; another status is a *ResponseError, which holds the typed response when the spec declares the status (errors.As finds it)."
	line("%s", clientDoc(op, c.Method, what))
	results, zero := "error", ""
	if ret != "" {
		results = "(" + ret + ", error)"
		line("func (c *Client) %s(%s) %s {", c.Method, f.clientParams(op), results)
		line("var zero %s", ret)
		zero = "zero, "
	} else {
		line("func (c *Client) %s(%s) %s {", c.Method, f.clientParams(op), results)
	}
	line("r, err := call%s(%s)", op.Name, clientArgs(op))
	line("if err != nil {")
	line("return %serr", zero)
	line("}")
	f.successFastPath(b, op)
	line("res, err := read%sResponse(r)", op.Name)
	line("if err != nil {")
	line("return %serr", zero)
	line("}")
	switch {
	case c.SuccessObject:
		line("if r.resp.StatusCode/100 == 2 {")
		line("return res, nil")
		line("}")
	default:
		var succ []*ir.ServerResponse
		for _, r := range c.Responses {
			if strings.HasPrefix(r.Status, "2") {
				succ = append(succ, r)
			}
		}
		x := "x := "
		if ret == "" || c.SuccessKind == "stream" || c.SuccessKind == ir.BodyBinary {
			x = ""
		}
		line("switch %sres.(type) {", x)
		for _, r := range succ {
			line("case %s:", r.Name)
			switch {
			case c.SuccessKind == "stream":
				line("return %s, nil", f.itemsCall(c, r))
			case c.SuccessKind == ir.BodyBinary:
				line("return r.resp.Body, nil")
			case ret == "":
				line("return nil")
			default:
				line("return x.Body, nil")
			}
		}
		line("}")
	}
	line("return %sr.failure(res)", zero)
	line("}")
}

// itemsCall prints the iterator over the items of a sequential response.
func (f *file) itemsCall(c *ir.Client, r *ir.ServerResponse) string {
	item := f.expr(c.Success)
	decode := "decodeItem[" + item + "]"
	if c.Event != nil {
		return "eventItems(r, " + decode + ", " + eventFields(c.Event) + ")"
	}
	if c.Sequence == "sse" && item == "string" {
		decode = "textItem"
	}
	if c.Sequence == "sse" {
		return "sseItems(r, " + decode + ")"
	}
	return "lineItems(r, " + decode + ")"
}

// eventFields prints the runtime's description of an item type that models
// a whole server-sent event.
func eventFields(ev *ir.EventItem) string {
	var set []string
	for _, f := range []struct {
		name string
		on   bool
	}{{"text", ev.Text}, {"event", ev.Event}, {"id", ev.ID}, {"retry", ev.Retry}, {"bare", ev.Bare}} {
		if f.on {
			set = append(set, f.name+": true")
		}
	}
	return "eventFields{" + strings.Join(set, ", ") + "}"
}

// rawMethod prints the method returning the typed response of any status.
func (f *file) rawMethod(b *strings.Builder, op *ir.Operation) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	c := op.Client
	line("%s", clientDoc(op, c.Raw, "It returns the typed response of any status the spec declares, with its declared headers; a stream body is the response's body, which the caller must close (as an io.Closer). A status the spec does not declare is a *ResponseError."))
	line("func (c *Client) %s(%s) (%s, error) {", c.Raw, f.clientParams(op), c.ResponseObject)
	line("r, err := call%s(%s)", op.Name, clientArgs(op))
	line("if err != nil {")
	line("return nil, err")
	line("}")
	line("return read%sResponse(r)", op.Name)
	line("}")
}

// callFunc prints the function that builds and sends op's request.
func (f *file) callFunc(b *strings.Builder, op *ir.Operation) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	c := op.Client
	info := "&" + clientOpVar(op)
	sig := strings.Replace(f.clientParams(op), "ctx context.Context", "c *Client, ctx context.Context", 1)
	line("// call%s sends the request of %s.", op.Name, op.Name)
	line("func call%s(%s) (*response, error) {", op.Name, sig)
	line("b := c.newRequest(%s)", info)
	if op.Params != nil && validates(op.Params) {
		line("b.checkParams(&params)")
	}
	for _, part := range c.Path {
		if part.Param == nil {
			line("b.path = append(b.path, %q...)", escapePathText(part.Text))
			continue
		}
		f.writeParam(b, part.Param)
	}
	for _, bd := range c.Bindings {
		switch {
		case bd.In != "path":
			f.writeParam(b, bd)
		case bd.Skip != "":
			// Its place in the path keeps the template's braces: nothing
			// is sent.
			f.use("errors")
			line("b.fail(%q, errors.New(%q))", bd.Name, "the client cannot write it in the path: "+oneLine(bd.Skip))
		}
	}
	body, ct := "nil", `""`
	if c.Body != nil {
		body, ct = "rd", "ct"
		f.writeBody(b, c.Body)
	}
	line("req, err := b.build(ctx, %s, %s)", body, ct)
	line("if err != nil {")
	line("return nil, err")
	line("}")
	line("resp, err := c.send(ctx, %s, req)", info)
	line("if err != nil {")
	line("return nil, err")
	line("}")
	line("return c.response(%s, resp), nil", info)
	line("}")
}

// escapePathText percent-encodes what a path may not hold of the template's text.
func escapePathText(s string) string {
	const keep = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(keep, s[i]) >= 0 {
			b.WriteByte(s[i])
		} else {
			fmt.Fprintf(&b, "%%%02X", s[i])
		}
	}
	return b.String()
}

// writeParam prints the statements writing one parameter.
func (f *file) writeParam(b *strings.Builder, bd *ir.Binding) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	if bd.Skip != "" {
		line("// %s parameter %q is not written: %s", bd.In, bd.Name, oneLine(bd.Skip))
		return
	}
	value := "params." + bd.Field.Name
	if bd.Wrap != ir.Builtin {
		line("if v, ok := %s.Get(); ok {", value)
		value = "v"
	}
	if bd.AllowReserved {
		line("b.reserved = true // allowReserved")
	}
	switch {
	case bd.Content == "form":
		line("b.queryForm(%q, %s)", bd.Name, value)
	case bd.Content == "json":
		line("b.content(%q, %q, %s)", bd.In, bd.Name, value)
	case bd.Tree:
		line("b.tree(%q, %q, %q, %t, %s)", bd.In, bd.Name, bd.Style, bd.Explode, value)
	case bd.Object:
		line("b.object(%q, %q, %q, %t, %s, %s)", bd.In, bd.Name, bd.Style, bd.Explode, value, propNames(bd.Props))
	case bd.List:
		line("b.list(%q, %q, %q, %t, formatItems[%s](%s, %s))", bd.In, bd.Name, bd.Style, bd.Explode, f.expr(bd.Elem), value, f.formatFunc(bd.Scalar, bd.Elem))
	case bd.In == "path" && bd.Style == "simple":
		line("b.pathValue(%s(%s))", f.formatFunc(bd.Scalar, bd.Elem), value)
	case bd.In == "query":
		line("b.queryValue(%q, %s(%s))", bd.Name, f.formatFunc(bd.Scalar, bd.Elem), value)
	default:
		line("b.scalar(%q, %q, %q, %s(%s))", bd.In, bd.Name, bd.Style, f.formatFunc(bd.Scalar, bd.Elem), value)
	}
	if bd.AllowReserved {
		line("b.reserved = false")
	}
	if bd.Wrap != ir.Builtin {
		line("}")
	}
}

// formFields prints the map of a form body's formField encodings, nil
// for none.
func formFields(fields []ir.FormField) string {
	if len(fields) == 0 {
		return "nil"
	}
	elems := make([]string, len(fields))
	for i, f := range fields {
		var set []string
		if f.Delim != "" {
			set = append(set, "delim: "+strconv.Quote(f.Delim))
		}
		if f.JSON {
			set = append(set, "json: true")
		}
		if f.Reserved {
			set = append(set, "reserved: true")
		}
		elems[i] = strconv.Quote(f.Name) + ": {" + strings.Join(set, ", ") + "}"
	}
	return "map[string]formField{" + strings.Join(elems, ", ") + "}"
}

// partTypes prints the map of a multipart body's part Content-Types, nil
// for none.
func partTypes(parts []ir.PartType) string {
	if len(parts) == 0 {
		return "nil"
	}
	elems := make([]string, len(parts))
	for i, p := range parts {
		elems[i] = strconv.Quote(p.Name) + ": " + strconv.Quote(p.ContentType)
	}
	return "map[string]string{" + strings.Join(elems, ", ") + "}"
}

// formatFunc names the runtime function formatting one value of a kind.
func (f *file) formatFunc(kind string, elem *ir.Type) string {
	return f.scalarFunc("header", kind, elem)
}

// parseFuncOf names the runtime function parsing one value of a kind.
func (f *file) parseFuncOf(kind string, elem *ir.Type) string {
	return f.scalarFunc("param", kind, elem)
}

// scalarFunc names the runtime function prefix+Kind for one value of a
// kind, instantiated for elem (times need no type argument).
func (f *file) scalarFunc(prefix, kind string, elem *ir.Type) string {
	switch kind {
	case "int", "float", "bool":
		return prefix + strings.ToUpper(kind[:1]) + kind[1:] + "[" + f.expr(elem) + "]"
	case "time":
		return prefix + "Time"
	}
	return prefix + "String[" + f.expr(elem) + "]"
}

// writeBody prints the statements making the request body rd and its
// Content-Type ct.
func (f *file) writeBody(b *strings.Builder, body *ir.ServerBody) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	f.use("io")
	media := ""
	if len(body.Media) > 0 {
		media = body.Media[0]
	}
	line("var rd io.Reader")
	line("ct := %q", media)
	value := "body"
	optional := body.Arg != nil && body.Arg.Kind == ir.Opt && (body.Kind == ir.BodyJSON || body.Kind == ir.BodyForm)
	if optional {
		line("if v, ok := body.Get(); ok {")
		value = "v"
	}
	switch body.Kind {
	case ir.BodyJSON:
		if decodes(body.Type) {
			line("rd = encodeRequestBody(b, &%s, %t)", value, validates(body.Type))
		} else {
			line("rd = jsonRequestBody(b, &%s)", value)
		}
	case ir.BodyForm:
		line("rd = formRequestBody(b, &%s, %s)", value, formFields(body.Fields))
	case ir.BodyText:
		f.use("strings")
		if wildcardMedia(media) {
			line(`ct = "text/plain; charset=utf-8"`)
		}
		line("rd = strings.NewReader(body)")
	case ir.BodyMultipart:
		line("rd, ct = multipartRequestBody(body, %s)", partTypes(body.PartTypes))
	default:
		if binaryMediaParam(body) {
			line("ct = contentType")
		}
		line("rd = body")
	}
	if optional {
		line("} else {")
		line(`ct = ""`)
		line("}")
	}
}

// readFunc prints the function reading a response of op into its typed
// response: exact statuses first, then ranges, then default.
func (f *file) readFunc(b *strings.Builder, op *ir.Operation) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	c := op.Client
	line("// read%sResponse reads a response of %s into its typed response.", op.Name, op.Name)
	line("func read%sResponse(r *response) (%s, error) {", op.Name, c.ResponseObject)
	var order []string
	byStatus := map[string][]*ir.ServerResponse{}
	for _, r := range c.Responses {
		if byStatus[r.Status] == nil {
			order = append(order, r.Status)
		}
		byStatus[r.Status] = append(byStatus[r.Status], r)
	}
	var cases strings.Builder
	for _, exact := range []bool{true, false} {
		for _, st := range order {
			code, err := strconv.Atoi(st)
			switch {
			case exact && err == nil:
				fmt.Fprintf(&cases, "case status == %d:\n", code)
			case !exact && err != nil && len(st) == 3 && st[0] >= '1' && st[0] <= '5':
				fmt.Fprintf(&cases, "case status/100 == %c:\n", st[0])
			default:
				continue
			}
			f.readStatus(&cases, byStatus[st])
		}
	}
	var fallback strings.Builder
	if list := byStatus["default"]; list != nil {
		f.readStatus(&fallback, list)
	} else {
		fallback.WriteString("return nil, r.unexpected()\n")
	}
	if cases.Len() > 0 || strings.Contains(fallback.String(), "= status\n") {
		line("status := r.resp.StatusCode")
	}
	if cases.Len() > 0 {
		line("switch {\n%s}", cases.String())
	}
	b.WriteString(fallback.String())
	line("}")
}

// readStatus prints the reading of the responses of one status: the one
// whose media type matches the Content-Type.
func (f *file) readStatus(b *strings.Builder, list []*ir.ServerResponse) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	var declared []string
	var bare *ir.ServerResponse
	withMedia := 0
	for _, r := range list {
		if r.Media == "" {
			bare = r
			continue
		}
		withMedia++
		declared = append(declared, r.Media)
	}
	for _, r := range list {
		if r.Media == "" {
			continue
		}
		cond := fmt.Sprintf("r.is(%q)", r.Media)
		if withMedia == 1 && bare == nil {
			cond = fmt.Sprintf(`r.media == "" || %s`, cond)
		}
		line("if %s {", cond)
		f.readResponse(b, r)
		line("}")
	}
	switch {
	case bare != nil:
		f.readResponse(b, bare)
	default:
		line("return nil, r.undeclaredMedia(%q)", strings.Join(declared, ", "))
	}
}

// readResponse prints the reading of one typed response.
func (f *file) readResponse(b *strings.Builder, r *ir.ServerResponse) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	line("var x %s", r.Name)
	if r.Code == 0 {
		line("x.StatusCode = status")
	}
	if wildcardMedia(r.Media) {
		line(`x.ContentType = r.resp.Header.Get("Content-Type")`)
	}
	for _, h := range r.Headers {
		f.readHeader(b, h)
	}
	success := strings.HasPrefix(r.Status, "2")
	switch r.Kind {
	case ir.BodyJSON:
		if decodes(r.Body) {
			line("if err := r.decodeJSONBody(x.Body.decodeJSON, %s); err != nil {", validateMethod(r.Body, "x.Body"))
		} else {
			line("if err := unmarshalJSONResponse(r, &x.Body); err != nil {")
		}
		line("return nil, err")
		line("}")
	case ir.BodyText:
		line("var err error")
		line("if x.Body, err = r.text(); err != nil {")
		line("return nil, err")
		line("}")
	case ir.BodyBinary:
		if success {
			line("x.Body = r.stream()")
		} else {
			line("var err error")
			line("if x.Body, err = r.buffered(); err != nil {")
			line("return nil, err")
			line("}")
		}
	default:
		line("r.discard()")
	}
	line("return x, nil")
}

// readHeader prints the reading of one declared response header.
func (f *file) readHeader(b *strings.Builder, h *ir.ResponseHeader) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	t := h.Type
	optional := t.Kind == ir.Opt
	if optional {
		t = t.Elem
	}
	elem, parse := t, ""
	if h.List {
		elem = sliceElem(t)
		parse = "headerItems(" + f.parseFuncOf(h.Kind, elem) + ")"
	} else {
		parse = f.parseFuncOf(h.Kind, elem)
	}
	parsed := f.expr(t)
	if h.List {
		parsed = "[]" + f.expr(elem)
	}
	line("{")
	line("var v %s", parsed)
	line("ok, err := responseHeader(r, %q, %t, %s, &v)", h.Name, !optional, parse)
	line("if err != nil {")
	line("return nil, err")
	line("}")
	value := "v"
	if h.List && t.Name != "" {
		value = f.expr(t) + "(v)"
	}
	if optional {
		line("if ok {")
		line("x.%s = NewOpt(%s)", h.Field, value)
		line("}")
	} else {
		line("_ = ok")
		line("x.%s = %s", h.Field, value)
	}
	line("}")
}

// sliceElem returns the item type of a slice type, through named types.
func sliceElem(t *ir.Type) *ir.Type {
	for t.Kind == ir.Defined || t.Kind == ir.Alias {
		t = t.Elem
	}
	return t.Elem
}

// clientServers prints specServerURL, which fills in the spec's servers.
func (f *file) clientServers(pkg *ir.Package) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("// specServers are the servers the spec declares.")
	line("var specServers = []serverTemplate{")
	for _, s := range pkg.Servers {
		var vars []string
		for _, v := range s.Variables {
			vars = append(vars, fmt.Sprintf("{name: %q, def: %q, enum: %s}", v.Name, v.Default, stringsLiteral(v.Enum)))
		}
		line("{url: %q, vars: []serverVar{%s}},", s.URL, strings.Join(vars, ", "))
	}
	line("}")
	line("")
	line("// specServerURL returns the URL of the spec's server at index, its variables filled in.")
	line("func specServerURL(index int, vars map[string]string) (string, error) {")
	line("if index < 0 || index >= len(specServers) {")
	f.use("fmt")
	line(`return "", fmt.Errorf("no server URL given, and the spec declares %%d servers, not one at index %%d", len(specServers), index)`)
	line("}")
	line("return serverURLOf(specServers[index], vars)")
	line("}")
	line("")
	line("// clientSchemes says how the client sends the credential of each security scheme.")
	line("var clientSchemes = map[string]clientScheme{")
	for _, s := range pkg.SecuritySchemes {
		line("%q: {kind: %q, in: %q, name: %q},", s.Name, s.Kind, s.In, s.ParamName)
	}
	line("}")
	return b.String()
}

// successFastPath prints the decoding of a success response with a JSON
// or text body straight into the result, for the common call: the typed
// response (often a large struct) is then not boxed into its interface.
// Declared headers do not matter there, and any other status goes on to
// the reader of typed responses.
func (f *file) successFastPath(b *strings.Builder, op *ir.Operation) {
	c := op.Client
	if c.SuccessObject || c.Success == nil || (c.SuccessKind != ir.BodyJSON && c.SuccessKind != ir.BodyText) {
		return
	}
	for _, r := range c.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		cond := fmt.Sprintf("r.resp.StatusCode == %d", r.Code)
		if r.Code == 0 {
			cond = "r.resp.StatusCode/100 == 2"
		}
		fmt.Fprintf(b, "if %s && (r.media == \"\" || r.is(%q)) {\n", cond, r.Media)
		switch {
		case r.Kind == ir.BodyText:
			b.WriteString("return r.text()\n")
		case decodes(r.Body):
			fmt.Fprintf(b, "var out %s\nif err := r.decodeJSONBody(out.decodeJSON, %s); err != nil {\nreturn zero, err\n}\nreturn out, nil\n", f.expr(r.Body), validateMethod(r.Body, "out"))
		default:
			fmt.Fprintf(b, "var out %s\nif err := unmarshalJSONResponse(r, &out); err != nil {\nreturn zero, err\n}\nreturn out, nil\n", f.expr(r.Body))
		}
		b.WriteString("}\n")
	}
}

// clientSecurity prints the security field of op's operationInfo: the
// scheme names of each of its requirements, "" when it has none.
func clientSecurity(op *ir.Operation) string {
	if len(op.Security) == 0 {
		return ""
	}
	reqs := make([]string, len(op.Security))
	for i, req := range op.Security {
		names := make([]string, len(req))
		for j, rs := range req {
			names[j] = rs.Scheme.Name
		}
		reqs[i] = strings.TrimPrefix(stringsLiteral(names), "[]string")
	}
	return ", security: [][]string{" + strings.Join(reqs, ", ") + "}"
}

// validateMethod is the method value that validates expr, a value of t,
// or nil when t has no validate method (nothing to check).
func validateMethod(t *ir.Type, expr string) string {
	if t.Validates {
		return expr + ".validate"
	}
	return "nil"
}
