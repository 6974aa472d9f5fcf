package build

import (
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
	"github.com/oasgen/oasgen/templates/rt"
)

// client decides how the generated client calls op: the path template's
// parts, how each parameter and the body are written (the bindings the
// server reads them with) and the typed responses. When the server part is
// generated its decisions are reused; otherwise they are made here without
// the server's diagnostics, which speak of the server.
func (b *builder) client(op *load.Operation, out *ir.Operation) *ir.Client {
	c := &ir.Client{}
	quiet := len(b.diags)
	if sv := out.Server; sv != nil {
		c.Bindings, c.Body = sv.Bindings, sv.Body
		if len(sv.Responses) > 0 {
			c.Responses = sv.Responses // named by nameStrict
		}
	} else {
		wildcards := map[string]string{}
		for _, name := range templateParams(op.Path) {
			wildcards[name] = name
		}
		if out.Params != nil {
			for i, p := range op.Parameters {
				c.Bindings = append(c.Bindings, b.binding(p, out.Params.Fields[i], wildcards))
			}
		}
		if op.RequestBody != nil {
			c.Body = b.serverBody(op, out)
		}
	}
	if c.Responses == nil {
		c.Responses, c.Declare = b.strictResponses(op, out), true
	}
	b.diags = b.diags[:quiet]
	c.Path = clientPath(op.Path, c.Bindings)
	c.Servers = serverURLs(b.doc.Servers(op))
	success(c)
	return c
}

// templateParams lists the names of the parameters of a path template.
func templateParams(path string) []string {
	var names []string
	for _, part := range splitTemplate(path) {
		if strings.HasPrefix(part, "{") {
			names = append(names, part[1:len(part)-1])
		}
	}
	return names
}

// splitTemplate splits /a/{b}.{c} into /a/, {b}, . and {c}; an unclosed
// brace is text.
func splitTemplate(path string) []string {
	var parts []string
	for path != "" {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			return append(parts, path)
		}
		end := strings.IndexByte(path[open:], '}')
		if end < 0 {
			return append(parts, path)
		}
		if open > 0 {
			parts = append(parts, path[:open])
		}
		parts = append(parts, path[open:open+end+1])
		path = path[open+end+1:]
	}
	return parts
}

// clientPath splits the path template into text and the bound path
// parameters; a parameter without a binding stays text.
func clientPath(path string, bindings []*ir.Binding) []ir.PathPart {
	var out []ir.PathPart
	text := func(s string) {
		if n := len(out); n > 0 && out[n-1].Param == nil {
			out[n-1].Text += s
			return
		}
		out = append(out, ir.PathPart{Text: s})
	}
	for _, part := range splitTemplate(path) {
		var bound *ir.Binding
		if strings.HasPrefix(part, "{") {
			for _, bd := range bindings {
				if bd.In == "path" && bd.Name == part[1:len(part)-1] && bd.Skip == "" {
					bound = bd
				}
			}
		}
		if bound == nil {
			text(part)
			continue
		}
		out = append(out, ir.PathPart{Param: bound})
	}
	return out
}

// success decides what the common method returns for a success (2xx)
// status: the body type the success responses share, nothing when none has
// a body, or the typed response when they differ or none is declared.
func success(c *ir.Client) {
	var first *ir.ServerResponse
	for _, r := range c.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		switch {
		case first == nil:
			first = r
		case r.Kind != first.Kind || r.Sequence != first.Sequence || !sameType(r.Body, first.Body) || !sameType(r.Item, first.Item) || (r.Event == nil) != (first.Event == nil):
			c.SuccessObject = true
			return
		}
	}
	if first == nil {
		c.SuccessObject = true
		return
	}
	c.Success, c.SuccessKind = first.Body, first.Kind
	if first.Sequence != "" {
		c.Success, c.SuccessKind, c.Sequence, c.Event = first.Item, "stream", first.Sequence, first.Event
	}
}

// sequenceFraming says how a response of a sequential media type is split
// into items: sse (text/event-stream) or lines (JSON Lines, NDJSON, JSON
// text sequences); "" for other media types. The runtime decides it.
func sequenceFraming(media string) string { return rt.SequenceFraming(media) }

// nameClient names the client's methods and the declarations of the typed
// responses no strict server declares, after every other name is given.
func (b *builder) nameClient(ops []*ir.Operation) {
	methods := naming.NewScope(clientMethodNames()...)
	for _, op := range ops {
		op.Client.Method = methods.Unique(op.Name)
	}
	for _, op := range ops {
		c := op.Client
		c.Raw = methods.Unique(op.Name + "Response")
		if c.Declare {
			c.ResponseObject = b.scope.Unique(op.Name + "ResponseObject")
			b.nameResponses(op.Name, c.Responses)
		} else {
			c.ResponseObject = op.Server.ResponseObject
		}
	}
}

// serverURLs converts a servers list.
func serverURLs(list []load.Server) []*ir.ServerURL {
	var out []*ir.ServerURL
	for _, s := range list {
		u := &ir.ServerURL{URL: s.URL, Description: s.Description}
		for _, v := range s.Variables {
			u.Variables = append(u.Variables, &ir.ServerVariable{Name: v.Name, Default: v.Default, Enum: v.Enum})
		}
		out = append(out, u)
	}
	return out
}
