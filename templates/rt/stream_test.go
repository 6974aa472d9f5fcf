package rt

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestCapturedStream checks that response validation's capture holds a
// JSON response and passes a stream through, flushes included.
func TestCapturedStream(t *testing.T) {
	rec := httptest.NewRecorder()
	c := &capturedResponse{w: rec, header: http.Header{}}
	c.Header().Set("Content-Type", "text/event-stream")
	c.Write([]byte("data: 1\n\n"))
	if err := http.NewResponseController(c).Flush(); err != nil {
		t.Fatal(err)
	}
	if !c.streaming || rec.Body.String() != "data: 1\n\n" || !rec.Flushed || len(c.body) != 0 || rec.Header().Get("Content-Type") != "text/event-stream" {
		t.Errorf("stream: streaming %t, sent %q (flushed %t), held %q", c.streaming, rec.Body.String(), rec.Flushed, c.body)
	}

	rec = httptest.NewRecorder()
	c = &capturedResponse{w: rec, header: http.Header{}}
	c.Header().Set("Content-Type", "application/json")
	c.Write([]byte("{}"))
	http.NewResponseController(c).Flush()
	if c.streaming || rec.Body.Len() != 0 || rec.Flushed || string(c.body) != "{}" {
		t.Errorf("JSON: streaming %t, sent %q (flushed %t), held %q", c.streaming, rec.Body.String(), rec.Flushed, c.body)
	}
}

type item struct {
	N int `json:"n"`
}

func items[T any](list []T, err error) func(yield func(T, error) bool) {
	return func(yield func(T, error) bool) {
		for _, x := range list {
			if !yield(x, nil) {
				return
			}
		}
		if err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// TestWriteItems checks each framing, and that an error before the first
// item leaves the response unwritten, for the error handler.
func TestWriteItems(t *testing.T) {
	for media, want := range map[string]string{
		"text/event-stream":    "data: {\"n\":1}\n\ndata: {\"n\":2}\n\n",
		"application/x-ndjson": "{\"n\":1}\n{\"n\":2}\n",
		"application/json-seq": "\x1e{\"n\":1}\n\x1e{\"n\":2}\n",
	} {
		rec := httptest.NewRecorder()
		if err := writeItems(rec, 201, media, items([]item{{1}, {2}}, nil)); err != nil {
			t.Fatal(err)
		}
		if rec.Code != 201 || rec.Body.String() != want || rec.Header().Get("Content-Type") != media {
			t.Errorf("%s: %d %q %q, want %q", media, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String(), want)
		}
	}

	rec := httptest.NewRecorder()
	writeItems(rec, 200, "text/event-stream", items([]string{"a\nb", ""}, nil))
	if want := "data: a\ndata: b\n\ndata: \n\n"; rec.Body.String() != want {
		t.Errorf("string events %q, want %q", rec.Body.String(), want)
	}

	failed := errors.New("failed")
	rec = httptest.NewRecorder()
	if err := writeItems(rec, 200, "application/jsonl", items([]item(nil), failed)); err != failed {
		t.Errorf("error before the first item: %v", err)
	}
	if rec.Header().Get("Content-Type") != "" || rec.Body.Len() != 0 || rec.Flushed {
		t.Errorf("error before the first item: the response was started (%q)", rec.Body.String())
	}
	rec = httptest.NewRecorder()
	if err := writeItems(rec, 200, "application/jsonl", items([]item{{1}}, failed)); err != failed || rec.Body.String() != "{\"n\":1}\n" {
		t.Errorf("error after an item: %v, sent %q", err, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	if err := writeItems(rec, 204, "application/jsonl", items([]item(nil), nil)); err != nil || rec.Code != 204 || rec.Header().Get("Content-Type") != "application/jsonl" {
		t.Errorf("no items: %v, %d", err, rec.Code)
	}
}

// TestWriteEvents checks items modelling whole events: their fields, data
// as JSON or as text, and a field breaking the framing refused.
func TestWriteEvents(t *testing.T) {
	type event struct {
		Data  any    `json:"data,omitempty"`
		Event string `json:"event,omitempty"`
		ID    string `json:"id,omitempty"`
		Retry int    `json:"retry,omitempty"`
	}
	for _, tt := range []struct {
		ef   eventFields
		list []event
		want string
	}{
		{eventFields{}, []event{{Data: item{1}, Event: "x", ID: "1", Retry: 5}, {Data: item{2}}},
			"event: x\nid: 1\nretry: 5\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\n"},
		{eventFields{text: true}, []event{{Data: "a\nb", Event: "x"}, {Event: "ping"}}, "event: x\ndata: a\ndata: b\n\nevent: ping\n\n"},
		{eventFields{}, []event{{Data: "a"}}, "data: \"a\"\n\n"},
	} {
		rec := httptest.NewRecorder()
		if err := writeEvents(rec, 200, "text/event-stream", items(tt.list, nil), tt.ef); err != nil {
			t.Fatal(err)
		}
		if rec.Body.String() != tt.want || rec.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("%+v: %q, want %q", tt.list, rec.Body.String(), tt.want)
		}
	}
	rec := httptest.NewRecorder()
	err := writeEvents(rec, 200, "text/event-stream", items([]event{{Data: "x", ID: "1\n2"}}, nil), eventFields{text: true})
	if err == nil || rec.Body.Len() != 0 {
		t.Errorf("an id with a line break: %v, sent %q", err, rec.Body.String())
	}
}
