package rt

import (
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
// separator for application/json-seq), then flushed at once. The status
// and headers go out with the first item, so that an error before it is
// answered by the error handler; an error after it ends the stream.
func writeItems[T any](w http.ResponseWriter, status int, media string, items iter.Seq2[T, error]) error {
	framing := sequenceFraming(media)
	jsonSeq := strings.HasPrefix(strings.ToLower(media), "application/json-seq")
	rc := http.NewResponseController(w)
	started := false
	start := func() {
		started = true
		w.Header().Set("Content-Type", media)
		if framing == "sse" {
			w.Header().Set("Cache-Control", "no-cache")
		}
		w.WriteHeader(status)
	}
	var jw jsonWriter
	var frame []byte
	for item, err := range items {
		if err != nil {
			return err
		}
		jw.buf, jw.err = jw.buf[:0], nil
		if s, ok := any(item).(string); ok && framing == "sse" {
			jw.buf = append(jw.buf, s...)
		} else if err := jw.response(&item); err != nil {
			return fmt.Errorf("encode item: %w", err)
		}
		frame = frame[:0]
		switch {
		case framing == "sse":
			for line := range strings.SplitSeq(string(jw.buf), "\n") {
				frame = append(append(append(frame, "data: "...), line...), '\n')
			}
		case jsonSeq:
			frame = append(frame, 0x1e)
		}
		if framing != "sse" {
			frame = append(frame, jw.buf...)
		}
		frame = append(frame, '\n')
		if !started {
			start()
		}
		if _, err := w.Write(frame); err != nil {
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
