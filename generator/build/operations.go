package build

import (
	"cmp"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/naming"
)

// operations builds every operation's parameter, body and response types:
// those of the paths, then those of the webhooks, whose names are unique
// among all.
func (b *builder) operations() ([]*ir.Operation, []*ir.Webhook) {
	var ops []*ir.Operation
	opNames := naming.NewScope()
	reserveDerived(opNames, derivedFromOperation)
	for _, p := range b.doc.Paths {
		for _, op := range p.Operations {
			ops = append(ops, b.operation(op, opNames))
		}
	}
	var hooks []*ir.Webhook
	fields := naming.NewScope()
	for _, p := range b.doc.Webhooks {
		if len(p.Operations) == 0 {
			continue
		}
		h := &ir.Webhook{Name: p.Webhook, Field: fields.Unique(nonEmpty(naming.Exported(p.Webhook))), Summary: p.Summary, Description: p.Description}
		for _, op := range p.Operations {
			h.Operations = append(h.Operations, b.operation(op, opNames))
		}
		hooks = append(hooks, h)
	}
	return ops, hooks
}

func (b *builder) operation(op *load.Operation, opNames *naming.Scope) *ir.Operation {
	name := naming.Exported(op.OperationID)
	if name == "" {
		// POST /pets is PostPets, and POST of the webhook newPet PostNewPet.
		name = naming.Exported(append([]string{strings.ToLower(op.Method)}, pathWords(cmp.Or(op.Path, op.Webhook))...)...)
	}
	name = opNames.Unique(name)
	out := &ir.Operation{
		Name:        name,
		ID:          op.OperationID,
		Method:      op.Method,
		Path:        op.Path,
		Webhook:     op.Webhook,
		Summary:     op.Summary,
		Description: op.Description,
		Deprecated:  op.Deprecated,
	}
	out.Params = b.params(op, name)
	if op.RequestBody != nil {
		if mt := preferredMedia(op.RequestBody.Content); mt != nil && mt.Schema != nil {
			ctx := name + "Body"
			if shared := sharedName(op, op.RequestBody.Loc, "requestBodies"); shared != "" {
				ctx = shared + "Body" // the same for every operation that refers to it
			}
			out.Body, out.BodyMedia = b.schemaType(mt.Schema, ctx), mt.Type
		}
	}
	for _, r := range op.Responses {
		out.Responses = append(out.Responses, b.response(op, r, name))
	}
	out.Security = b.security(op)
	if b.serve {
		out.Server = b.server(op, out)
	}
	if b.clientPart && op.Webhook == "" {
		out.Client = b.client(op, out)
	}
	return out
}

// pathWords turns /store/carts/{id} into words for a name: store carts id.
func pathWords(path string) []string {
	var words []string
	for _, seg := range strings.Split(path, "/") {
		if seg = strings.Trim(seg, "{}"); seg != "" {
			words = append(words, seg)
		}
	}
	return words
}

// preferredMedia picks the body media type to generate: JSON first.
func preferredMedia(content []*load.MediaType) *load.MediaType {
	for _, mt := range content {
		if IsJSON(mt.Type) {
			return mt
		}
	}
	if len(content) > 0 {
		return content[0]
	}
	return nil
}

// IsJSON reports whether a media type is JSON: application/json or a
// +json type, whatever its parameters and case.
func IsJSON(media string) bool { return load.IsJSONMedia(media) }

func (b *builder) response(op *load.Operation, r *load.Response, opName string) *ir.Response {
	out := &ir.Response{Status: r.Status}
	mt := preferredMedia(r.Content)
	if mt == nil || mt.Schema == nil {
		return out
	}
	out.Media = mt.Type
	ctx := opName + statusWord(r.Status) + "Response"
	switch name := sharedName(op, r.Loc, "responses"); {
	case name != "":
		ctx = name + "Response" // the same for every operation that refers to it
	case r.Status == firstSuccess(op):
		ctx = opName + "Response"
	}
	out.Type = b.schemaType(mt.Schema, ctx)
	return out
}

// sharedName names what operations share by $ref, a response, request
// body or parameter in components/<section> or in a file of its own
// (400_error.yaml): its component name or file name, with a leading
// number moved to the end (Error400). It returns "" for one written in the
// operation.
func sharedName(op *load.Operation, loc load.Loc, section string) string {
	var name string
	prefix := "/components/" + section + "/"
	switch {
	case strings.HasPrefix(loc.Pointer, prefix):
		name = strings.TrimPrefix(loc.Pointer, prefix)
		name = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
	case loc.Pointer == "" && loc.File != op.Loc.File:
		name = strings.TrimSuffix(filepath.Base(loc.File), filepath.Ext(loc.File))
	default:
		return ""
	}
	words := strings.FieldsFunc(name, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	if len(words) > 1 && strings.IndexFunc(words[0], func(c rune) bool { return !unicode.IsDigit(c) }) < 0 {
		words = append(words[1:], words[0])
	}
	return naming.Exported(words...)
}

// firstSuccess returns the first 2xx status with a body.
func firstSuccess(op *load.Operation) string {
	for _, r := range op.Responses {
		if strings.HasPrefix(r.Status, "2") && len(r.Content) > 0 {
			return r.Status
		}
	}
	return ""
}

// params declares the struct holding an operation's parameters.
func (b *builder) params(op *load.Operation, opName string) *ir.Type {
	if len(op.Parameters) == 0 {
		return nil
	}
	name := b.scope.Unique(opName + "Params")
	t := b.declare(nil, &ir.Type{Kind: ir.Struct, Name: name, Doc: ir.Doc{
		Lead: "holds the parameters of " + opName + " (" + op.Label() + ").",
	}})
	fields := naming.NewScope()
	for _, p := range op.Parameters {
		sr := p.Schema
		if sr == nil && len(p.Content) > 0 {
			sr = p.Content[0].Schema
		}
		fname := fields.Unique(nonEmpty(naming.Exported(p.Name)))
		ctx := name + fname
		if shared := sharedName(op, p.Loc, "parameters"); shared != "" {
			ctx = shared + "Param" // the same for every operation that refers to it
		}
		base := b.schemaType(sr, ctx)
		required := p.Required || p.In == "path"
		f := &ir.Field{
			Name:     fname,
			JSONName: p.Name,
			In:       p.In,
			Required: required,
			Type:     wrap(base, required, false),
			Doc:      ir.Doc{Description: paramDoc(p), Deprecated: p.Deprecated},
		}
		t.Fields = append(t.Fields, f)
	}
	return t
}

// statusWord spells a response status inside a Go name: 404, 4XX, Default.
func statusWord(status string) string {
	if status == "default" {
		return "Default"
	}
	return strings.ToUpper(naming.Exported("s" + status)[1:])
}

// paramDoc says where a parameter comes from, then what the spec says of it.
func paramDoc(p *load.Parameter) string {
	where := fmt.Sprintf("%s parameter %q.", strings.ToUpper(p.In[:min(1, len(p.In))])+p.In[min(1, len(p.In)):], p.Name)
	if p.Description == "" {
		return where
	}
	return where + "\n\n" + p.Description
}
