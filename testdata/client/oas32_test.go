package oas32

// This file is copied next to the code generated from
// testdata/server/oas32/openapi.yaml (the strict server and the client)
// by generator/client_test.go and run there with go test: OpenAPI 3.2's
// QUERY method, additionalOperations, querystring parameters and streams
// of typed items, from the client to the generated server and back.

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

type notes struct {
	UnimplementedStrict
	mu     sync.Mutex
	purged bool
	// received is told each item the client received, so that the next
	// is written only once the one before arrived: a stream that is not
	// flushed item by item never ends.
	received chan Note
	items    []Note
	retry    int // of the first event of WatchFeed
}

func (n *notes) QueryNotes(ctx context.Context, req QueryNotesRequestObject) (QueryNotesResponseObject, error) {
	title, _ := req.Body.Title.Get()
	ids, _ := req.Body.IDs.Get()
	var out []Note
	for _, id := range ids {
		out = append(out, Note{ID: id, Title: title})
	}
	return QueryNotes200JSONResponse{Body: out}, nil
}

func (n *notes) PurgeNotes(ctx context.Context, req PurgeNotesRequestObject) (PurgeNotesResponseObject, error) {
	n.mu.Lock()
	n.purged = true
	n.mu.Unlock()
	return PurgeNotes204Response{}, nil
}

func (n *notes) LinkNote(ctx context.Context, req LinkNoteRequestObject) (LinkNoteResponseObject, error) {
	return LinkNote200JSONResponse{Body: Note{ID: req.Params.ID, Title: req.Request.Method + " " + req.Params.Link}}, nil
}

func (n *notes) SearchNotes(ctx context.Context, req SearchNotesRequestObject) (SearchNotesResponseObject, error) {
	filter, _ := req.Params.Filter.Get()
	return SearchNotes200JSONResponse{Body: filter}, nil
}

func (n *notes) FindNotes(ctx context.Context, req FindNotesRequestObject) (FindNotesResponseObject, error) {
	return FindNotes200JSONResponse{Body: req.Params.Selector}, nil
}

// stream yields n.items, waiting after each for the client to receive it
// when n.received is set.
func (n *notes) stream(ctx context.Context) func(yield func(Note, error) bool) {
	return func(yield func(Note, error) bool) {
		for _, note := range n.items {
			if !yield(note, nil) {
				return
			}
			if n.received == nil {
				continue
			}
			select {
			case <-n.received:
			case <-ctx.Done():
				return
			}
		}
	}
}

func (n *notes) WatchNotes(ctx context.Context, req WatchNotesRequestObject) (WatchNotesResponseObject, error) {
	return WatchNotes200TextEventStreamResponse{Items: n.stream(ctx)}, nil
}

// feed is the notes as events modelled whole (OpenAPI 3.2), the first
// with an event name, id and retry.
func (n *notes) WatchFeed(ctx context.Context, req WatchFeedRequestObject) (WatchFeedResponseObject, error) {
	return WatchFeed200TextEventStreamResponse{Items: func(yield func(WatchFeed200Event, error) bool) {
		for i, note := range n.items {
			ev := WatchFeed200Event{Data: note}
			if i == 0 {
				ev.Event, ev.ID, ev.Retry = NewOpt("note"), NewOpt("1"), NewOpt(n.retry)
			}
			if !yield(ev, nil) {
				return
			}
		}
	}}, nil
}

func (n *notes) StreamChat(ctx context.Context, req StreamChatRequestObject) (StreamChatResponseObject, error) {
	return StreamChat200TextEventStreamResponse{Items: func(yield func(StreamChat200Event, error) bool) {
		for _, ev := range chat {
			if !yield(ev, nil) {
				return
			}
		}
	}}, nil
}

// chat is what StreamChat writes: a text of two lines, an event with only
// a name, and text that looks like JSON.
var chat = []StreamChat200Event{
	{Data: NewOpt("two\nlines"), Event: NewOpt("message")},
	{Event: NewOpt("ping")},
	{Data: NewOpt(`{"not": "json"}`)},
}

func (n *notes) ExportNotes(ctx context.Context, req ExportNotesRequestObject) (ExportNotesResponseObject, error) {
	return ExportNotes200ApplicationJsonlResponse{Items: n.stream(ctx)}, nil
}

func (n *notes) ExportNoteSequence(ctx context.Context, req ExportNoteSequenceRequestObject) (ExportNoteSequenceResponseObject, error) {
	return ExportNoteSequence200ApplicationJSONSeqResponse{Items: n.stream(ctx)}, nil
}

func (n *notes) TailLog(ctx context.Context, req TailLogRequestObject) (TailLogResponseObject, error) {
	return TailLog200TextEventStreamResponse{Items: func(yield func(string, error) bool) {
		for _, line := range []string{"started", "two\nlines", "{\"not\": \"json\"}"} {
			if !yield(line, nil) {
				return
			}
		}
	}}, nil
}

func newClient(t *testing.T, impl *notes, opts ...Option) (*Client, *httptest.Server) {
	t.Helper()
	opts = append(opts, WithLogger(slog.New(slog.DiscardHandler)))
	srv := httptest.NewServer(StrictHandler(impl, opts...))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

// send makes a request without the client and returns its status and body.
func send(t *testing.T, srv *httptest.Server, method, path string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(data)
}

func TestMethods(t *testing.T) {
	ctx := context.Background()
	impl := &notes{}
	c, srv := newClient(t, impl)

	got, err := c.QueryNotes(ctx, NoteQuery{Title: NewOpt("found"), IDs: NewOpt([]int{1, 2})})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "QUERY", got, []Note{{ID: 1, Title: "found"}, {ID: 2, Title: "found"}})

	if err := c.PurgeNotes(ctx); err != nil {
		t.Fatal(err)
	}
	if !impl.purged {
		t.Error("PURGE did not reach its handler")
	}

	note, err := c.LinkNote(ctx, LinkNoteParams{ID: 3, Link: "</notes/4>; rel=next"})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "LINK", note, Note{ID: 3, Title: "LINK </notes/4>; rel=next"})

	// The other methods of a path are answered 405, naming the routed ones.
	status, header, _ := send(t, srv, http.MethodGet, "/notes")
	if status != http.StatusMethodNotAllowed || header.Get("Allow") != "PURGE, QUERY" {
		t.Errorf("GET /notes: %d, Allow %q; want 405, Allow \"PURGE, QUERY\"", status, header.Get("Allow"))
	}
	// A QUERY request without its required body is refused.
	if status, _, _ := send(t, srv, "QUERY", "/notes"); status != http.StatusBadRequest {
		t.Errorf("QUERY without a body: %d, want 400", status)
	}
}

func TestQueryString(t *testing.T) {
	ctx := context.Background()
	c, srv := newClient(t, &notes{})

	filter := NoteFilter{Q: NewOpt("a b&c"), Limit: NewOpt(5), Tag: NewOpt([]string{"x", "y"})}
	got, err := c.SearchNotes(ctx, SearchNotesParams{Filter: NewOpt(filter)})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "form querystring", got, filter)

	got, err = c.SearchNotes(ctx, SearchNotesParams{})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "no querystring", got, NoteFilter{})

	// The server reads the query string as a form and checks it.
	status, _, body := send(t, srv, http.MethodGet, "/search?q=go&limit=500")
	if status != http.StatusBadRequest || !strings.Contains(body, "/filter/limit") {
		t.Errorf("limit over the maximum: %d %s, want 400 naming /filter/limit", status, body)
	}
	status, _, body = send(t, srv, http.MethodGet, "/search?limit=many")
	if status != http.StatusBadRequest || !strings.Contains(body, "/filter/limit") {
		t.Errorf("limit not a number: %d %s, want 400 naming /filter/limit", status, body)
	}

	query := NoteQuery{Title: NewOpt("{\"quoted\"} & more"), IDs: NewOpt([]int{7})}
	found, err := c.FindNotes(ctx, FindNotesParams{Selector: query})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "JSON querystring", found, query)
	status, _, body = send(t, srv, http.MethodGet, `/find?%7B%22ids%22%3A%5B1%5D%7D`)
	if status != http.StatusOK || !strings.Contains(body, `"ids":[1]`) {
		t.Errorf("escaped JSON query string: %d %s", status, body)
	}
	if status, _, _ := send(t, srv, http.MethodGet, "/find"); status != http.StatusBadRequest {
		t.Errorf("required querystring missing: %d, want 400", status)
	}
}

// TestJSONContent: a string whose contentMediaType is JSON must hold JSON
// matching its contentSchema, checked by the client before it sends and
// by the server when it reads.
func TestJSONContent(t *testing.T) {
	ctx := context.Background()
	c, srv := newClient(t, &notes{})
	query := NoteQuery{Where: NewOpt(`{"field":"title"}`)}
	found, err := c.FindNotes(ctx, FindNotesParams{Selector: query})
	if err != nil {
		t.Fatal(err)
	}
	same(t, "JSON content", found, query)
	for _, tt := range []struct{ where, keyword string }{
		{`{"field":1}`, "contentSchema"},
		{`{"field"`, "contentMediaType"},
	} {
		_, err := c.QueryNotes(ctx, NoteQuery{Where: NewOpt(tt.where)})
		var ve *ValidationError
		if !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Path != "/where" || ve.Violations[0].Keyword != tt.keyword {
			t.Errorf("client sending where %s: %v, want a %s violation at /where", tt.where, err, tt.keyword)
		}
	}
	// {"where":"{}"}: the JSON lacks its required field.
	status, _, body := send(t, srv, http.MethodGet, `/find?%7B%22where%22%3A%22%7B%7D%22%7D`)
	if status != http.StatusBadRequest || !strings.Contains(body, "/selector/where") || !strings.Contains(body, "contentSchema") {
		t.Errorf("server reading where {}: %d %s, want 400 naming /selector/where and contentSchema", status, body)
	}
}

func TestItemStreams(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	want := []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}, {ID: 3, Title: "three"}}
	streams := map[string]func(c *Client) (func(yield func(Note, error) bool), error){
		"event-stream": func(c *Client) (func(yield func(Note, error) bool), error) {
			return c.WatchNotes(ctx, WatchNotesParams{})
		},
		"jsonl":    func(c *Client) (func(yield func(Note, error) bool), error) { return c.ExportNotes(ctx) },
		"json-seq": func(c *Client) (func(yield func(Note, error) bool), error) { return c.ExportNoteSequence(ctx) },
	}
	for name, open := range streams {
		t.Run(name, func(t *testing.T) {
			impl := &notes{items: want, received: make(chan Note)}
			c, _ := newClient(t, impl, WithResponseValidation())
			items, err := open(c)
			if err != nil {
				t.Fatal(err)
			}
			var got []Note
			for note, err := range items {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, note)
				// The server writes the next item only now: had this one
				// not been flushed, the loop would wait for ever.
				impl.received <- note
			}
			same(t, "items", got, want)
		})
	}
}

func TestItemFraming(t *testing.T) {
	impl := &notes{items: []Note{{ID: 1, Title: "one"}}}
	_, srv := newClient(t, impl)
	for path, want := range map[string]string{
		"/events":     "data: {\"id\":1,\"title\":\"one\"}\n\n",
		"/export":     "{\"id\":1,\"title\":\"one\"}\n",
		"/export-seq": "\x1e{\"id\":1,\"title\":\"one\"}\n",
		"/log":        "data: started\n\ndata: two\ndata: lines\n\ndata: {\"not\": \"json\"}\n\n",
	} {
		status, header, body := send(t, srv, http.MethodGet, path)
		if status != http.StatusOK || body != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, status, body, want)
		}
		if ct := header.Get("Content-Type"); ct == "" || ct == "application/octet-stream" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}

	c, _ := newClient(t, impl)
	lines, err := c.TailLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for line, err := range lines {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, line)
	}
	same(t, "string events", got, []string{"started", "two\nlines", "{\"not\": \"json\"}"})
}

func TestItemValidation(t *testing.T) {
	ctx := context.Background()
	// An invalid first item: nothing was written, the error handler
	// answers 500.
	impl := &notes{items: []Note{{ID: 0, Title: "zero"}}}
	c, _ := newClient(t, impl, WithResponseValidation())
	_, err := c.ExportNotes(ctx)
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusInternalServerError {
		t.Errorf("an invalid first item: %v, want a 500 *ResponseError", err)
	}

	// An invalid later item ends the stream: the client gets an error
	// after the valid ones.
	impl.items = []Note{{ID: 1, Title: "one"}, {ID: 2, Title: ""}}
	items, err := c.ExportNotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []Note
	var last error
	for note, err := range items {
		if err != nil {
			last = err
			break
		}
		got = append(got, note)
	}
	same(t, "items before the invalid one", got, impl.items[:1])
	if last == nil {
		t.Error("the stream ended without an error after an invalid item")
	}

	// Without response validation the same items are written as they are.
	c, _ = newClient(t, impl)
	items, err = c.ExportNotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for note, err := range items {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, note)
	}
	same(t, "unchecked items", got, impl.items)
}

// TestEventFraming: an itemSchema modelling a whole event (data, event,
// id, retry) is written as the event's fields, its data as JSON, or as it
// is when a string.
func TestEventFraming(t *testing.T) {
	impl := &notes{items: []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}}, retry: 3000}
	_, srv := newClient(t, impl)
	for path, want := range map[string]string{
		"/feed": "event: note\nid: 1\nretry: 3000\ndata: {\"id\":1,\"title\":\"one\"}\n\n" +
			"data: {\"id\":2,\"title\":\"two\"}\n\n",
		"/chat": "event: message\ndata: two\ndata: lines\n\nevent: ping\n\ndata: {\"not\": \"json\"}\n\n",
	} {
		status, header, body := send(t, srv, http.MethodGet, path)
		if status != http.StatusOK || body != want || header.Get("Content-Type") != "text/event-stream" {
			t.Errorf("GET %s: %d %q %q, want 200 text/event-stream %q", path, status, header.Get("Content-Type"), body, want)
		}
	}
}

// TestEventDecoding: the client fills an event type from each event's
// fields; comments, and events with neither data nor (when data is
// optional) an event name, are skipped.
func TestEventDecoding(t *testing.T) {
	ctx := context.Background()
	canned := map[string]string{
		"/feed": ": a comment\nretry: 5000\n\n" +
			"event: note\nid: 7\nretry: 100\ndata: {\"id\":1,\ndata: \"title\":\"one\"}\n\n" +
			"id: 8\n\nevent: nothing\n\n" +
			"retry: soon\ndata: {\"id\":2,\"title\":\"two\"}\n\n",
		"/chat": "event: message\ndata: two\ndata: lines\n\nevent: ping\n\nid: 3\n\ndata\n\ndata: 12\n",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, canned[r.URL.Path])
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()), WithValidatedResponses())
	if err != nil {
		t.Fatal(err)
	}
	feed, err := c.WatchFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events := all(t, feed)
	same(t, "feed", events, []WatchFeed200Event{
		{Data: Note{ID: 1, Title: "one"}, Event: NewOpt("note"), ID: NewOpt("7"), Retry: NewOpt(100)},
		{Data: Note{ID: 2, Title: "two"}},
	})

	messages, err := c.StreamChat(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := all(t, messages)
	same(t, "chat", got, []StreamChat200Event{
		{Data: NewOpt("two\nlines"), Event: NewOpt("message")},
		{Event: NewOpt("ping")},
		{Data: NewOpt("")},
		{Data: NewOpt("12")},
	})

	// Data that is not the JSON of its type is an error.
	canned["/feed"] = "data: {\"id\":\"one\"}\n\n"
	feed, err = c.WatchFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var de *DecodeError
	for _, err := range feed {
		if !errors.As(err, &de) {
			t.Errorf("data of the wrong type: %v, want a *DecodeError", err)
		}
	}
	if de == nil {
		t.Error("data of the wrong type: no error")
	}
}

// TestEventRoundTrip: events modelled whole go from the generated server
// to the client unchanged, each checked by the server; an invalid one
// (retry below its minimum) ends the stream.
func TestEventRoundTrip(t *testing.T) {
	ctx := context.Background()
	impl := &notes{items: []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}}, retry: 10}
	c, _ := newClient(t, impl, WithResponseValidation())
	feed, err := c.WatchFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events := all(t, feed)
	same(t, "feed", events, []WatchFeed200Event{
		{Data: Note{ID: 1, Title: "one"}, Event: NewOpt("note"), ID: NewOpt("1"), Retry: NewOpt(10)},
		{Data: Note{ID: 2, Title: "two"}},
	})

	messages, err := c.StreamChat(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := all(t, messages)
	same(t, "chat", got, chat)

	impl.retry = -1
	_, err = c.WatchFeed(ctx)
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusInternalServerError {
		t.Errorf("retry below its minimum: %v, want a 500 *ResponseError", err)
	}
}

// all returns the items of a stream, failing the test on an error.
func all[T any](t *testing.T, items func(yield func(T, error) bool)) []T {
	t.Helper()
	var got []T
	for x, err := range items {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, x)
	}
	return got
}
