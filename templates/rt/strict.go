package rt

import (
	"fmt"
	"io"
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
