package build

import (
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/templates/rt"
)

// server decides how the generated server serves op: its ServeMux route,
// how each parameter is read and how the body is decoded. Whatever the
// slice does not support is left to the handler, with an info diagnostic.
func (b *builder) server(op *load.Operation, out *ir.Operation) *ir.Server {
	s := &ir.Server{}
	var route, why string
	var wildcards map[string]string
	if op.Webhook == "" {
		route, wildcards, why = muxRoute(op.Path)
	}
	if why == "" && route != "" {
		why = b.register(op.Method + " " + route)
	}
	switch {
	case op.Webhook != "":
		// Received at the URL the application registers for it, wherever
		// it mounts the webhook's handler: no route.
		s.Webhook = true
	case why == "":
		s.Route = route
	case b.fallback(op, s):
		wildcards = s.FallbackKeys
		b.diags.Add(op.Loc.Pos, diag.Info, "server-route", "%s %s is matched by a regular expression after http.ServeMux: %s", op.Method, op.Path, why)
	default:
		s.Skip = why
		b.diags.Warnf(op.Loc.Pos, "server-route", "%s %s is not served: %s", op.Method, op.Path, why)
	}
	if out.Params != nil {
		for i, p := range op.Parameters {
			s.Bindings = append(s.Bindings, b.binding(p, out.Params.Fields[i], wildcards))
		}
	}
	if op.RequestBody != nil {
		s.Body = b.serverBody(op, out)
	}
	if b.strict && s.Served() {
		s.Responses = b.strictResponses(op, out)
	}
	return s
}

// fallback gives op a route outside the ServeMux, for a path it cannot
// express ({name}.{ext}) or tell from another: a regular expression over
// the escaped path, tried when the ServeMux finds no route. It reports
// false when the path template cannot be matched either.
func (b *builder) fallback(op *load.Operation, s *ir.Server) bool {
	if !strings.HasPrefix(op.Path, "/") {
		return false
	}
	var re strings.Builder
	keys := map[string]string{}
	var order []string
	// A label or matrix value starts with its prefix: the group says so, so
	// that the literal text beside it ({name}.{ext}) splits where the
	// prefixes allow.
	group := map[string]string{}
	for _, p := range op.Parameters {
		if p.In == "path" {
			group[p.Name] = map[string]string{"label": `(\.[^/]*)`, "matrix": `(;[^/]*)`}[p.Style]
		}
	}
	re.WriteString("^")
	rest := op.Path
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			re.WriteString(escapedLiteral(rest))
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return false
		}
		re.WriteString(escapedLiteral(rest[:open]))
		name := rest[open+1 : open+end]
		if _, dup := keys[name]; dup || name == "" {
			return false
		}
		key := name
		if !isIdent(name) {
			key = "p" + strconv.Itoa(len(order))
		}
		keys[name] = key
		order = append(order, key)
		if g := group[name]; g != "" {
			re.WriteString(g)
		} else {
			re.WriteString("([^/]+)")
		}
		rest = rest[open+end+1:]
	}
	re.WriteString("$")
	if strings.Contains(re.String(), "}") {
		return false
	}
	s.Fallback, s.FallbackKeys, s.FallbackOrder = re.String(), keys, order
	return true
}

// escapedLiteral returns a regular expression matching the literal text
// of a path template as a client escapes it (RFC 3986): unreserved
// characters and "/" as they are, the other characters a path segment may
// hold as they are or percent-encoded, and everything else (a space, a
// backquote, non-ASCII bytes) percent-encoded, in either case of hex digit.
func escapedLiteral(s string) string {
	var b strings.Builder
	hex := func(c byte) string {
		const digits = "0123456789ABCDEF"
		out := "%"
		for _, d := range []byte{digits[c>>4], digits[c&15]} {
			if d >= 'A' {
				out += "[" + string(d) + string(d+'a'-'A') + "]"
			} else {
				out += string(d)
			}
		}
		return out
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~/", c) >= 0:
			b.WriteString(regexp.QuoteMeta(string(c)))
		case strings.IndexByte("!$&'()*+,;=:@", c) >= 0:
			b.WriteString("(?:" + regexp.QuoteMeta(string(c)) + "|" + hex(c) + ")")
		default:
			b.WriteString(hex(c))
		}
	}
	return b.String()
}

// conflictRE finds the other pattern in a ServeMux conflict panic.
var conflictRE = regexp.MustCompile(`conflicts with pattern "([^"]+)"`)

// register adds pattern to the builder's ServeMux, which panics on patterns
// it cannot serve or that conflict with an earlier one; the reason is returned.
func (b *builder) register(pattern string) (why string) {
	if b.mux == nil {
		b.mux = http.NewServeMux()
	}
	defer func() {
		if r := recover(); r != nil {
			why = fmt.Sprint(r)
			if m := conflictRE.FindStringSubmatch(why); m != nil {
				why = fmt.Sprintf("http.ServeMux cannot tell it from %s, which is registered first (neither is more specific)", m[1])
			} else {
				why, _, _ = strings.Cut(why, "\n")
			}
		}
	}()
	b.mux.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	return ""
}

// muxRoute converts an OpenAPI path template into a ServeMux pattern path:
// {id} stays a wildcard (renamed when it is not a Go identifier), a
// trailing slash matches exactly. It returns the wildcard of every
// parameter name, or why the path cannot be a pattern.
func muxRoute(path string) (string, map[string]string, string) {
	if !strings.HasPrefix(path, "/") {
		return "", nil, "the path does not start with /"
	}
	wildcards := map[string]string{}
	segs := strings.Split(path[1:], "/")
	for i, seg := range segs {
		open := strings.IndexByte(seg, '{')
		if open < 0 && !strings.Contains(seg, "}") {
			continue
		}
		if open != 0 || !strings.HasSuffix(seg, "}") || strings.Count(seg, "{") != 1 || strings.Count(seg, "}") != 1 {
			return "", nil, fmt.Sprintf("segment %q mixes a parameter with other text, which http.ServeMux cannot match", seg)
		}
		name := seg[1 : len(seg)-1]
		wild := name
		if !isIdent(name) {
			wild = "p" + strconv.Itoa(i)
		}
		if _, dup := wildcards[name]; dup {
			return "", nil, fmt.Sprintf("parameter %q appears twice", name)
		}
		wildcards[name] = wild
		segs[i] = "{" + wild + "}"
	}
	route := "/" + strings.Join(segs, "/")
	if strings.HasSuffix(route, "/") {
		route += "{$}"
	}
	return route, wildcards, ""
}

func isIdent(s string) bool {
	for i, c := range s {
		if c != '_' && !unicode.IsLetter(c) && (i == 0 || !unicode.IsDigit(c)) {
			return false
		}
	}
	return s != ""
}

// binding decides how parameter p is read into field f.
func (b *builder) binding(p *load.Parameter, f *ir.Field, wildcards map[string]string) *ir.Binding {
	bd := &ir.Binding{Field: f, Name: p.Name, In: p.In, Key: p.Name, Required: f.Required, Wrap: ir.Builtin}
	skip := func(format string, args ...any) *ir.Binding {
		bd.Skip = fmt.Sprintf(format, args...)
		b.diags.Add(p.Loc.Pos, diag.Info, "server-param", "%s parameter %q is not bound: %s; the handler reads it from the request", p.In, p.Name, bd.Skip)
		return bd
	}
	style, explode := paramStyle(p)
	switch {
	case p.In == "path" && wildcards[p.Name] == "":
		return skip("it is not in the path template")
	case p.In == "path":
		bd.Key = wildcards[p.Name]
	case p.In != "query" && p.In != "header" && p.In != "cookie" && p.In != "querystring":
		return skip("unknown location %q", p.In)
	}
	if len(p.Content) > 0 {
		mt := p.Content[0]
		bd.Content, bd.Elem = "json", unwrapOpt(f.Type)
		if p.In == "querystring" && bodyKind(mt.Type) == ir.BodyForm && mt.Schema != nil {
			// OpenAPI 3.2: the whole query string, read as a form.
			props, extra, ok := objectOf(bd.Elem, true)
			if !ok {
				return skip("the form's properties are not all primitives or arrays of them")
			}
			bd.Content, bd.Props, bd.Extra = "form", props, extra
		} else if !IsJSON(mt.Type) || mt.Schema == nil {
			return skip("only JSON content-encoded parameters are bound, not %s", mt.Type)
		}
		bd.Wrap = f.Type.Kind
		if bd.Wrap != ir.Opt && bd.Wrap != ir.Nullable && bd.Wrap != ir.OptNullable {
			bd.Wrap = ir.Builtin
		}
		return bd
	}
	if p.In == "querystring" {
		return skip("a querystring parameter must have a content")
	}
	if p.Schema == nil {
		return skip("it has neither a schema nor a content")
	}
	if why := styleAllowed(p.In, style); why != "" {
		return skip("%s", why)
	}
	bd.Explode, bd.Style = explode, style
	bd.AllowReserved = p.AllowReserved && p.In == "query"
	t := f.Type
	switch t.Kind {
	case ir.Opt, ir.Nullable, ir.OptNullable:
		bd.Wrap, t = t.Kind, t.Elem
	}
	if kind := scalarKind(t); kind != "" {
		if style == "spaceDelimited" || style == "pipeDelimited" || style == "deepObject" {
			return skip("style %s applies to arrays or objects, not to a single value", style)
		}
		bd.Scalar, bd.Elem = kind, t
		if s := p.Schema.Value; s != nil && s.Default != nil && !bd.Required && kind != "time" {
			// A default its schema refuses (a warning, default-invalid)
			// does not apply: the absent parameter would fail validation.
			valid := len(rt.Compile(b.schemaRules(s)).Check(normalizeJSON(s.Default.V))) == 0
			if lit, ok := enumLiteral(s.Default.V, builtinOf(t).Go); ok && valid {
				bd.Default = lit
			}
		}
		return bd
	}
	if elem, convert := listOf(t); elem != nil {
		if style == "deepObject" {
			return skip("style deepObject applies to objects, not to arrays")
		}
		bd.List, bd.Scalar, bd.Elem, bd.Convert = true, scalarKind(elem), elem, convert
		return bd
	}
	if props, extra, ok := objectOf(t, false); ok {
		if style == "form" && explode && (p.In != "query" || len(props) == 0) {
			return skip("exploded form objects are bound only in the query and with declared properties")
		}
		bd.Object, bd.Props, bd.Extra, bd.Elem = true, props, extra, t
		return bd
	}
	treeStyle := p.In == "query" && (style == "deepObject" || style == "form") || // name[a]=1, or name=a,b
		!explode && (style == "simple" || style == "form") // a,b in a header, path or cookie
	if treeStyle && p.Schema.Value != nil {
		bd.Tree, bd.Elem, bd.Rules = true, t, b.schemaRules(p.Schema.Value)
		return bd
	}
	return skip("%s style %s parameters are bound only when they are primitives, arrays of primitives or objects of primitive properties", style, p.In)
}

// unwrapOpt returns the type inside an Opt, Nullable or OptNullable wrapper.
func unwrapOpt(t *ir.Type) *ir.Type {
	switch t.Kind {
	case ir.Opt, ir.Nullable, ir.OptNullable:
		return t.Elem
	}
	return t
}

// styleAllowed says why style cannot be used in location in, "" when it can.
func styleAllowed(in, style string) string {
	ok := false
	switch in {
	case "path":
		ok = style == "simple" || style == "label" || style == "matrix"
	case "query":
		ok = style == "form" || style == "spaceDelimited" || style == "pipeDelimited" || style == "deepObject"
	case "header":
		ok = style == "simple"
	case "cookie":
		ok = style == "form"
	}
	if !ok {
		return fmt.Sprintf("style %s is not allowed in the %s", style, in)
	}
	return ""
}

// objectOf reports whether t is an object of primitive properties: a
// struct whose fields (and additional properties) are primitives, or a map
// of primitives; with lists, arrays of primitives too. It returns the parse
// kind of each property and of the additional ones ("" for string, "[]int"
// for an array of integers).
func objectOf(t *ir.Type, lists bool) (props []ir.ObjectProp, extra string, ok bool) {
	return objectOfForm(t, lists, nil)
}

// objectOfForm is objectOf for a form body: a property that fields send as
// JSON text may have any type; its kind is json.
func objectOfForm(t *ir.Type, lists bool, fields []ir.FormField) (props []ir.ObjectProp, extra string, ok bool) {
	u := t
	for u.Kind == ir.Alias || u.Kind == ir.Defined {
		if u.Elem == nil {
			return nil, "", false
		}
		u = u.Elem
	}
	switch u.Kind {
	case ir.Map:
		if u.Elem == nil {
			return nil, "", false
		}
		if u.Elem.Kind == ir.Builtin && u.Elem.Go == "any" {
			return nil, "", true
		}
		kind := scalarKind(u.Elem)
		return nil, kind, kind != ""
	case ir.Struct:
		if t.Name == "" {
			return nil, "", false
		}
		for _, f := range u.Fields {
			ft := f.Type
			switch ft.Kind {
			case ir.Opt, ir.Nullable, ir.OptNullable:
				ft = ft.Elem
			}
			kind := propKind(ft, lists)
			if slices.ContainsFunc(fields, func(ff ir.FormField) bool { return ff.JSON && ff.Name == f.JSONName }) {
				kind = "json"
			}
			if kind == "" {
				return nil, "", false
			}
			props = append(props, ir.ObjectProp{Name: f.JSONName, Kind: kind})
		}
		if u.Extra != nil {
			if extra = scalarKind(u.Extra); extra == "" && !(u.Extra.Kind == ir.Builtin && u.Extra.Go == "any") {
				return nil, "", false
			}
		}
		return props, extra, true
	}
	return nil, "", false
}

// propKind is the parse kind of an object property of type t: its scalar
// kind, or with lists "[]" and the kind of its items; "" when it is neither.
func propKind(t *ir.Type, lists bool) string {
	if kind := scalarKind(t); kind != "" {
		return kind
	}
	if elem, _ := listOf(t); lists && elem != nil {
		return "[]" + scalarKind(elem)
	}
	return ""
}

// paramStyle returns the style and explode of p, with the defaults of its location.
func paramStyle(p *load.Parameter) (string, bool) {
	style := p.Style
	if style == "" {
		style = defaultStyle(p.In)
	}
	explode := style == "form"
	if p.Explode != nil {
		explode = *p.Explode
	}
	return style, explode
}

func defaultStyle(in string) string {
	if in == "query" || in == "cookie" {
		return "form"
	}
	return "simple"
}

// scalarKind says how a single parameter value of type t is parsed: string,
// int, float, bool or time; "" when t is not a primitive.
func scalarKind(t *ir.Type) string {
	bt := builtinOf(t)
	if bt == nil {
		return ""
	}
	switch bt.Go {
	case "string":
		return "string"
	case "int", "int32", "int64":
		return "int"
	case "float32", "float64":
		return "float"
	case "bool":
		return "bool"
	case "time.Time":
		if t == bt { // a named type over time.Time has no parser
			return "time"
		}
	}
	return ""
}

// builtinOf returns the builtin a primitive type is made of (itself, or
// the base of an enum or defined type), or nil.
func builtinOf(t *ir.Type) *ir.Type {
	for range 8 {
		switch t.Kind {
		case ir.Builtin:
			return t
		case ir.Enum, ir.Defined, ir.Alias:
			t = t.Elem
		default:
			return nil
		}
		if t == nil {
			return nil
		}
	}
	return nil
}

// listOf returns the item type of an array of primitives, and the named
// type the parsed []Elem converts to when t is one (type Tags []string).
func listOf(t *ir.Type) (elem, convert *ir.Type) {
	u := t
	for u.Kind == ir.Defined || u.Kind == ir.Alias {
		if u.Elem == nil {
			return nil, nil
		}
		u = u.Elem
	}
	if u.Kind != ir.Slice || u.Elem == nil || scalarKind(u.Elem) == "" {
		return nil, nil
	}
	if u != t {
		convert = t
	}
	return u.Elem, convert
}

// serverBody decides how op's request body reaches the handler: decoded
// into the body type (JSON, or a form of primitive properties), read into a
// string (text), or passed as a stream (multipart, anything else). The
// media type the models use (JSON first) decides, and every declared media
// type of the same kind is accepted.
func (b *builder) serverBody(op *load.Operation, out *ir.Operation) *ir.ServerBody {
	mt := preferredMedia(op.RequestBody.Content)
	if mt == nil {
		return nil
	}
	body := &ir.ServerBody{Kind: bodyKind(mt.Type), Required: op.RequestBody.Required}
	if mt.Schema == nil && (body.Kind == ir.BodyJSON || body.Kind == ir.BodyForm) {
		body.Kind = ir.BodyBinary // nothing to decode into
	}
	switch body.Kind {
	case ir.BodyForm:
		body.Fields = formFields(mt.Encoding)
	case ir.BodyMultipart:
		body.PartTypes = partTypes(mt.Encoding)
	}
	if body.Kind == ir.BodyForm {
		props, extra, ok := objectOfForm(out.Body, true, body.Fields)
		if !ok {
			b.diags.Add(op.RequestBody.Loc.Pos, diag.Info, "server-body", "%s: the form body has properties that are not primitives or arrays of them; the handler gets it as a stream", op.Label())
			body.Kind = ir.BodyBinary
		}
		body.Props, body.Extra = props, extra
	}
	for _, m := range op.RequestBody.Content {
		if bodyKind(m.Type) == bodyKind(mt.Type) {
			body.Media = append(body.Media, m.Type)
		}
	}
	switch body.Kind {
	case ir.BodyJSON, ir.BodyForm:
		body.Type = out.Body
		body.Arg = wrap(out.Body, body.Required, false)
	case ir.BodyText:
		body.Arg = &ir.Type{Kind: ir.Builtin, Go: "string"}
	case ir.BodyMultipart:
		body.Arg = &ir.Type{Kind: ir.Builtin, Go: "*multipart.Reader", Import: ir.Import{Path: "mime/multipart"}}
	default:
		body.Arg = &ir.Type{Kind: ir.Builtin, Go: "io.Reader", Import: ir.Import{Path: "io"}}
	}
	return body
}

// formFields reads the encoding object of a form body: the properties
// written in another style than form, exploded, as JSON text, or with
// allowReserved. As OpenAPI 3.2 says, a contentType counts only when
// style, explode and allowReserved are not written.
func formFields(encoding []*load.Encoding) []ir.FormField {
	var out []ir.FormField
	for _, e := range encoding {
		f := ir.FormField{Name: e.Name, Reserved: e.AllowReserved}
		ct, _, _ := strings.Cut(e.ContentType, ",")
		f.JSON = IsJSON(ct) && e.Style == "" && e.Explode == nil && !e.AllowReserved
		explode := e.Style == "" || e.Style == "form"
		if e.Explode != nil {
			explode = *e.Explode
		}
		switch {
		case e.Style == "spaceDelimited":
			f.Delim = " "
		case e.Style == "pipeDelimited":
			f.Delim = "|"
		case !explode && (e.Style == "" || e.Style == "form"):
			f.Delim = ","
		}
		if f != (ir.FormField{Name: e.Name}) {
			out = append(out, f)
		}
	}
	return out
}

// partTypes returns the Content-Types the encoding object gives the parts
// of a multipart body: only single media types, not ranges (image/*) or
// lists, which leave the caller to choose.
func partTypes(encoding []*load.Encoding) []ir.PartType {
	var out []ir.PartType
	for _, e := range encoding {
		ct := strings.TrimSpace(e.ContentType)
		if ct == "" || strings.ContainsAny(ct, "*,") {
			continue
		}
		if _, _, err := mime.ParseMediaType(ct); err != nil {
			continue
		}
		out = append(out, ir.PartType{Name: e.Name, ContentType: ct})
	}
	return out
}

// bodyKind says how a request body of the given media type is read.
func bodyKind(media string) string {
	media, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(media)), ";")
	switch {
	case IsJSON(media):
		return ir.BodyJSON
	case media == "application/x-www-form-urlencoded":
		return ir.BodyForm
	case strings.HasPrefix(media, "multipart/"):
		return ir.BodyMultipart
	case strings.HasPrefix(media, "text/"):
		return ir.BodyText
	}
	return ir.BodyBinary
}
