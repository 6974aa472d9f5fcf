package rt

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"strings"
)

// noResponse is the error of a strict method that returned neither a
// response nor an error.
func noResponse(method string) error {
	return fmt.Errorf("%s returned a nil response and a nil error", method)
}

// responseStatus checks the status a ranged (4XX) or default response
// carries against the declared one.
func responseStatus(code int, declared string) (int, error) {
	ok := code >= 100 && code <= 599
	if len(declared) == 3 && strings.HasSuffix(declared, "XX") {
		ok = ok && code/100 == int(declared[0]-'0')
	}
	if !ok {
		return 0, fmt.Errorf("status %d does not fit the declared response %s", code, declared)
	}
	return code, nil
}

// responseMedia checks the media type a response with a declared media
// range (image/*) carries.
func responseMedia(media, declared string) (string, error) {
	m, _, err := mime.ParseMediaType(media)
	if err != nil || !mediaAccepted(m, declared) {
		return "", fmt.Errorf("content type %q does not fit the declared %s", media, declared)
	}
	return media, nil
}

// validatedResponse is a typed response whose JSON body validates.
type validatedResponse interface {
	validateBody() error
}

// validateTyped validates the JSON body of a typed response res when the
// options ask for it; the error is a 500 *Problem with the violations.
// Other responses (without a JSON body, or the application's own types)
// are checked as they are written.
func validateTyped(o *serverOptions, res any) error {
	if !o.validateResponses {
		return nil
	}
	if v, ok := res.(validatedResponse); ok {
		if err := v.validateBody(); err != nil {
			return responseProblem(err)
		}
	}
	return nil
}

// writeText writes a text response body with its media type.
func writeText(w http.ResponseWriter, status int, media, body string) error {
	w.Header().Set("Content-Type", textMedia(media))
	w.WriteHeader(status)
	_, err := io.WriteString(w, body)
	return err
}

// textMedia adds charset=utf-8 to a text media type without a charset,
// as Go strings hold UTF-8.
func textMedia(media string) string {
	if strings.Contains(media, "charset=") {
		return media
	}
	return media + "; charset=utf-8"
}

// writeItems writes a response of a sequential media type from items, each
// encoded (as JSON; a string as it is in an event stream) and framed as
// the media type says (an event's data lines, or a line, after a record
// separator for application/json-seq).
func writeItems[T any](w http.ResponseWriter, status int, media string, items iter.Seq2[T, error]) error {
	framing := sequenceFraming(media)
	jsonSeq := strings.HasPrefix(strings.ToLower(media), "application/json-seq")
	return writeFrames(w, status, media, items, func(frame []byte, jw *jsonWriter, item *T) ([]byte, error) {
		if s, ok := any(*item).(string); ok && framing == "sse" {
			return append(appendData(frame, s), '\n'), nil
		}
		if err := jw.response(item); err != nil {
			return nil, fmt.Errorf("encode item: %w", err)
		}
		switch {
		case framing == "sse":
			return append(appendData(frame, string(jw.buf)), '\n'), nil
		case jsonSeq:
			frame = append(frame, 0x1e)
		}
		return append(append(frame, jw.buf...), '\n'), nil
	})
}

// writeEvents writes a text/event-stream from items whose type models a
// whole event (OpenAPI 3.2): each item's event, id and retry fields when
// set, then its data (as it is when ef.text, else as JSON) in data lines.
func writeEvents[T any](w http.ResponseWriter, status int, media string, items iter.Seq2[T, error], ef eventFields) error {
	return writeFrames(w, status, media, items, func(frame []byte, jw *jsonWriter, item *T) ([]byte, error) {
		if err := jw.response(item); err != nil {
			return nil, fmt.Errorf("encode item: %w", err)
		}
		var ev struct{ Data, Event, ID, Retry json.RawMessage }
		if err := json.Unmarshal(jw.buf, &ev); err != nil {
			return nil, fmt.Errorf("encode item: %w", err)
		}
		for _, f := range [...]struct {
			name string
			raw  json.RawMessage
		}{{"event", ev.Event}, {"id", ev.ID}, {"retry", ev.Retry}} {
			v, ok := eventValue(f.raw, true)
			if !ok {
				continue
			}
			if strings.ContainsAny(v, "\r\n") {
				return nil, fmt.Errorf("encode item: the event's %s holds a line break", f.name)
			}
			frame = append(append(append(append(frame, f.name...), ": "...), v...), '\n')
		}
		if v, ok := eventValue(ev.Data, ef.text); ok {
			frame = appendData(frame, v)
		}
		return append(frame, '\n'), nil
	})
}

// eventValue is the text of an event field from its JSON: a string
// unquoted when text, other JSON as it is; false when absent or null.
func eventValue(raw json.RawMessage, text bool) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	var s string
	if text && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	return string(raw), true
}

// appendData appends s to an event as data lines, one a line of s.
func appendData(frame []byte, s string) []byte {
	for line := range strings.SplitSeq(s, "\n") {
		frame = append(append(append(frame, "data: "...), line...), '\n')
	}
	return frame
}

// writeFrames writes a sequential response from items, each framed by
// frame (given an empty frame and the JSON writer to encode with) and
// flushed at once. The status and headers go out with the first item, so
// that an error before it is answered by the error handler; an error after
// it ends the stream.
func writeFrames[T any](w http.ResponseWriter, status int, media string, items iter.Seq2[T, error], frame func([]byte, *jsonWriter, *T) ([]byte, error)) error {
	rc := http.NewResponseController(w)
	started := false
	start := func() {
		started = true
		w.Header().Set("Content-Type", media)
		if sequenceFraming(media) == "sse" {
			w.Header().Set("Cache-Control", "no-cache")
		}
		w.WriteHeader(status)
	}
	var jw jsonWriter
	var buf []byte
	for item, err := range items {
		if err != nil {
			return err
		}
		jw.buf, jw.err = jw.buf[:0], nil
		buf, err = frame(buf[:0], &jw, &item)
		if err != nil {
			return err
		}
		if !started {
			start()
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
	}
	if !started {
		start()
	}
	return nil
}

// checkedItems checks each item of a stream as a response body before it
// is written (WithResponseValidation): an item that fails ends the stream
// with a 500 *Problem.
func checkedItems[T any, P interface {
	*T
	validatable
}](items iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for item, err := range items {
			if err == nil {
				if verr := ValidateResponse(P(&item)); verr != nil {
					err = responseProblem(verr)
				}
			}
			if !yield(item, err) || err != nil {
				return
			}
		}
	}
}

// writeStream copies a response body from r, closing it when it is an
// io.Closer; a nil reader writes no body.
func writeStream(w http.ResponseWriter, status int, media string, r io.Reader) error {
	if c, ok := r.(io.Closer); ok {
		defer c.Close()
	}
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	if r == nil {
		return nil
	}
	_, err := io.Copy(w, r)
	return err
}
