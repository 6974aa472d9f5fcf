package store

// This file is copied next to the code generated from specs/store by
// generator/roundtrip_test.go and run there with go test.

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// roundTrip decodes in, encodes it again and compares the JSON.
func roundTrip[T any](t *testing.T, in string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatalf("unmarshal %s: %v", in, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if !sameJSON(t, in, string(out)) {
		t.Errorf("round trip changed the JSON:\n in: %s\nout: %s", in, out)
	}
	return v
}

func sameJSON(t *testing.T, a, b string) bool {
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatal(err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

const cartBase = `"id":"cart_1","region_id":"reg_1","type":"default","completed_at":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"`

func TestPresence(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		check func(t *testing.T, c Cart)
	}{
		{"absent", ``, func(t *testing.T, c Cart) {
			if c.Email.Set || c.SalesChannelID.Set {
				t.Errorf("absent fields are set: %+v %+v", c.Email, c.SalesChannelID)
			}
		}},
		{"null", `,"email":null`, func(t *testing.T, c Cart) {
			if !c.Email.Set || !c.Email.Null {
				t.Errorf("email null lost: %+v", c.Email)
			}
		}},
		{"value", `,"email":"a@b.c","sales_channel_id":"sc_1"`, func(t *testing.T, c Cart) {
			if v, ok := c.Email.Get(); !ok || v != "a@b.c" {
				t.Errorf("email = %+v", c.Email)
			}
			if v, ok := c.SalesChannelID.Get(); !ok || v != "sc_1" {
				t.Errorf("sales_channel_id = %+v", c.SalesChannelID)
			}
		}},
		{"required nullable value", `,"idempotency_key":"k"`, func(t *testing.T, c Cart) {
			if c.CompletedAt.Null != true {
				t.Errorf("completed_at null lost: %+v", c.CompletedAt)
			}
		}},
		{"empty array kept apart from absent", `,"items":[]`, func(t *testing.T, c Cart) {
			if !c.Items.Set || len(c.Items.Value) != 0 {
				t.Errorf("items = %+v", c.Items)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := roundTrip[Cart](t, `{`+cartBase+tt.extra+`}`)
			tt.check(t, c)
		})
	}
}

func TestRequiredNullableWritesNull(t *testing.T) {
	c := Cart{ID: "c", RegionID: "r", Type: CartTypeDefault, CompletedAt: Nullable[time.Time]{Null: true}}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"completed_at":null`) || strings.Contains(string(out), `"email"`) {
		t.Errorf("got %s", out)
	}
}

// TestNilWritesEmpty: a nil slice or map is written as [] or {}, what the
// schema's type allows, not null as encoding/json writes it (a null value
// is a Nullable). The decoder refuses a null there, so it reads back too.
func TestNilWritesEmpty(t *testing.T) {
	c := Cart{ID: "c", RegionID: "r", Type: CartTypeDefault, CompletedAt: Nullable[time.Time]{Null: true},
		Items: NewOpt[[]LineItem](nil)}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"items":[]`) {
		t.Errorf("got %s, want \"items\":[]", out)
	}
	var back Cart
	if err := json.Unmarshal(out, &back); err != nil || !back.Items.Set || len(back.Items.Value) != 0 {
		t.Errorf("read back: %v, %+v", err, back.Items)
	}
}

// TestAlwaysWrittenUnsetWritesDefault: allow_discounts is optional and
// always written (x-omitempty: false); unset, it is its default, true, not
// a null its schema refuses.
func TestAlwaysWrittenUnsetWritesDefault(t *testing.T) {
	out, err := json.Marshal(LineItem{ID: "li", Title: "t", Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"allow_discounts":true`) {
		t.Errorf("got %s, want \"allow_discounts\":true", out)
	}
	out, _ = json.Marshal(LineItem{ID: "li", Title: "t", Quantity: 1, AllowDiscounts: NewOpt(false)})
	if !strings.Contains(string(out), `"allow_discounts":false`) {
		t.Errorf("got %s, want \"allow_discounts\":false", out)
	}
}

func TestDiscriminatedUnion(t *testing.T) {
	tests := []struct {
		in   string
		kind PaymentMethodKind
	}{
		{`{"type":"card","brand":"visa","last4":"4242","exp_month":1,"exp_year":2030}`, PaymentMethodKindCardPayment},
		{`{"type":"bank_transfer","iban":"DE00"}`, PaymentMethodKindBankTransfer},
	}
	for _, tt := range tests {
		pm := roundTrip[PaymentMethod](t, tt.in)
		if pm.Kind != tt.kind {
			t.Errorf("%s: kind %d, want %d", tt.in, pm.Kind, tt.kind)
		}
	}
	if card, ok := roundTrip[PaymentMethod](t, tests[0].in).AsCardPayment(); !ok || card.Last4 != "4242" {
		t.Errorf("AsCardPayment = %+v, %v", card, ok)
	}
	var pm PaymentMethod
	if err := json.Unmarshal([]byte(`{"type":"cash"}`), &pm); err == nil {
		t.Error("unknown discriminator value accepted")
	}
	if _, err := json.Marshal(PaymentMethod{}); err == nil {
		t.Error("a union with no variant set marshalled")
	}
}

func TestUnionByJSONKind(t *testing.T) {
	for in, kind := range map[string]MetadataValueKind{`"x"`: MetadataValueKindString, `1.5`: MetadataValueKindNumber, `true`: MetadataValueKindBoolean} {
		if v := roundTrip[MetadataValue](t, in); v.Kind != kind {
			t.Errorf("%s: kind %d, want %d", in, v.Kind, kind)
		}
	}
}

func TestRecursion(t *testing.T) {
	in := `{` + cartBase + `,"payment_sessions":[{"id":"ps_1","provider_id":"manual","status":"pending","data":{},"cart_id":"cart_1","amount":100,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","cart":{` + cartBase + `}}]}`
	c := roundTrip[Cart](t, in)
	sessions, _ := c.PaymentSessions.Get()
	if len(sessions) != 1 {
		t.Fatalf("sessions = %+v", c.PaymentSessions)
	}
	inner, ok := sessions[0].Cart.Get()
	if !ok || inner == nil || inner.ID != "cart_1" {
		t.Errorf("nested cart = %+v", sessions[0].Cart)
	}
}

func TestAdditionalProperties(t *testing.T) {
	in := `{` + cartBase + `,"context":{"ip":"127.0.0.1","locale":"de"}}`
	c := roundTrip[Cart](t, in)
	ctx, _ := c.Context.Get()
	if ctx.AdditionalProperties["locale"] != "de" {
		t.Errorf("context = %+v", ctx)
	}
}

// violations returns the violations of err as "path keyword" strings.
func violations(t *testing.T, err error) []string {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
	}
	var out []string
	for _, v := range ve.Violations {
		out = append(out, v.Path+" "+v.Keyword)
	}
	return out
}

func TestDecodeViolations(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"missing required", `{"quantity":1}`, []string{" required"}},
		{"null not allowed", `{"variant_id":null,"quantity":1}`, []string{"/variant_id nullable"}},
		{"wrong type", `{"variant_id":"v","quantity":"one"}`, []string{"/quantity type"}},
		{"unknown property", `{"variant_id":"v","quantity":1,"colour":"red"}`, []string{"/colour additionalProperties"}},
		{"all at once", `{"quantity":null,"colour":1}`, []string{" required", "/colour additionalProperties", "/quantity nullable"}},
		{"nested metadata value", `{"variant_id":"v","quantity":1,"metadata":{"a":[1]}}`, []string{"/metadata/a anyOf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req StorePostCartsCartLineItemsReq
			got := violations(t, json.Unmarshal([]byte(tt.in), &req))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("violations %q, want %q", got, tt.want)
			}
		})
	}
	var ok StorePostCartsCartLineItemsReq
	if err := json.Unmarshal([]byte(`{"variant_id":"v","quantity":2}`), &ok); err != nil {
		t.Errorf("valid request rejected: %v", err)
	}
}

func TestNestedDecodeViolationHasFullPath(t *testing.T) {
	in := `{` + cartBase + `,"items":[{"id":"li","title":"t","quantity":1,"unit_price":1,"variant_id":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"},{"id":"li2","title":"t","unit_price":1,"variant_id":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"}]}`
	var c Cart
	got := violations(t, json.Unmarshal([]byte(in), &c))
	if len(got) != 1 || got[0] != "/items/1 required" {
		t.Errorf("violations %q, want [/items/1 required]", got)
	}
}

func TestValidate(t *testing.T) {
	req := StorePostCartsCartLineItemsReq{VariantID: "v", Quantity: 0}
	got := violations(t, req.Validate())
	if len(got) != 1 || got[0] != "/quantity minimum" {
		t.Errorf("violations %q", got)
	}
	var ve *ValidationError
	errors.As(req.Validate(), &ve)
	if msg := ve.Violations[0].Message; msg != "must be >= 1, got 0" {
		t.Errorf("message %q", msg)
	}
	req.Quantity = 3
	if err := req.Validate(); err != nil {
		t.Errorf("valid request: %v", err)
	}
}

func TestValidateReportsEveryViolation(t *testing.T) {
	c := Cart{ID: "c", RegionID: "r", Type: "nope", Email: NewOptNullable("not-an-email"),
		Items: NewOpt([]LineItem{{ID: "a", Title: "t", Quantity: 0}, {ID: "b", Title: "t", Quantity: -1}})}
	got := violations(t, c.Validate())
	want := []string{"/email format", "/items/0/quantity minimum", "/items/1/quantity minimum", "/type enum"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("violations %q, want %q", got, want)
	}
}

func TestReadOnlyInRequests(t *testing.T) {
	c := Cart{ID: "c", RegionID: "r", Type: CartTypeDefault, Subtotal: NewOpt(int64(5))}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if got := violations(t, ValidateRequest(&c)); len(got) != 1 || got[0] != "/subtotal readOnly" {
		t.Errorf("ValidateRequest: %q", got)
	}
	if err := ValidateResponse(&c); err != nil {
		t.Errorf("ValidateResponse: %v", err)
	}
}

func TestPatternAndLength(t *testing.T) {
	m := Money{Amount: 1, CurrencyCode: "EURO"}
	got := violations(t, m.Validate())
	want := []string{"/currency_code maxLength", "/currency_code pattern"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("violations %q, want %q", got, want)
	}
}

func BenchmarkValidateValidCart(b *testing.B) {
	items := make([]LineItem, 20)
	for i := range items {
		items[i] = LineItem{ID: "li", Title: "t", Quantity: 2}
	}
	c := Cart{ID: "c", RegionID: "r", Type: CartTypeDefault, Email: NewOptNullable("a@example.com"), Items: NewOpt(items)}
	if err := c.Validate(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// A union made by its constructor validates as it is written: with its
// discriminator, which the caller did not set.
func TestConstructedUnionValidates(t *testing.T) {
	pm := NewPaymentMethodBankTransfer(BankTransfer{Iban: "DE00"})
	if err := pm.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if err := ValidateRequest(&pm); err != nil {
		t.Errorf("ValidateRequest: %v", err)
	}
}
