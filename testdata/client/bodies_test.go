package bodies

// This file is copied next to the code generated from
// testdata/server/bodies/openapi.yaml (the strict server and the client)
// by generator/client_test.go and run there with go test: every body kind
// the client sends and every response shape it reads, against the
// generated server.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

type store struct {
	UnimplementedStrict
	mu   sync.Mutex
	last any
}

func (s *store) record(x any) {
	s.mu.Lock()
	s.last = x
	s.mu.Unlock()
}

func (s *store) CreateNote(ctx context.Context, req CreateNoteRequestObject) (CreateNoteResponseObject, error) {
	s.record(req.Body)
	if req.Body.Title == "teapot" {
		return CreateNote4XXJSONResponse{StatusCode: http.StatusTeapot, Body: Error{Message: "short"}}, nil
	}
	tags, _ := req.Body.Tags.Get()
	return CreateNote201JSONResponse{Body: Note{ID: 7, Title: req.Body.Title, Priority: req.Body.Priority, Pinned: req.Body.Pinned, Tags: req.Body.Tags},
		Location: "/notes/7", XRateRemaining: NewOpt(99), XTags: NewOpt(tags)}, nil
}

// status500 is a response the spec does not declare.
type status500 struct{}

func (status500) VisitGetNoteResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusInternalServerError)
	_, err := io.WriteString(w, strings.Repeat("boom ", 2000))
	return err
}

func (s *store) GetNote(ctx context.Context, req GetNoteRequestObject) (GetNoteResponseObject, error) {
	switch req.Params.ID {
	case 1:
		return GetNote200JSONResponse{Body: Note{ID: 1, Title: "json"}}, nil
	case 2:
		return GetNote200TextResponse{Body: "plain text"}, nil
	case 500:
		return status500{}, nil
	}
	return GetNote404Response{}, nil
}

func (s *store) PutNoteText(ctx context.Context, req PutNoteTextRequestObject) (PutNoteTextResponseObject, error) {
	s.record(req.Body)
	return PutNoteText204Response{}, nil
}

func (s *store) PatchNote(ctx context.Context, req PatchNoteRequestObject) (PatchNoteResponseObject, error) {
	s.record(req.Body)
	title := "unchanged"
	if p, ok := req.Body.Get(); ok {
		title, _ = p.Title.Get()
	}
	return PatchNote200JSONResponse{Body: Note{ID: req.Params.ID, Title: title}}, nil
}

func (s *store) PutAttachment(ctx context.Context, req PutAttachmentRequestObject) (PutAttachmentResponseObject, error) {
	data, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	s.record(req.Request.Header.Get("Content-Type") + " " + string(data))
	return PutAttachment204Response{}, nil
}

func (s *store) GetAttachment(ctx context.Context, req GetAttachmentRequestObject) (GetAttachmentResponseObject, error) {
	return GetAttachment200ImageAnyResponse{ContentType: "image/png", Body: strings.NewReader("\x89PNG...")}, nil
}

func (s *store) Upload(ctx context.Context, req UploadRequestObject) (UploadResponseObject, error) {
	var parts []string
	for {
		p, err := req.Body.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, fmt.Sprintf("%s|%s|%s|%s", p.FormName(), p.FileName(), p.Header.Get("Content-Type"), data))
	}
	return Upload200JSONResponse{Body: UploadResponse{Parts: parts}}, nil
}

func (s *store) WatchNotes(ctx context.Context, req WatchNotesRequestObject) (WatchNotesResponseObject, error) {
	return WatchNotes200TextEventStreamResponse{Body: strings.NewReader(": a comment\n\nevent: note\ndata: {\"id\":1,\n" +
		"data: \"title\":\"one\"}\n\nid: 2\ndata: {\"id\":2,\"title\":\"two\"}\n\nretry: 10\n\ndata: {\"id\":3,\"title\":\"three\"}")}, nil
}

func (s *store) ExportNotes(ctx context.Context, req ExportNotesRequestObject) (ExportNotesResponseObject, error) {
	return ExportNotes200ApplicationXNdjsonResponse{Body: strings.NewReader("{\"id\":1,\"title\":\"one\"}\n\n{\"id\":2,\"title\":\"two\"}\n{\"id\":3,\n")}, nil
}

func newClient(t *testing.T) (*Client, *store) {
	t.Helper()
	impl := &store{}
	srv := httptest.NewServer(StrictHandler(impl))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return c, impl
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

func TestBodies(t *testing.T) {
	ctx := context.Background()
	c, impl := newClient(t)

	t.Run("form", func(t *testing.T) {
		form := NoteForm{Title: "a & b = c", Priority: NewOpt(3), Pinned: NewOpt(true), Tags: NewOpt([]string{"x y", "z"})}
		note, err := c.CreateNote(ctx, form)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.last, form)
		same(t, "note", note, Note{ID: 7, Title: form.Title, Priority: form.Priority, Pinned: form.Pinned, Tags: form.Tags})
		res, err := c.CreateNoteResponse(ctx, form)
		if err != nil {
			t.Fatal(err)
		}
		created, _ := res.(CreateNote201JSONResponse)
		same(t, "headers", []any{created.Location, created.XRateRemaining, created.XTags}, []any{"/notes/7", NewOpt(99), NewOpt([]string{"x y", "z"})})
		_, err = c.CreateNote(ctx, NoteForm{Title: "teapot"})
		var teapot CreateNote4XXJSONResponse
		if !errors.As(err, &teapot) || teapot.StatusCode != http.StatusTeapot || teapot.Body.Message != "short" {
			t.Errorf("4XX: %v", err)
		}
		_, err = c.CreateNote(ctx, NoteForm{Title: ""})
		var reqErr *RequestError
		if !errors.As(err, &reqErr) {
			t.Errorf("an invalid form was sent: %v", err)
		}
	})
	t.Run("text", func(t *testing.T) {
		if err := c.PutNoteText(ctx, PutNoteTextParams{ID: 1}, "héllo\nworld"); err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.last, "héllo\nworld")
	})
	t.Run("optional JSON", func(t *testing.T) {
		note, err := c.PatchNote(ctx, PatchNoteParams{ID: 4}, NewOpt(NotePatch{Title: NewOpt("new")}))
		if err != nil || note.Title != "new" {
			t.Fatalf("patch: %+v, %v", note, err)
		}
		note, err = c.PatchNote(ctx, PatchNoteParams{ID: 4}, Opt[NotePatch]{})
		if err != nil || note.Title != "unchanged" {
			t.Fatalf("no body: %+v, %v", note, err)
		}
		same(t, "received", impl.last, Opt[NotePatch]{})
	})
	t.Run("binary", func(t *testing.T) {
		if err := c.PutAttachment(ctx, PutAttachmentParams{ID: 1}, strings.NewReader("raw bytes")); err != nil {
			t.Fatal(err)
		}
		same(t, "received", impl.last, "application/octet-stream raw bytes")
		rc, err := c.GetAttachment(ctx, GetAttachmentParams{ID: 1})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		same(t, "attachment", string(data), "\x89PNG...")
		res, err := c.GetAttachmentResponse(ctx, GetAttachmentParams{ID: 1})
		if err != nil {
			t.Fatal(err)
		}
		png := res.(GetAttachment200ImageAnyResponse)
		same(t, "content type", png.ContentType, "image/png")
		png.Body.(io.Closer).Close()
	})
	t.Run("multipart", func(t *testing.T) {
		body := (&MultipartBody{}).Field("title", "Report").File("file", "r.txt", "text/plain", strings.NewReader("file data")).
			Part("extra", "application/json", strings.NewReader(`{"a":1}`))
		res, err := c.Upload(ctx, body)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "parts", res.Parts, []string{"title|||Report", "file|r.txt|text/plain|file data", `extra||application/json|{"a":1}`})
	})
	t.Run("responses of several media types", func(t *testing.T) {
		res, err := c.GetNote(ctx, GetNoteParams{ID: 1})
		if j, ok := res.(GetNote200JSONResponse); err != nil || !ok || j.Body.Title != "json" {
			t.Errorf("JSON: %#v, %v", res, err)
		}
		res, err = c.GetNote(ctx, GetNoteParams{ID: 2})
		if txt, ok := res.(GetNote200TextResponse); err != nil || !ok || txt.Body != "plain text" {
			t.Errorf("text: %#v, %v", res, err)
		}
		_, err = c.GetNote(ctx, GetNoteParams{ID: 3})
		var re *ResponseError
		if !errors.As(err, &re) || re.StatusCode != 404 {
			t.Errorf("404: %v", err)
		} else if _, ok := re.Response.(GetNote404Response); !ok {
			t.Errorf("404: %T", re.Response)
		}
		_, err = c.GetNote(ctx, GetNoteParams{ID: 500})
		if !errors.As(err, &re) || re.StatusCode != 500 || re.Response != nil || len(re.Body) != 4096 || !strings.HasPrefix(string(re.Body), "boom boom") {
			t.Errorf("undeclared 500: %v (%d bytes kept)", err, len(re.Body))
		}
	})
}

func TestStreams(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)
	events, err := c.WatchNotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []Note
	for note, err := range events {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, note)
	}
	same(t, "events", got, []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}, {ID: 3, Title: "three"}})

	lines, err := c.ExportNotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	var last error
	for note, err := range lines {
		if err != nil {
			last = err
			break
		}
		got = append(got, note)
	}
	same(t, "lines", got, []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}})
	var de *DecodeError
	if !errors.As(last, &de) {
		t.Errorf("a cut line: %v, want a *DecodeError", last)
	}

	// Breaking out of the loop early closes the stream.
	events, err = c.WatchNotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range events {
		break
	}
}

// itemStore writes the event stream from typed items: in this 3.0 spec
// the event-stream schema describes one event's data (as OpenAI's 3.1
// spec does), which types the strict response's Items as the client's.
type itemStore struct{ *store }

func (itemStore) WatchNotes(ctx context.Context, req WatchNotesRequestObject) (WatchNotesResponseObject, error) {
	return WatchNotes200TextEventStreamResponse{Items: func(yield func(Note, error) bool) {
		for _, n := range []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}} {
			if !yield(n, nil) {
				return
			}
		}
	}}, nil
}

func TestItemStream(t *testing.T) {
	srv := httptest.NewServer(StrictHandler(itemStore{&store{}}, WithResponseValidation()))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	events, err := c.WatchNotes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []Note
	for note, err := range events {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, note)
	}
	same(t, "typed events", got, []Note{{ID: 1, Title: "one"}, {ID: 2, Title: "two"}})
}
