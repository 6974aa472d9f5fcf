package emit

import (
	"fmt"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/templates"
)

// The receiving side of the spec's webhooks (WebhookInterface, Webhooks,
// WebhookHandlers) is printed by templates/webhooks.go.tmpl into
// webhooks.gen.go; each operation's handler is printed as the server's
// are, by the same template.

var loadWebhookRuntime = sync.OnceValues(func() (runtimeCode, error) {
	return loadSources(templates.WebhookRuntime)
})

// webhookRuntimeSource records the webhook runtime's imports and returns its code.
func (f *file) webhookRuntimeSource() (string, error) { return f.sourceOf(loadWebhookRuntime) }

// webhookOps lists the operations of every webhook, in spec order.
func webhookOps(pkg *ir.Package) []*ir.Operation {
	var out []*ir.Operation
	for _, h := range pkg.Webhooks {
		out = append(out, h.Operations...)
	}
	return out
}

// webhooksSecured reports whether an operation of a webhook declares
// security.
func webhooksSecured(pkg *ir.Package) bool {
	for _, op := range webhookOps(pkg) {
		if op.Security != nil {
			return true
		}
	}
	return false
}

// webhookField prints the field of Webhooks holding h's handler, with its
// doc comment.
func webhookField(h *ir.Webhook) string {
	methods := make([]string, len(h.Operations))
	for i, op := range h.Operations {
		methods[i] = op.Method + " (" + op.Name + ")"
	}
	doc := fmt.Sprintf("%s receives the webhook %s: %s. Mount it at the URL registered for the webhook; other methods get 405.", h.Field, h.Name, orList(methods))
	if s := oneLine(h.Summary); s != "" {
		doc += " " + strings.TrimSuffix(s, ".") + "."
	}
	return wrapped(doc) + "\n" + h.Field + " http.Handler"
}

// webhookCall prints the expression making h's handler in
// WebhookHandlers: one route per operation, by method.
func webhookCall(h *ir.Webhook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: s.webhook(", h.Field)
	for _, op := range h.Operations {
		id := op.ID
		if id == "" {
			id = op.Name
		}
		fmt.Fprintf(&b, "\nwebhookRoute{%q, operation{id: %q}, func(w http.ResponseWriter, r *http.Request) { handle%s(s, impl, w, r) }},", op.Method, id, op.Name)
	}
	b.WriteString("\n),")
	return b.String()
}
