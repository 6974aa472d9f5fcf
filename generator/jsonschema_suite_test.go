package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/jsonsuite"
)

// TestJSONSchemaSuite runs the official JSON Schema Test Suite (draft 4, the
// reference for OpenAPI 3.0 schema objects) against the generated code. Each
// applicable group's schema becomes a spec of its own (g<N>/S.json and an
// openapi.yaml whose only component refers to it) generated into its own
// package of one temporary module; one go test run there decodes and
// validates every instance, as a user would:
//
//	var v S
//	err := json.Unmarshal(data, &v)
//	if err == nil { err = v.Validate() }
//
// and prints one JSON line per instance. The failures are compared with
// testdata/jsonschema-suite/expected-failures.txt: a new failure fails the
// test, and so does a listed failure that now passes, so the list stays
// true. go test ./generator -run JSONSchemaSuite -update writes every
// failure, with its error, to testdata/jsonschema-suite/results.txt instead.
func TestJSONSchemaSuite(t *testing.T) {
	runJSONSchemaSuite(t, suiteDraft{
		name: "draft4", openapi: "3.0.3", failures: "expected-failures.txt", results: "results.txt",
		notRun: func(_ string, schema json.RawMessage) string { return jsonsuite.NotApplicable(schema) },
	})
}

// TestJSONSchemaSuite2020 runs the draft2020-12 suite (the dialect of
// OpenAPI 3.1 schema objects) as TestJSONSchemaSuite runs draft4, each
// schema in an openapi: 3.1.0 document, with its own list of expected
// failures (expected-failures-draft2020-12.txt). optional/ is not run, nor
// the groups jsonsuite.NotRun2020 names (remote refs, custom
// vocabularies); unlike draft4's, they count against the pass rate, which
// is over every required instance.
func TestJSONSchemaSuite2020(t *testing.T) {
	runJSONSchemaSuite(t, suiteDraft{
		name: "draft2020-12", openapi: "3.1.0", failures: "expected-failures-draft2020-12.txt",
		results: "results-draft2020-12.txt", notRun: jsonsuite.NotRun2020, notRunFails: true,
	})
}

var suiteFiles = flag.String("suite-files", "", "run only the JSON Schema Test Suite files whose name matches this regular expression, and compare nothing (a quicker loop while working on a keyword)")

// suiteDraft is one draft of the suite and how oasgen runs it.
type suiteDraft struct {
	name              string // folder under tests/
	openapi           string // version of the wrapping document
	failures, results string // files under testdata/jsonschema-suite
	// notRun says why a group of a file is not run, or "".
	notRun func(file string, schema json.RawMessage) string
	// notRunFails counts the instances not run as failures in the pass rate.
	notRunFails bool
}

func runJSONSchemaSuite(t *testing.T, draft suiteDraft) {
	corpus := corpusDir(t)
	if corpus == "" || jsonsuite.Dir(corpus, draft.name) == "" {
		t.Skip("../shared/corpus/json-schema-test-suite is absent: the JSON Schema Test Suite is not run")
	}
	if testing.Short() {
		t.Skip("-short: the JSON Schema Test Suite is skipped")
	}
	files, err := jsonsuite.LoadDir(jsonsuite.Dir(corpus, draft.name))
	if err != nil {
		t.Fatal(err)
	}
	if *suiteFiles != "" {
		only := regexp.MustCompile(*suiteFiles)
		files = slices.DeleteFunc(files, func(f jsonsuite.File) bool { return !only.MatchString(f.Name) })
	}
	specs, mod := t.TempDir(), newModule(t)
	s := &suiteRun{t: t, draft: draft, specs: specs, mod: mod, stats: map[string]*suiteStats{}, failed: map[string]string{}}
	for _, f := range files {
		s.stats[f.Name] = &suiteStats{}
		for _, g := range f.Groups {
			s.addGroup(f.Name, g)
		}
	}
	s.compile()
	s.run()
	s.report(files)
}

// suiteCase is one instance of the suite, with the package its schema is
// generated into. Keys (file | group | test) are unique in the suite.
type suiteCase struct {
	file, group, test string
	data              string // compact JSON
	valid             bool
	pkg               string
}

// suiteResult is what the inner test prints for each instance.
type suiteResult struct {
	File     string `json:"file"`
	Group    string `json:"group"`
	Test     string `json:"test"`
	Valid    bool   `json:"valid"`
	GotValid bool   `json:"got_valid"`
	Panic    bool   `json:"panic,omitempty"`
	Error    string `json:"error,omitempty"`
	NotRun   bool   `json:"-"` // the group could not be generated or compiled
}

func (r suiteResult) key() string { return r.File + " | " + r.Group + " | " + r.Test }

// ok reports whether the generated code agrees with the suite.
func (r suiteResult) ok() bool { return !r.Panic && !r.NotRun && r.Valid == r.GotValid }

type suiteStats struct {
	applicable, passed, notApplicable int
	notRun                            map[string]int // instances by reason
}

type suiteRun struct {
	t          *testing.T
	draft      suiteDraft
	specs, mod string
	groups     int
	cases      []suiteCase
	pkgs       []string
	stats      map[string]*suiteStats
	failed     map[string]string // package → why it could not be generated or compiled
	results    []suiteResult
}

const suiteSpec = `openapi: %s
info: {title: JSON Schema Test Suite group, version: "1"}
paths: {}
components:
  schemas:
    S:
      $ref: './S.json'
`

// suiteCheck decodes and validates an instance in each generated package.
// S may have no Validate method (a schema without constraints), hence the
// interface check; an interface type (type S any) has ValidateS instead.
const suiteCheck = `package %s

import "encoding/json"

// SuiteCheck decodes data into the type generated from S.json and validates it.
func SuiteCheck(data []byte) error {
	var v %s
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	%s
}
`

const suiteValidate = `if val, ok := any(v).(interface{ Validate() error }); ok {
		return val.Validate()
	}
	return nil`

var suiteTypeName = regexp.MustCompile(`(?m)^// (\w+) is generated from S\.json\.$`)

// addGroup generates an applicable group into package g<N> of the module.
func (s *suiteRun) addGroup(file string, g jsonsuite.Group) {
	t := s.t
	if why := s.draft.notRun(file, g.Schema); why != "" {
		st := s.stats[file]
		st.notApplicable += len(g.Tests)
		if st.notRun == nil {
			st.notRun = map[string]int{}
		}
		st.notRun[why] += len(g.Tests)
		return
	}
	s.groups++
	pkg := fmt.Sprintf("g%03d", s.groups)
	for _, tc := range g.Tests {
		var data bytes.Buffer
		if err := json.Compact(&data, tc.Data); err != nil {
			t.Fatalf("%s: %s: %s: %v", file, g.Description, tc.Description, err)
		}
		s.cases = append(s.cases, suiteCase{file: file, group: g.Description, test: tc.Description, data: data.String(), valid: tc.Valid, pkg: pkg})
	}
	dir := filepath.Join(s.specs, pkg)
	writeFile(t, filepath.Join(dir, "S.json"), string(g.Schema))
	writeFile(t, filepath.Join(dir, "openapi.yaml"), fmt.Sprintf(suiteSpec, s.draft.openapi))
	res, err := Generate(Config{Spec: filepath.Join(dir, "openapi.yaml"), Package: pkg, Generate: []string{PartModels, PartValidate}})
	if err != nil {
		msg := "generate: " + err.Error()
		if res != nil {
			msg += ": " + strings.TrimSpace(diagText(t, dir, res.Diagnostics))
		}
		s.failed[pkg] = msg
		return
	}
	typeName := ""
	for _, f := range res.Files {
		writeFile(t, filepath.Join(s.mod, pkg, f.Name), string(f.Content))
		if f.Name != "models.gen.go" {
			continue
		}
		if m := suiteTypeName.FindSubmatch(f.Content); m != nil {
			typeName = string(m[1])
		} else if bytes.Contains(f.Content, []byte("\ntype S ")) {
			typeName = "S" // S.json is a $ref: S is the type of the schema it leads to
		}
	}
	if typeName == "" {
		// No declaration: the schema maps to a Go type expression used in
		// place, such as any for {"allOf": [{}]}.
		typeName = "any"
	}
	validate := suiteValidate
	for _, f := range res.Files {
		if bytes.Contains(f.Content, []byte("\nfunc Validate"+typeName+"(x "+typeName+") error {")) {
			validate = "return Validate" + typeName + "(v)"
		}
	}
	writeFile(t, filepath.Join(s.mod, pkg, "suitecheck.go"), fmt.Sprintf(suiteCheck, pkg, typeName, validate))
	s.pkgs = append(s.pkgs, pkg)
}

var suitePkgLine = regexp.MustCompile(`(?m)^# gentest/(g\d+)$`)

// compile builds the generated packages; a package that does not compile
// is left out, and its instances fail with the compiler's message.
func (s *suiteRun) compile() {
	for len(s.pkgs) > 0 {
		out, err := suiteGo(s.mod, "build", "./...")
		if err == nil {
			return
		}
		removed := 0
		bad := suitePkgLine.FindAllSubmatchIndex(out, -1)
		for i, m := range bad {
			end := len(out)
			if i+1 < len(bad) {
				end = bad[i+1][0]
			}
			pkg := string(out[m[2]:m[3]])
			if !slices.Contains(s.pkgs, pkg) {
				continue
			}
			s.failed[pkg] = "compile: " + strings.TrimSpace(string(out[m[1]:end]))
			s.pkgs = slices.DeleteFunc(s.pkgs, func(p string) bool { return p == pkg })
			if err := os.RemoveAll(filepath.Join(s.mod, pkg)); err != nil {
				s.t.Fatal(err)
			}
			removed++
		}
		if removed == 0 {
			s.t.Fatalf("go build in %s: %v\n%s", s.mod, err, out)
		}
	}
}

// run writes the inner test (a table of every instance) and runs it.
func (s *suiteRun) run() {
	t := s.t
	var b strings.Builder
	b.WriteString("package suite\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"testing\"\n\n")
	for _, p := range s.pkgs {
		fmt.Fprintf(&b, "\t%q\n", "gentest/"+p)
	}
	b.WriteString(")\n\nvar cases = []struct {\n\tfile, group, test string\n\tvalid bool\n\tdata string\n\tcheck func([]byte) error\n}{\n")
	for _, c := range s.cases {
		if _, bad := s.failed[c.pkg]; bad {
			continue
		}
		fmt.Fprintf(&b, "\t{%q, %q, %q, %t, %q, %s.SuiteCheck},\n", c.file, c.group, c.test, c.valid, c.data, c.pkg)
	}
	b.WriteString("}\n" + suiteInner)
	writeFile(t, filepath.Join(s.mod, "suite", "suite_test.go"), b.String())
	out, err := suiteGo(s.mod, "test", "-count=1", "-vet=off", "-v", "-run=^TestSuite$", "./suite")
	if err != nil {
		t.Fatalf("go test in %s: %v\n%s", s.mod, err, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "SUITE ")
		if !ok {
			continue
		}
		var r suiteResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("inner test printed %q: %v", line, err)
		}
		s.results = append(s.results, r)
	}
	// Instances of groups that could not be generated or compiled fail.
	for _, c := range s.cases {
		if why, bad := s.failed[c.pkg]; bad {
			s.results = append(s.results, suiteResult{File: c.file, Group: c.group, Test: c.test, Valid: c.valid, NotRun: true, Error: why})
		}
	}
	if len(s.results) != len(s.cases) {
		t.Fatalf("inner test reported %d results for %d instances:\n%s", len(s.results), len(s.cases), out)
	}
	order := map[string]int{}
	for i, c := range s.cases {
		order[c.file+" | "+c.group+" | "+c.test] = i
	}
	slices.SortFunc(s.results, func(a, b suiteResult) int { return order[a.key()] - order[b.key()] })
}

// suiteInner is the inner test: one JSON line per instance, "SUITE {...}".
const suiteInner = `
type result struct {
	File     string ` + "`json:\"file\"`" + `
	Group    string ` + "`json:\"group\"`" + `
	Test     string ` + "`json:\"test\"`" + `
	Valid    bool   ` + "`json:\"valid\"`" + `
	GotValid bool   ` + "`json:\"got_valid\"`" + `
	Panic    bool   ` + "`json:\"panic,omitempty\"`" + `
	Error    string ` + "`json:\"error,omitempty\"`" + `
}

func TestSuite(t *testing.T) {
	for _, c := range cases {
		r := result{File: c.file, Group: c.group, Test: c.test, Valid: c.valid}
		err, panicked := check(c.check, c.data)
		r.GotValid, r.Panic = err == nil && !panicked, panicked
		if err != nil {
			r.Error = err.Error()
		}
		line, jerr := json.Marshal(r)
		if jerr != nil {
			t.Fatal(jerr)
		}
		fmt.Println("SUITE " + string(line))
	}
}

func check(fn func([]byte) error, data string) (err error, panicked bool) {
	defer func() {
		if p := recover(); p != nil {
			err, panicked = fmt.Errorf("panic: %v", p), true
		}
	}()
	return fn([]byte(data)), false
}
`

// suiteGo runs a go build or test command in dir and returns its combined
// output. -trimpath lets the build cache serve packages generated the same
// as last time from another temporary folder; the generated packages are
// compiled without optimization, which saves a quarter of the time.
func suiteGo(dir, command string, args ...string) ([]byte, error) {
	args = append([]string{command, "-trimpath", "-gcflags=gentest/...=-N -l"}, args...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	return cmd.CombinedOutput()
}

// report logs the pass rate per file and compares the failures with the
// committed list, or writes them all with -update.
func (s *suiteRun) report(files []jsonsuite.File) {
	t := s.t
	var failures []suiteResult
	for _, r := range s.results {
		st := s.stats[r.File]
		st.applicable++
		if r.ok() {
			st.passed++
		} else {
			failures = append(failures, r)
		}
	}
	var summary strings.Builder
	total := suiteStats{}
	for _, f := range files {
		st := s.stats[f.Name]
		fmt.Fprintf(&summary, "%s: %d/%d applicable passed (%d not applicable)\n", f.Name, st.passed, st.applicable, st.notApplicable)
		for _, why := range slices.Sorted(maps.Keys(st.notRun)) {
			if s.draft.notRunFails {
				fmt.Fprintf(&summary, "  not run (%d): %s\n", st.notRun[why], why)
			}
		}
		total.applicable += st.applicable
		total.passed += st.passed
		total.notApplicable += st.notApplicable
	}
	fmt.Fprintf(&summary, "total: %d/%d applicable passed (%d not applicable), %d groups generated\n", total.passed, total.applicable, total.notApplicable, s.groups)
	if s.draft.notRunFails {
		required := total.applicable + total.notApplicable
		fmt.Fprintf(&summary, "required instances: %d/%d passed (%.1f%%), those not run counted as failed\n", total.passed, required, 100*float64(total.passed)/float64(required))
	}
	t.Logf("generated code against the JSON Schema Test Suite (%s):\n%s", s.draft.name, summary.String())

	if *suiteFiles != "" {
		for _, r := range failures {
			t.Logf("%s | %s", r.key(), r.verdict())
		}
		return
	}
	dir := filepath.Join(repoRoot(t), "testdata", "jsonschema-suite")
	if *update {
		var b strings.Builder
		fmt.Fprintf(&b, "# Written by go test ./generator -run %s -update: every instance of\n# the JSON Schema Test Suite (%s) that the generated code gets wrong.\n#\n", t.Name(), s.draft.name)
		for line := range strings.Lines(summary.String()) {
			b.WriteString("# " + line)
		}
		b.WriteString("#\n# file | group | test | expected, got: error\n")
		for _, r := range failures {
			fmt.Fprintf(&b, "%s | %s\n", r.key(), r.verdict())
		}
		writeFile(t, filepath.Join(dir, s.draft.results), b.String())
		return
	}
	want := readExpectedFailures(t, filepath.Join(dir, s.draft.failures))
	got := map[string]suiteResult{}
	for _, r := range failures {
		got[r.key()] = r
		if !want[r.key()] {
			t.Errorf("new failure: %s | %s", r.key(), r.verdict())
		}
	}
	seen := map[string]bool{}
	for _, r := range s.results {
		seen[r.key()] = true
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		switch _, failing := got[key]; {
		case !seen[key]:
			t.Errorf("%s lists %q, which is not an applicable instance of the suite: remove it from the list", s.draft.failures, key)
		case !failing:
			t.Errorf("%s now passes: remove it from testdata/jsonschema-suite/%s", key, s.draft.failures)
		}
	}
}

// verdict says what went wrong with an instance, on one line.
func (r suiteResult) verdict() string {
	want := "invalid"
	if r.Valid {
		want = "valid"
	}
	got := "accepted"
	switch {
	case r.NotRun:
		got = "not run"
	case r.Panic:
		got = "panicked"
	case !r.GotValid:
		got = "rejected"
	}
	msg := fmt.Sprintf("want %s, %s", want, got)
	if r.Error != "" {
		msg += ": " + strings.Join(strings.Fields(r.Error), " ")
	}
	return msg
}

// readExpectedFailures reads "file | group | test" lines; blank lines and
// lines starting with # are comments.
func readExpectedFailures(t *testing.T, path string) map[string]bool {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -run JSONSchemaSuite -update and copy the failures of results.txt)", err)
	}
	want := map[string]bool{}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Count(line, " | ") != 2 {
			t.Errorf("%s: %q is not file | group | test", path, line)
			continue
		}
		want[line] = true
	}
	return want
}
