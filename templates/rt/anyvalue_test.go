package rt

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestReadAnyDocument decodes a document larger than a string buffer of the
// reader, with equal tokens far apart and close together (which share
// boxes), tokens equal but for their escapes, strings too long for a
// buffer, duplicate keys and nested objects and arrays, as encoding/json
// does.
func TestReadAnyDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"list":[`)
	for i := range 600 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"item_%04d","status":"published","n":%d,"rate":0.%d,"zero":-0,"tags":["a","\u0061",%q],"id":"last_%d","meta":{}}`,
			i, i%7, i%3, strings.Repeat("é", i%40), i)
	}
	fmt.Fprintf(&b, `],"long":%q,"escaped":"tab\there","big":12345678901234567890}`, strings.Repeat("x", 3*arenaSize))
	data := []byte(b.String())
	var want any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	got, err := decodeWith(data, func(r *reader, v *validator) any { return r.readAny(v) })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || !sameJSON(got, want) {
		t.Error("readAny and encoding/json differ")
	}
}

// TestCopyStringKeepsStrings: strings copied into one buffer stay intact
// after the buffer is full and the next one is filled.
func TestCopyStringKeepsStrings(t *testing.T) {
	r := reader{data: make([]byte, 10*arenaSize)}
	var got []string
	var want []string
	for i := range 2000 {
		s := fmt.Sprintf("string %d %s", i, strings.Repeat("-", i%50))
		want = append(want, s)
		got = append(got, r.copyString([]byte(s)))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("strings changed")
	}
}

func TestItemPool(t *testing.T) {
	p, s := lendItems[string]()
	s = append(s, "a", "b", "c")
	lent := s
	items := keepItems(p, s)
	if !reflect.DeepEqual(items, []string{"a", "b", "c"}) || cap(items) != 3 {
		t.Errorf("got %q (cap %d)", items, cap(items))
	}
	if lent[0] != "" || len(*p) != 0 {
		t.Error("the lent slice still holds the items")
	}
	if empty := keepItems(lendItems[string]()); empty == nil || len(empty) != 0 {
		t.Errorf("no items: got %#v, want an empty slice", empty)
	}
}

// unmarshaler keeps what UnmarshalJSON got, and fails on "bad".
type unmarshaler struct{ data string }

func (u *unmarshaler) UnmarshalJSON(data []byte) error {
	u.data = string(data)
	if u.data == "bad" {
		return &ValidationError{}
	}
	return nil
}

func TestDecode(t *testing.T) {
	if u, err := Decode[unmarshaler]([]byte(`{"a":1}`)); err != nil || u.data != `{"a":1}` {
		t.Errorf("got %+v, %v", u, err)
	}
	if _, err := Decode[unmarshaler]([]byte("bad")); err == nil {
		t.Error("want the error of UnmarshalJSON")
	}
}
