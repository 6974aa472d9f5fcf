package constdisc

// This file is copied next to the code generated from
// testdata/golden/oneof-const-31 and oneof-const-30, with every part and with
// the models alone, by generator/roundtrip_test.go.

import (
	"encoding/json"
	"strings"
	"testing"
)

// A union whose variants each fix "type" to a constant of their own is
// discriminated by it: the constant is written by the encoder, the caller
// never sets it, and decoding picks the variant it names.
func TestConstDiscriminatorWritten(t *testing.T) {
	for _, c := range []struct {
		item InputItem
		want string
	}{
		{NewInputItemMessage(Message{Content: "hi"}), `{"type":"message","content":"hi"}`},
		{NewInputItemFunctionCall(FunctionCall{Name: "f"}), `{"name":"f","type":"function_call"}`},
		{InputItem{Kind: InputItemKindItemReference, ItemReference: InputItemItemReference{ID: "r1"}}, `{"type":"item_reference","id":"r1"}`},
	} {
		out, err := json.Marshal(c.item)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != c.want {
			t.Errorf("encoded %+v as %s, want %s", c.item, out, c.want)
		}
		if c.item.Message.Type != "" || c.item.FunctionCall.Type != "" || c.item.ItemReference.Type != "" {
			t.Errorf("encoding changed the caller's value: %+v", c.item)
		}
		if v, ok := any(c.item).(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				t.Errorf("%s: Validate without the constant set: %v", out, err)
			}
		}
		var back InputItem
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("its own output %s is refused: %v", out, err)
		}
		if back.Kind != c.item.Kind {
			t.Errorf("%s decoded as Kind %d, want %d", out, back.Kind, c.item.Kind)
		}
	}
}

func TestConstDiscriminatorDecodes(t *testing.T) {
	var item InputItem
	if err := json.Unmarshal([]byte(`{"id":"r1","type":"item_reference"}`), &item); err != nil {
		t.Fatal(err)
	}
	if ref, ok := item.AsItemReference(); !ok || ref.ID != "r1" || ref.Type != "item_reference" {
		t.Errorf("decoded as %+v", item)
	}
	// The property alone picks the variant: a message lacking its content
	// is a message (that the checked decoder refuses), not some other variant.
	err := json.Unmarshal([]byte(`{"type":"message","id":"r1"}`), &item)
	_, checked := any(item).(interface{ Validate() error })
	switch {
	case checked && (err == nil || !strings.Contains(err.Error(), "content")):
		t.Errorf("a message without content: %v", err)
	case !checked && (err != nil || item.Kind != InputItemKindMessage):
		t.Errorf("a message without content: %v, Kind %d", err, item.Kind)
	}
	for _, bad := range []string{`{"type":"note","content":"hi"}`, `{"content":"hi"}`, `{"type":1,"content":"hi"}`} {
		err := json.Unmarshal([]byte(bad), &item)
		if err == nil || !strings.Contains(err.Error(), "type") {
			t.Errorf("%s: error %v should name the type property", bad, err)
		}
		if err != nil && strings.Contains(bad, "note") && !strings.Contains(err.Error(), `"note"`) {
			t.Errorf("%s: error %v should name the unknown value", bad, err)
		}
	}
}
