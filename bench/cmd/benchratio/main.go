// Command benchratio reads `go test -bench` output and prints, for the
// decode + validate benchmark, each contender's median ns/op, B/op and
// allocs/op next to oasgen's, the ratios contender ÷ oasgen, and whether
// the validators issue's targets are met. bench-validate.sh runs it after
// benchstat:
//
//	go run ./cmd/benchratio bench.txt
//
// Benchmarks are named Benchmark<Group>/<contender>[/<case>], e.g.
// BenchmarkDecodeValidate/kin-openapi/valid; the -N GOMAXPROCS suffix is
// ignored. A ratio above 1 means oasgen is faster (or allocates less).
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// base is what the ratios divide by: oasgen through json.Unmarshal. direct
// is oasgen through the generated package's Decode, checked against the
// kin-openapi target too.
const (
	base   = "oasgen"
	direct = "oasgen-direct"
)

// Targets from the validators issue.
const (
	targetKinRatio = 20.0 // oasgen at least 20× faster than kin-openapi (decode + validate)
	targetAllocs   = 0.0  // Validate on a decoded valid value: 0 allocs/op
)

// sample holds every measured value of one benchmark, by unit.
type sample map[string][]float64

var procSuffix = regexp.MustCompile(`-\d+$`)

// parse reads benchmark result lines: name, iterations, then value/unit pairs.
func parse(r io.Reader) (map[string]sample, error) {
	out := map[string]sample{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1024*1024), 1024*1024)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		s := out[name]
		if s == nil {
			s = sample{}
			out[name] = s
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", sc.Text(), err)
			}
			s[f[i+1]] = append(s[f[i+1]], v)
		}
	}
	return out, sc.Err()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// row is one contender in one comparison (group and case).
type row struct {
	comparison, contender string
	ns, bytes, allocs     float64
	n                     int
}

// split turns "DecodeValidate/kin-openapi/valid" into
// ("DecodeValidate/valid", "kin-openapi"), and "Client/name=ogen" into
// ("Client", "ogen").
func split(name string) (comparison, contender string, ok bool) {
	parts := strings.Split(name, "/")
	if len(parts) < 2 {
		return "", "", false
	}
	contender = strings.TrimPrefix(parts[1], "name=") // benchstat's key=value sub-benchmark names
	comparison = strings.Join(append([]string{parts[0]}, parts[2:]...), "/")
	return comparison, contender, true
}

func rows(results map[string]sample) []row {
	var out []row
	for name, s := range results {
		comparison, contender, ok := split(name)
		if !ok {
			continue
		}
		out = append(out, row{
			comparison: comparison, contender: contender,
			ns: median(s["ns/op"]), bytes: median(s["B/op"]), allocs: median(s["allocs/op"]),
			n: len(s["ns/op"]),
		})
	}
	order := map[string]int{base: 0, direct: 1, "kin-openapi": 2, "ogen": 3}
	rank := func(c string) int {
		if r, ok := order[c]; ok {
			return r
		}
		return len(order)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].comparison != out[j].comparison {
			return out[i].comparison < out[j].comparison
		}
		if rank(out[i].contender) != rank(out[j].contender) {
			return rank(out[i].contender) < rank(out[j].contender)
		}
		return out[i].contender < out[j].contender
	})
	return out
}

func ratio(peer, oasgen float64) string {
	switch {
	case oasgen == 0 && peer == 0:
		return "="
	case oasgen == 0:
		return "∞"
	}
	return fmt.Sprintf("%.2f×", peer/oasgen)
}

func report(w io.Writer, rs []row) {
	baseOf := map[string]row{}
	for _, r := range rs {
		if r.contender == base {
			baseOf[r.comparison] = r
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COMPARISON\tCONTENDER\tRUNS\tMEDIAN ns/op\tB/op\tallocs/op\tTIME ÷ OASGEN\tALLOCS ÷ OASGEN")
	for _, r := range rs {
		b, ok := baseOf[r.comparison]
		t, a := "-", "-"
		switch {
		case r.contender == base:
			t, a = "base", "base"
		case ok:
			t, a = ratio(r.ns, b.ns), ratio(r.allocs, b.allocs)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%.0f\t%.0f\t%s\t%s\n", r.comparison, r.contender, r.n, r.ns, r.bytes, r.allocs, t, a)
	}
	tw.Flush()

	fmt.Fprintln(w)
	fmt.Fprintln(w, "targets of the validators issue:")
	for _, c := range []string{"DecodeValidate/valid", "DecodeValidate/invalid"} {
		for _, name := range []string{base, direct} {
			o, oko := find(rs, c, name)
			kin, okk := find(rs, c, "kin-openapi")
			if name == direct && !oko {
				continue // an older benchmark without it
			}
			if !oko || !okk || o.ns == 0 {
				fmt.Fprintf(w, "  %s: %s ≥ %.0f× faster than kin-openapi: not measured\n", c, name, targetKinRatio)
				continue
			}
			fmt.Fprintf(w, "  %s: %s ≥ %.0f× faster than kin-openapi: %.2f× (%s)\n", c, name, targetKinRatio, kin.ns/o.ns, verdict(kin.ns/o.ns >= targetKinRatio))
		}
	}
	budget(w, rs)
	if b, ok := baseOf["ValidateOnly"]; ok {
		fmt.Fprintf(w, "  ValidateOnly: oasgen Validate() on a valid value 0 allocs/op: %.0f allocs/op (%s)\n", b.allocs, verdict(b.allocs <= targetAllocs))
	} else {
		fmt.Fprintln(w, "  ValidateOnly: oasgen Validate() 0 allocs/op: not measured")
	}
}

// budget prints the time the 20× target leaves on the valid document,
// kin-openapi's ÷ 20, next to what the standard library takes for less
// than decoding into typed values (BenchmarkFloor).
func budget(w io.Writer, rs []row) {
	kin, ok := find(rs, "DecodeValidate/valid", "kin-openapi")
	if !ok || kin.ns == 0 {
		return
	}
	limit := kin.ns / targetKinRatio
	fmt.Fprintf(w, "  DecodeValidate/valid: the %.0f× target leaves %s (kin-openapi's %s ÷ %.0f)\n", targetKinRatio, duration(limit), duration(kin.ns), targetKinRatio)
	for _, floor := range []struct{ contender, what string }{
		{"encoding-json-valid", "json.Valid alone (syntax, no values)"},
		{"encoding-json-any", "json.Unmarshal into an any"},
	} {
		if f, ok := find(rs, "Floor/valid", floor.contender); ok {
			fmt.Fprintf(w, "    %s takes %s, %.2f× that\n", floor.what, duration(f.ns), f.ns/limit)
		}
	}
}

// duration formats ns nanoseconds with three significant digits at most.
func duration(ns float64) string {
	switch {
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e6:
		return strconv.FormatFloat(ns/1e3, 'g', 3, 64) + " µs"
	}
	return strconv.FormatFloat(ns/1e6, 'g', 3, 64) + " ms"
}

// find returns the row of contender in comparison.
func find(rs []row, comparison, contender string) (row, bool) {
	for _, r := range rs {
		if r.comparison == comparison && r.contender == contender {
			return r, true
		}
	}
	return row{}, false
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: benchratio FILE   (go test -bench output; - for stdin)")
		os.Exit(2)
	}
	var r io.Reader = os.Stdin
	if os.Args[1] != "-" {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchratio:", err)
			os.Exit(2)
		}
		defer f.Close()
		r = f
	}
	results, err := parse(r)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(2)
	}
	rs := rows(results)
	if len(rs) == 0 {
		fmt.Fprintln(os.Stderr, "benchratio: no Benchmark<Group>/<contender> results in the input")
		os.Exit(1)
	}
	report(os.Stdout, rs)
}
