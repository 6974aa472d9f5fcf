package load

import (
	"strings"
	"testing"
)

const webhooksSpec = `openapi: %s
info: {title: t, version: "1"}
security:
  - key: []
paths:
  /pets/{id}:
    $ref: '#/components/pathItems/Pet'
webhooks:
  newPet:
    $ref: '#/components/pathItems/Event'
    summary: A pet was added.
  x-not-a-webhook: {}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  pathItems:
    Pet:
      get:
        parameters:
          - $ref: '#/components/parameters/ID'
            description: The ref's description.
        responses:
          '200':
            $ref: '#/components/responses/OK'
            description: The ref's response.
    Event:
      summary: An event.
      post:
        security: []
        requestBody:
          $ref: '#/components/requestBodies/Event'
          description: The ref's body.
        responses: {'204': {description: Received.}}
      put:
        responses: {'204': {description: Received.}}
  parameters:
    ID: {name: id, in: path, required: true, description: The target's description., schema: {type: string}}
  responses:
    OK: {description: The target's response.}
  requestBodies:
    Event: {description: The target's body., content: {application/json: {schema: {type: object}}}}
`

// TestWebhooksAndPathItems loads webhooks and paths through
// components.pathItems, with the summary and description a 3.1 Reference
// Object puts next to a $ref, which 3.0 ignores.
func TestWebhooksAndPathItems(t *testing.T) {
	for _, version := range []string{"3.1.0", "3.0.3"} {
		t.Run(version, func(t *testing.T) {
			spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": strings.Replace(webhooksSpec, "%s", version, 1)})
			doc, diags, err := Load(spec, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var text strings.Builder
			for _, d := range diags {
				text.WriteString(d.Error() + "\n")
			}
			if len(doc.Paths) != 1 || len(doc.Paths[0].Operations) != 1 || len(doc.Webhooks) != 1 {
				t.Fatalf("paths %d, webhooks %d", len(doc.Paths), len(doc.Webhooks))
			}
			hook := doc.Webhooks[0]
			if hook.Webhook != "newPet" || hook.Path != "" || len(hook.Operations) != 2 {
				t.Fatalf("webhook %+v", hook)
			}
			put, post := hook.Operations[0], hook.Operations[1] // in the order of methods
			if post.Method != "POST" || post.Webhook != "newPet" || post.Label() != "POST webhook newPet" || put.Method != "PUT" {
				t.Errorf("operations %s, %s", post.Label(), put.Label())
			}
			// A webhook has its own security only: security: [] is none,
			// and none declared is none, not the document's.
			if len(post.EffectiveSecurity(doc)) != 0 || len(put.EffectiveSecurity(doc)) != 0 {
				t.Errorf("webhook security %v, %v", post.EffectiveSecurity(doc), put.EffectiveSecurity(doc))
			}
			if got := doc.Paths[0].Operations[0].EffectiveSecurity(doc); len(got) != 1 {
				t.Errorf("path security %v, want the document's", got)
			}
			if n := len(doc.Operations()); n != 3 {
				t.Errorf("Operations() has %d, want 3", n)
			}
			get := doc.Paths[0].Operations[0]
			got := []string{hook.Summary, get.Parameters[0].Description, get.Responses[0].Description, post.RequestBody.Description}
			want := []string{"A pet was added.", "The ref's description.", "The ref's response.", "The ref's body."}
			if version == "3.0.3" {
				want = []string{"An event.", "The target's description.", "The target's response.", "The target's body."}
				if !strings.Contains(text.String(), `the field "webhooks" is OpenAPI 3.1`) || !strings.Contains(text.String(), `the field "pathItems" of components is OpenAPI 3.1`) {
					t.Errorf("no warning for 3.1's fields in a 3.0 document:\n%s", text.String())
				}
			} else if len(diags) != 0 {
				t.Errorf("diagnostics:\n%s", text.String())
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("doc %d = %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}
