package main

import (
	"strings"
	"testing"
)

const input = `goos: linux
pkg: github.com/oasgen/oasgen/bench/decodevalidate
BenchmarkDecodeValidate/oasgen/valid-2      	     222	   100 ns/op	  17.57 MB/s	  400 B/op	    10 allocs/op
BenchmarkDecodeValidate/oasgen/valid-2      	     222	   300 ns/op	  17.57 MB/s	  400 B/op	    10 allocs/op
BenchmarkDecodeValidate/oasgen/valid-2      	     222	   200 ns/op	  17.57 MB/s	  400 B/op	    10 allocs/op
BenchmarkDecodeValidate/oasgen-direct/valid-2 	     222	   125 ns/op	  17.57 MB/s	  400 B/op	    10 allocs/op
BenchmarkDecodeValidate/kin-openapi/valid-2 	     530	  5000 ns/op	  44.10 MB/s	  900 B/op	    40 allocs/op
BenchmarkDecodeValidate/ogen/valid-2        	    4338	   100 ns/op	 382.69 MB/s	  100 B/op	     5 allocs/op
BenchmarkFloor/encoding-json-valid/valid-2  	    5000	   500 ns/op	 387.20 MB/s
BenchmarkFloor/encoding-json-any/valid-2    	    1000	  2000 ns/op	 100.00 MB/s	  800 B/op	    20 allocs/op
BenchmarkValidateOnly/oasgen-2              	  112480	    10 ns/op	       0 B/op	       0 allocs/op
BenchmarkValidateOnly/ogen-2                	  376408	    30 ns/op	       0 B/op	       0 allocs/op
PASS
`

func TestReport(t *testing.T) {
	results, err := parse(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	if got := median(results["DecodeValidate/oasgen/valid"]["ns/op"]); got != 200 {
		t.Errorf("median = %v, want 200", got)
	}
	var b strings.Builder
	report(&b, rows(results))
	out := strings.Join(strings.Fields(b.String()), " ") // the columns' widths aside
	for _, want := range []string{
		"DecodeValidate/valid kin-openapi 1 5000",
		"25.00×", // 5000 / 200
		"0.50×",  // ogen 100 / 200
		"ValidateOnly ogen 1 30",
		"3.00×", // 30 / 10
		"DecodeValidate/valid: oasgen ≥ 20× faster than kin-openapi: 25.00× (met)",
		"DecodeValidate/valid: oasgen-direct ≥ 20× faster than kin-openapi: 40.00× (met)",
		"DecodeValidate/invalid: oasgen ≥ 20× faster than kin-openapi: not measured",
		"0 allocs/op: 0 allocs/op (met)",
		"the 20× target leaves 250 ns (kin-openapi's 5 µs ÷ 20)",
		"json.Valid alone (syntax, no values) takes 500 ns, 2.00× that",
		"json.Unmarshal into an any takes 2 µs, 8.00× that",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestMedianEven(t *testing.T) {
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median = %v, want 2.5", got)
	}
	if got := median(nil); got != 0 {
		t.Errorf("median(nil) = %v", got)
	}
}

func TestSplitKeyValueNames(t *testing.T) {
	for name, want := range map[string][2]string{
		"Client/name=ogen":                 {"Client", "ogen"},
		"DecodeValidate/kin-openapi/valid": {"DecodeValidate/valid", "kin-openapi"},
	} {
		comparison, contender, ok := split(name)
		if !ok || comparison != want[0] || contender != want[1] {
			t.Errorf("split(%q) = %q, %q, %v; want %q", name, comparison, contender, ok, want)
		}
	}
}
