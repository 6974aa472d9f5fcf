package load

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// methods are the fields of a path item that hold an operation; query is
// OpenAPI 3.2's.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}

func (l *loader) paths(doc *Document, paths *yaml.Node) error {
	var err error
	pairs(paths, func(k, v *yaml.Node) {
		if err != nil || !strings.HasPrefix(k.Value, "/") {
			return
		}
		l.checkPathKey(k)
		var item *PathItem
		item, err = l.pathItem(k.Value, node{f: l.root, n: v}, "/paths/"+escapeToken(k.Value))
		if err == nil {
			item.Pos = nodePos(l.root.path, k)
			doc.Paths = append(doc.Paths, item)
		}
	})
	return err
}

// checkPathKey warns about a path that no request can have: one with a
// space or a control character (a line break, a NUL), which a URL cannot
// hold unescaped. Such a key is a defect, or an attempt to smuggle text into
// what is generated from it; generation escapes it either way.
func (l *loader) checkPathKey(k *yaml.Node) {
	if i := strings.IndexFunc(k.Value, func(r rune) bool { return r <= ' ' || r == 0x7f || unicode.IsControl(r) || unicode.IsSpace(r) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(k.Value[i:])
		l.diags.Warnf(nodePos(l.root.path, k), "path-characters", "path %q holds %q, which a URL path cannot hold; no request can match it", k.Value, r)
	}
}

// webhooks loads the webhooks of an OpenAPI 3.1 document: path items
// keyed by name, whose operations the API sends rather than serves.
func (l *loader) webhooks(doc *Document, webhooks *yaml.Node) error {
	var err error
	pairs(webhooks, func(k, v *yaml.Node) {
		if err != nil || strings.HasPrefix(k.Value, "x-") {
			return
		}
		if k.Value == "" {
			// Its name is all that tells a webhook's operations from those
			// of paths, and what its handler is named after.
			l.diags.Add(nodePos(l.root.path, k), l.workedAround(), "webhook", "a webhook's name is empty%s", l.how("it is left out"))
			return
		}
		var item *PathItem
		item, err = l.pathItem("", node{f: l.root, n: v}, "/webhooks/"+escapeToken(k.Value))
		if err != nil {
			return
		}
		item.Webhook, item.Pos = k.Value, nodePos(l.root.path, k)
		for _, op := range item.Operations {
			op.Webhook = k.Value
			l.checkWebhookParams(op)
		}
		if len(item.Operations) == 0 && !item.unresolved {
			l.diags.Warnf(item.Pos, "webhook", "webhook %q has no operation: nothing can be received for it", k.Value)
		}
		doc.Webhooks = append(doc.Webhooks, item)
	})
	return err
}

// checkWebhookParams reports the path parameters of a webhook's
// operation, which has no path template to take them from; they are left
// out, as undeclared path parameters are.
func (l *loader) checkWebhookParams(op *Operation) {
	kept := make([]*Parameter, 0, len(op.Parameters))
	for _, p := range op.Parameters {
		if p.In != "path" {
			kept = append(kept, p)
			continue
		}
		l.diags.Add(p.Loc.Pos, l.workedAround(), "path-params", "path parameter %q of %s: a webhook has no path template%s", p.Name, op.Label(), l.how("it is left out"))
	}
	if !l.r.opts.Lenient {
		op.Parameters = kept
	}
}

// refDoc returns the summary and description written next to the $refs
// of hops, the outermost first: OpenAPI 3.1's Reference Object lets them
// override the target's. OpenAPI 3.0 ignores them.
func (l *loader) refDoc(hops []refHop) (summary, description string) {
	if l.minor < 1 {
		return "", ""
	}
	for _, h := range hops {
		if v, _ := get(h.n, "summary"); v != nil && summary == "" {
			summary = str(v)
		}
		if v, _ := get(h.n, "description"); v != nil && description == "" {
			description = str(v)
		}
	}
	return summary, description
}

// override replaces *dst with s when s is set.
func override(dst *string, s string) {
	if s != "" {
		*dst = s
	}
}

func (l *loader) pathItem(path string, at node, ptr string) (*PathItem, error) {
	at, ptr, hops, err := l.r.follow(at, ptr)
	if err != nil {
		if l.soft(err) {
			return &PathItem{Path: path, unresolved: true}, nil
		}
		return nil, err
	}
	item := &PathItem{Path: path, Summary: str(first(get(at.n, "summary"))), Description: str(first(get(at.n, "description")))}
	summary, description := l.refDoc(hops)
	override(&item.Summary, summary)
	override(&item.Description, description)
	l.checkShape(at.f, at.n, pathItemShape)
	shared, err := l.parameters(at, first(get(at.n, "parameters")), ptr+"/parameters")
	if err != nil {
		return nil, err
	}
	add := func(method string, k, v *yaml.Node, ptr string) error {
		op, err := l.operation(node{f: at.f, n: v}, ptr)
		if err != nil {
			return err
		}
		op.Method, op.Path = method, path
		op.Loc.Pos = nodePos(at.f.path, k)
		op.Parameters = mergeParams(shared, op.Parameters)
		if path != "" {
			l.checkPathParams(op)
		}
		l.checkQueryString(op)
		item.Operations = append(item.Operations, op)
		return nil
	}
	for _, m := range methods {
		if v, k := get(at.n, m); v != nil {
			if err := add(strings.ToUpper(m), k, v, ptr+"/"+m); err != nil {
				return nil, err
			}
		}
	}
	extra, _ := get(at.n, "additionalOperations")
	pairs(extra, func(k, v *yaml.Node) {
		if err == nil && l.additionalMethod(at, k) {
			err = add(k.Value, k, v, ptr+"/additionalOperations/"+escapeToken(k.Value))
		}
	})
	return item, err
}

// additionalMethod checks the method name of an entry of a 3.2 path
// item's additionalOperations, which is sent as written: an HTTP token
// (upper case, by convention), and not a method that has its own field.
// It reports false for an entry that is left out.
func (l *loader) additionalMethod(at node, k *yaml.Node) bool {
	name := k.Value
	switch {
	case name == "" || strings.IndexFunc(name, func(r rune) bool { return r > 0x7e || !isTokenChar(byte(r)) }) >= 0:
		l.diags.Add(nodePos(at.f.path, k), l.workedAround(), "additional-operation", "additionalOperations: %q is not an HTTP method name (a token such as LINK)%s", name, l.how("it is left out"))
		return false
	case slices.Contains(methods, strings.ToLower(name)):
		l.diags.Add(nodePos(at.f.path, k), l.workedAround(), "additional-operation", "additionalOperations: %s must be written as the path item's field %q%s", name, strings.ToLower(name), l.how("it is left out"))
		return false
	case name != strings.ToUpper(name):
		l.diags.Warnf(nodePos(at.f.path, k), "additional-operation", "additionalOperations: method %q is not upper case; it is sent as written, and HTTP methods are case-sensitive", name)
	}
	return true
}

// isTokenChar reports whether c may appear in an HTTP token (RFC 9110).
func isTokenChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// checkQueryString reports an in: querystring parameter (OpenAPI 3.2: the
// whole query string) beside another one or beside in: query parameters,
// and one without content: the others are read all the same.
func (l *loader) checkQueryString(op *Operation) {
	var qs *Parameter
	query := false
	for _, p := range op.Parameters {
		switch p.In {
		case "query":
			query = true
		case "querystring":
			if len(p.Content) != 1 || p.Schema != nil {
				l.diags.Errorf(p.Loc.Pos, "querystring", "querystring parameter %q must have a content with one media type, and no schema", p.Name)
			}
			if qs != nil {
				l.diags.Errorf(p.Loc.Pos, "querystring", "%s %s has two querystring parameters, %q and %q; an operation has at most one", op.Method, op.Path, qs.Name, p.Name)
				continue
			}
			qs = p
		}
	}
	if qs != nil && query {
		l.diags.Errorf(qs.Loc.Pos, "querystring", "%s %s has both a querystring parameter, %q, and query parameters; the whole query string is %q's", op.Method, op.Path, qs.Name, qs.Name)
	}
}

// mergeParams puts path-level parameters first unless the operation
// overrides them (same name and location), as OpenAPI specifies.
func mergeParams(shared, own []*Parameter) []*Parameter {
	var out []*Parameter
	for _, s := range shared {
		overridden := false
		for _, o := range own {
			if o.Name == s.Name && o.In == s.In {
				overridden = true
			}
		}
		if !overridden {
			out = append(out, s)
		}
	}
	return append(out, own...)
}

func (l *loader) operation(at node, ptr string) (*Operation, error) {
	if _, pos, isRef := refOf(at.f, at.n); isRef {
		// Not OpenAPI, but large split specs have hundreds: follow it and
		// report them once (see document).
		if l.opRefs++; l.opRefs == 1 {
			l.opRefAt = pos
		}
		var err error
		if at, ptr, _, err = l.r.follow(at, ptr); err != nil {
			return nil, err
		}
	}
	n := at.n
	l.checkShape(at.f, n, operationShape)
	opID, _ := get(n, "operationId")
	op := &Operation{
		OperationID:    str(opID),
		OperationIDPos: nodePos(at.f.path, opID),
		Summary:        str(first(get(n, "summary"))),
		Description:    str(first(get(n, "description"))),
		Deprecated:     boolVal(first(get(n, "deprecated"))),
		Loc:            Loc{File: at.f.path, Pointer: ptr},
	}
	for _, t := range items(first(get(n, "tags"))) {
		op.Tags = append(op.Tags, str(t))
	}
	if v, _ := get(n, "security"); v != nil {
		op.Security, op.HasSecurity = l.security(at.f, v, ptr+"/security"), true
	}
	var err error
	if op.Parameters, err = l.parameters(at, first(get(n, "parameters")), ptr+"/parameters"); err != nil {
		return nil, err
	}
	if v, _ := get(n, "requestBody"); v != nil {
		if op.RequestBody, err = l.requestBody(node{f: at.f, n: v}, ptr+"/requestBody"); err != nil {
			return nil, err
		}
	}
	responses, _ := get(n, "responses")
	pairs(responses, func(k, v *yaml.Node) {
		if err != nil || strings.HasPrefix(k.Value, "x-") {
			return
		}
		var r *Response
		r, err = l.response(k.Value, node{f: at.f, n: v}, ptr+"/responses/"+escapeToken(k.Value))
		if err == nil {
			r.Loc.Pos = nodePos(at.f.path, k)
			op.Responses = append(op.Responses, r)
		}
	})
	return op, err
}

func (l *loader) parameters(at node, list *yaml.Node, ptr string) ([]*Parameter, error) {
	var out []*Parameter
	for i, item := range items(list) {
		p, err := l.parameter(node{f: at.f, n: item}, ptr+"/"+itoa(i))
		if err != nil {
			return nil, err
		}
		if p != nil {
			out = append(out, p)
		}
	}
	return out, nil
}

func (l *loader) parameter(at node, ptr string) (*Parameter, error) {
	at, ptr, hops, err := l.r.follow(at, ptr)
	if err != nil {
		if l.soft(err) {
			return nil, nil
		}
		return nil, err
	}
	n := at.n
	l.checkShape(at.f, n, parameterShape)
	p := &Parameter{
		Name:        str(first(get(n, "name"))),
		In:          str(first(get(n, "in"))),
		Description: str(first(get(n, "description"))),
		Required:    boolVal(first(get(n, "required"))),
		Deprecated:  boolVal(first(get(n, "deprecated"))),
		Style:       str(first(get(n, "style"))),
		Loc:         Loc{File: at.f.path, Pointer: ptr, Pos: nodePos(at.f.path, n)},
	}
	_, description := l.refDoc(hops)
	override(&p.Description, description)
	p.Explode = explodeOf(n)
	if v, k := get(n, "allowReserved"); v != nil {
		p.AllowReserved = boolVal(v)
		l.checkAllowReserved(at.f, k, p)
	}
	if v, _ := get(n, "schema"); v != nil {
		if p.Schema, err = l.schemaRef(node{f: at.f, n: v}, ptr+"/schema"); err != nil {
			return nil, err
		}
	}
	p.Content, err = l.content(at, first(get(n, "content")), ptr+"/content")
	return p, err
}

func (l *loader) requestBody(at node, ptr string) (*RequestBody, error) {
	at, ptr, hops, err := l.r.follow(at, ptr)
	if err != nil {
		if l.soft(err) {
			return &RequestBody{}, nil
		}
		return nil, err
	}
	l.checkShape(at.f, at.n, requestBodyShape)
	rb := &RequestBody{
		Description: str(first(get(at.n, "description"))),
		Required:    boolVal(first(get(at.n, "required"))),
		Loc:         Loc{File: at.f.path, Pointer: ptr, Pos: nodePos(at.f.path, at.n)},
	}
	_, description := l.refDoc(hops)
	override(&rb.Description, description)
	rb.Content, err = l.content(at, first(get(at.n, "content")), ptr+"/content")
	return rb, err
}

func (l *loader) response(status string, at node, ptr string) (*Response, error) {
	at, ptr, hops, err := l.r.follow(at, ptr)
	if err != nil {
		if l.soft(err) {
			return &Response{Status: status}, nil
		}
		return nil, err
	}
	l.checkShape(at.f, at.n, responseShape)
	r := &Response{
		Status:      status,
		Description: str(first(get(at.n, "description"))),
		Loc:         Loc{File: at.f.path, Pointer: ptr},
	}
	_, description := l.refDoc(hops)
	override(&r.Description, description)
	if r.Content, err = l.content(at, first(get(at.n, "content")), ptr+"/content"); err != nil {
		return nil, err
	}
	headers, _ := get(at.n, "headers")
	pairs(headers, func(k, v *yaml.Node) {
		if err != nil {
			return
		}
		var h *Header
		h, err = l.header(k.Value, node{f: at.f, n: v}, ptr+"/headers/"+escapeToken(k.Value))
		if err == nil {
			r.Headers = append(r.Headers, h)
		}
	})
	return r, err
}

func (l *loader) header(name string, at node, ptr string) (*Header, error) {
	at, ptr, hops, err := l.r.follow(at, ptr)
	if err != nil {
		if l.soft(err) {
			return &Header{Name: name}, nil
		}
		return nil, err
	}
	l.checkShape(at.f, at.n, headerShape)
	h := &Header{
		Name:        name,
		Description: str(first(get(at.n, "description"))),
		Required:    boolVal(first(get(at.n, "required"))),
		Loc:         Loc{File: at.f.path, Pointer: ptr, Pos: nodePos(at.f.path, at.n)},
	}
	_, description := l.refDoc(hops)
	override(&h.Description, description)
	if v, _ := get(at.n, "schema"); v != nil {
		h.Schema, err = l.schemaRef(node{f: at.f, n: v}, ptr+"/schema")
	}
	return h, err
}

func (l *loader) content(at node, content *yaml.Node, ptr string) ([]*MediaType, error) {
	var out []*MediaType
	var err error
	pairs(content, func(k, v *yaml.Node) {
		if err != nil {
			return
		}
		mptr := ptr + "/" + escapeToken(k.Value)
		mt := &MediaType{Type: k.Value, Loc: Loc{File: at.f.path, Pointer: mptr, Pos: nodePos(at.f.path, k)}}
		l.checkShape(at.f, v, mediaTypeShape)
		if err = l.examples(node{f: at.f, n: v}, mptr); err != nil {
			return
		}
		if s, _ := get(v, "schema"); s != nil {
			if mt.Schema, err = l.schemaRef(node{f: at.f, n: s}, mptr+"/schema"); err != nil {
				return
			}
		}
		if s, _ := get(v, "itemSchema"); s != nil {
			mt.ItemSchema, err = l.schemaRef(node{f: at.f, n: s}, mptr+"/itemSchema")
		}
		mt.Encoding = l.encodings(at.f, k.Value, first(get(v, "encoding")), mptr+"/encoding")
		out = append(out, mt)
	})
	return out, err
}

// explodeOf returns the explode field of n, nil when it is not written.
func explodeOf(n *yaml.Node) *bool {
	v, _ := get(n, "explode")
	if v == nil {
		return nil
	}
	b := boolVal(v)
	return &b
}

// checkAllowReserved warns about allowReserved: true where OpenAPI ignores
// it: outside the query (3.2 also applies it to path parameters and
// form-style cookies, which percent-encode too).
func (l *loader) checkAllowReserved(f *file, k *yaml.Node, p *Parameter) {
	if !p.AllowReserved || p.In == "query" {
		return
	}
	if l.minor >= 2 && (p.In == "path" || p.In == "cookie") {
		return
	}
	l.diags.Warnf(nodePos(f.path, k), "ignored-field", "allowReserved applies only to query parameters; %s parameter %q is written as if it were false", p.In, p.Name)
}

// encodings reads the encoding map of a media type, warning about the
// fields OpenAPI ignores for it: style, explode and allowReserved apply to
// form bodies (in 3.2 to multipart/form-data too).
func (l *loader) encodings(f *file, media string, n *yaml.Node, ptr string) []*Encoding {
	var out []*Encoding
	media, _, _ = strings.Cut(strings.ToLower(media), ";")
	media = strings.TrimSpace(media)
	styled := media == "application/x-www-form-urlencoded" || l.minor >= 2 && media == "multipart/form-data"
	pairs(n, func(k, v *yaml.Node) {
		l.checkShape(f, v, encodingShape)
		if !styled {
			var fields []string
			var at *yaml.Node
			for _, field := range []string{"style", "explode", "allowReserved"} {
				if _, fk := get(v, field); fk != nil {
					fields = append(fields, field)
					if at == nil {
						at = fk
					}
				}
			}
			if at != nil {
				l.diags.Warnf(nodePos(f.path, at), "ignored-field", "OpenAPI ignores an encoding's %s for %s (only application/x-www-form-urlencoded bodies are styled)", strings.Join(fields, " and "), media)
			}
		}
		e := &Encoding{
			Name:          k.Value,
			ContentType:   str(first(get(v, "contentType"))),
			Style:         str(first(get(v, "style"))),
			Explode:       explodeOf(v),
			AllowReserved: boolVal(first(get(v, "allowReserved"))),
			Loc:           Loc{File: f.path, Pointer: ptr + "/" + escapeToken(k.Value), Pos: nodePos(f.path, k)},
		}
		headers, _ := get(v, "headers")
		pairs(headers, func(h, _ *yaml.Node) {
			if !strings.EqualFold(h.Value, "Content-Type") {
				e.Headers = append(e.Headers, h.Value)
			}
		})
		out = append(out, e)
	})
	return out
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// examples follows the $refs of an examples map, so that a missing example
// file is reported and example files count as used.
func (l *loader) examples(at node, ptr string) error {
	examples, _ := get(at.n, "examples")
	var err error
	pairs(examples, func(k, v *yaml.Node) {
		if err != nil {
			return
		}
		if _, _, _, ferr := l.r.follow(node{f: at.f, n: v}, ptr+"/examples/"+escapeToken(k.Value)); ferr != nil && !l.soft(ferr) {
			err = ferr
		}
	})
	return err
}
