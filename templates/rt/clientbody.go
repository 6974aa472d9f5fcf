package rt

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"mime/multipart"
	"net/textproto"
	"slices"
	"strings"
)

// checkBody validates a request body, unless the client is told not to; it
// reports false, with the error recorded, when the body cannot be sent.
func (b *requestBuilder) checkBody(x any) bool { return b.checkValue(x, "body") }

// jsonRequestBody encodes a request body with its generated encoder,
// after validating it unless the client is told not to.
func jsonRequestBody(b *requestBuilder, x any) io.Reader {
	if !b.checkBody(x) {
		return nil
	}
	var data []byte
	var err error
	if e, ok := x.(jsonEncoder); ok {
		w := jsonWriter{buf: make([]byte, 0, 256)}
		e.encodeJSON(&w)
		data, err = w.buf, w.err
	} else {
		data, err = json.Marshal(x)
	}
	if err != nil {
		b.err = &RequestError{Operation: b.op.id, Err: fmt.Errorf("body: %w", err)}
		return nil
	}
	return bytes.NewReader(data)
}

// formRequestBody writes an application/x-www-form-urlencoded body, as
// the server reads it: each property of primitives is a key, an array
// repeats its key, keys sorted; fields give the properties the encoding
// object writes otherwise (items joined by a delimiter, JSON text,
// reserved characters kept).
func formRequestBody(b *requestBuilder, x any, fields map[string]formField) io.Reader {
	if !b.checkBody(x) {
		return nil
	}
	out, err := formBytes(x, fields)
	if err != nil {
		b.err = &RequestError{Operation: b.op.id, Err: fmt.Errorf("form body: %w", err)}
		return nil
	}
	return bytes.NewReader(out)
}

// formBytes writes x, an object, as a form: keys sorted, fields saying how
// the properties the encoding object names are written.
func formBytes(x any, fields map[string]formField) ([]byte, error) {
	t, err := jsonTree(x)
	m, ok := t.(map[string]any)
	if err != nil || !ok {
		return nil, fmt.Errorf("not an object: %v", err)
	}
	var out []byte
	for _, k := range slices.Sorted(maps.Keys(m)) {
		values, err := formValues(m[k], fields[k])
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", k, err)
		}
		for _, v := range values {
			if len(out) > 0 {
				out = append(out, '&')
			}
			out = appendEscaped(out, k, unreservedChars)
			out = append(out, '=')
			out = appendValue(out, v, fields[k].reserved)
		}
	}
	return out, nil
}

// formValues returns the values of one property of a form body, a node of
// its JSON tree: one per item of an array unless f joins them, the JSON
// text when f says so; none for null.
func formValues(v any, f formField) ([]string, error) {
	if f.json {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err := enc.Encode(v)
		return []string{strings.TrimSuffix(buf.String(), "\n")}, err
	}
	items, isList := v.([]any)
	if !isList {
		if v == nil {
			return nil, nil
		}
		items = []any{v}
	}
	values := make([]string, 0, len(items))
	for _, item := range items {
		if item == nil {
			continue
		}
		s, err := scalarText(item)
		if err != nil {
			return nil, err
		}
		values = append(values, s)
	}
	if isList && f.delim != "" {
		return []string{strings.Join(values, f.delim)}, nil
	}
	return values, nil
}

// MultipartBody is a multipart/form-data request body, written part by
// part as it is sent: fields, and files read from their io.Reader.
type MultipartBody struct {
	parts []multipartPart
}

type multipartPart struct {
	name, fileName, contentType string
	value                       string
	r                           io.Reader
}

// Field adds a text field.
func (m *MultipartBody) Field(name, value string) *MultipartBody {
	m.parts = append(m.parts, multipartPart{name: name, value: value})
	return m
}

// JSONField adds a field holding the JSON of value (Content-Type
// application/json).
func (m *MultipartBody) JSONField(name string, value any) error {
	data, err := json.Marshal(value)
	if err != nil {
		return err
	}
	m.parts = append(m.parts, multipartPart{name: name, contentType: "application/json", r: bytes.NewReader(data)})
	return nil
}

// File adds a file part read from r; contentType "" is
// application/octet-stream, or the encoding object's contentType for the
// property when the spec gives one.
func (m *MultipartBody) File(name, fileName, contentType string, r io.Reader) *MultipartBody {
	m.parts = append(m.parts, multipartPart{name: name, fileName: fileName, contentType: contentType, r: r})
	return m
}

// Part adds a part with its own Content-Type, read from r.
func (m *MultipartBody) Part(name, contentType string, r io.Reader) *MultipartBody {
	m.parts = append(m.parts, multipartPart{name: name, contentType: contentType, r: r})
	return m
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"")

// multipartRequestBody streams m through a pipe; encoding maps property
// names to the content types the spec's encoding object gives them,
// written for the parts the caller gives none (a field without one is
// text/plain, a file or part application/octet-stream).
func multipartRequestBody(m *MultipartBody, encoding map[string]string) (io.Reader, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	var parts []multipartPart
	if m != nil {
		parts = m.parts
	}
	go func() {
		for _, p := range parts {
			h := textproto.MIMEHeader{}
			disp := `form-data; name="` + quoteEscaper.Replace(p.name) + `"`
			if p.fileName != "" {
				disp += `; filename="` + quoteEscaper.Replace(p.fileName) + `"`
			}
			h.Set("Content-Disposition", disp)
			ct := p.contentType
			if ct == "" {
				ct = encoding[p.name]
			}
			if ct == "" && p.r != nil {
				ct = "application/octet-stream"
			}
			if ct != "" {
				h.Set("Content-Type", ct)
			}
			w, err := mw.CreatePart(h)
			if err == nil {
				if p.r != nil {
					_, err = io.Copy(w, p.r)
				} else {
					_, err = io.WriteString(w, p.value)
				}
			}
			if err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	return pr, mw.FormDataContentType()
}

// maxEventSize bounds one line or event of a stream.
const maxEventSize = 16 << 20

// lineItems decodes a stream of JSON values, one per line (JSON Lines,
// NDJSON; the record separator of JSON text sequences is skipped), one at
// a time; the stream is closed when the loop ends.
func lineItems[T any](r *response, decode func([]byte, *T) error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		body := r.resp.Body
		defer body.Close()
		sc := bufio.NewScanner(body)
		sc.Buffer(make([]byte, 0, 4096), maxEventSize)
		for sc.Scan() {
			line := bytes.TrimSpace(bytes.TrimLeft(sc.Bytes(), "\x1e"))
			if len(line) == 0 {
				continue
			}
			var x T
			if err := decode(line, &x); err != nil {
				yield(x, r.fail(err, line))
				return
			}
			if !yield(x, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			var zero T
			yield(zero, r.fail(err, nil))
		}
	}
}

// sseItems decodes a text/event-stream, one event's data at a time: the
// data lines of an event joined by newlines, decoded into T; events
// without data (comments, retry) are skipped. The stream is closed when
// the loop ends.
func sseItems[T any](r *response, decode func([]byte, *T) error) iter.Seq2[T, error] {
	return readEvents(r, func(ev *sseEvent, x *T) (bool, error) {
		if !ev.hasData {
			return false, nil
		}
		return true, decode(ev.data, x)
	})
}

// eventItems decodes a text/event-stream into items whose type models a
// whole event (OpenAPI 3.2): its event, id and retry fields (retry when it
// is digits), and its data (as it is when ef.text, else as JSON). Events
// without data are skipped but when ef.bare and they have an event name.
func eventItems[T any](r *response, decode func([]byte, *T) error, ef eventFields) iter.Seq2[T, error] {
	var obj []byte
	return readEvents(r, func(ev *sseEvent, x *T) (bool, error) {
		if !ev.hasData && !(ef.bare && ev.event != nil) {
			return false, nil
		}
		obj = append(obj[:0], '{')
		field := func(name string, value []byte, quote bool) {
			if len(obj) > 1 {
				obj = append(obj, ',')
			}
			obj = append(appendJSONString(obj, name), ':')
			if quote {
				obj = appendJSONString(obj, string(value))
			} else {
				obj = append(obj, value...)
			}
		}
		if ev.hasData {
			field("data", ev.data, ef.text)
		}
		if ef.event && ev.event != nil {
			field("event", ev.event, true)
		}
		if ef.id && ev.id != nil {
			field("id", ev.id, true)
		}
		if ef.retry && len(ev.retry) > 0 && len(bytes.Trim(ev.retry, "0123456789")) == 0 {
			field("retry", ev.retry, false)
		}
		return true, decode(append(obj, '}'), x)
	})
}

// sseEvent is one event of a text/event-stream as read: its data lines
// joined by newlines, and its last event, id and retry fields (nil when
// absent).
type sseEvent struct {
	data, event, id, retry []byte
	hasData                bool
}

// readEvents reads a text/event-stream, an event at a time: item fills
// an item from an event, or says the event is none; comments and unknown
// fields are skipped. The stream is closed when the loop ends.
func readEvents[T any](r *response, item func(*sseEvent, *T) (bool, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		body := r.resp.Body
		defer body.Close()
		sc := bufio.NewScanner(body)
		sc.Buffer(make([]byte, 0, 4096), maxEventSize)
		var ev sseEvent
		emit := func() bool {
			var x T
			ok, err := item(&ev, &x)
			if err != nil {
				yield(x, r.fail(err, ev.data))
				return false
			}
			ev = sseEvent{data: ev.data[:0]}
			return !ok || yield(x, nil)
		}
		for sc.Scan() {
			line := sc.Bytes()
			if len(line) == 0 {
				if !emit() {
					return
				}
				continue
			}
			field, value, _ := bytes.Cut(line, []byte(":"))
			value = bytes.TrimPrefix(value, []byte(" "))
			switch string(field) {
			case "data":
				if ev.hasData {
					ev.data = append(ev.data, '\n')
				}
				ev.data, ev.hasData = append(ev.data, value...), true
			case "event":
				ev.event = append([]byte{}, value...)
			case "id":
				ev.id = append([]byte{}, value...)
			case "retry":
				ev.retry = append([]byte{}, value...)
			}
			if len(ev.data) > maxEventSize {
				var zero T
				yield(zero, r.fail(ErrResponseTooLarge, nil))
				return
			}
		}
		if err := sc.Err(); err != nil {
			var zero T
			yield(zero, r.fail(err, nil))
			return
		}
		emit()
	}
}

// decodeItem decodes one item of a stream from JSON.
func decodeItem[T any](data []byte, x *T) error { return json.Unmarshal(data, x) }

// textItem takes one item of a stream as it is.
func textItem(data []byte, x *string) error {
	*x = string(data)
	return nil
}

// encodeRequestBody writes a JSON request body with its generated
// encoder, after validating it (validate: its type has constraints)
// unless the client is told not to.
func encodeRequestBody[T any, P interface {
	*T
	encodeJSON(w *jsonWriter)
}](b *requestBuilder, x P, validate bool) io.Reader {
	if b.err != nil || validate && !b.checkBody(x) {
		return nil
	}
	w := jsonWriter{buf: make([]byte, 0, 256)}
	x.encodeJSON(&w)
	if w.err != nil {
		b.err = &RequestError{Operation: b.op.id, Err: fmt.Errorf("body: %w", w.err)}
		return nil
	}
	return bytes.NewReader(w.buf)
}
