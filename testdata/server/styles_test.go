package styles

// This file is copied next to the code generated from
// testdata/server/styles/openapi.yaml by generator/server_test.go and run
// there with go test: every parameter style the server binds, end to end.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

type searcher struct {
	Unimplemented
	mu     sync.Mutex
	search SearchProductsParams
}

func (s *searcher) SearchProducts(w http.ResponseWriter, r *http.Request, params SearchProductsParams) error {
	s.mu.Lock()
	s.search = params
	s.mu.Unlock()
	return WriteJSON(w, http.StatusOK, map[string]string{})
}

// The routes outside the ServeMux answer with the parameters they got.

func (s *searcher) GetFile(w http.ResponseWriter, r *http.Request, params GetFileParams) error {
	return WriteJSON(w, http.StatusOK, map[string]string{"name": params.Name, "ext": string(params.Ext)})
}

func (s *searcher) ConfirmImport(w http.ResponseWriter, r *http.Request, params ConfirmImportParams) error {
	return WriteJSON(w, http.StatusOK, map[string]string{"job": params.Job})
}

func (s *searcher) PostItemOption(w http.ResponseWriter, r *http.Request, params PostItemOptionParams) error {
	return WriteJSON(w, http.StatusOK, map[string]any{"id": params.ID, "option_id": params.OptionID})
}

var _ ServerInterface = (*searcher)(nil)

func TestFallbackRoutes(t *testing.T) {
	h := Handler(&searcher{}, WithBasePath("/api"))
	for _, tt := range []struct {
		method, target string
		status         int
		body, allow    string
	}{
		{"GET", "/api/files/report.txt", 200, `{"ext":"txt","name":"report"}`, ""},
		{"GET", "/api/files/my%20report.png", 200, `{"ext":"png","name":"my report"}`, ""},
		{"HEAD", "/api/files/a.png", 200, "", ""},
		{"GET", "/api/files/report.pdf", 400, "", ""},
		{"GET", "/api/files/report", 404, "", ""},
		{"POST", "/api/files/a.png", 405, "", "GET, HEAD"},
		{"POST", "/api/items/import/job_1/confirm", 200, `{"job":"job_1"}`, ""},
		{"POST", "/api/items/item_1/options/7", 200, `{"id":"item_1","option_id":7}`, ""},
		{"POST", "/api/items/item_1/options/seven", 400, "", ""},
		{"GET", "/api/items/item_1/options/7", 405, "", "POST"},
		{"POST", "/items/item_1/options/7", 404, "", ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
		if rec.Code != tt.status {
			t.Errorf("%s %s: status %d, want %d: %s", tt.method, tt.target, rec.Code, tt.status, rec.Body)
			continue
		}
		if tt.body != "" && strings.TrimSpace(rec.Body.String()) != tt.body {
			t.Errorf("%s %s: body %s, want %s", tt.method, tt.target, rec.Body, tt.body)
		}
		if got := rec.Header().Get("Allow"); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.target, got, tt.allow)
		}
	}
}

type response struct {
	status  int
	body    string
	problem Problem
}

// do sends GET target with the given header names and values.
func do(t *testing.T, h http.Handler, target string, header ...string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	h.ServeHTTP(rec, req)
	res := response{status: rec.Code, body: rec.Body.String()}
	if rec.Header().Get("Content-Type") == "application/problem+json" {
		if err := json.Unmarshal(rec.Body.Bytes(), &res.problem); err != nil {
			t.Fatalf("problem body %q: %v", res.body, err)
		}
	}
	return res
}

func hasViolation(p Problem, path, keyword string) bool {
	return slices.ContainsFunc(p.Violations, func(v Violation) bool { return v.Path == path && v.Keyword == keyword })
}

func TestParameterStyles(t *testing.T) {
	s := &searcher{}
	h := Handler(s)
	searchWith := func(target string, header ...string) SearchProductsParams {
		t.Helper()
		s.search = SearchProductsParams{}
		res := do(t, h, target, header...)
		if res.status != 200 {
			t.Fatalf("%s: status %d: %s", target, res.status, res.body)
		}
		return s.search
	}
	search := func(target string) SearchProductsParams {
		t.Helper()
		return searchWith(target)
	}

	p := search("/search/.shirt.blue/;page=2?sizes=1%202+3&colors=red|black&filter[status]=published&filter[limit]=5&filter[in_stock]=true&min=100&attrs=fit,slim,neck,v")
	if !slices.Equal(p.Tags, []string{"shirt", "blue"}) || p.Page != 2 {
		t.Errorf("label array %v, matrix integer %d", p.Tags, p.Page)
	}
	if !slices.Equal(p.Sizes.Value, []int{1, 2, 3}) || !slices.Equal(p.Colors.Value, []string{"red", "black"}) {
		t.Errorf("spaceDelimited %+v, pipeDelimited %+v", p.Sizes, p.Colors)
	}
	want := SearchProductsParamsFilter{Status: NewOpt(SearchProductsParamsFilterStatusPublished), Limit: NewOpt(5), InStock: NewOpt(true)}
	if p.Filter != NewOpt(want) {
		t.Errorf("deepObject %+v", p.Filter)
	}
	if p.Range != NewOpt(SearchProductsParamsRange{Min: NewOpt[int64](100)}) {
		t.Errorf("form exploded object %+v", p.Range)
	}
	if a := p.Attrs.Value; len(a) != 2 || a["fit"] != "slim" || a["neck"] != "v" {
		t.Errorf("form object k,v,k,v %+v", p.Attrs)
	}

	p = search("/search/.a/;page=1?where=" + url.QueryEscape(`{"price":{"gte":10.5}}`))
	if w := p.Where.Value; !p.Where.Set || w.Price.Value.Gte.Value != 10.5 {
		t.Errorf("JSON parameter %+v", p.Where)
	}

	// Query parameters of any shape, as the qs library writes them.
	p = search("/search/.a/;page=1?id=x")
	if id, ok := p.ID.Value.AsString(); !ok || id != "x" {
		t.Errorf("one id: %+v", p.ID)
	}
	for _, query := range []string{"id=x&id=y", "id[]=x&id[]=y", "id[0]=x&id[1]=y", "id[1]=y&id[0]=x"} {
		p = search("/search/.a/;page=1?" + query)
		if ids, ok := p.ID.Value.AsArray(); !ok || !slices.Equal(ids, []string{"x", "y"}) {
			t.Errorf("%s: %+v", query, p.ID)
		}
	}
	p = search("/search/.a/;page=1?id[]=solo")
	if ids, ok := p.ID.Value.AsArray(); !ok || !slices.Equal(ids, []string{"solo"}) {
		t.Errorf("id[]=solo: %+v", p.ID)
	}
	p = search("/search/.a/;page=1?created_at[$gte]=2024-01-02T03:04:05Z&created_at[$in][]=a&created_at[$in][]=b&created_at[$limit]=3")
	if c := p.CreatedAt.Value; c.Gte.Value.Year() != 2024 || !slices.Equal(c.In.Value, []string{"a", "b"}) || c.Limit.Value != 3 {
		t.Errorf("created_at: %+v", p.CreatedAt)
	}
	p = search("/search/.a/;page=1?$and[0][title]=mug&$and[1][price][$gte]=5.5&$and[1][archived]=false")
	if and := p.And.Value; len(and) != 2 || and[0].Title.Value != "mug" || and[1].Price.Value.Gte.Value != 5.5 || !and[1].Archived.Set || and[1].Archived.Value {
		t.Errorf("$and: %+v", p.And)
	}

	// Unexploded parameters of other shapes: a union, an object of dates, a header.
	p = search("/search/.a/;page=1?ids=x&updated=gt,2024-01-01,lt,2024-02-01")
	if id, ok := p.IDs.Value.AsString(); !ok || id != "x" {
		t.Errorf("ids=x: %+v", p.IDs)
	}
	if u := p.Updated.Value; u.Gt.Value.String() != "2024-01-01" || u.Lt.Value.String() != "2024-02-01" {
		t.Errorf("updated: %+v", p.Updated)
	}
	p = search("/search/.a/;page=1?ids=x,y")
	if ids, ok := p.IDs.Value.AsArray(); !ok || !slices.Equal(ids, []string{"x", "y"}) {
		t.Errorf("ids=x,y: %+v", p.IDs)
	}
	p = searchWith("/search/.a/;page=1", "X-Channels", "web,app")
	if ch, ok := p.XChannels.Value.AsArray(); !ok || !slices.Equal(ch, []string{"web", "app"}) {
		t.Errorf("X-Channels: %+v", p.XChannels)
	}

	// Label with commas (RFC 6570), a single label, an empty matrix array
	// member and nothing in the query.
	p = search("/search/.a,b/;page=7")
	if !slices.Equal(p.Tags, []string{"a", "b"}) || p.Page != 7 || p.Filter.Set || p.Range.Set || p.Attrs.Set || p.Sizes.Set {
		t.Errorf("label a,b: %+v", p)
	}
	p = search("/search/.solo/;page=1")
	if !slices.Equal(p.Tags, []string{"solo"}) {
		t.Errorf("single label: %v", p.Tags)
	}

	tests := []struct {
		name, target, path, keyword string
	}{
		{"label without a dot", "/search/shirt/;page=1", "/path/tags", "style"},
		{"matrix without its name", "/search/.a/2", "/path/page", "style"},
		{"matrix of another name", "/search/.a/;p=2", "/path/page", "style"},
		{"matrix not an integer", "/search/.a/;page=x", "/path/page", "type"},
		{"matrix below minimum", "/search/.a/;page=0", "/path/page", "minimum"},
		{"spaceDelimited item", "/search/.a/;page=1?sizes=1%20x", "/query/sizes/1", "type"},
		{"deepObject integer", "/search/.a/;page=1?filter[limit]=many", "/query/filter/limit", "type"},
		{"deepObject maximum", "/search/.a/;page=1?filter[limit]=500", "/query/filter/limit", "maximum"},
		{"deepObject enum", "/search/.a/;page=1?filter[status]=gone", "/query/filter/status", "enum"},
		{"deepObject boolean", "/search/.a/;page=1?filter[in_stock]=yes", "/query/filter/in_stock", "type"},
		{"deepObject nested", "/search/.a/;page=1?filter[a][b]=1", "/query/filter", "style"},
		{"form object property", "/search/.a/;page=1?max=lots", "/query/range/max", "type"},
		{"form object odd pairs", "/search/.a/;page=1?attrs=fit,slim,neck", "/query/attrs", "style"},
		{"unexploded date", "/search/.a/;page=1?updated=gt,yesterday", "/query/updated/gt", "format"},
		{"unexploded odd pairs", "/search/.a/;page=1?updated=gt,2024-01-01,lt", "/query/updated", "type"},
		{"qs integer", "/search/.a/;page=1?created_at[$limit]=many", "/query/created_at/$limit", "type"},
		{"qs minimum", "/search/.a/;page=1?created_at[$limit]=0", "/query/created_at/$limit", "minimum"},
		{"qs date-time", "/search/.a/;page=1?created_at[$gte]=yesterday", "/query/created_at/$gte", "format"},
		{"qs number in an array item", "/search/.a/;page=1?$and[0][price][$gte]=cheap", "/query/$and/0/price/$gte", "type"},
		{"qs boolean", "/search/.a/;page=1?$and[0][archived]=yes", "/query/$and/0/archived", "type"},
		{"qs malformed key", "/search/.a/;page=1?created_at[$gte=1", "/query/created_at", "style"},
		{"qs object for a union", "/search/.a/;page=1?id[a]=1", "/query/id", "oneOf"},
		{"JSON parameter syntax", "/search/.a/;page=1?where=%7Bprice", "/query/where", "json"},
		{"JSON parameter schema", "/search/.a/;page=1?where=" + url.QueryEscape(`{"price":{"gte":-1}}`), "/query/where/price/gte", "minimum"},
		{"JSON parameter unknown property", "/search/.a/;page=1?where=" + url.QueryEscape(`{"cost":1}`), "/query/where/cost", "additionalProperties"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, h, tt.target)
			if res.status != 400 || !hasViolation(res.problem, tt.path, tt.keyword) {
				t.Fatalf("status %d, want 400 with %s (%s): %s", res.status, tt.path, tt.keyword, res.body)
			}
		})
	}
}
