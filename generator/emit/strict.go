package emit

import (
	"fmt"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/templates"
)

// The strict interface (StrictServerInterface) is printed by
// templates/server.go.tmpl; the functions here print each operation's
// request struct, response types and the adapter method that calls the
// strict method and writes its response.

var loadStrictRuntime = sync.OnceValues(func() (runtimeCode, error) {
	return loadSources(templates.StrictRuntime)
})

// strictRuntimeSource records the strict runtime's imports and returns its code.
func (f *file) strictRuntimeSource() (string, error) { return f.sourceOf(loadStrictRuntime) }

// requestObject prints the struct a strict method receives.
func (f *file) requestObject(op *ir.Operation) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	sv := op.Server
	line("%s", wrapped(fmt.Sprintf("%s is the request of %s (%s), its parameters and body read and checked.", sv.RequestObject, op.Name, operationLabel(op))))
	line("type %s struct {", sv.RequestObject)
	if op.Params != nil {
		line("// Params are the parameters.")
		line("Params %s", f.expr(op.Params))
	}
	if sv.Body != nil {
		line("// Body is the request body (%s).", inline(strings.Join(sv.Body.Media, ", ")))
		line("Body %s", f.expr(sv.Body.Arg))
	}
	line("// Request is the HTTP request, for what the spec does not declare.")
	line("Request *http.Request")
	line("}")
	return b.String()
}

// responseObject prints the interface of op's responses and one type per
// response, with the method that writes it.
func (f *file) responseObject(op *ir.Operation) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	sv := op.Server
	names := make([]string, len(sv.Responses))
	for i, r := range sv.Responses {
		names[i] = r.Name
	}
	line("%s", wrapped(fmt.Sprintf("%s is a response of %s: %s.", sv.ResponseObject, op.Name, orList(names))))
	line("//")
	line("%s", wrapped(fmt.Sprintf("A type of the application's own is one too when it has the method %s, which writes the response; an error it returns before writing goes to the error handler.", visitMethod(op))))
	line("type %s interface {", sv.ResponseObject)
	line("%s(w http.ResponseWriter) error", visitMethod(op))
	line("}")
	for _, r := range sv.Responses {
		b.WriteString("\n")
		f.responseType(&b, op, r)
	}
	return b.String()
}

// visitMethod names the method op's responses write themselves with, as
// oapi-codegen names it; it is unique per operation so that a response type
// belongs to one.
func visitMethod(op *ir.Operation) string { return build.VisitMethod(op.Name) }

// orList joins names as "A, B or C".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "none is declared"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// responseType prints one typed response and its write method.
func (f *file) responseType(b *strings.Builder, op *ir.Operation, r *ir.ServerResponse) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	f.responseDecl(b, op, r, true)
	line("")
	line("%s", wrapped(fmt.Sprintf("%s writes the response.", visitMethod(op))))
	line("func (x %s) %s(w http.ResponseWriter) error {", r.Name, visitMethod(op))
	status := fmt.Sprint(r.Code)
	if r.Code == 0 {
		status = "status"
		line("status, err := responseStatus(x.StatusCode, %q)", r.Status)
		line("if err != nil {")
		line("return err")
		line("}")
	}
	for _, h := range r.Headers {
		f.setHeader(b, h)
	}
	media := quoted(r.Media)
	if wildcardMedia(r.Media) {
		media = "media"
		line("media, err := responseMedia(x.ContentType, %q)", r.Media)
		line("if err != nil {")
		line("return err")
		line("}")
	}
	switch r.Kind {
	case ir.BodyJSON:
		line("return WriteJSON(w, %s, &x.Body)", status)
	case ir.BodyText:
		line("return writeText(w, %s, %s, x.Body)", status, media)
	case ir.BodyBinary:
		if r.Sequence != "" {
			line("if x.Items != nil {")
			if r.Event != nil {
				line("return writeEvents(w, %s, %s, x.Items, %s)", status, media, eventFields(r.Event))
			} else {
				line("return writeItems(w, %s, %s, x.Items)", status, media)
			}
			line("}")
		}
		line("return writeStream(w, %s, %s, x.Body)", status, media)
	default:
		line("w.WriteHeader(%s)", status)
		line("return nil")
	}
	line("}")
	if r.Kind == ir.BodyJSON && validates(r.Body) {
		line("")
		line("func (x %s) validateBody() error { return ValidateResponse(&x.Body) }", r.Name)
	}
}

// responseDecl prints the declaration of one typed response; a stream's
// has Items when the server writes it (the client reads Body).
func (f *file) responseDecl(b *strings.Builder, op *ir.Operation, r *ir.ServerResponse, server bool) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	what := r.Status + " response"
	if r.Status == "default" {
		what = "default response"
	}
	if r.Media != "" {
		what += " (" + r.Media + ")"
	}
	doc := fmt.Sprintf("%s is the %s of %s.", r.Name, what, op.Name)
	if d := oneLine(r.Doc); d != "" {
		doc += " The spec describes it as: " + d
	}
	line("%s", wrapped(doc))
	var fields strings.Builder
	field := func(doc, decl string) { fmt.Fprintf(&fields, "%s\n%s\n", commentLine("", doc), decl) }
	switch {
	case r.Status == "default":
		field("StatusCode is the status written: any the operation does not declare.", "StatusCode int")
	case r.Code == 0:
		field("StatusCode is the status written, within "+r.Status+".", "StatusCode int")
	}
	if wildcardMedia(r.Media) {
		field("ContentType is the media type written, within "+r.Media+".", "ContentType string")
	}
	if r.Body != nil {
		field("Body is the response body.", "Body "+f.expr(r.Body))
	}
	if r.Sequence != "" && server {
		f.use("iter")
		field("Items, when set, are written instead of Body, one at a time, each flushed as soon as it is written; an error ends the stream.",
			"Items iter.Seq2["+f.expr(r.Item)+", error]")
	}
	for _, h := range r.Headers {
		field(h.Field+" is the "+h.Name+" header.", h.Field+" "+f.expr(h.Type))
	}
	if fields.Len() == 0 {
		line("type %s struct{}", r.Name)
	} else {
		line("type %s struct {\n%s}", r.Name, fields.String())
	}
}

func wildcardMedia(media string) bool { return strings.Contains(media, "*") }

// setHeader prints the statement setting one response header.
func (f *file) setHeader(b *strings.Builder, h *ir.ResponseHeader) {
	value := "x." + h.Field
	if h.Type.Kind == ir.Opt {
		value = "v"
		fmt.Fprintf(b, "if v, ok := x.%s.Get(); ok {\n", h.Field)
	}
	format := headerFormat(h)
	if h.List {
		fmt.Fprintf(b, "w.Header().Set(%q, headerList(%s, %s))\n", h.Name, value, format)
	} else {
		fmt.Fprintf(b, "w.Header().Set(%q, %s(%s))\n", h.Name, format, value)
	}
	if h.Type.Kind == ir.Opt {
		b.WriteString("}\n")
	}
}

// headerFormat names the runtime function formatting one header value.
func headerFormat(h *ir.ResponseHeader) string {
	switch h.Kind {
	case "int":
		return "headerInt"
	case "float":
		return "headerFloat"
	case "bool":
		return "headerBool"
	case "time":
		return "headerTime"
	}
	return "headerString"
}

// strictMethod prints the ServerInterface (or WebhookInterface) method of
// the adapter that calls op's strict method and writes its response.
func (f *file) strictMethod(op *ir.Operation) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	sv := op.Server
	adapter := "strictServer"
	if op.Webhook != "" {
		adapter = "strictWebhooks"
	}
	line("func (s *%s) %s(%s) error {", adapter, op.Name, f.handlerParams(op))
	var fields []string
	if op.Params != nil {
		fields = append(fields, "Params: params")
	}
	if sv.Body != nil {
		fields = append(fields, "Body: body")
	}
	fields = append(fields, "Request: r")
	line("res, err := s.impl.%s(r.Context(), %s{%s})", op.Name, sv.RequestObject, strings.Join(fields, ", "))
	line("if err != nil {")
	line("return err")
	line("}")
	line("if res == nil {")
	line("return noResponse(%q)", op.Name)
	line("}")
	for _, r := range sv.Responses {
		if r.Sequence == "" || !validates(r.Item) {
			continue
		}
		line("if x, ok := res.(%s); ok && x.Items != nil && s.opts.validateResponses {", r.Name)
		line("x.Items = checkedItems(x.Items)")
		line("res = x")
		line("}")
	}
	line("if err := validateTyped(&s.opts, res); err != nil {")
	line("return err")
	line("}")
	line("return res.%s(w)", visitMethod(op))
	line("}")
	return b.String()
}
