package generator

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/load"
)

// Specs are untrusted input. These tests build specs that are small but
// cost the generator time, memory or output out of proportion: combinators
// of $refs to combinators of $refs (ten to the power of the depth paths to
// each schema), schemas nested thousands of levels deep, and schemas that
// are their own allOf member. None asserts a time: each must finish within
// a minute (without the fixes they take hours, or crash), and the output
// must compile and grow linearly.

// finishWithin fails the test when f has not returned after a minute; f
// then runs on until the test binary exits.
func finishWithin(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("did not finish within a minute")
	}
}

// writeSpec writes a JSON spec whose components are schemas (JSON text by
// name, in order) and whose one operation takes the first as its body.
func writeSpec(t *testing.T, names []string, schemas map[string]string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, `{"openapi":"3.0.3","info":{"title":"hostile","version":"1"},`+
		`"paths":{"/x":{"post":{"operationId":"post","requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/%s"}}}},`+
		`"responses":{"204":{"description":"done"}}}}},"components":{"schemas":{`, names[0])
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", n, schemas[n])
	}
	b.WriteString("}}}")
	path := filepath.Join(t.TempDir(), "openapi.json")
	writeFile(t, path, b.String())
	return path
}

// fanOutSpec writes a spec levels deep whose every level is a keyword
// (anyOf, oneOf, allOf, or properties) of ten $refs to the next level: ten
// to the same component, or (distinct) one to each of the next level's
// ten components. The last level is an object with a constrained integer.
func fanOutSpec(t *testing.T, keyword string, levels int, distinct bool) string {
	t.Helper()
	width := 1
	if distinct {
		width = 10
	}
	name := func(level, i int) string {
		if level == 0 {
			return "L0"
		}
		return fmt.Sprintf("L%d%c", level, 'a'+i%width)
	}
	var names []string
	schemas := map[string]string{}
	for level := 0; level <= levels; level++ {
		count := width
		if level == 0 {
			count = 1
		}
		for i := range count {
			n := name(level, i)
			names = append(names, n)
			if level == levels {
				schemas[n] = `{"type":"object","properties":{"x":{"type":"integer","minimum":1}}}`
				continue
			}
			var refs []string
			for j := range 10 {
				refs = append(refs, fmt.Sprintf(`{"$ref":"#/components/schemas/%s"}`, name(level+1, j)))
			}
			if keyword == "properties" {
				var props []string
				for j, r := range refs {
					props = append(props, fmt.Sprintf(`"p%d":%s`, j, r))
				}
				schemas[n] = `{"type":"object","properties":{` + strings.Join(props, ",") + `}}`
			} else {
				schemas[n] = fmt.Sprintf(`{%q:[%s]}`, keyword, strings.Join(refs, ","))
			}
		}
	}
	return writeSpec(t, names, schemas)
}

// nestedSpec writes a spec whose one component nests levels arrays (or
// objects of one property) around an integer: levels+1 schemas deep. It
// returns the spec and the column of each schema, outermost first, all on
// line 1.
func nestedSpec(t *testing.T, kind string, levels int) (string, []int) {
	t.Helper()
	prefix := `{"openapi":"3.0.3","info":{"title":"hostile","version":"1"},"paths":{},"components":{"schemas":{"Deep":`
	var b strings.Builder
	b.WriteString(prefix)
	var cols []int
	for range levels {
		cols = append(cols, b.Len()+1)
		switch kind {
		case "items":
			b.WriteString(`{"type":"array","items":`)
		default:
			b.WriteString(`{"type":"object","properties":{"aVeryLongPropertyNameThatRepeatsAtEveryLevelOfTheSpec":`)
		}
	}
	cols = append(cols, b.Len()+1)
	b.WriteString(`{"type":"integer","minimum":1}`)
	end := "}"
	if kind != "items" {
		end = "}}"
	}
	b.WriteString(strings.Repeat(end, levels))
	b.WriteString("}}}")
	path := filepath.Join(t.TempDir(), "openapi.json")
	writeFile(t, path, b.String())
	return path, cols
}

func generateWithin(t *testing.T, spec string) *Result {
	t.Helper()
	var res *Result
	var err error
	finishWithin(t, func() { res, err = Generate(Config{Spec: spec, Package: "api", ServerInterface: ServerStrict}) })
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return res
}

func outputSize(res *Result) int {
	n := 0
	for _, f := range res.Files {
		n += len(f.Content)
	}
	return n
}

// TestHostileFanOut: ten levels of ten $refs each generate, with every
// part. The nullability of each union's rules was worked out along every
// path (10^10 of them for anyOf and oneOf).
func TestHostileFanOut(t *testing.T) {
	for _, keyword := range []string{"anyOf", "oneOf", "allOf", "properties"} {
		for _, distinct := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s distinct=%v", keyword, distinct), func(t *testing.T) {
				generateWithin(t, fanOutSpec(t, keyword, 10, distinct))
			})
		}
	}
}

// TestHostileCodeCompiles builds and vets what the hostile specs generate.
// A union held its variants by value, so ten levels of anyOf made a type
// ten to the power of eight times as large as the innermost one, which Go
// refuses ("stack frame too large"); structs of ten such fields likewise.
// The combinator cycles' package also decodes and validates a value.
func TestHostileCodeCompiles(t *testing.T) {
	items, _ := nestedSpec(t, "items", 255)
	specs := map[string]string{
		"anyofsame":     fanOutSpec(t, "anyOf", 8, false),
		"anyofdistinct": fanOutSpec(t, "anyOf", 8, true),
		"oneofsame":     fanOutSpec(t, "oneOf", 10, false),
		"propssame":     fanOutSpec(t, "properties", 10, false),
		"items":         items,
		"cycles":        filepath.Join(repoRoot(t), "testdata", "hostile", "combinator-cycle", "openapi.yaml"),
	}
	mod := newModule(t)
	for pkg, spec := range specs {
		var res *Result
		var err error
		finishWithin(t, func() { res, err = Generate(Config{Spec: spec, Package: pkg, ServerInterface: ServerStrict}) })
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		for _, f := range res.Files {
			writeFile(t, filepath.Join(mod, pkg, f.Name), string(f.Content))
		}
	}
	writeFile(t, filepath.Join(mod, "cycles", "cycles_test.go"), `package cycles

import "testing"

// Validating against rules that were their own allOf or oneOf member
// overflowed the stack.
func TestCycles(t *testing.T) {
	for _, body := range []string{`+"`"+`{"a":1,"c":"x","e":5}`+"`"+`, `+"`"+`{"a":[],"c":{},"e":null}`+"`"+`} {
		h, err := Decode[Holder]([]byte(body))
		if err == nil {
			err = h.Validate()
		}
		t.Log(body, err)
	}
}
`)
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
	goCmd(t, mod, "test", "./cycles")
}

// TestHostileSchemaDepth: schemas nest at most load.MaxSchemaDepth levels;
// one more is an error at the schema that goes too deep. 4,000 levels
// (100 KB of JSON) used to run out of memory past 10 GB.
func TestHostileSchemaDepth(t *testing.T) {
	for _, kind := range []string{"items", "properties"} {
		ok, _ := nestedSpec(t, kind, load.MaxSchemaDepth-1) // MaxSchemaDepth schemas
		generateWithin(t, ok)
		for _, levels := range []int{load.MaxSchemaDepth, 4000} {
			spec, cols := nestedSpec(t, kind, levels)
			want := fmt.Sprintf("openapi.json:1:%d: error: ", cols[load.MaxSchemaDepth])
			var err error
			var res *Result
			finishWithin(t, func() { res, err = Generate(Config{Spec: spec}) })
			var dl *diag.ErrorList
			if !errors.As(err, &dl) {
				t.Fatalf("%s %d: want a positioned error, got %v", kind, levels, err)
			}
			got := diagText(t, filepath.Dir(spec), res.Diagnostics)
			if !strings.Contains(got, want) || !strings.Contains(got, "[schema-depth]") {
				t.Errorf("%s %d levels: got\n%s\nwant a schema-depth error at %s", kind, levels, got, want)
			}
			// oasgen validate reports it too, and goes on.
			var lint diag.List
			finishWithin(t, func() { lint, err = Lint(LintConfig{Spec: spec}) })
			if err != nil || !strings.Contains(diagText(t, filepath.Dir(spec), lint), want) {
				t.Errorf("%s %d levels: lint: %v\n%s", kind, levels, err, diagText(t, filepath.Dir(spec), lint))
			}
		}
	}
}

// TestHostileNestingLinear: below the depth limit, what nesting generates
// grows with the depth, not its square: arrays nested 255 deep printed
// their whole type at every level of every loop (1.7 MB), and objects
// repeated their parents' names and locations in their own (28 MB for
// 255 levels of 60-character property names).
func TestHostileNestingLinear(t *testing.T) {
	for _, kind := range []string{"items", "properties"} {
		size := map[int]int{}
		for _, levels := range []int{1, 100, 255} {
			spec, _ := nestedSpec(t, kind, levels)
			size[levels] = outputSize(generateWithin(t, spec))
		}
		// Linear growth makes the ratio 254/99 = 2.6; quadratic, 6.6.
		ratio := float64(size[255]-size[1]) / float64(size[100]-size[1])
		t.Logf("%s: %d bytes for 1 level, %d for 100, %d for 255 (ratio %.2f)", kind, size[1], size[100], size[255], ratio)
		if ratio > 3.2 {
			t.Errorf("%s: output grows with the square of the depth: %d bytes for 100 levels, %d for 255", kind, size[100], size[255])
		}
		if per := (size[255] - size[1]) / 254; per > 8<<10 {
			t.Errorf("%s: %d bytes of output per level", kind, per)
		}
	}
}

// TestHostileCombinatorCycles: schemas that are their own allOf, anyOf or
// oneOf member generate, with a warning at each, instead of overflowing
// the stack.
func TestHostileCombinatorCycles(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "testdata", "hostile", "combinator-cycle")
	res := generateWithin(t, filepath.Join(dir, "openapi.yaml"))
	got := diagText(t, dir, res.Diagnostics)
	for _, want := range []string{
		"openapi.yaml:23:7: warning: allOf member 1 leads back", // B, of A and B
		"openapi.yaml:25:7: warning: allOf member 1 leads back", // C, of C and D
		"openapi.yaml:30:7: warning: oneOf member 1 leads back", // E
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "[combinator-cycle]"); n != 3 {
		t.Errorf("%d combinator-cycle warnings, want 3:\n%s", n, got)
	}
}
