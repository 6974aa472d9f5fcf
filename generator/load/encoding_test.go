package load

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestEncodingAndAllowReserved reads allowReserved and the encoding object,
// and warns about the fields OpenAPI ignores where they are written.
func TestEncodingAndAllowReserved(t *testing.T) {
	for _, version := range []string{"3.0.3", "3.1.0", "3.2.0"} {
		spec := writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": `openapi: ` + version + `
info: {title: t, version: "1"}
paths:
  /a/{id}:
    post:
      parameters:
        - {name: q, in: query, allowReserved: true, schema: {type: string}}
        - {name: h, in: header, allowReserved: true, schema: {type: string}}
        - {name: id, in: path, required: true, allowReserved: true, schema: {type: string}}
        - {name: off, in: query, allowReserved: false, schema: {type: string}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object}
            encoding:
              tags: {style: pipeDelimited, explode: false, allowReserved: true}
              meta: {contentType: application/json, stlye: form}
          multipart/form-data:
            schema: {type: object}
            encoding:
              file:
                contentType: image/png
                style: form
                headers:
                  X-Rate: {schema: {type: integer}}
                  content-type: {schema: {type: string}}
      responses:
        '204': {description: ok}
`})
		doc, diags, err := Load(spec, Options{})
		if err != nil {
			t.Fatal(err)
		}
		op := doc.Paths[0].Operations[0]
		var reserved []bool
		for _, p := range op.Parameters {
			reserved = append(reserved, p.AllowReserved)
		}
		if want := []bool{true, true, true, false}; !reflect.DeepEqual(reserved, want) {
			t.Errorf("%s: allowReserved = %v, want %v", version, reserved, want)
		}
		form, multi := op.RequestBody.Content[0].Encoding, op.RequestBody.Content[1].Encoding
		if len(form) != 2 || len(multi) != 1 {
			t.Fatalf("%s: encodings %d and %d, want 2 and 1", version, len(form), len(multi))
		}
		tags, meta, file := form[0], form[1], multi[0]
		if tags.Name != "tags" || tags.Style != "pipeDelimited" || tags.Explode == nil || *tags.Explode || !tags.AllowReserved || tags.ContentType != "" {
			t.Errorf("%s: tags = %+v", version, tags)
		}
		if meta.Name != "meta" || meta.ContentType != "application/json" || meta.Style != "" || meta.Explode != nil {
			t.Errorf("%s: meta = %+v", version, meta)
		}
		if file.ContentType != "image/png" || !reflect.DeepEqual(file.Headers, []string{"X-Rate"}) {
			t.Errorf("%s: file = %+v", version, file)
		}
		if meta.Loc.Pointer != "/paths/~1a~1{id}/post/requestBody/content/application~1x-www-form-urlencoded/encoding/meta" {
			t.Errorf("%s: meta at %s", version, meta.Loc.Pointer)
		}
		var got []string
		for _, d := range diags {
			if d.Rule == "ignored-field" || d.Rule == "unknown-field" {
				got = append(got, fmt.Sprintf("%s %d:%d: %s", d.Rule, d.Pos.Line, d.Pos.Col, d.Message))
			}
		}
		want := []string{
			`ignored-field 8:33: allowReserved applies only to query parameters; header parameter "h" is written as if it were false`,
			`ignored-field 9:48: allowReserved applies only to query parameters; path parameter "id" is written as if it were false`,
			`unknown-field 17:53: unknown field "stlye" in an encoding; did you mean "style"?`,
			`ignored-field 23:17: OpenAPI ignores an encoding's style for multipart/form-data (only application/x-www-form-urlencoded bodies are styled)`,
		}
		if version == "3.2.0" { // 3.2 applies allowReserved to path parameters and styles multipart parts
			want = []string{want[0], want[2]}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", version, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
