package store

// This file is copied next to the code generated from specs/store, with every
// part and with the models alone, by generator/roundtrip_test.go.

import (
	"encoding/json"
	"strings"
	"testing"
)

// A discriminated union writes its discriminator itself: the Kind (set by
// the constructor) is enough, and the caller's value is not changed.
func TestDiscriminatorWrittenByItself(t *testing.T) {
	card := CardPayment{Brand: "visa", Last4: "4242", ExpMonth: 1, ExpYear: 2030}
	pm := NewPaymentMethodCardPayment(card)
	if pm.Kind != PaymentMethodKindCardPayment || pm.CardPayment != card {
		t.Fatalf("constructor: %+v", pm)
	}
	out, err := json.Marshal(pm)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"type":"card"`) {
		t.Errorf("encoded without its discriminator: %s", out)
	}
	if pm.CardPayment.Type != "" {
		t.Errorf("encoding changed the caller's value: %+v", pm.CardPayment)
	}
	var back PaymentMethod
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("its own output is refused: %v (%s)", err, out)
	}
	if got, ok := back.AsCardPayment(); !ok || got.Last4 != "4242" || got.Type != "card" {
		t.Errorf("decoded back as %+v, %v", got, ok)
	}

	// Kind alone, with the wrong variant's value in the property: the
	// variant's own value is written.
	bank := PaymentMethod{Kind: PaymentMethodKindBankTransfer, BankTransfer: BankTransfer{Type: "card", Iban: "DE00"}}
	out, err = json.Marshal(bank)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"type":"bank_transfer"`) {
		t.Errorf("Kind says bank transfer, the JSON does not: %s", out)
	}
}
