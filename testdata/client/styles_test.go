package styles

// This file is copied next to the code generated from
// testdata/server/styles/openapi.yaml (server and client) by
// generator/client_test.go and run there with go test: the client sends
// every parameter style and explode the server binds, and the server must
// read exactly the values the client was given.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

type recorder struct {
	Unimplemented
	mu   sync.Mutex
	last any
}

func (s *recorder) record(x any) {
	s.mu.Lock()
	s.last = x
	s.mu.Unlock()
}

func (s *recorder) Every(w http.ResponseWriter, r *http.Request, params EveryParams) error {
	s.record(params)
	return WriteJSON(w, http.StatusOK, map[string]string{})
}

func (s *recorder) SearchProducts(w http.ResponseWriter, r *http.Request, params SearchProductsParams) error {
	s.record(params)
	return WriteJSON(w, http.StatusOK, map[string]string{})
}

func (s *recorder) GetFile(w http.ResponseWriter, r *http.Request, params GetFileParams) error {
	s.record(params)
	return nil
}

func (s *recorder) PostItemOption(w http.ResponseWriter, r *http.Request, params PostItemOptionParams) error {
	s.record(params)
	return nil
}

func (s *recorder) GetCopy(w http.ResponseWriter, r *http.Request, params GetCopyParams) error {
	s.record(params)
	return nil
}

func roundTrip(t *testing.T) (*Client, *recorder) {
	t.Helper()
	impl := &recorder{}
	srv := httptest.NewServer(Handler(impl, WithBasePath("/api")))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL+"/api", WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return c, impl
}

func check(t *testing.T, err error, impl *recorder, want any) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if got := impl.last; !reflect.DeepEqual(got, want) {
		t.Errorf("the server read\n %#v\nthe client sent\n %#v", got, want)
	}
}

func TestEveryStyle(t *testing.T) {
	c, impl := roundTrip(t)
	const text = "x y/ü%é=&?#+"
	list := []string{"a b", "c/d%", "é"}
	params := EveryParams{
		PSimpleV: text, PSimpleN: -3, PSimpleL: list, PSimpleLX: list,
		PSimpleO:  EveryParamsPSimpleO{R: NewOpt(1), G: NewOpt("g g")},
		PSimpleOX: EveryParamsPSimpleOX{R: NewOpt(2), G: NewOpt("h/h")},
		PLabelV:   "x y/ü%", PLabelN: 4, PLabelL: list, PLabelLX: list,
		PLabelO:  EveryParamsPLabelO{R: NewOpt(3)},
		PLabelOX: EveryParamsPLabelOX{R: NewOpt(4), G: NewOpt("i")},
		PMatrixV: text, PMatrixN: 5, PMatrixL: list, PMatrixLX: list,
		PMatrixO:  EveryParamsPMatrixO{G: NewOpt("j k")},
		PMatrixOX: EveryParamsPMatrixOX{R: NewOpt(6), G: NewOpt("l")},
		QList:     NewOpt([]int{1, -2, 3}),
		QObj:      NewOpt(EveryParamsQObj{Lo: NewOpt(10), Hi: NewOpt(99.5)}),
		QSpaceX:   NewOpt(list),
		QPipeX:    NewOpt([]string{"p|q", "r"}),
		QPipeObj:  NewOpt(EveryParamsQPipeObj{R: NewOpt(7), G: NewOpt("s t")}),
		QBool:     NewOpt(true),
		QTime:     NewOpt(time.Date(2026, 2, 3, 4, 5, 6, 789, time.FixedZone("", 3600))),
		QFloat:    NewOpt(0.1),
		XInt:      NewOpt(-42),
		XList:     NewOpt([]string{"u", "v w"}),
		XObj:      NewOpt(EveryParamsXObj{R: NewOpt(8), G: NewOpt("x")}),
		XObjX:     NewOpt(EveryParamsXObjX{R: NewOpt(9)}),
		CStr:      NewOpt("cookie value"),
		CList:     NewOpt([]string{"c1", "c2"}),
		CObj:      NewOpt(EveryParamsCObj{R: NewOpt(10), G: NewOpt("y")}),
	}
	err := c.Every(context.Background(), params)
	got, _ := impl.last.(EveryParams)
	// The server keeps the time's instant, not its zone.
	if gt, ok := got.QTime.Get(); ok && gt.Equal(params.QTime.Value) {
		got.QTime = params.QTime
		impl.last = got
	}
	check(t, err, impl, params)

	// Empty lists and objects in the matrix style, one item in the others
	// (an empty simple value would be an empty path segment, which no route
	// matches, and an empty label one the dot segment /./).
	one := []string{"a"}
	empty := EveryParams{PSimpleV: "v", PLabelV: "v", PMatrixV: "v", PSimpleL: one, PSimpleLX: one,
		PSimpleO: EveryParamsPSimpleO{R: NewOpt(0)}, PSimpleOX: EveryParamsPSimpleOX{G: NewOpt("")},
		PLabelL: one, PLabelLX: one, PLabelO: EveryParamsPLabelO{G: NewOpt("")}, PLabelOX: EveryParamsPLabelOX{R: NewOpt(0)},
		PMatrixL: []string{}, PMatrixLX: []string{}, PMatrixOX: EveryParamsPMatrixOX{R: NewOpt(0)}}
	err = c.Every(context.Background(), empty)
	check(t, err, impl, empty)
}

func TestSearchStyles(t *testing.T) {
	c, impl := roundTrip(t)
	for name, params := range map[string]SearchProductsParams{
		"all": {
			Tags:      []string{"shirt", "blue sky"},
			Page:      2,
			Sizes:     NewOpt([]int{1, 2}),
			Colors:    NewOpt([]string{"red", "black"}),
			Filter:    NewOpt(SearchProductsParamsFilter{Status: NewOpt(SearchProductsParamsFilterStatusPublished), Limit: NewOpt(5), InStock: NewOpt(false)}),
			Range:     NewOpt(SearchProductsParamsRange{Min: NewOpt[int64](100), Max: NewOpt[int64](500)}),
			Attrs:     NewOpt(map[string]string{"fit": "slim", "neck": "v"}),
			Where:     NewOpt(SearchProductsParamsWhere{Price: NewOpt(SearchProductsParamsWherePrice{Gte: NewOpt(10.5)})}),
			ID:        NewOpt(NewSearchProductsParamsIDArray([]string{"a", "b&c"})),
			CreatedAt: NewOpt(SearchProductsParamsCreatedAt{Gte: NewOpt(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), In: NewOpt([]string{"x", "y"}), Limit: NewOpt(3)}),
			IDs:       NewOpt(NewSearchProductsParamsIDsArray([]string{"i1", "i2"})),
			Updated:   NewOpt(SearchProductsParamsUpdated{Gt: NewOpt(Date{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})}),
			XChannels: NewOpt(NewSearchProductsParamsXChannelsArray([]string{"web", "app"})),
			And: NewOpt([]SearchProductsParamsAndItem{{Title: NewOpt("mug")},
				{Price: NewOpt(SearchProductsParamsAndItemPrice{Gte: NewOpt(5.0)}), Archived: NewOpt(true)}}),
		},
		"single values": {
			Tags:      []string{"one"},
			Page:      1,
			ID:        NewOpt(NewSearchProductsParamsIDString("only")),
			IDs:       NewOpt(NewSearchProductsParamsIDsString("solo")),
			XChannels: NewOpt(NewSearchProductsParamsXChannelsString("web")),
		},
	} {
		t.Run(name, func(t *testing.T) {
			err := c.SearchProducts(context.Background(), params)
			check(t, err, impl, params)
		})
	}
}

func TestFallbackPaths(t *testing.T) {
	c, impl := roundTrip(t)
	file := GetFileParams{Name: "my report", Ext: GetFileParamsExtTxt}
	check(t, c.GetFile(context.Background(), file), impl, file)
	option := PostItemOptionParams{ID: "item 1", OptionID: 7}
	check(t, c.PostItemOption(context.Background(), option), impl, option)
	// A whole segment "." or ".." would be removed on the way: refused.
	for _, id := range []string{".", ".."} {
		var re *RequestError
		if err := c.PostItemOption(context.Background(), PostItemOptionParams{ID: id, OptionID: 7}); !errors.As(err, &re) {
			t.Errorf("path segment %q: %v, want a *RequestError", id, err)
		}
	}
}

// TestEscapedLiterals: literal path text the client escapes ("//", a space,
// parentheses) around label values in one segment, maps with index keys in
// a deepObject (a qs tree that looks like an array), an untyped enum's
// boolean and number, and a default the schema refuses (not applied) all
// reach the server as sent; header and cookie values the wire cannot
// carry are refused before sending.
func TestEscapedLiterals(t *testing.T) {
	c, impl := roundTrip(t)
	ctx := context.Background()
	for _, params := range []GetCopyParams{
		{Name: 7, Ext: true, Meta: NewOpt(map[string]map[string]string{"0": {"1": "a", "0": "b"}, "k": {"0": "c"}}),
			Opts: NewOpt(GetCopyParamsOpts{Flag: NewOpt[any](true)})},
		{Name: -1, Ext: false, Opts: NewOpt(GetCopyParamsOpts{Flag: NewOpt[any](1.0)}), XPad: NewOpt("in side")},
		{Name: 0, Ext: true, Opts: NewOpt(GetCopyParamsOpts{Flag: NewOpt[any]("x")})},
	} {
		check(t, c.GetCopy(ctx, params), impl, params)
	}
	for name, params := range map[string]GetCopyParams{
		"a cookie name that is not a token": {C: NewOpt("v")},
		"a header value with outer spaces":  {XPad: NewOpt(" v")},
		"a header value with a line break":  {XPad: NewOpt("a\nb")},
	} {
		var re *RequestError
		if err := c.GetCopy(ctx, params); !errors.As(err, &re) {
			t.Errorf("%s: %v, want a *RequestError", name, err)
		}
	}
	// A path parameter no style writes is refused, not sent as {ids}.
	var re *RequestError
	if err := c.GetUnwritable(ctx, GetUnwritableParams{}); !errors.As(err, &re) {
		t.Errorf("a path parameter the client cannot write: %v, want a *RequestError", err)
	}
}
