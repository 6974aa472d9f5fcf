package rt

import (
	"net/http/httptest"
	"reflect"
	"testing"
)

// TestParamStyles reads the examples of the OpenAPI 3.0.3 style table
// (color = blue, [blue black], {R: 100, G: 200}) in every style.
func TestParamStyles(t *testing.T) {
	arrays := []struct {
		in, style string
		explode   bool
		raw       string // path value or query string
		want      []string
	}{
		{"path", "simple", false, "blue,black", []string{"blue", "black"}},
		{"path", "label", false, ".blue.black", []string{"blue", "black"}},
		{"path", "label", false, ".blue,black", []string{"blue", "black"}},
		{"path", "label", true, ".blue.black", []string{"blue", "black"}},
		{"path", "label", false, ".", []string{}},
		{"path", "matrix", false, ";color=blue,black", []string{"blue", "black"}},
		{"path", "matrix", true, ";color=blue;color=black", []string{"blue", "black"}},
		{"path", "matrix", false, ";color", []string{}},
		{"query", "form", false, "color=blue,black", []string{"blue", "black"}},
		{"query", "form", true, "color=blue&color=black", []string{"blue", "black"}},
		{"query", "spaceDelimited", false, "color=blue%20black", []string{"blue", "black"}},
		{"query", "pipeDelimited", false, "color=blue|black", []string{"blue", "black"}},
	}
	for _, tt := range arrays {
		p := styleReader(tt.in, tt.raw)
		got, ok := p.values(tt.in, "color", "color", tt.style, tt.explode)
		if !ok || !reflect.DeepEqual(got, tt.want) || p.v.err() != nil {
			t.Errorf("%s %s explode=%t %q: %q, %t, %v", tt.in, tt.style, tt.explode, tt.raw, got, ok, p.v.err())
		}
	}
	for _, tt := range []struct{ style, raw, want string }{
		{"label", ".blue", "blue"}, {"matrix", ";color=blue", "blue"}, {"matrix", ";color", ""},
	} {
		p := styleReader("path", tt.raw)
		raw, _ := p.value("path", "color")
		if got, ok := paramStyled(&p, "color", tt.style, raw, paramString[string]); !ok || got != tt.want {
			t.Errorf("%s %q: %q, %t", tt.style, tt.raw, got, ok)
		}
	}
	rgb := map[string]string{"R": "100", "G": "200"}
	objects := []struct {
		in, style string
		explode   bool
		raw       string
	}{
		{"path", "simple", false, "R,100,G,200"},
		{"path", "simple", true, "R=100,G=200"},
		{"path", "label", false, ".R.100.G.200"},
		{"path", "label", true, ".R=100.G=200"},
		{"path", "matrix", false, ";color=R,100,G,200"},
		{"path", "matrix", true, ";R=100;G=200"},
		{"query", "form", false, "color=R,100,G,200"},
		{"query", "form", true, "R=100&G=200"},
		{"query", "spaceDelimited", false, "color=R%20100%20G%20200"},
		{"query", "pipeDelimited", false, "color=R|100|G|200"},
		{"query", "deepObject", true, "color[R]=100&color[G]=200"},
	}
	for _, tt := range objects {
		p := styleReader(tt.in, tt.raw)
		got, ok := p.object(tt.in, "color", "color", tt.style, tt.explode, []string{"R", "G", "B"})
		if !ok || !reflect.DeepEqual(got, rgb) || p.v.err() != nil {
			t.Errorf("object %s %s explode=%t %q: %q, %t, %v", tt.in, tt.style, tt.explode, tt.raw, got, ok, p.v.err())
		}
		var x struct{ R, G int }
		if !paramObject(&p, "color", got, map[string]string{"R": "int", "G": "int"}, "", &x) || x.R != 100 || x.G != 200 {
			t.Errorf("object %s %s: decoded %+v, %v", tt.in, tt.style, x, p.v.err())
		}
	}
	for _, tt := range []struct {
		in, style string
		explode   bool
		raw       string
	}{
		{"path", "label", false, "R.100"},
		{"path", "matrix", true, "R=100"},
		{"path", "simple", false, "R,100,G"},
		{"path", "simple", true, "R=100,G"},
		{"query", "deepObject", true, "color[R][x]=1"},
	} {
		p := styleReader(tt.in, tt.raw)
		if got, ok := p.object(tt.in, "color", "color", tt.style, tt.explode, nil); !ok || got != nil || p.v.err() == nil {
			t.Errorf("malformed object %s %s %q: %q, %t, %v", tt.in, tt.style, tt.raw, got, ok, p.v.err())
		}
	}
}

// styleReader returns a paramReader of a request with the path value color or
// the query string raw.
func styleReader(in, raw string) paramReader {
	if in == "query" {
		return newParamReader(httptest.NewRequest("GET", "/?"+raw, nil))
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.SetPathValue("color", raw)
	return newParamReader(r)
}
