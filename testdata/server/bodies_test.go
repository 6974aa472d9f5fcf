package bodies

// This file is copied next to the code generated from
// testdata/server/bodies/openapi.yaml with the strict interface by
// generator/server_test.go and run there with go test: every request body
// kind and every typed response shape, end to end.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// notes implements StrictServerInterface; what it received is kept for the
// test to check.
type notes struct {
	UnimplementedStrict
	form       NoteForm
	text       string
	patch      Opt[NotePatch]
	attachment []byte
	parts      []string

	// What the next call answers, when the test sets it.
	created     CreateNoteResponseObject
	contentType string
	download    func() io.Reader // the attachment's body, when set
}

var _ StrictServerInterface = (*notes)(nil)

func (n *notes) CreateNote(_ context.Context, req CreateNoteRequestObject) (CreateNoteResponseObject, error) {
	n.form = req.Body
	if n.created != nil {
		return n.created, nil
	}
	return CreateNote201JSONResponse{
		Body:           Note{ID: 7, Title: req.Body.Title, Tags: req.Body.Tags},
		Location:       "/notes/7",
		XRateRemaining: NewOpt(9),
		XTags:          req.Body.Tags,
	}, nil
}

func (n *notes) GetNote(_ context.Context, req GetNoteRequestObject) (GetNoteResponseObject, error) {
	switch {
	case req.Params.ID == 404:
		return GetNote404Response{}, nil
	case req.Params.ID == 500:
		return nil, nil // neither a response nor an error: a 500
	case req.Params.ID == 501:
		return nil, errors.New("boom")
	case req.Request.Header.Get("Accept") == "text/plain":
		return GetNote200TextResponse{Body: "note 1"}, nil
	}
	return GetNote200JSONResponse{Body: Note{ID: req.Params.ID, Title: "note"}}, nil
}

func (n *notes) PutNoteText(_ context.Context, req PutNoteTextRequestObject) (PutNoteTextResponseObject, error) {
	n.text = req.Body
	return PutNoteText204Response{}, nil
}

func (n *notes) PatchNote(_ context.Context, req PatchNoteRequestObject) (PatchNoteResponseObject, error) {
	n.patch = req.Body
	note := Note{ID: req.Params.ID, Title: "note"}
	if title, ok := req.Body.Value.Title.Get(); ok && req.Body.Set {
		note.Title = title
	}
	return PatchNote200JSONResponse{Body: note}, nil
}

func (n *notes) PutAttachment(_ context.Context, req PutAttachmentRequestObject) (PutAttachmentResponseObject, error) {
	data, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err // past the body limit: the error handler answers 413
	}
	n.attachment = data
	return PutAttachment204Response{}, nil
}

func (n *notes) GetAttachment(context.Context, GetAttachmentRequestObject) (GetAttachmentResponseObject, error) {
	if n.download != nil {
		return GetAttachment200ImageAnyResponse{ContentType: n.contentType, Body: n.download()}, nil
	}
	return GetAttachment200ImageAnyResponse{ContentType: n.contentType, Body: bytes.NewReader([]byte("PNG..."))}, nil
}

func (n *notes) Upload(_ context.Context, req UploadRequestObject) (UploadResponseObject, error) {
	names := []string{} // the spec's parts is an array, never null
	for {
		part, err := req.Body.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Problem{Status: http.StatusBadRequest, Detail: err.Error()}
		}
		data, _ := io.ReadAll(part)
		names = append(names, part.FormName()+"="+string(data))
	}
	return Upload200JSONResponse{Body: UploadResponse{Parts: names}}, nil
}

type response struct {
	status  int
	header  http.Header
	body    string
	problem Problem
}

func send(t *testing.T, h http.Handler, method, target, contentType, body string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body == "" {
		req = httptest.NewRequest(method, target, nil)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := response{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	if rec.Header().Get("Content-Type") == "application/problem+json" {
		if err := json.Unmarshal(rec.Body.Bytes(), &res.problem); err != nil {
			t.Fatalf("problem body %q: %v", res.body, err)
		}
	}
	return res
}

func hasViolation(p Problem, path, keyword string) bool {
	return slices.ContainsFunc(p.Violations, func(v Violation) bool { return v.Path == path && v.Keyword == keyword })
}

const form = "application/x-www-form-urlencoded"

func TestFormBody(t *testing.T) {
	n := &notes{}
	h := StrictHandler(n)
	res := send(t, h, "POST", "/notes", form, "title=Hello&priority=2&pinned=true&tags=a&tags=b")
	if res.status != 201 {
		t.Fatalf("status %d, body %s", res.status, res.body)
	}
	want := NoteForm{Title: "Hello", Priority: NewOpt(2), Pinned: NewOpt(true), Tags: NewOpt([]string{"a", "b"})}
	if n.form.Title != want.Title || n.form.Priority != want.Priority || n.form.Pinned != want.Pinned || !slices.Equal(n.form.Tags.Value, want.Tags.Value) {
		t.Errorf("form decoded as %+v, want %+v", n.form, want)
	}
	for name, value := range map[string]string{"Location": "/notes/7", "X-Rate-Remaining": "9", "X-Tags": "a,b", "Content-Type": "application/json"} {
		if got := res.header.Get(name); got != value {
			t.Errorf("header %s = %q, want %q", name, got, value)
		}
	}
	if res.body != `{"id":7,"title":"Hello","tags":["a","b"]}`+"\n" {
		t.Errorf("body %s", res.body)
	}

	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		path, keyword           string
	}{
		{"not an integer", form, "title=x&priority=high", 400, "/body/priority", "type"},
		{"above maximum", form, "title=x&priority=9", 400, "/body/priority", "maximum"},
		{"missing required property", form, "priority=1", 400, "/body", "required"},
		{"too many items", form, "title=x&tags=a&tags=b&tags=c&tags=d", 400, "/body/tags", "maxItems"},
		{"not a boolean", form, "title=x&pinned=yes", 400, "/body/pinned", "type"},
		{"bad escape", form, "title=%zz", 400, "/body", "form"},
		{"JSON instead of a form", "application/json", `{"title":"x"}`, 415, "", ""},
		{"missing body", "", "", 400, "/body", "required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := send(t, h, "POST", "/notes", tc.contentType, tc.body)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.status, tc.status, res.body)
			}
			if tc.path != "" && !hasViolation(res.problem, tc.path, tc.keyword) {
				t.Errorf("no violation %s (%s) in %+v", tc.path, tc.keyword, res.problem.Violations)
			}
		})
	}
}

func TestRangedAndDefaultResponses(t *testing.T) {
	n := &notes{}
	h := StrictHandler(n)
	for _, tc := range []struct {
		name   string
		res    CreateNoteResponseObject
		status int
	}{
		{"4XX with its status", CreateNote4XXJSONResponse{StatusCode: 409, Body: Error{Message: "taken"}}, 409},
		{"4XX with a status out of its range", CreateNote4XXJSONResponse{StatusCode: 503, Body: Error{Message: "no"}}, 500},
		{"default", CreateNoteDefaultJSONResponse{StatusCode: 503, Body: Error{Message: "later"}}, 503},
		{"default without a status", CreateNoteDefaultJSONResponse{Body: Error{Message: "?"}}, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n.created = tc.res
			res := send(t, h, "POST", "/notes", form, "title=x")
			if res.status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.status, tc.status, res.body)
			}
			if tc.status != 500 && !strings.Contains(res.body, `"message"`) {
				t.Errorf("body %s", res.body)
			}
		})
	}
}

func TestResponseValidation(t *testing.T) {
	n := &notes{created: CreateNote201JSONResponse{Body: Note{ID: 0, Title: ""}, Location: "/notes/0"}}
	if res := send(t, StrictHandler(n), "POST", "/notes", form, "title=x"); res.status != 201 {
		t.Fatalf("without the option the response is written as it is: status %d", res.status)
	}
	res := send(t, StrictHandler(n, WithResponseValidation()), "POST", "/notes", form, "title=x")
	if res.status != 500 {
		t.Fatalf("status %d, want 500: %s", res.status, res.body)
	}
	if !hasViolation(res.problem, "/response/body/id", "minimum") || !hasViolation(res.problem, "/response/body/title", "minLength") {
		t.Errorf("violations %+v", res.problem.Violations)
	}
	if res.header.Get("Location") != "" {
		t.Error("the headers of a rejected response were sent")
	}
}

func TestTextBodyAndResponses(t *testing.T) {
	n := &notes{}
	h := StrictHandler(n)
	if res := send(t, h, "PUT", "/notes/1", "text/plain; charset=utf-8", "new text"); res.status != 204 || n.text != "new text" {
		t.Fatalf("status %d, text %q", res.status, n.text)
	}
	if res := send(t, h, "PUT", "/notes/1", "application/json", `"x"`); res.status != 415 {
		t.Errorf("JSON to a text body: status %d", res.status)
	}
	if res := send(t, h, "PUT", "/notes/1", "text/plain", ""); res.status != 400 || !hasViolation(res.problem, "/body", "required") {
		t.Errorf("empty required text body: status %d %+v", res.status, res.problem)
	}
	res := send(t, h, "GET", "/notes/1", "", "", "Accept", "text/plain")
	if res.status != 200 || res.body != "note 1" || res.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("text response: %d %q %q", res.status, res.header.Get("Content-Type"), res.body)
	}
	res = send(t, h, "GET", "/notes/3", "", "")
	if res.status != 200 || res.body != `{"id":3,"title":"note"}`+"\n" {
		t.Errorf("JSON response: %d %s", res.status, res.body)
	}
	if res := send(t, h, "GET", "/notes/404", "", ""); res.status != 404 || res.body != "" {
		t.Errorf("response without a body: %d %q", res.status, res.body)
	}
	if res := send(t, h, "GET", "/notes/500", "", ""); res.status != 500 {
		t.Errorf("nil response: %d", res.status)
	}
	if res := send(t, h, "GET", "/notes/501", "", ""); res.status != 500 || strings.Contains(res.body, "boom") {
		t.Errorf("plain error: %d %s", res.status, res.body)
	}
	if res := send(t, h, "GET", "/notes/0", "", ""); res.status != 400 || !hasViolation(res.problem, "/path/id", "minimum") {
		t.Errorf("path-level parameter: %d %+v", res.status, res.problem)
	}
}

func TestOptionalJSONBody(t *testing.T) {
	n := &notes{}
	h := StrictHandler(n)
	if res := send(t, h, "PATCH", "/notes/2", "", ""); res.status != 200 || n.patch.Set {
		t.Errorf("no body: status %d, body %+v", res.status, n.patch)
	}
	if res := send(t, h, "PATCH", "/notes/2", "application/merge-patch+json", `{"title":"t"}`); res.status != 200 || n.patch.Value.Title.Value != "t" {
		t.Errorf("a +json body: status %d %s, body %+v", res.status, res.body, n.patch)
	}
	if res := send(t, h, "PATCH", "/notes/2", "application/json", `{"title":""}`); res.status != 400 || !hasViolation(res.problem, "/body/title", "minLength") {
		t.Errorf("invalid body: status %d %+v", res.status, res.problem)
	}
}

func TestBinaryBodies(t *testing.T) {
	n := &notes{}
	h := StrictHandler(n, WithBodyLimit(16))
	for _, ct := range []string{"application/octet-stream", "image/png"} {
		n.attachment = nil
		if res := send(t, h, "PUT", "/notes/1/attachment", ct, "\x89PNG"); res.status != 204 || string(n.attachment) != "\x89PNG" {
			t.Errorf("%s: status %d, got %q", ct, res.status, n.attachment)
		}
	}
	if res := send(t, h, "PUT", "/notes/1/attachment", "text/plain", "hi"); res.status != 415 {
		t.Errorf("text to a binary body: status %d", res.status)
	}
	if res := send(t, h, "PUT", "/notes/1/attachment", "image/png", strings.Repeat("x", 17)); res.status != 413 {
		t.Errorf("past the limit: status %d %s", res.status, res.body)
	}

	n.contentType = "image/png"
	res := send(t, h, "GET", "/notes/1/attachment", "", "")
	if res.status != 200 || res.header.Get("Content-Type") != "image/png" || res.body != "PNG..." {
		t.Errorf("stream response: %d %q %q", res.status, res.header.Get("Content-Type"), res.body)
	}
	n.contentType = "text/html"
	if res := send(t, h, "GET", "/notes/1/attachment", "", ""); res.status != 500 {
		t.Errorf("content type outside image/*: status %d", res.status)
	}
}

func TestMultipartBody(t *testing.T) {
	h := StrictHandler(&notes{})
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("title", "holiday")
	fw, _ := mw.CreateFormFile("file", "a.txt")
	fw.Write([]byte("file content"))
	mw.Close()
	res := send(t, h, "POST", "/uploads", mw.FormDataContentType(), buf.String())
	if res.status != 200 || res.body != `{"parts":["title=holiday","file=file content"]}`+"\n" {
		t.Errorf("status %d, body %s", res.status, res.body)
	}
	if res := send(t, h, "POST", "/uploads", "multipart/form-data", buf.String()); res.status != 400 {
		t.Errorf("no boundary: status %d", res.status)
	}
	if res := send(t, h, "POST", "/uploads", form, "a=b"); res.status != 415 {
		t.Errorf("form to a multipart body: status %d", res.status)
	}
}

// TestCharset: JSON, form and text bodies are decoded as UTF-8; one whose
// Content-Type names another charset is a 415 naming it, not text changed
// silently. Streams are the handler's to decode.
func TestCharset(t *testing.T) {
	n := &notes{}
	h := StrictHandler(n)
	for _, tc := range []struct {
		name, method, target, contentType, body string
		status                                  int
	}{
		{"JSON latin1", "PATCH", "/notes/2", "application/json; charset=latin1", "{\"title\":\"caf\xe9\"}", 415},
		{"JSON utf-16", "PATCH", "/notes/2", "application/merge-patch+json; charset=UTF-16", "\xff\xfe{\x00}\x00", 415},
		{"JSON utf-8", "PATCH", "/notes/2", "application/json; charset=UTF-8", `{"title":"café"}`, 200},
		{"form latin1", "POST", "/notes", form + "; charset=ISO-8859-1", "title=caf%E9", 415},
		{"form utf-8", "POST", "/notes", form + "; charset=utf-8", "title=caf%C3%A9", 201},
		{"text latin1", "PUT", "/notes/1", "text/plain; charset=latin1", "caf\xe9", 415},
		{"text windows-1252", "PUT", "/notes/1", "text/plain; charset=\"windows-1252\"", "caf\xe9", 415},
		{"text utf8", "PUT", "/notes/1", "text/plain; charset=utf8", "café", 204},
		{"text without charset", "PUT", "/notes/1", "text/plain", "café", 204},
		{"stream latin1", "PUT", "/notes/1/attachment", "application/octet-stream; charset=latin1", "caf\xe9", 204},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := send(t, h, tc.method, tc.target, tc.contentType, tc.body)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.status, tc.status, res.body)
			}
			if tc.status == 415 && !strings.Contains(res.problem.Detail, "charset") {
				t.Errorf("the 415 does not name the charset: %s", res.body)
			}
		})
	}
	if n.text != "café" || n.form.Title != "café" || n.patch.Value.Title.Value != "café" {
		t.Errorf("UTF-8 bodies: text %q, form %q, patch %q", n.text, n.form.Title, n.patch.Value.Title.Value)
	}
}

// failingReader returns data, then fails: with a panic when panics, else
// with an error.
type failingReader struct {
	data   string
	panics bool
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data != "" {
		n := copy(p, f.data)
		f.data = f.data[n:]
		return n, nil
	}
	if f.panics {
		panic("boom")
	}
	return 0, errors.New("boom")
}

// TestStreamFailure: a typed stream response whose body fails after part
// of it was written (a panic or an error) cuts the connection: the client
// never gets a problem appended to the part. With WithResponseValidation
// nothing was sent yet, and the answer is a 500 problem.
func TestStreamFailure(t *testing.T) {
	n := &notes{contentType: "image/png"}
	plain := httptest.NewUnstartedServer(StrictHandler(n))
	plain.Config.ErrorLog = log.New(io.Discard, "", 0)
	plain.Start()
	defer plain.Close()
	checked := httptest.NewServer(StrictHandler(n, WithResponseValidation()))
	defer checked.Close()
	get := func(srv *httptest.Server) (int, string, error) {
		res, err := srv.Client().Get(srv.URL + "/notes/1/attachment")
		if err != nil {
			return 0, "", err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		return res.StatusCode, string(body), err
	}
	for _, panics := range []bool{false, true} {
		// Past the 4 KiB net/http buffers, so that the client got the
		// status and part of the body.
		part := strings.Repeat("x", 8<<10)
		n.download = func() io.Reader { return &failingReader{data: part, panics: panics} }
		status, body, err := get(plain)
		if err == nil || status != 200 || strings.Contains(body, "Internal Server Error") {
			t.Errorf("panics %t: %d %.100q, %v: want the response cut", panics, status, body, err)
		}
		status, body, err = get(checked)
		if err != nil || status != 500 || strings.Contains(body, "xxx") {
			t.Errorf("panics %t, validated: %d %.100q, %v: want a 500 problem", panics, status, body, err)
		}
	}
}

// seeOther is a response type of the application's own: a redirect the
// spec does not declare.
type seeOther struct{ location string }

func (x seeOther) VisitGetNoteResponse(w http.ResponseWriter) error {
	if x.location == "" {
		return errors.New("no location")
	}
	w.Header().Set("Location", x.location)
	w.WriteHeader(http.StatusSeeOther)
	return nil
}

// drafts implements getNote alone, answering with its own response type;
// UnimplementedStrict answers the other operations. It records the
// operation its context names.
type drafts struct {
	UnimplementedStrict
	op string
}

func (d *drafts) GetNote(ctx context.Context, req GetNoteRequestObject) (GetNoteResponseObject, error) {
	d.op = OperationID(ctx)
	if req.Params.ID == 2 {
		return seeOther{}, nil
	}
	return seeOther{location: "/notes/1"}, nil
}

// TestOwnResponseType: the strict server writes a response type of the
// application's own; an error it returns before writing goes to the error
// handler, and WithResponseValidation checks what it wrote. The operations
// left to UnimplementedStrict answer 501.
func TestOwnResponseType(t *testing.T) {
	d := &drafts{}
	h := StrictHandler(d, WithLogger(slog.New(slog.DiscardHandler)))
	res := send(t, h, "GET", "/notes/7", "", "")
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/notes/1" {
		t.Errorf("status %d, Location %q: %s", res.status, res.header.Get("Location"), res.body)
	}
	if d.op != "getNote" {
		t.Errorf("OperationID(ctx) = %q, want the spec's getNote", d.op)
	}
	if res := send(t, h, "GET", "/notes/2", "", ""); res.status != 500 || res.problem.Status != 500 {
		t.Errorf("an error of the response: status %d: %s", res.status, res.body)
	}
	res = send(t, StrictHandler(d, WithResponseValidation()), "GET", "/notes/7", "", "")
	if res.status != 500 || !hasViolation(res.problem, "/response", "response") {
		t.Errorf("validated: status %d: %s", res.status, res.body)
	}
	res = send(t, h, "POST", "/notes", form, "title=x")
	if res.status != http.StatusNotImplemented || res.problem.Detail != "CreateNote is not implemented" {
		t.Errorf("unimplemented: status %d: %s", res.status, res.body)
	}
}
