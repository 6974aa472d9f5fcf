package rt

import (
	"errors"
	"mime"
	"strconv"
	"strings"
	"time"
)

// What the server and the client share: media types, and single values
// parsed from and formatted to the text of parameters and headers. It is
// copied into server.gen.go, or into client.gen.go without a server.

// maxTreeDepth bounds the brackets of one key; maxTreeIndex the array
// index written as a[i] (larger ones make object keys, as in qs).
const (
	maxTreeDepth = 16
	maxTreeIndex = 1000
)

// parseMediaType is mime.ParseMediaType without its allocations for the
// common Content-Type without parameters.
func parseMediaType(ct string) (string, map[string]string, error) {
	if strings.IndexByte(ct, ';') < 0 && isToken(ct) {
		return strings.ToLower(ct), nil, nil
	}
	return mime.ParseMediaType(ct)
}

// isToken reports whether ct is a plain type/subtype made of token characters.
func isToken(ct string) bool {
	slash := strings.IndexByte(ct, '/')
	if slash <= 0 || slash == len(ct)-1 {
		return false
	}
	for i := 0; i < len(ct); i++ {
		c := ct[i]
		if i != slash && (c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?=", c) >= 0) {
			return false
		}
	}
	return true
}

// mediaAccepted reports whether media matches one of the comma-separated
// media ranges of accept (image/*, */*); JSON media types match each other.
func mediaAccepted(media, accept string) bool {
	for a := range strings.SplitSeq(accept, ",") {
		a, _, _ = strings.Cut(a, ";")
		a = strings.ToLower(strings.TrimSpace(a))
		switch {
		case a == media || a == "*/*":
			return true
		case strings.HasSuffix(a, "/*") && strings.HasPrefix(media, a[:len(a)-1]):
			return true
		case isJSONMedia(a) && isJSONMedia(media):
			return true
		}
	}
	return false
}

func isJSONMedia(media string) bool {
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// eventFields describes an item type that models a whole server-sent
// event (an OpenAPI 3.2 itemSchema with the properties data, event, id and
// retry): which of event, id and retry it has, whether its data is a
// string written as it is (else JSON), and whether an event without data
// is an item (its data is optional and it has event).
type eventFields struct {
	text, event, id, retry, bare bool
}

// sequenceFraming says how a body of a sequential media type is split into
// items: sse (text/event-stream) or lines (JSON Lines, NDJSON, JSON text
// sequences); "" for other media types.
func sequenceFraming(media string) string {
	media, _, _ = strings.Cut(media, ";")
	switch strings.ToLower(strings.TrimSpace(media)) {
	case "text/event-stream":
		return "sse"
	case "application/jsonl", "application/x-jsonl", "application/x-ndjson", "application/ndjson",
		"application/json-seq", "application/stream+json", "application/x-json-stream", "application/jsonlines":
		return "lines"
	}
	return ""
}

// asError is errors.AsType (Go 1.26), for the generated code builds with Go
// 1.24 and later.
func asError[E error](err error) (E, bool) {
	var target E
	ok := errors.As(err, &target)
	return target, ok
}

func paramString[T ~string](s string) (T, error) { return T(s), nil }

func paramInt[T ~int | ~int32 | ~int64](s string) (T, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || int64(T(n)) != n {
		return 0, errors.New("must be an integer")
	}
	return T(n), nil
}

func paramFloat[T ~float32 | ~float64](s string) (T, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, errors.New("must be a number")
	}
	return T(f), nil
}

func paramBool[T ~bool](s string) (T, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errors.New("must be true or false")
}

func paramTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, errors.New("must be an RFC 3339 date-time")
	}
	return t, nil
}

// Response header values, in the simple style.

func headerString[T ~string](v T) string { return string(v) }

func headerInt[T ~int | ~int32 | ~int64](v T) string { return strconv.FormatInt(int64(v), 10) }

func headerFloat[T ~float32 | ~float64](v T) string {
	bits, tenth := 64, 0.1
	if float64(T(tenth)) != tenth { // a float32: its shortest text (0.1, not 0.10000000149011612)
		bits = 32
	}
	return strconv.FormatFloat(float64(v), 'g', -1, bits)
}

func headerBool[T ~bool](v T) string { return strconv.FormatBool(bool(v)) }

func headerTime(v time.Time) string { return v.Format(time.RFC3339Nano) }

// headerList formats an array header value: its items separated by commas.
func headerList[T any](items []T, format func(T) string) string {
	s := make([]string, len(items))
	for i, x := range items {
		s[i] = format(x)
	}
	return strings.Join(s, ",")
}

// formField is how a property of an application/x-www-form-urlencoded
// body is written when the spec's encoding object says so; the others are
// form style, exploded: an array repeats its key.
type formField struct {
	delim    string // joins the items of an array into one value: ",", " " or "|"
	json     bool   // the value is the property's JSON text
	reserved bool   // allowReserved: the client sends reserved characters as they are
}
