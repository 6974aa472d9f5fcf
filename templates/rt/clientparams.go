package rt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Parameters written as the generated server reads them (see its
// paramReader), percent-encoded as RFC 3986 says: every byte but the
// unreserved characters in a value; the styles' delimiters as they are.
// A query parameter with allowReserved keeps the reserved characters too,
// but for those OpenAPI leaves the application to encode: [ ] # (not
// allowed in a query), & = + (form syntax) and ; (a separator to older
// form parsers; Go's net/url drops a pair holding one).

const upperHex = "0123456789ABCDEF"

var (
	unreservedChars = makeCharSet(unreserved)
	reservedChars   = makeCharSet(unreserved, ":/?@!$'()*,")
)

// appendEscaped appends s with every byte outside keep percent-encoded.
func appendEscaped(dst []byte, s string, keep charSet) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep.has(c) {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
	}
	return dst
}

// appendReserved appends s as RFC 6570's reserved expansion does: the
// characters of reservedChars and %XX triples as they are, every other
// byte percent-encoded.
func appendReserved(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case reservedChars.has(c):
			dst = append(dst, c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			dst = append(dst, s[i:i+3]...)
			i += 2
		default:
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}

// appendValue appends a value of a query parameter or form field,
// escaped: with reserved (allowReserved), by reserved expansion.
func appendValue(dst []byte, s string, reserved bool) []byte {
	if reserved {
		return appendReserved(dst, s)
	}
	return appendEscaped(dst, s, unreservedChars)
}

// pathText appends literal text of the path template.
func (b *requestBuilder) pathText(s string) { b.path = appendEscaped(b.path, s, pathChars) }

// pathValue appends a path parameter's value, escaped.
func (b *requestBuilder) pathValue(s string) {
	b.path = appendEscaped(b.path, s, unreservedChars)
}

// querySeparator appends & when the query already holds a pair.
func (b *requestBuilder) querySeparator() {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
}

// queryKey starts a query pair: & when needed, the escaped key and =.
func (b *requestBuilder) queryKey(key string) {
	b.querySeparator()
	b.query = appendEscaped(b.query, key, unreservedChars)
	b.query = append(b.query, '=')
}

// queryValue appends a query pair.
func (b *requestBuilder) queryValue(key, value string) {
	b.queryKey(key)
	b.query = appendValue(b.query, value, b.reserved)
}

// tokenChars are the characters of an HTTP token (RFC 9110), which the
// name of a header or a cookie is.
var tokenChars = makeCharSet(alpha, digit, "!#$%&'*+-.^_`|~")

// fieldName reports whether the header or cookie name is a token, and fails
// the request when it is not: net/http refuses such a header and drops such
// a cookie.
func (b *requestBuilder) fieldName(name string) bool {
	for i := 0; i < len(name); i++ {
		if !tokenChars.has(name[i]) {
			b.fail(name, fmt.Errorf("%q is not a token, which a header or cookie name must be", name))
			return false
		}
	}
	return name != ""
}

// trimmed fails the request when value starts or ends with a space or a
// tab, which the server trims from a header or cookie value (kind).
func (b *requestBuilder) trimmed(name, value, kind string) bool {
	if value != "" && (isSpaceOrTab(value[0]) || isSpaceOrTab(value[len(value)-1])) {
		b.fail(name, fmt.Errorf("a %s value cannot start or end with a space or a tab", kind))
		return false
	}
	return true
}

func isSpaceOrTab(c byte) bool { return c == ' ' || c == '\t' }

// headerParam sets a header parameter; a value a header cannot hold is an
// error.
func (b *requestBuilder) headerParam(name, value string) {
	if !b.fieldName(name) || !b.trimmed(name, value, "header") {
		return
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < 0x20 && c != '\t' || c == 0x7f {
			b.fail(name, fmt.Errorf("a header value cannot hold %q", c))
			return
		}
	}
	b.setHeader(name, value)
}

// cookie adds a cookie; a value a Cookie header cannot hold is an error.
func (b *requestBuilder) cookie(name, value string) {
	if !b.fieldName(name) || !b.trimmed(name, value, "cookie") {
		return
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < 0x20 || c >= 0x7f || c == '"' || c == ';' || c == '\\' {
			b.fail(name, fmt.Errorf("a cookie value cannot hold %q", c))
			return
		}
	}
	if b.header == nil {
		b.header = make(http.Header, 4)
	}
	if prev := b.header["Cookie"]; len(prev) > 0 {
		b.header["Cookie"] = []string{prev[0] + "; " + name + "=" + value}
		return
	}
	b.header["Cookie"] = []string{name + "=" + value}
}

// scalar writes a single value of parameter name in its location and style.
func (b *requestBuilder) scalar(in, name, style, value string) {
	switch in {
	case "path":
		switch style {
		case "label":
			b.path = append(b.path, '.')
		case "matrix":
			b.path = append(b.path, ';')
			b.pathValue(name)
			b.path = append(b.path, '=')
		}
		b.pathValue(value)
	case "query":
		b.queryValue(name, value)
	case "querystring": // OpenAPI 3.2: the whole query string
		b.querySeparator()
		b.query = appendEscaped(b.query, value, unreservedChars)
	case "header":
		b.headerParam(name, value)
	case "cookie":
		b.cookie(name, value)
	}
}

// styleDelimiter is the separator of unexploded items in style, escaped
// for the query when it must be.
func styleDelimiter(style string) string {
	switch style {
	case "spaceDelimited":
		return "%20"
	case "pipeDelimited":
		return "%7C"
	}
	return ","
}

// list writes the items of an array parameter in its location and style.
func (b *requestBuilder) list(in, name, style string, explode bool, items []string) {
	switch in {
	case "path":
		sep := ","
		switch {
		case style == "label":
			b.path = append(b.path, '.')
			if explode {
				sep = "."
			}
		case style == "matrix" && explode:
			if len(items) == 0 {
				b.path = append(b.path, ';')
				b.pathValue(name)
			}
			for _, item := range items {
				b.path = append(b.path, ';')
				b.pathValue(name)
				b.path = append(b.path, '=')
				b.pathValue(item)
			}
			return
		case style == "matrix":
			b.path = append(b.path, ';')
			b.pathValue(name)
			if len(items) == 0 {
				return
			}
			b.path = append(b.path, '=')
		}
		for i, item := range items {
			if i > 0 {
				b.path = append(b.path, sep...)
			}
			b.pathValue(item)
		}
	case "query":
		if explode {
			for _, item := range items {
				b.queryValue(name, item)
			}
			return
		}
		b.queryKey(name)
		sep := styleDelimiter(style)
		for i, item := range items {
			if i > 0 {
				b.query = append(b.query, sep...)
			}
			b.query = appendValue(b.query, item, b.reserved)
		}
	case "header":
		b.headerParam(name, strings.Join(items, ","))
	case "cookie":
		b.cookie(name, strings.Join(items, ","))
	}
}

// object writes an object parameter, given as its JSON, whose properties
// are primitives (or, with Tree, any JSON), props first in their order.
func (b *requestBuilder) object(in, name, style string, explode bool, value any, props []string) {
	pairs, err := objectPairs(value, props)
	if err != nil {
		b.fail(name, err)
		return
	}
	if in == "query" && (style == "deepObject" || style == "form" && explode) {
		for _, p := range pairs {
			key := p[0]
			if style == "deepObject" {
				key = name + "[" + p[0] + "]"
			}
			b.queryValue(key, p[1])
		}
		return
	}
	items := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		if explode {
			items = append(items, p[0]+"="+p[1])
		} else {
			items = append(items, p[0], p[1])
		}
	}
	switch {
	case in == "path" && style == "matrix" && explode:
		for _, item := range items {
			k, v, _ := strings.Cut(item, "=")
			b.path = append(b.path, ';')
			b.pathValue(k)
			b.path = append(b.path, '=')
			b.pathValue(v)
		}
	case in == "path" && style == "label":
		b.path = append(b.path, '.')
		for i, item := range items {
			if i > 0 {
				b.path = append(b.path, '.')
			}
			b.pathKeyValue(item, explode)
		}
	case in == "path":
		if style == "matrix" {
			b.path = append(b.path, ';')
			b.pathValue(name)
			b.path = append(b.path, '=')
		}
		for i, item := range items {
			if i > 0 {
				b.path = append(b.path, ',')
			}
			b.pathKeyValue(item, explode)
		}
	default:
		b.list(in, name, style, false, items)
	}
}

// pathKeyValue appends an item of an object in the path: key=value with
// explode, the = kept.
func (b *requestBuilder) pathKeyValue(item string, explode bool) {
	if !explode {
		b.pathValue(item)
		return
	}
	k, v, _ := strings.Cut(item, "=")
	b.pathValue(k)
	b.path = append(b.path, '=')
	b.pathValue(v)
}

// objectPairs returns the properties of an object, in the order of props
// then sorted, each as the text the server parses: strings as they are,
// numbers and booleans as JSON writes them. Null properties are left out.
func objectPairs(value any, props []string) ([][2]string, error) {
	obj, err := jsonTree(value)
	if err != nil {
		return nil, err
	}
	m, ok := obj.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !slices.Contains(props, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var pairs [][2]string
	for _, k := range append(slices.Clip(props), keys...) {
		v, ok := m[k]
		if !ok || v == nil {
			continue
		}
		s, err := scalarText(v)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		pairs = append(pairs, [2]string{k, s})
	}
	return pairs, nil
}

// jsonTree returns the JSON of value as strings, json.Numbers, booleans,
// nil, []any and map[string]any.
func jsonTree(value any) (any, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var tree any
	err = d.Decode(&tree)
	return tree, err
}

// scalarText formats a primitive of a JSON tree.
func scalarText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	}
	return "", fmt.Errorf("%T is not a primitive", v)
}

// tree writes a query parameter of any shape as the qs library does, the
// way the server reads it: name=a&name=b for an array of primitives,
// name[key]=value for an object, name[0][key]=value for an array of
// objects, to any depth. Unexploded (or outside the query), the value is
// one list: a,b or key,value,key,value.
func (b *requestBuilder) tree(in, name, style string, explode bool, value any) {
	t, err := jsonTree(value)
	if err != nil {
		b.fail(name, err)
		return
	}
	if in == "query" && (explode || style == "deepObject") {
		if err := b.qsPairs(name, t); err != nil {
			b.fail(name, err)
		}
		return
	}
	var items []string
	switch t := t.(type) {
	case []any:
		for _, x := range t {
			s, err := scalarText(x)
			if err != nil {
				b.fail(name, err)
				return
			}
			items = append(items, s)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			s, err := scalarText(t[k])
			if err != nil {
				b.fail(name, err)
				return
			}
			items = append(items, k, s)
		}
	case nil:
		return
	default:
		s, err := scalarText(t)
		if err != nil {
			b.fail(name, err)
			return
		}
		b.scalar(in, name, style, s)
		return
	}
	b.list(in, name, style, false, items)
}

// qsPairs writes the query keys of one node of a JSON tree.
func (b *requestBuilder) qsPairs(key string, t any) error {
	switch t := t.(type) {
	case nil:
		return nil
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			if err := b.qsPairs(key+"["+k+"]", t[k]); err != nil {
				return err
			}
		}
		return nil
	case []any:
		flat := true
		for _, x := range t {
			switch x.(type) {
			case map[string]any, []any:
				flat = false
			}
		}
		if len(t) > maxTreeIndex {
			return fmt.Errorf("more than %d items", maxTreeIndex)
		}
		for i, x := range t {
			k := key
			if !flat {
				k = fmt.Sprintf("%s[%d]", key, i)
			}
			if err := b.qsPairs(k, x); err != nil {
				return err
			}
		}
		return nil
	}
	s, err := scalarText(t)
	if err != nil {
		return err
	}
	b.queryValue(key, s)
	return nil
}

// content writes a parameter whose value is JSON (content: application/json).
func (b *requestBuilder) content(in, name string, value any) {
	data, err := json.Marshal(value)
	if err != nil {
		b.fail(name, err)
		return
	}
	b.scalar(in, name, "", string(data))
}

// queryForm writes the whole query string as a form (an OpenAPI 3.2
// querystring parameter whose content is one).
func (b *requestBuilder) queryForm(name string, value any) {
	form, err := formBytes(value, nil)
	if err != nil {
		b.fail(name, err)
		return
	}
	b.querySeparator()
	b.query = append(b.query, form...)
}

// formatItems formats the items of an array parameter.
func formatItems[T any](items []T, format func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = format(x)
	}
	return out
}

// checkParams validates a parameters struct before it is sent.
func (b *requestBuilder) checkParams(x validatable) { b.checkValue(x, "parameters") }
