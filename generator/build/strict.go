package build

import (
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// VisitMethod names the method with which the typed responses of the
// operation named op write themselves, as oapi-codegen names it.
func VisitMethod(op string) string { return "Visit" + op + "Response" }

// strictResponses lists op's typed responses for the strict interface: one
// per declared status and media type, or one without a body. Their names
// are given by nameStrict once every operation is built.
func (b *builder) strictResponses(op *load.Operation, out *ir.Operation) []*ir.ServerResponse {
	var list []*ir.ServerResponse
	for i, r := range op.Responses {
		code, err := strconv.Atoi(r.Status)
		if err != nil {
			code = 0 // a range (4XX) or default: the response carries its status
		}
		headers := b.responseHeaders(r, out.Name+statusWord(r.Status), VisitMethod(out.Name))
		if len(r.Content) == 0 {
			list = append(list, &ir.ServerResponse{Status: r.Status, Code: code, Headers: headers, Doc: r.Description})
			continue
		}
		for _, mt := range r.Content {
			sr := &ir.ServerResponse{Status: r.Status, Code: code, Media: mt.Type, Headers: headers, Doc: r.Description}
			switch {
			case IsJSON(mt.Type) && mt.Schema != nil:
				sr.Kind, sr.Body = ir.BodyJSON, out.Responses[i].Type
				if out.Responses[i].Media != mt.Type {
					sr.Body = b.schemaType(mt.Schema, out.Name+statusWord(r.Status)+mediaWord(mt.Type)+"Response")
				}
			case sequenceFraming(mt.Type) != "":
				// A stream of events or lines: the server writes it from a
				// reader; the client reads it item by item.
				sr.Kind, sr.Body = ir.BodyBinary, &ir.Type{Kind: ir.Builtin, Go: "io.Reader", Import: ir.Import{Path: "io"}}
				sr.Sequence, sr.Item = sequenceFraming(mt.Type), b.sequenceItem(mt, out.Name+statusWord(r.Status)+"Event")
				if sr.Sequence == "sse" && mt.ItemSchema != nil {
					sr.Event = eventItem(sr.Item)
				}
			case bodyKind(mt.Type) == ir.BodyText:
				sr.Kind, sr.Body = ir.BodyText, &ir.Type{Kind: ir.Builtin, Go: "string"}
			default:
				sr.Kind, sr.Body = ir.BodyBinary, &ir.Type{Kind: ir.Builtin, Go: "io.Reader", Import: ir.Import{Path: "io"}}
			}
			list = append(list, sr)
		}
	}
	return list
}

// responseHeaders returns the declared headers of r a typed response
// sets: primitives and arrays of them. Content-Type is left out, as OpenAPI
// says; other shapes are reported and left to the handler. Their fields
// are never named visit, the response type's method.
func (b *builder) responseHeaders(r *load.Response, ctx, visit string) []*ir.ResponseHeader {
	var out []*ir.ResponseHeader
	fields := naming.NewScope("Body", "Items", "StatusCode", "ContentType", "Error", visit)
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, "Content-Type") || h.Schema == nil {
			continue
		}
		t := b.schemaType(h.Schema, ctx+naming.Exported(h.Name)+"Header")
		rh := &ir.ResponseHeader{Name: h.Name, Kind: scalarKind(t)}
		if rh.Kind == "" {
			elem, _ := listOf(t)
			if elem == nil {
				b.diags.Add(h.Loc.Pos, diag.Info, "server-header", "response header %q is neither a primitive nor an array of them; typed responses do not set it", h.Name)
				continue
			}
			rh.Kind, rh.List = scalarKind(elem), true
		}
		rh.Field = fields.Unique(nonEmpty(naming.Exported(h.Name)))
		rh.Type = wrap(t, h.Required, false)
		out = append(out, rh)
	}
	return out
}

// mediaWord spells a media type inside a Go name: JSON, ProblemJSON, Text,
// Binary, or the words of the type.
func mediaWord(media string) string {
	media, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(media)), ";")
	switch {
	case media == "application/json":
		return "JSON"
	case strings.HasSuffix(media, "+json"):
		_, sub, _ := strings.Cut(strings.TrimSuffix(media, "+json"), "/")
		return naming.Exported(sub) + "JSON"
	case media == "text/plain":
		return "Text"
	case media == "application/octet-stream":
		return "Binary"
	}
	word := naming.Exported(strings.NewReplacer("*", " any ", "/", " ", ".", " ", "-", " ").Replace(media))
	return nonEmpty(word)
}

// nameStrict names the strict interface's declarations of every served
// operation after all other names are given, so that turning the strict
// interface on never renames a model.
func (b *builder) nameStrict(ops []*ir.Operation) {
	for _, op := range ops {
		sv := op.Server
		if sv == nil || !sv.Served() {
			continue
		}
		sv.RequestObject = b.scope.Unique(op.Name + "RequestObject")
		sv.ResponseObject = b.scope.Unique(op.Name + "ResponseObject")
		b.nameResponses(op.Name, sv.Responses)
	}
}

// nameResponses names the typed responses of the operation named op.
func (b *builder) nameResponses(op string, list []*ir.ServerResponse) {
	for _, r := range list {
		name := op + statusWord(r.Status)
		if r.Media != "" {
			name += mediaWord(r.Media)
		}
		r.Name = b.scope.Unique(name + "Response")
	}
}

// sequenceItem is the type of one item of a sequential response (an
// event's data, a line): OpenAPI 3.2's itemSchema, else the schema's type
// (3.1 specs such as OpenAI's describe one event's data with it), its
// items' type when the schema is an array of the whole stream, string
// without a schema.
func (b *builder) sequenceItem(mt *load.MediaType, ctx string) *ir.Type {
	if mt.ItemSchema != nil && mt.ItemSchema.Value != nil {
		return b.schemaType(mt.ItemSchema, ctx)
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return &ir.Type{Kind: ir.Builtin, Go: "string"}
	}
	t := b.schemaType(mt.Schema, ctx)
	if elem := t; elem.Kind == ir.Slice && elem.Name == "" && elem.Elem != nil {
		return elem.Elem
	}
	return t
}

// eventItem describes t as the type of a whole server-sent event when it
// is one: a struct whose fields are all among data, event, id and retry
// (the fields of an event, as OpenAPI 3.2 models one), with data or event.
// It returns nil for any other type, which is the type of an event's data.
func eventItem(t *ir.Type) *ir.EventItem {
	for t != nil && (t.Kind == ir.Alias || t.Kind == ir.Pointer) {
		t = t.Elem
	}
	if t == nil || t.Kind != ir.Struct || len(t.Fields) == 0 {
		return nil
	}
	ev := &ir.EventItem{}
	var data *ir.Field
	for _, f := range t.Fields {
		switch f.JSONName {
		case "data":
			data = f
		case "event":
			ev.Event = true
		case "id":
			ev.ID = true
		case "retry":
			ev.Retry = true
		default:
			return nil
		}
	}
	if data == nil && !ev.Event {
		return nil
	}
	if data != nil {
		bt := builtinOf(unwrapOpt(data.Type))
		ev.Text = bt != nil && bt.Go == "string"
	}
	ev.Bare = ev.Event && (data == nil || !data.Required)
	return ev
}
