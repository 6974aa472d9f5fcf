package store

// This file is copied next to the code generated from specs/store by
// generator/fuzz_test.go, which runs its seed corpus on every go test and
// fuzzes it when OASGEN_FUZZTIME is set. OASGEN_FUZZ_SPEC holds the path of
// specs/store, which kin-openapi loads to judge the same inputs.

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// FuzzDecodeValidate decodes arbitrary bytes into a few generated types and
// validates what decodes. It must never panic; a rejection must be a
// *ValidationError when the input is JSON; and whatever oasgen accepts,
// kin-openapi must accept too.
func FuzzDecodeValidate(f *testing.F) {
	schemas := fuzzSchemas(f)
	for _, seed := range fuzzSeeds {
		f.Add([]byte(seed))
	}
	for _, name := range []string{"Cart", "StorePostCartsCartLineItemsReq", "PaymentMethod", "CardPayment"} {
		if ex := schemas[name].Example; ex != nil {
			data, err := json.Marshal(ex)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCheck[Cart](t, schemas, "Cart", data)
		fuzzCheck[StorePostCartsCartLineItemsReq](t, schemas, "StorePostCartsCartLineItemsReq", data)
		fuzzCheck[PaymentMethod](t, schemas, "PaymentMethod", data)
	})
}

func fuzzCheck[T any](t *testing.T, schemas map[string]*openapi3.Schema, name string, data []byte) {
	var v T
	err := json.Unmarshal(data, &v)
	if err == nil {
		if x, ok := any(v).(interface{ Validate() error }); ok {
			err = x.Validate()
		}
	}
	if err != nil {
		var ve *ValidationError
		if json.Valid(data) && !errors.As(err, &ve) {
			t.Fatalf("%s: rejecting JSON with %T, not a *ValidationError: %v\ninput: %q", name, err, err, data)
		}
		return
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: accepted input that is not JSON: %q", name, data)
	}
	if err := schemas[name].VisitJSON(raw, fuzzKinOptions()...); err != nil {
		t.Fatalf("%s: oasgen accepts what kin-openapi rejects\ninput: %q\nkin-openapi: %s", name, data, firstLine(err.Error()))
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// fuzzKinOptions: OpenAPI 3.0, no request/response direction, and the
// formats kin-openapi checks by default (byte, date, date-time, int32/int64)
// plus its own email pattern and ipv4/ipv6 checks, all of them looser than or
// as strict as oasgen's. uuid is left out: oasgen checks the 8-4-4-4-12
// layout only, kin-openapi's optional patterns also the version and variant.
func fuzzKinOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.MultiErrors(),
		openapi3.WithStringFormatValidators(map[string]openapi3.StringFormatValidator{
			"email": openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail),
			"ipv4":  openapi3.NewIPValidator(true),
			"ipv6":  openapi3.NewIPValidator(false),
		}),
	}
}

var fuzzLoad struct {
	once    sync.Once
	schemas map[string]*openapi3.Schema
	err     error
}

// fuzzSchemas loads every file of components/schemas with kin-openapi,
// through a wrapper document that lists them as components, and adjusts
// the result to oasgen's two documented choices (README): nullable: true
// next to a $ref is honoured, and a schema without type accepts null.
func fuzzSchemas(f testing.TB) map[string]*openapi3.Schema {
	dir := os.Getenv("OASGEN_FUZZ_SPEC")
	if dir == "" {
		f.Fatal("OASGEN_FUZZ_SPEC must hold the path of specs/store (generator/fuzz_test.go sets it)")
	}
	fuzzLoad.once.Do(func() {
		files, err := filepath.Glob(filepath.Join(dir, "components", "schemas", "*.yaml"))
		if err != nil || len(files) == 0 {
			fuzzLoad.err = errors.New("no schema files under " + dir + "/components/schemas")
			return
		}
		var b strings.Builder
		b.WriteString("openapi: 3.0.3\ninfo: {title: fuzz, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n")
		for _, file := range files {
			name := strings.TrimSuffix(filepath.Base(file), ".yaml")
			b.WriteString("    " + name + ": {$ref: './components/schemas/" + name + ".yaml'}\n")
		}
		abs, err := filepath.Abs(filepath.Join(dir, "fuzz-wrapper.yaml"))
		if err != nil {
			fuzzLoad.err = err
			return
		}
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = true
		doc, err := loader.LoadFromDataWithPath([]byte(b.String()), &url.URL{Path: filepath.ToSlash(abs)})
		if err != nil {
			fuzzLoad.err = err
			return
		}
		fuzzLoad.schemas = map[string]*openapi3.Schema{}
		seen := map[*openapi3.Schema]bool{}
		for name, ref := range doc.Components.Schemas {
			fuzzLoad.schemas[name] = ref.Value
			adjust(ref.Value, seen)
		}
	})
	if fuzzLoad.err != nil {
		f.Fatal(fuzzLoad.err)
	}
	return fuzzLoad.schemas
}

// adjust rewrites the schema graph in place: a schema without type becomes
// nullable, and a $ref with nullable: true beside it points to a nullable
// copy of its target.
func adjust(s *openapi3.Schema, seen map[*openapi3.Schema]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	if untyped(s) {
		s.Nullable = true
	}
	refs := func(list ...*openapi3.SchemaRef) {
		for _, r := range list {
			if r == nil || r.Value == nil {
				continue
			}
			adjust(r.Value, seen)
			if r.Ref != "" && siblingNullable(r) && !r.Value.Nullable {
				c := *r.Value
				c.Nullable = true
				r.Value = &c
			}
		}
	}
	for _, p := range s.Properties {
		refs(p)
	}
	refs(s.Items, s.Not, s.AdditionalProperties.Schema)
	refs(s.AllOf...)
	refs(s.AnyOf...)
	refs(s.OneOf...)
}

// untyped reports whether s says nothing about a value's type: no type, no
// enum and no combinator (a oneOf of typed branches still rejects null).
func untyped(s *openapi3.Schema) bool {
	return s.Type == nil && len(s.Enum) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.AllOf) == 0 && s.Not == nil
}

// siblingNullable reports whether nullable: true was written next to the
// $ref: kin-openapi keeps such keys and writes them back when marshalling.
func siblingNullable(r *openapi3.SchemaRef) bool {
	data, err := json.Marshal(r)
	if err != nil {
		return false
	}
	var m map[string]any
	return json.Unmarshal(data, &m) == nil && m["nullable"] == true
}

// fuzzSeeds are valid and invalid documents of the fuzzed types.
var fuzzSeeds = []string{
	// Cart
	`{"id":"cart_1","region_id":"reg_1","type":"default","completed_at":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"}`,
	`{"id":"cart_1","region_id":"reg_1","type":"swap","completed_at":"2024-01-02T03:04:05.123+02:00","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","email":"ada@example.com","billing_address":null,"items":[],"context":{"ip":"::1","locale":"da-DK"},"gift_card_balances":{"G1":{"amount":5000,"currency_code":"usd"}},"metadata":{"car":"white"},"idempotency_key":"123e4567-e89b-12d3-a456-426614174000"}`,
	`{"id":"cart_1","region_id":"reg_1","type":"default","completed_at":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","payment_session":{"id":"ps_1","cart_id":"cart_1","provider_id":"manual","status":"pending","is_selected":null,"payment_method":{"type":"card","brand":"visa","last4":"4242","exp_month":12,"exp_year":2030}}}`,
	`{"id":"cart_1","region_id":"reg_1","type":"default","completed_at":null,"created_at":"2024-01-02T03:04:05Z"}`,
	`{"id":null,"region_id":"reg_1","type":"default","completed_at":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"}`,
	`{"id":"cart_1","region_id":"reg_1","type":"bogus","completed_at":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","email":"not-an-email"}`,
	`{"id":"cart_1","region_id":"reg_1","type":"default","completed_at":null,"created_at":"yesterday","updated_at":"2024-01-02T03:04:05Z","context":{"ip":1}}`,
	`{"id":"cart_1","region_id":"reg_1","type":"default","completed_at":null,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","gift_card_balances":{"G1":{"amount":5000,"currency_code":"US"}}}`,
	// StorePostCartsCartLineItemsReq
	`{"variant_id":"variant_1","quantity":1}`,
	`{"variant_id":"variant_1","quantity":3,"metadata":{"engraving":"For Ada","gift":true,"size":42.5}}`,
	`{"variant_id":"variant_1","quantity":0}`,
	`{"variant_id":"variant_1"}`,
	`{"variant_id":"variant_1","quantity":1,"unknown":true}`,
	`{"variant_id":"variant_1","quantity":1,"metadata":{"nested":{"a":1}}}`,
	`{"variant_id":"variant_1","quantity":2147483648}`,
	`{"variant_id":null,"quantity":1}`,
	// PaymentMethod
	`{"type":"card","brand":"visa","last4":"4242","exp_month":12,"exp_year":2030,"funding":null}`,
	`{"type":"bank_transfer","iban":"DK5000400440116243","bic":null}`,
	`{"type":"gift_card","code":"3RFT-MH2C-Y4YZ-XMN4","balance":{"amount":5000,"currency_code":"usd"}}`,
	`{"type":"card","brand":"visa","last4":"42","exp_month":13,"exp_year":2030}`,
	`{"type":"crypto","wallet":"0x0"}`,
	`{"brand":"visa","last4":"4242","exp_month":12,"exp_year":2030}`,
	// Not objects, not JSON
	`null`, `[]`, `"cart"`, `12`, `{`, ``, `{"id":"\ud800"}`,
}
