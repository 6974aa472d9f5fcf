package decodevalidate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/bench/internal/oasgencart"
	"github.com/oasgen/oasgen/bench/internal/ogencart"
)

const (
	specPath    = "../testdata/cart-spec/openapi.yaml"
	validPath   = "../testdata/cart_valid.json"
	invalidPath = "../testdata/cart_invalid.json"
)

// A contender decodes doc into its own representation and validates it.
// It returns nil when the document is valid. When unavailable is not nil
// the contender cannot run here (kin-openapi without ../shared/corpus), and
// its subtests and sub-benchmarks skip.
type contender struct {
	name string
	// load prepares the contender. Benchmarks call it in the benchmark that
	// measures it, and kin-openapi comes last, so that its loaded spec
	// (megabytes the garbage collector walks) is not live while the others
	// are timed.
	load func() (run func(doc []byte) error, err error)
}

func contenders() []contender {
	ready := func(run func([]byte) error) func() (func([]byte) error, error) {
		return func() (func([]byte) error, error) { return run, nil }
	}
	return []contender{
		{"oasgen", ready(oasgenDecodeValidate)},
		{"oasgen-direct", ready(oasgenDirectDecodeValidate)},
		{"ogen", ready(ogenDecodeValidate)},
		{"kin-openapi", kinDecodeValidate},
	}
}

// runner loads c, skipping tb when c cannot run here.
func (c contender) runner(tb testing.TB) func(doc []byte) error {
	tb.Helper()
	run, err := c.load()
	if err != nil {
		tb.Skip(err)
	}
	return run
}

// oasgen: encoding/json into the generated type (its UnmarshalJSON methods
// report the decode-time violations), then the generated Validate.
func oasgenDecodeValidate(doc []byte) error {
	var cart oasgencart.Cart
	if err := json.Unmarshal(doc, &cart); err != nil {
		return err
	}
	return cart.Validate()
}

// oasgen-direct: the generated package's Decode, which calls the
// generated decoder directly, as the ogen contender calls its own, without
// the two passes json.Unmarshal makes over the input (syntax check, then
// skipping to the value) before it calls UnmarshalJSON.
func oasgenDirectDecodeValidate(doc []byte) error {
	cart, err := oasgencart.Decode[oasgencart.Cart](doc)
	if err != nil {
		return err
	}
	return cart.Validate()
}

// ogen: the generated jx-based decoder (UnmarshalJSON is
// Decode(jx.DecodeBytes(doc))), then the generated Validate.
func ogenDecodeValidate(doc []byte) error {
	var cart ogencart.Cart
	if err := cart.UnmarshalJSON(doc); err != nil {
		return err
	}
	return cart.Validate()
}

// kin-openapi: encoding/json into any, then Schema.VisitJSON.
func kinDecodeValidate() (func([]byte) error, error) {
	schema, opts, err := kinSchema()
	if err != nil {
		return nil, err
	}
	return func(doc []byte) error {
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			return err
		}
		return schema.VisitJSON(v, opts...)
	}, nil
}

var kin struct {
	once   sync.Once
	schema *openapi3.Schema
	opts   []openapi3.SchemaValidationOption
	err    error
}

// kinSchema loads the spec once with kin-openapi (external refs allowed,
// so the Cart $ref into the Medusa corpus is followed), validates the
// document as an OpenAPI 3.0 document, and returns components.schemas.Cart
// with the VisitJSON options every call uses:
//
//   - MultiErrors: report every violation, as oasgen does, not only the first;
//   - VisitAsResponse: a Cart is what the API returns (no readOnly/writeOnly
//     property is in the schema, so this changes nothing but is the honest mode);
//   - format validators for "email" (kin-openapi's own FormatOfStringForEmail)
//     and "uri" (net/url, absolute), the two formats of the schema that
//     kin-openapi does not check by default and oasgen does. "date-time" is
//     checked by kin-openapi by default.
func kinSchema() (*openapi3.Schema, []openapi3.SchemaValidationOption, error) {
	kin.once.Do(func() {
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = true
		doc, err := loader.LoadFromFile(specPath)
		if err != nil {
			kin.err = fmt.Errorf("kin-openapi cannot load %s (is ../shared/corpus beside the repo?): %w", specPath, err)
			return
		}
		// Medusa's examples have defects (a number as the example of a
		// string); they do not matter for validating data.
		if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
			kin.err = fmt.Errorf("kin-openapi rejects %s: %w", specPath, err)
			return
		}
		ref := doc.Components.Schemas["Cart"]
		if ref == nil || ref.Value == nil {
			kin.err = errors.New("kin-openapi: no components.schemas.Cart")
			return
		}
		kin.schema = ref.Value
		kin.opts = []openapi3.SchemaValidationOption{
			openapi3.MultiErrors(),
			openapi3.VisitAsResponse(),
			openapi3.WithStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail)),
			openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(func(s string) error {
				if u, err := url.Parse(s); err != nil || u.Scheme == "" {
					return errors.New("not an absolute URI")
				}
				return nil
			})),
		}
	})
	return kin.schema, kin.opts, kin.err
}

func readDoc(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
