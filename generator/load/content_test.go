package load

import (
	"strings"
	"testing"
)

// TestContentKeywords: in 3.1, contentMediaType and contentSchema are read
// (contentSchema unwarned when the media type is JSON); in 3.0, which has
// neither keyword, contentSchema keeps its unenforced-keyword warning and
// nothing is read.
func TestContentKeywords(t *testing.T) {
	for _, tt := range []struct {
		version   string
		media     string
		read      bool
		warnings  int
		wantInMsg string
	}{
		{"3.1.0", "application/json", true, 0, ""},
		{"3.1.0", "application/problem+json; charset=utf-8", true, 0, ""},
		{"3.1.0", "text/csv", true, 1, `contentMediaType "text/csv"`},
		{"3.0.3", "application/json", false, 1, `"contentSchema" is not checked`},
	} {
		spec := "openapi: " + tt.version + `
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    S: {type: string, contentMediaType: '` + tt.media + `', contentSchema: {type: object}}
`
		doc, diags, err := Load(writeSpec(t, t.TempDir(), map[string]string{"openapi.yaml": spec}), Options{Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		s := doc.Schemas[0]
		if got := s.ContentSchema != nil && s.ContentMediaType == tt.media; got != tt.read {
			t.Errorf("%s %s: content read: %t, want %t", tt.version, tt.media, got, tt.read)
		}
		if len(diags) != tt.warnings {
			t.Errorf("%s %s: diagnostics %v, want %d", tt.version, tt.media, diags, tt.warnings)
			continue
		}
		if tt.warnings > 0 && (diags[0].Rule != "unenforced-keyword" || !strings.Contains(diags[0].Message, tt.wantInMsg)) {
			t.Errorf("%s %s: %v, want an unenforced-keyword warning saying %s", tt.version, tt.media, diags[0], tt.wantInMsg)
		}
	}
}
