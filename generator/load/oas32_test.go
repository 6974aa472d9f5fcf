package load

import (
	"slices"
	"strings"
	"testing"
)

const oas32Spec = `openapi: 3.2.0
info: {title: t, version: "1"}
paths:
  /items/{id}:
    servers:
      - url: https://items.example.com
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      responses:
        '200': {}
    query:
      responses:
        '200':
          description: found
          content:
            application/jsonl:
              itemSchema: {type: string}
    additionalOperations:
      LINK:
        responses:
          '204': {description: linked}
`

// TestOAS32Operations loads the query and additionalOperations operations
// of a 3.2 path item, with the path item's parameters and servers, and a
// response without a description (3.2 does not require one).
func TestOAS32Operations(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": oas32Spec})
	doc, diags, err := Load(spec, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 0 {
		t.Errorf("a valid 3.2 document: %v", diags)
	}
	var methods []string
	for _, op := range doc.Paths[0].Operations {
		methods = append(methods, op.Method)
		if len(op.Parameters) != 1 || op.Parameters[0].Name != "id" {
			t.Errorf("%s: parameters %v, want the path item's id", op.Method, op.Parameters)
		}
		if s := doc.Servers(op); len(s) != 1 || s[0].URL != "https://items.example.com" {
			t.Errorf("%s: servers %v, want the path item's", op.Method, s)
		}
	}
	if got := strings.Join(methods, " "); got != "GET QUERY LINK" {
		t.Errorf("methods %q, want GET QUERY LINK", got)
	}
	query := doc.Paths[0].Operations[1]
	if mt := query.Responses[0].Content[0]; mt.ItemSchema == nil || mt.ItemSchema.Value.Type != "string" {
		t.Errorf("itemSchema not loaded: %+v", mt)
	}
}

// TestVersionRules checks the same document read as 3.1: what 3.2 added is
// version-field, and the response without a description is an error again.
func TestVersionRules(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": strings.Replace(oas32Spec, "3.2.0", "3.1.1", 1)})
	_, diags, err := Load(spec, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.Rule+" "+d.Message)
	}
	slices.Sort(got)
	want := []string{
		`structure a response must have the field "description"`,
		`version-field the field "additionalOperations" is OpenAPI 3.2's, and this document is 3.1`,
		`version-field the field "itemSchema" is OpenAPI 3.2's, and this document is 3.1`,
		`version-field the field "query" is OpenAPI 3.2's, and this document is 3.1`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDeviceAuthorizationFlow loads 3.2's device authorization flow and
// requires its URLs.
func TestDeviceAuthorizationFlow(t *testing.T) {
	spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: 3.2.0
info: {title: t, version: "1"}
components:
  securitySchemes:
    device:
      type: oauth2
      oauth2MetadataUrl: https://auth.example.com/.well-known/oauth-authorization-server
      flows:
        deviceAuthorization:
          deviceAuthorizationUrl: https://auth.example.com/device
          tokenUrl: https://auth.example.com/token
          scopes: {read: Read.}
    half:
      type: oauth2
      flows:
        deviceAuthorization:
          tokenUrl: https://auth.example.com/token
          scopes: {}
`})
	doc, diags, err := Load(spec, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	flows := doc.Scheme("device").Flows
	if len(flows) != 1 || flows[0].Kind != "deviceAuthorization" || flows[0].DeviceAuthorizationURL != "https://auth.example.com/device" || flows[0].TokenURL == "" {
		t.Errorf("device flow %+v", flows)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `"half": the deviceAuthorization flow must have the field "deviceAuthorizationUrl"`) {
		t.Errorf("diagnostics %v, want one for the flow without deviceAuthorizationUrl", diags)
	}
}
