package rt

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// paramReader reads the raw parameters of one request and collects their
// violations, with paths /name until err prefixes the location.
type paramReader struct {
	r     *http.Request
	query url.Values
	v     validator
}

func newParamReader(r *http.Request) paramReader { return paramReader{r: r} }

// value returns the raw value of a single-valued parameter; key is the
// ServeMux wildcard of a path parameter, else the parameter's name.
func (p *paramReader) value(in, key string) (string, bool) {
	switch in {
	case "path":
		return p.r.PathValue(key), true
	case "query":
		if p.query == nil {
			p.query = p.r.URL.Query()
		}
		vs, ok := p.query[key]
		if !ok || len(vs) == 0 {
			return "", false
		}
		return vs[0], true
	case "header":
		vs := p.r.Header.Values(key)
		if len(vs) == 0 {
			return "", false
		}
		return strings.Join(vs, ","), true
	case "cookie":
		c, err := p.r.Cookie(key)
		if err != nil {
			return "", false
		}
		return c.Value, true
	case "querystring": // OpenAPI 3.2: the whole query string, unescaped
		raw := p.r.URL.RawQuery
		if raw == "" {
			return "", false
		}
		if s, err := url.PathUnescape(raw); err == nil {
			return s, true
		}
		return raw, true // the decoder reports it
	}
	return "", false
}

// queryForm returns the query string read as a form (an OpenAPI 3.2
// querystring parameter), false when there is none.
func (p *paramReader) queryForm() (url.Values, bool) {
	if p.query == nil {
		p.query = p.r.URL.Query()
	}
	return p.query, p.r.URL.RawQuery != ""
}

// form decodes values, the query string read as a form, into x (see
// formBody), reporting violations below /name.
func (p *paramReader) form(name string, values url.Values, kinds map[string]string, extra string, x any) bool {
	err := formBody(values, kinds, extra, nil, x)
	if err != nil {
		p.v.enter(name)
		p.v.record("type", err)
		p.v.leave()
	}
	return err == nil
}

// values returns the raw items of an array parameter in its style: every
// occurrence of an exploded query parameter (form and the delimited
// styles), else one value split on its delimiter. Malformed values are
// reported and give nil items.
func (p *paramReader) values(in, key, name, style string, explode bool) ([]string, bool) {
	if in == "query" && explode {
		if p.query == nil {
			p.query = p.r.URL.Query()
		}
		vs, ok := p.query[key]
		return vs, ok
	}
	s, ok := p.value(in, key)
	if !ok {
		return nil, false
	}
	s, good := p.unstyle(name, style, s)
	if !good {
		return nil, true
	}
	if s == "" {
		return []string{}, true
	}
	var items []string
	switch {
	case style == "label" && (explode || !strings.Contains(s, ",")):
		items = strings.Split(s, ".")
	case style == "matrix" && explode:
		items = strings.Split(s, ";"+name+"=")
	default:
		items = strings.Split(s, delimiter(style))
	}
	if in == "header" {
		for i := range items {
			items[i] = strings.TrimSpace(items[i])
		}
	}
	return items, true
}

// delimiter returns the separator of unexploded array items in style.
func delimiter(style string) string {
	switch style {
	case "spaceDelimited":
		return " "
	case "pipeDelimited":
		return "|"
	}
	return ","
}

// unstyle removes the prefix of a label (.) or matrix (;name=) value,
// reporting a value without it.
func (p *paramReader) unstyle(name, style, s string) (string, bool) {
	var rest string
	var ok bool
	switch style {
	case "label":
		rest, ok = strings.CutPrefix(s, ".")
	case "matrix":
		if s == ";"+name {
			return "", true
		}
		rest, ok = strings.CutPrefix(s, ";"+name+"=")
	default:
		return s, true
	}
	if !ok {
		p.v.enter(name)
		p.v.reject("style", "must be in %s style (%s), got %q", style, stylePrefix(name, style), s)
		p.v.leave()
	}
	return rest, ok
}

func stylePrefix(name, style string) string {
	if style == "label" {
		return ".value"
	}
	return ";" + name + "=value"
}

// object returns the raw properties of an object parameter in its style:
// deepObject (name[key]=value), form exploded (each property its own query
// key, props lists them), matrix exploded (;key=value;...), label or simple
// exploded (key=value items) or, unexploded, alternating keys and values.
// Malformed values are reported and give a nil map.
func (p *paramReader) object(in, key, name, style string, explode bool, props []string) (map[string]string, bool) {
	out := map[string]string{}
	if in == "query" && (style == "deepObject" || style == "form" && explode) {
		if p.query == nil {
			p.query = p.r.URL.Query()
		}
		if style == "form" {
			for _, prop := range props {
				if vs := p.query[prop]; len(vs) > 0 {
					out[prop] = vs[0]
				}
			}
			return out, len(out) > 0
		}
		for k, vs := range p.query {
			prop, ok := strings.CutPrefix(k, key+"[")
			if !ok || !strings.HasSuffix(prop, "]") || len(vs) == 0 {
				continue
			}
			prop = strings.TrimSuffix(prop, "]")
			if strings.ContainsAny(prop, "[]") {
				p.v.enter(name)
				p.v.reject("style", "nested deepObject keys are not supported, got %q", k)
				p.v.leave()
				return nil, true
			}
			out[prop] = vs[0]
		}
		return out, len(out) > 0
	}
	s, ok := p.value(in, key)
	if !ok {
		return nil, false
	}
	var items []string
	switch {
	case style == "matrix" && explode:
		if s != "" && !strings.HasPrefix(s, ";") {
			p.v.enter(name)
			p.v.reject("style", "must be in matrix style (;key=value), got %q", s)
			p.v.leave()
			return nil, true
		}
		if s != "" {
			items = strings.Split(s[1:], ";")
		}
	default:
		rest, good := p.unstyle(name, style, s)
		if !good {
			return nil, true
		}
		sep := delimiter(style)
		if style == "label" {
			sep = "."
		}
		if rest != "" {
			items = strings.Split(rest, sep)
		}
	}
	if explode {
		for _, item := range items {
			k, v, ok := strings.Cut(item, "=")
			if !ok {
				p.v.enter(name)
				p.v.reject("style", "must list key=value pairs, got %q", s)
				p.v.leave()
				return nil, true
			}
			out[k] = v
		}
		return out, true
	}
	if len(items)%2 != 0 {
		p.v.enter(name)
		p.v.reject("style", "must list keys and values alternately, got %q", s)
		p.v.leave()
		return nil, true
	}
	for i := 0; i < len(items); i += 2 {
		out[items[i]] = items[i+1]
	}
	return out, true
}

// missing reports an absent required parameter.
func (p *paramReader) missing(in, name string) {
	p.v.enter(name)
	p.v.reject("required", "missing required %s parameter %q", in, name)
	p.v.leave()
}

// skip keeps validation off a parameter the server does not bind.
func (p *paramReader) skip(name string) {
	p.v.enter(name)
	p.v.rejected = append(p.v.rejected, p.v.path())
	p.v.leave()
}

// err returns nil or a 400 problem listing the violations, each path
// prefixed with the parameter's location (/query/limit).
func (p *paramReader) err(in map[string]string) *Problem {
	err := p.v.err()
	if err == nil {
		return nil
	}
	vs := err.(*ValidationError).Violations
	for i := range vs {
		name, _, _ := strings.Cut(strings.TrimPrefix(vs[i].Path, "/"), "/")
		name = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
		vs[i].Path = "/" + in[name] + vs[i].Path
	}
	return &Problem{Status: http.StatusBadRequest, Detail: "invalid parameters", Violations: vs}
}

// param parses the raw value of parameter name, reporting a failure.
func param[T any](p *paramReader, name, raw string, parse func(string) (T, error)) (T, bool) {
	x, err := parse(raw)
	if err != nil {
		p.v.enter(name)
		p.v.reject("type", "%s, got %q", err.Error(), raw)
		p.v.leave()
		return x, false
	}
	return x, true
}

// paramStyled parses the raw value of a label or matrix parameter.
func paramStyled[T any](p *paramReader, name, style, raw string, parse func(string) (T, error)) (T, bool) {
	s, ok := p.unstyle(name, style, raw)
	if !ok {
		var zero T
		return zero, false
	}
	return param(p, name, s, parse)
}

// paramObject converts the raw properties of an object parameter to JSON,
// each as its kind in kinds says (string, int, float, bool or time; extra
// for the others), and decodes it into x, reporting what does not convert
// at /name/property.
func paramObject(p *paramReader, name string, raw map[string]string, kinds map[string]string, extra string, x any) bool {
	if raw == nil { // malformed, already reported
		return false
	}
	obj := make(map[string]any, len(raw))
	ok := true
	for k, s := range raw {
		kind, known := kinds[k]
		if !known {
			kind = extra
		}
		x, err := convertValue(kind, s)
		if err != nil {
			p.v.enter(name)
			p.v.enter(k)
			p.v.reject("type", "%s, got %q", err.Error(), s)
			p.v.leave()
			p.v.leave()
			ok = false
		}
		obj[k] = x
	}
	if !ok {
		return false
	}
	return p.decodeValue(name, obj, x)
}

// decodeValue converts v, the JSON value of parameter name, to JSON and
// decodes it into x, reporting violations below /name.
func (p *paramReader) decodeValue(name string, v any, x any) bool {
	data, err := json.Marshal(v)
	if err != nil {
		p.v.enter(name)
		p.v.reject("type", "%s", err.Error())
		p.v.leave()
		return false
	}
	return p.decode(name, "type", data, x)
}

// decode decodes the JSON of parameter name into x, reporting its
// violations below /name; an error that is not a *ValidationError is
// reported with keyword.
func (p *paramReader) decode(name, keyword string, data []byte, x any) bool {
	p.v.enter(name)
	ok := p.v.decodeAt(keyword, data, x)
	p.v.leave()
	return ok
}

// decodeAt decodes data into x, recording violations below the current
// path; an error that is not a *ValidationError is recorded with keyword.
// A slice is decoded item by item, so that what encoding/json reports of
// an item (it has no path) is placed at the item's index.
func (v *validator) decodeAt(keyword string, data []byte, x any) bool {
	if rv := reflect.ValueOf(x).Elem(); rv.Kind() == reflect.Slice {
		var raws []json.RawMessage
		if json.Unmarshal(data, &raws) == nil && raws != nil {
			items := reflect.MakeSlice(rv.Type(), len(raws), len(raws))
			ok := true
			for i, raw := range raws {
				v.enterIndex(i)
				ok = v.decodeAt(keyword, raw, items.Index(i).Addr().Interface()) && ok
				v.leave()
			}
			rv.Set(items)
			return ok
		}
	}
	err := json.Unmarshal(data, x)
	if err == nil {
		return true
	}
	v.record(keyword, err)
	return false
}

// record records err below the current path: the violations of a
// *ValidationError, else err itself with keyword.
func (v *validator) record(keyword string, err error) {
	if ve, isVE := asError[*ValidationError](err); isVE {
		prefix := v.path()
		for _, vi := range ve.Violations {
			vi.Path = prefix + vi.Path
			v.violations = append(v.violations, vi)
		}
		v.rejected = append(v.rejected, prefix)
	} else {
		v.reject(keyword, "%s", err.Error())
	}
}

// decodeBody decodes a JSON body into x, which has no generated decoder,
// with the violations of decodeAt.
func decodeBody(data []byte, x any) error {
	var v validator
	v.decodeAt("json", data, x)
	return v.err()
}

// convertValue converts a raw value to the JSON value of its parse kind:
// int, float, bool, or anything else for a string.
func convertValue(kind, s string) (any, error) {
	switch kind {
	case "int":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, errors.New("must be an integer")
		}
		return n, nil
	case "float":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, errors.New("must be a number")
		}
		return f, nil
	case "bool":
		return paramBool[bool](s)
	}
	return s, nil
}

// formBody decodes an application/x-www-form-urlencoded body into x, each
// property converted as its kind in kinds says (extra for the others): a
// kind starting with [] collects every value of the key into an array (or
// splits the first on its delimiter in fields), else the first value
// counts; a property fields give as JSON is decoded from its text. The
// error is a *ValidationError with paths such as /quantity, or a decoding
// error.
func formBody(values url.Values, kinds map[string]string, extra string, fields map[string]formField, x any) error {
	var v validator
	obj := make(map[string]any, len(values))
	for k, vs := range values {
		kind, known := kinds[k]
		if !known {
			kind = extra
		}
		f := fields[k]
		if f.json {
			if !json.Valid([]byte(vs[0])) {
				v.enter(k)
				v.reject("type", "must be JSON text, got %q", vs[0])
				v.leave()
				continue
			}
			obj[k] = json.RawMessage(vs[0])
			continue
		}
		item, isList := strings.CutPrefix(kind, "[]")
		switch {
		case !isList:
			vs = vs[:1]
		case f.delim != "" && vs[0] == "":
			vs = nil
		case f.delim != "":
			vs = strings.Split(vs[0], f.delim)
		}
		items := make([]any, len(vs))
		v.enter(k)
		for i, s := range vs {
			var err error
			if items[i], err = convertValue(item, s); err != nil {
				if isList {
					v.enterIndex(i)
				}
				v.reject("type", "%s, got %q", err.Error(), s)
				if isList {
					v.leave()
				}
			}
		}
		v.leave()
		if isList {
			obj[k] = items
		} else {
			obj[k] = items[0]
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, x)
}

// paramList parses the items of an array parameter.
func paramList[T any](p *paramReader, name string, raw []string, parse func(string) (T, error)) ([]T, bool) {
	if raw == nil { // malformed, already reported
		return nil, false
	}
	out := make([]T, len(raw))
	ok := true
	for i, s := range raw {
		x, err := parse(s)
		if err != nil {
			p.v.enter(name)
			p.v.enterIndex(i)
			p.v.reject("type", "%s, got %q", err.Error(), s)
			p.v.leave()
			p.v.leave()
			ok = false
			continue
		}
		out[i] = x
	}
	return out, ok
}
