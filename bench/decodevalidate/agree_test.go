package decodevalidate

import (
	"encoding/json"
	"errors"
	"flag"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/bench/internal/fresh"
	"github.com/oasgen/oasgen/bench/internal/oasgencart"
)

var strictTargets = flag.Bool("targets", false, "fail, not only log, when oasgen misses a target of the validators issue (Validate: 0 allocs/op)")

// The seven violations of testdata/cart_invalid.json (see
// testdata/mkcart.py), as "JSON Pointer keyword".
var wantViolations = []string{
	"/discounts/0/rule/type enum",                       // buy_x_get_y
	"/email format",                                     // jane.doe(at)example.com
	"/items/12/variant/allow_backorder nullable",        // null
	"/items/3/quantity type",                            // "2"
	"/region_id required",                               // removed
	"/shipping_methods/0/tax_lines/0/created_at format", // 14/03/2024 09:26
	"/type enum",                                        // wishlist
}

// TestContendersAgree: every contender accepts the valid document and
// rejects the invalid one, so the benchmarks compare the same work.
func TestContendersAgree(t *testing.T) {
	valid, invalid := readDoc(t, validPath), readDoc(t, invalidPath)
	for _, c := range contenders() {
		t.Run(c.name, func(t *testing.T) {
			run := c.runner(t)
			if err := run(valid); err != nil {
				t.Errorf("valid document rejected: %v", err)
			}
			err := run(invalid)
			if err == nil {
				t.Fatal("invalid document accepted")
			}
			t.Logf("invalid document: %s", firstLines(err.Error(), 8))
		})
	}
}

// TestEveryViolationReported: oasgen (either way) and kin-openapi (with MultiErrors)
// both report all seven violations of the invalid document, so in the
// invalid benchmark both do the full job. ogen stops at the first error
// its decoder meets (items/3/quantity), which README.md points out.
func TestEveryViolationReported(t *testing.T) {
	invalid := readDoc(t, invalidPath)
	for name, run := range map[string]func([]byte) error{"oasgen": oasgenDecodeValidate, "oasgen-direct": oasgenDirectDecodeValidate} {
		t.Run(name, func(t *testing.T) {
			var ve *oasgencart.ValidationError
			if err := run(invalid); !errors.As(err, &ve) {
				t.Fatalf("got %T %v, want *ValidationError", err, err)
			}
			var got []string
			for _, v := range ve.Violations {
				path := v.Path
				if v.Keyword == "required" {
					path += "/" + quoted.FindStringSubmatch(v.Message)[1]
				}
				got = append(got, path+" "+v.Keyword)
			}
			sameViolations(t, got)
		})
	}
	t.Run("kin-openapi", func(t *testing.T) {
		run, err := kinDecodeValidate()
		if err != nil {
			t.Skip(err)
		}
		var me openapi3.MultiError
		if err := run(invalid); !errors.As(err, &me) {
			t.Fatalf("got %T %v, want openapi3.MultiError", err, err)
		}
		var got []string
		for _, e := range me {
			var se *openapi3.SchemaError
			if !errors.As(e, &se) {
				t.Fatalf("got %T %v, want *openapi3.SchemaError", e, e)
			}
			got = append(got, "/"+strings.Join(se.JSONPointer(), "/")+" "+se.SchemaField)
		}
		sameViolations(t, got)
	})
}

// TestDecodeAgrees: Decode gives the value json.Unmarshal gives.
func TestDecodeAgrees(t *testing.T) {
	valid := readDoc(t, validPath)
	var want oasgencart.Cart
	if err := json.Unmarshal(valid, &want); err != nil {
		t.Fatal(err)
	}
	got, err := oasgencart.Decode[oasgencart.Cart](valid)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Decode: %v, or a value other than json.Unmarshal's", err)
	}
}

var quoted = regexp.MustCompile(`"([^"]*)"`)

func sameViolations(t *testing.T, got []string) {
	t.Helper()
	slices.Sort(got)
	if !slices.Equal(got, wantViolations) {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantViolations, "\n"))
	}
}

// TestOasgenValidateAllocs: the target is that Validate on an
// already decoded valid value allocates nothing. The result is logged;
// with -targets (go test ./decodevalidate -args -targets) a miss fails.
func TestOasgenValidateAllocs(t *testing.T) {
	var cart oasgencart.Cart
	if err := json.Unmarshal(readDoc(t, validPath), &cart); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := cart.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	switch {
	case allocs == 0:
		t.Log("oasgen Cart.Validate on a valid value: 0 allocs (target met)")
	case *strictTargets:
		t.Errorf("oasgen Cart.Validate on a valid value: %v allocs, want 0", allocs)
	default:
		t.Logf("oasgen Cart.Validate on a valid value: %v allocs, target 0 MISSED (run with -args -targets to fail)", allocs)
	}
}

// TestOgenNullFreeFormObject records an ogen v1.24.0 defect that shaped the
// documents: a required, nullable, free-form object (Medusa's metadata,
// context, payment_session) becomes a pointer that ogen encodes as null
// but cannot decode from null. So the documents use {} there, and the
// test notices when a newer ogen fixes it.
func TestOgenNullFreeFormObject(t *testing.T) {
	doc := strings.Replace(string(readDoc(t, validPath)), `"metadata":{"utm_source"`, `"metadata":null,"x":{"utm_source"`, 1)
	if doc == string(readDoc(t, validPath)) {
		t.Fatal("cart metadata not found in the valid document")
	}
	for _, c := range contenders() {
		run, err := c.load()
		if err != nil {
			t.Logf("%s: %v", c.name, err)
			continue
		}
		err = run([]byte(doc))
		switch {
		case c.name == "ogen" && err == nil:
			t.Errorf("ogen now decodes null metadata: the documents could use null again (see testdata/mkcart.py)")
		case c.name == "ogen":
			t.Logf("ogen: %v", err)
		case err != nil:
			t.Errorf("%s rejects null metadata: %v", c.name, err)
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// TestOasgenCartIsCurrent: internal/oasgencart is what this checkout's
// oasgen generates (bench/gen.sh regenerates it).
func TestOasgenCartIsCurrent(t *testing.T) {
	if !fresh.HaveCorpus() {
		t.Skip("../shared/corpus is absent: the Cart spec refers into it")
	}
	fresh.Check(t, "gen.sh", "testdata/cart-spec/openapi.yaml", "-o", "internal/oasgencart", "-p", "oasgencart",
		"--generate", "models,validate", "--allow-outside-root")
}
