package prismcheck

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	s := &spec{doc: map[string]any{"components": map[string]any{"schemas": map[string]any{
		"Name": map[string]any{"type": "string", "minLength": 3.0},
	}}}}
	for _, tc := range []struct {
		schema string
		full   bool
		want   string
	}{
		{`{"type":"string","enum":[null,"b","c"]}`, false, `"b"`},
		{`{"type":"integer","minimum":5,"maximum":9}`, false, `5`},
		{`{"type":"integer","minimum":5,"exclusiveMinimum":true}`, false, `6`},
		{`{"type":"number","exclusiveMinimum":0.5}`, false, `1`},
		{`{"type":"integer","maximum":0}`, false, `0`},
		{`{"type":"string","format":"date-time"}`, false, `"2024-01-02T03:04:05Z"`},
		{`{"type":"string","pattern":"^[A-Z]{2}$","example":"DK"}`, false, `"DK"`},
		{`{"$ref":"#/components/schemas/Name"}`, false, `"xxx"`},
		{`{"type":"array","minItems":2,"items":{"type":"boolean"}}`, false, `[true,true]`},
		{`{"type":"array","items":{"type":"integer"}}`, false, `[1]`},
		{`{"type":"array","items":{"type":"integer"}}`, true, `[1,1]`},
		{`{"type":"array","uniqueItems":true,"items":{"type":"integer"}}`, true, `[1]`},
		{`{"type":"array","uniqueItems":true,"items":{"enum":[null,"a","b"]}}`, true, `["a","b"]`},
		{`{"type":"array","maxItems":0,"items":{"type":"boolean"}}`, false, `[]`},
		{`{"type":["null","string"],"default":"d"}`, false, `"d"`},
		// Required properties only, unless full; readOnly ones only when required.
		{`{"type":"object","required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"string"},"id":{"type":"string","readOnly":true}}}`, false, `{"a":"x"}`},
		{`{"type":"object","required":["id"],"properties":{"b":{"type":"string"},"id":{"type":"string","readOnly":true}}}`, true, `{"b":"x","id":"x"}`},
		{`{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}`, true, `{"a":"x","b":1}`},
		{`{"allOf":[{"required":["a"],"properties":{"a":{"type":"string"}}},{"required":["b"],"properties":{"b":{"type":"boolean"}}}]}`, false, `{"a":"x","b":true}`},
		{`{"oneOf":[{"type":"null"},{"type":"integer"}]}`, false, `1`},
		{`{"oneOf":[{"type":"string"},{"type":"string"},{"type":"array","items":{"enum":["a"]}}]}`, false, `["a"]`},
		{`{"anyOf":[{"type":"string","minLength":2},{"type":"string"}]}`, false, `"xx"`},
	} {
		var schema map[string]any
		if err := json.Unmarshal([]byte(tc.schema), &schema); err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(s.value(schema, tc.full, 0))
		if string(got) != tc.want {
			t.Errorf("value(%s, full=%v) = %s, want %s", tc.schema, tc.full, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for name, goName := range map[string]string{
		"PostActor_typeAuth_provider": "PostActorTypeAuthProvider",
		"x-publishable-api-key":       "XPublishableAPIKey",
		"$and":                        "And",
		"DELETE/store/carts/{id}":     "DeleteStoreCartsID",
	} {
		if normalize(name) != normalize(goName) {
			t.Errorf("normalize(%q) = %q, normalize(%q) = %q: want them equal", name, normalize(name), goName, normalize(goName))
		}
	}
}

// fakeClient has the shape of a generated client: GetThing and
// GetThingResponse, sending through the check's Transport.
type fakeClient struct {
	url string
	t   *Transport
}

type GetThingParams struct {
	ID    string
	Limit struct{ Set bool }
}

func (c *fakeClient) send(ctx context.Context, p GetThingParams) (int, error) {
	if p.ID != "x" {
		return 0, &json.UnsupportedValueError{Str: "the required path parameter is not filled"}
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.url+"/things/"+p.ID, nil)
	resp, err := c.t.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (c *fakeClient) GetThing(ctx context.Context, p GetThingParams) (string, error) {
	_, err := c.send(ctx, p)
	return "thing", err
}

type thing200 struct{}
type thing404 struct{}

func (c *fakeClient) GetThingResponse(ctx context.Context, p GetThingParams) (any, error) {
	code, err := c.send(ctx, p)
	if code == 404 {
		return thing404{}, err
	}
	return thing200{}, err
}

// TestRun checks the run against a stand-in for Prism that honours Prefer
// and answers 404 with Prism's own error: the calls made, the counts, and
// the expected failures, a listed call that passes failing the run too.
func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.Header.Get("Prefer"), "code="))
		if code == 404 {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(500)
			w.Write([]byte(`{"type":"https://stoplight.io/prism/errors#VIOLATIONS","title":"Request/Response not valid",` +
				`"validation":[{"location":["response","body","id"],"message":"must be string"}]}`))
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	dir := t.TempDir()
	specFile := filepath.Join(dir, "spec.json")
	write(t, specFile, `{"paths":{"/things/{id}":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
		"get":{"operationId":"getThing","responses":{"200":{"description":"ok"},"404":{"description":"no"},"default":{"description":"error"}}}}}}`)
	expected := filepath.Join(dir, "expected-failures.txt")

	for _, tc := range []struct {
		name, expected string
		wantErr        bool
		want           []string
	}{
		{"unlisted failure", "", true, []string{
			"FAIL  getThing 404: status 500 from Prism itself: VIOLATIONS: Request/Response not valid\n  response.body.id: must be string",
			"prismcheck fake (static): 1 operations, 3 calls, 2 decoded, 0 expected failures, 1 unexpected",
		}},
		{"listed failure", "fake | static | getThing 404 # a Prism bug\nother | static | getThing 200\n", false, []string{
			"prismcheck fake (static): 1 operations, 3 calls, 2 decoded, 1 expected failures, 0 unexpected",
		}},
		{"listed call that passes", "fake | static | getThing 404\nfake | static | getThing  200\n", true, []string{
			"PASS? getThing 200: listed in the expected failures but passes now: remove it",
			"prismcheck fake (static): 1 operations, 3 calls, 1 decoded, 1 expected failures, 1 unexpected",
		}},
		{"listed call that is not made", "fake | static | getThing 404\nfake | static | getThing 201\n", true, []string{
			"FAIL  getThing 201: listed in the expected failures, but no such call",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			write(t, expected, tc.expected)
			tr := &Transport{next: srv.Client()}
			var out strings.Builder
			err := run(&fakeClient{srv.URL, tr}, tr, config{target: "fake", mode: "static", spec: specFile, expected: expected, out: &out})
			if (err != nil) != tc.wantErr {
				t.Errorf("err = %v, want an error: %v", err, tc.wantErr)
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestArgumentsFillRequired(t *testing.T) {
	op := &operation{params: []map[string]any{
		{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}},
		{"name": "limit", "in": "query", "schema": map[string]any{"type": "integer"}},
	}}
	m, _ := reflect.TypeOf(&fakeClient{}).MethodByName("GetThing")
	args, err := (&spec{}).arguments(m.Type, op, false)
	if err != nil {
		t.Fatal(err)
	}
	if p := args[0].Interface().(GetThingParams); p.ID != "x" || p.Limit.Set {
		t.Errorf("params = %+v, want the path parameter only", p)
	}
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
