package decodevalidate

import (
	"encoding/json"
	"errors"
	"runtime"
	"testing"

	"github.com/oasgen/oasgen/bench/internal/oasgencart"
	"github.com/oasgen/oasgen/bench/internal/ogencart"
)

// BenchmarkDecodeValidate/{oasgen,kin-openapi,ogen}/{valid,invalid}: one op
// decodes the whole Cart document into a fresh value and validates it.
// MB/s is the document's size over the time per op.
func BenchmarkDecodeValidate(b *testing.B) {
	docs := []struct {
		name  string
		data  []byte
		valid bool
	}{
		{"valid", readDoc(b, validPath), true},
		{"invalid", readDoc(b, invalidPath), false},
	}
	for _, c := range contenders() {
		b.Run(c.name, func(b *testing.B) {
			run := c.runner(b)
			for _, d := range docs {
				b.Run(d.name, func(b *testing.B) {
					runtime.GC() // what loading left is not the op's
					if err := run(d.data); (err == nil) != d.valid {
						b.Fatalf("%s document: got error %v", d.name, err)
					}
					b.SetBytes(int64(len(d.data)))
					b.ReportAllocs()
					for b.Loop() {
						if err := run(d.data); (err == nil) != d.valid {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkValidateOnly/{oasgen,kin-openapi,ogen}: Validate (VisitJSON for
// kin-openapi) on a value decoded once, before the timer, from the valid
// document. oasgen's target is 0 allocs/op.
func BenchmarkValidateOnly(b *testing.B) {
	valid := readDoc(b, validPath)
	b.Run("oasgen", func(b *testing.B) {
		var cart oasgencart.Cart
		if err := json.Unmarshal(valid, &cart); err != nil {
			b.Fatal(err)
		}
		benchValidate(b, cart.Validate)
	})
	b.Run("kin-openapi", func(b *testing.B) {
		schema, opts, err := kinSchema()
		if err != nil {
			b.Skip(err)
		}
		var v any
		if err := json.Unmarshal(valid, &v); err != nil {
			b.Fatal(err)
		}
		benchValidate(b, func() error { return schema.VisitJSON(v, opts...) })
	})
	b.Run("ogen", func(b *testing.B) {
		var cart ogencart.Cart
		if err := cart.UnmarshalJSON(valid); err != nil {
			b.Fatal(err)
		}
		benchValidate(b, cart.Validate)
	})
}

func benchValidate(b *testing.B, validate func() error) {
	if err := validate(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFloor/{encoding-json-valid,encoding-json-any}/valid: what the
// standard library takes for less than the contenders do, on the valid
// document, to put the 20× target in proportion: json.Valid only checks the
// syntax; json.Unmarshal into an any is the first half of the kin-openapi
// contender. benchratio compares them with kin-openapi's time ÷ 20.
func BenchmarkFloor(b *testing.B) {
	valid := readDoc(b, validPath)
	floors := []struct {
		name string
		run  func() error
	}{
		{"encoding-json-valid", func() error {
			if !json.Valid(valid) {
				return errors.New("json.Valid: false")
			}
			return nil
		}},
		{"encoding-json-any", func() error {
			var v any
			return json.Unmarshal(valid, &v)
		}},
	}
	for _, f := range floors {
		b.Run(f.name+"/valid", func(b *testing.B) {
			b.SetBytes(int64(len(valid)))
			benchValidate(b, f.run)
		})
	}
}
