package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

var updateDifferences = flag.Bool("update-differences", false,
	"rewrite testdata/differential/known-differences.txt with the disagreements found (review the reasons before committing)")

// TestDifferential judges the same JSON instances with the code oasgen
// generates (json.Unmarshal into the generated type, then Validate) and with
// kin-openapi's Schema.VisitJSON, and fails on every accept/reject
// disagreement that testdata/differential/known-differences.txt does not list.
//
// The schemas are every component schema of specs/store and of the four
// Medusa specs (skipped under -short or when ../shared is absent). The
// instances are each schema's example, a minimal and a fuller valid instance
// built from the schema, and mutations of the fuller one: a required property
// dropped, a null, a value of the wrong JSON type, an unknown property, and a
// value breaking minimum, maximum, minLength, maxLength, enum, pattern,
// format, multipleOf, minItems, maxItems or uniqueItems where the schema has
// one. All generated packages are built and run by one go test.
func TestDifferential(t *testing.T) {
	root := repoRoot(t)
	specs := []diffSpec{{
		name:   "store",
		oasgen: filepath.Join(root, "specs", "store", "openapi.yaml"),
		dir:    filepath.Join(root, "specs", "store"),
	}}
	if corpus := corpusDir(t); corpus == "" {
		t.Log("../shared/corpus is absent: only specs/store is judged")
	} else if testing.Short() {
		t.Log("-short: only specs/store is judged, not the Medusa corpus")
	} else {
		for _, name := range []string{"medusa-v1/store", "medusa-v1/admin", "medusa-v2/store", "medusa-v2/admin"} {
			dir := filepath.Join(corpus, filepath.FromSlash(name))
			if _, err := os.Stat(filepath.Join(dir, "openapi.full.yaml")); err != nil {
				t.Logf("%s: no openapi.full.yaml, skipped", name)
				continue
			}
			specs = append(specs, diffSpec{
				name:   name,
				oasgen: filepath.Join(dir, "openapi.yaml"),
				kin:    filepath.Join(dir, "openapi.full.yaml"),
				dir:    dir,
			})
		}
	}

	pinned := diffReadPinned(t, filepath.Join(root, "testdata", "differential", "instances.json"))
	mod := newModule(t)
	var all []*diffCase
	for i, sp := range specs {
		pkg := fmt.Sprintf("d%d", i)
		cases := diffPrepare(t, sp, filepath.Join(mod, pkg), pkg, pinned[sp.name])
		all = append(all, cases...)
	}
	goCmd(t, mod, "test", "-count=1", "-vet=off", "./...")

	// Read the verdicts of the generated code.
	for i, sp := range specs {
		pkg := fmt.Sprintf("d%d", i)
		data, err := os.ReadFile(filepath.Join(mod, pkg, "results.json"))
		if err != nil {
			t.Fatal(err)
		}
		var results map[string]diffResult
		if err := json.Unmarshal(data, &results); err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			if c.spec != sp.name {
				continue
			}
			r, ok := results[c.ID]
			if !ok {
				t.Fatalf("%s: no verdict for %s", sp.name, c.ID)
			}
			c.oasgenOK, c.oasgenErr = r.OK, r.Error
		}
	}

	knownPath := filepath.Join(root, "testdata", "differential", "known-differences.txt")
	known := diffReadKnown(t, knownPath)
	judged := map[string]bool{}
	for _, sp := range specs {
		judged[sp.name] = true
	}
	var disagreements []*diffCase
	stats := map[string][4]int{} // spec → instances, both accept, both reject, disagreements
	byKind := map[string]int{}
	built, unsatisfied := 0, 0 // valid:* instances, and those kin-openapi rejects
	for _, c := range all {
		if c.kind() == "valid" {
			built++
			if !c.kinOK {
				unsatisfied++
				if testing.Verbose() {
					t.Logf("built instance rejected: %s %s %s: %s", c.spec, c.Type, c.instance, diffFirstLine(c.kinErr))
				}
			}
		}
		s := stats[c.spec]
		s[0]++
		switch {
		case c.oasgenOK && c.kinOK:
			s[1]++
		case !c.oasgenOK && !c.kinOK:
			s[2]++
		default:
			s[3]++
			disagreements = append(disagreements, c)
			where := c.hint
			if c.kind() == "pinned" {
				where = "pinned"
			}
			byKind[fmt.Sprintf("%-7s %-8s %s", c.kind(), where, c.verdicts())]++
		}
		stats[c.spec] = s
		if strings.HasPrefix(c.oasgenErr, "panic: ") {
			t.Errorf("%s %s %s: generated code panicked: %s\ninstance: %s", c.spec, c.Type, c.ID, c.oasgenErr, c.Data)
		}
	}
	for _, sp := range specs {
		s := stats[sp.name]
		t.Logf("%-16s %5d instances: %5d accepted by both, %5d rejected by both, %3d disagreements", sp.name, s[0], s[1], s[2], s[3])
	}
	t.Logf("%d of %d instances built to be valid are rejected by kin-openapi (schemas the builder cannot satisfy)", unsatisfied, built)
	for _, k := range diffSortedKeys(byKind) {
		t.Logf("disagreements: %s: %d", k, byKind[k])
	}

	if *updateDifferences {
		diffWriteKnown(t, knownPath, known, judged, disagreements)
		return
	}
	seen := map[string]bool{}
	for _, c := range disagreements {
		key := c.key()
		if _, ok := known[key]; ok {
			seen[key] = true
			continue
		}
		t.Errorf("new disagreement: %s\n  instance: %s\n  oasgen: %s\n  kin-openapi: %s\n  (a bug, or an intended difference to add to %s with its reason)",
			key, c.Data, diffFirstLine(diffOrAccepted(c.oasgenErr)), diffFirstLine(diffOrAccepted(c.kinErr)), "testdata/differential/known-differences.txt")
	}
	for key := range known {
		if spec, _, _ := strings.Cut(key, " "); judged[spec] && !seen[key] {
			t.Errorf("known difference no longer seen (remove it from testdata/differential/known-differences.txt): %s", key)
		}
	}
}

// diffSpec is one spec to judge: oasgen generates from oasgen; kin-openapi
// loads kin (for specs/store, a wrapper listing the schema files).
type diffSpec struct {
	name   string
	oasgen string
	kin    string
	dir    string // holds components/schemas
}

// diffCase is one instance of one schema, judged by both sides.
type diffCase struct {
	ID   string          `json:"id"`
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`

	spec      string
	instance  string // kind:pointer
	hint      string
	kinOK     bool
	kinErr    string
	oasgenOK  bool
	oasgenErr string
}

func (c *diffCase) kind() string {
	k, _, _ := strings.Cut(c.instance, ":")
	return k
}

func (c *diffCase) verdicts() string {
	return "oasgen=" + diffVerdict(c.oasgenOK) + " kin=" + diffVerdict(c.kinOK)
}

// key is the line of known-differences.txt before the reason.
func (c *diffCase) key() string {
	return c.spec + " " + c.Type + " " + c.instance + " " + c.verdicts()
}

type diffResult struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

func diffVerdict(ok bool) string {
	if ok {
		return "accept"
	}
	return "reject"
}

// diffFirstLine shortens kin-openapi's messages, which print the whole schema.
func diffFirstLine(msg string) string {
	msg, _, _ = strings.Cut(msg, "\n")
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	return msg
}

func diffOrAccepted(msg string) string {
	if msg == "" {
		return "accepted"
	}
	return msg
}

// diffKinOptions validates as OpenAPI 3.0 with neither request nor response
// direction (Validate ignores readOnly/writeOnly too). kin-openapi checks
// byte, date and date-time (and the int32/int64 ranges) by default; we add
// its own optional email and RFC 9562 uuid patterns and its ipv4/ipv6
// checks, so both sides check the same string formats. Formats only oasgen
// checks (uri, uri-reference, hostname, time) are never mutated.
func diffKinOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.MultiErrors(),
		openapi3.WithStringFormatValidators(map[string]openapi3.StringFormatValidator{
			"email": openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail),
			"uuid":  openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562),
			"ipv4":  openapi3.NewIPValidator(true),
			"ipv6":  openapi3.NewIPValidator(false),
		}),
	}
}

// Valid and invalid values of the formats both sides check.
var (
	diffValidFormat = map[string]string{
		"date-time": "2024-01-31T10:15:30Z", "date": "2024-01-31", "time": "10:15:30Z",
		"email": "ada@example.com", "uuid": "123e4567-e89b-42d3-a456-426614174000",
		"uri": "https://example.com/a", "url": "https://example.com/a", "uri-reference": "/a",
		"hostname": "example.com", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "byte": "aGVsbG8=",
	}
	diffInvalidFormat = map[string]string{
		"date-time": "2024-01-31 10:15:30", "date": "2024-02-30", "byte": "not base64!",
		"email": "ada.example.com", "uuid": "123e4567-e89b-42d3-a456-42661417400",
		"ipv4": "192.0.2.256", "ipv6": "2001:db8::g",
	}
)

// diffPrepare generates sp into dir as package pkg, builds the
// instances, judges them with kin-openapi and writes them with the test that
// judges them with the generated code.
func diffPrepare(t *testing.T, sp diffSpec, dir, pkg string, pinned []diffPinned) []*diffCase {
	t.Helper()
	res, err := Generate(Config{Spec: sp.oasgen, Package: pkg, Generate: []string{PartModels, PartValidate}})
	if err != nil {
		t.Fatalf("%s: %v", sp.oasgen, err)
	}
	var models []byte
	for _, f := range res.Files {
		writeFile(t, filepath.Join(dir, f.Name), string(f.Content))
		if f.Name == "models.gen.go" {
			models = f.Content
		}
	}
	goNames := diffComponentTypes(models)

	doc := diffLoadKin(t, sp)
	names := diffSortedKeys(doc.Components.Schemas)
	var cases []*diffCase
	skipped := 0
	extra := map[string][]diffInstance{}
	for _, p := range pinned {
		if _, ok := goNames[p.Schema]; !ok {
			t.Errorf("testdata/differential/instances.json: %s has no generated component schema %s", sp.name, p.Schema)
		}
		extra[p.Schema] = append(extra[p.Schema], diffInstance{id: "pinned:" + p.Name, value: p.Data, hint: p.Note})
	}
	for _, name := range names {
		goName, ok := goNames[name]
		if !ok {
			skipped++ // not reached from the spec's root, so not generated
			continue
		}
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			t.Fatalf("%s: component %s did not resolve", sp.name, name)
		}
		for _, inst := range append(diffInstances(ref.Value), extra[name]...) {
			data, err := json.Marshal(inst.value)
			if err != nil {
				t.Fatalf("%s %s %s: %v", sp.name, name, inst.id, err)
			}
			var value any
			if err := json.Unmarshal(data, &value); err != nil {
				t.Fatal(err)
			}
			c := &diffCase{ID: goName + " " + inst.id, Type: goName, Data: data, spec: sp.name, instance: inst.id, hint: inst.hint}
			if err := ref.Value.VisitJSON(value, diffKinOptions()...); err != nil {
				c.kinErr = err.Error()
			} else {
				c.kinOK = true
			}
			cases = append(cases, c)
		}
	}
	t.Logf("%s: %d component schemas, %d generated and judged, %d not reached from the root", sp.name, len(names), len(names)-skipped, skipped)
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "cases.json"), string(data))
	writeFile(t, filepath.Join(dir, "zz_differential_test.go"), diffRunner(pkg, cases))
	return cases
}

// diffPinned is an instance judged on top of the generated ones: bugs
// found, fuzz findings, cases the mutations do not reach.
type diffPinned struct {
	Spec   string          `json:"spec"`
	Schema string          `json:"schema"` // component name
	Name   string          `json:"name"`
	Note   string          `json:"note"` // "intended: reason" gives -update-differences the reason
	Data   json.RawMessage `json:"data"`
}

func diffReadPinned(t *testing.T, path string) map[string][]diffPinned {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var list []diffPinned
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string][]diffPinned{}
	for _, p := range list {
		out[p.Spec] = append(out[p.Spec], p)
	}
	return out
}

var diffGeneratedFrom = regexp.MustCompile(`(?m)^// (\w+) is generated from components/schemas/([^/#\s]+)\.yaml\.$`)

// diffComponentTypes maps each component schema file (without .yaml) to the
// Go type oasgen generated for it, read from the doc comments.
func diffComponentTypes(models []byte) map[string]string {
	out := map[string]string{}
	for _, m := range diffGeneratedFrom.FindAllSubmatch(models, -1) {
		out[string(m[2])] = string(m[1])
	}
	return out
}

// diffLoadKin loads the spec with kin-openapi. specs/store has no
// components.schemas, so a copy of it gets a wrapper document listing every
// file under components/schemas as a component.
func diffLoadKin(t *testing.T, sp diffSpec) *openapi3.T {
	t.Helper()
	file := sp.kin
	if file == "" {
		copyDir := filepath.Join(t.TempDir(), "spec")
		if err := os.CopyFS(copyDir, os.DirFS(sp.dir)); err != nil {
			t.Fatal(err)
		}
		files, err := filepath.Glob(filepath.Join(copyDir, "components", "schemas", "*.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.WriteString("openapi: 3.0.3\ninfo: {title: differential, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n")
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".yaml")
			fmt.Fprintf(&b, "    %s: {$ref: './components/schemas/%s.yaml'}\n", name, name)
		}
		file = filepath.Join(copyDir, "differential.yaml")
		writeFile(t, file, b.String())
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	doc, err := loader.LoadFromFile(file)
	if err != nil {
		t.Fatalf("kin-openapi cannot load %s: %v", file, err)
	}
	return doc
}

// diffRunner is the test placed in each generated package: it judges
// cases.json with the generated types and writes results.json.
func diffRunner(pkg string, cases []*diffCase) string {
	var types []string
	for _, c := range cases {
		if !slices.Contains(types, c.Type) {
			types = append(types, c.Type)
		}
	}
	sort.Strings(types)
	var b strings.Builder
	fmt.Fprintf(&b, `package %s

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

var oasgenDiffJudges = map[string]func([]byte) error{
`, pkg)
	for _, typ := range types {
		fmt.Fprintf(&b, "\t%q: oasgenDiffJudge[%s],\n", typ, typ)
	}
	b.WriteString(`}

// oasgenDiffJudge decodes data into a T and validates it.
func oasgenDiffJudge[T any](data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	if x, ok := any(v).(interface{ Validate() error }); ok {
		return x.Validate()
	}
	if x, ok := any(&v).(interface{ Validate() error }); ok {
		return x.Validate()
	}
	return nil
}

func TestOasgenDifferential(t *testing.T) {
	data, err := os.ReadFile("cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		ID   string          ` + "`json:\"id\"`" + `
		Type string          ` + "`json:\"type\"`" + `
		Data json.RawMessage ` + "`json:\"data\"`" + `
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	type result struct {
		OK    bool   ` + "`json:\"ok\"`" + `
		Error string ` + "`json:\"error,omitempty\"`" + `
	}
	out := map[string]result{}
	for _, c := range cases {
		judge := oasgenDiffJudges[c.Type]
		if judge == nil {
			t.Fatalf("no judge for %s", c.Type)
		}
		if err := judge(c.Data); err != nil {
			out[c.ID] = result{Error: err.Error()}
		} else {
			out[c.ID] = result{OK: true}
		}
	}
	data, err = json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("results.json", data, 0o644); err != nil {
		t.Fatal(err)
	}
}
`)
	return b.String()
}

// diffReadKnown reads "KEY | reason" lines; # starts a comment.
func diffReadKnown(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, " | ")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s:%d: want KEY | reason", path, n)
		}
		if strings.HasPrefix(strings.TrimSpace(reason), "TODO") {
			if *updateDifferences {
				continue // classified again
			}
			t.Fatalf("%s:%d: a TODO: give the reason of this intended difference, or remove the line and report the bug", path, n)
		}
		out[strings.TrimSpace(key)] = strings.TrimSpace(reason)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// diffWriteKnown rewrites the list: current disagreements keep their
// reason (new ones get "TODO"), and lines of specs not judged in this run
// are kept.
func diffWriteKnown(t *testing.T, path string, known map[string]string, judged map[string]bool, found []*diffCase) {
	diffWriteList(t, path, diffKnownHeader, known, judged, found)
}

// diffKnownHeader heads testdata/differential/known-differences.txt.
const diffKnownHeader = `# Intended accept/reject differences between oasgen's generated validators
# and kin-openapi's Schema.VisitJSON, found by generator/differential_test.go.
# Each line: SPEC TYPE KIND:POINTER oasgen=VERDICT kin=VERDICT | reason
# The test fails on any disagreement not listed here, and on listed lines
# that no longer disagree. Rewrite with: go test ./generator -run TestDifferential -update-differences
`

// diffWriteList writes a list of known differences under header.
func diffWriteList(t *testing.T, path, header string, known map[string]string, judged map[string]bool, found []*diffCase) {
	t.Helper()
	lines := map[string]string{}
	for key, reason := range known {
		if spec, _, _ := strings.Cut(key, " "); !judged[spec] {
			lines[key] = reason
		}
	}
	for _, c := range found {
		reason := known[c.key()]
		if reason == "" {
			reason = diffClassify(c)
		}
		lines[c.key()] = reason
	}
	var b bytes.Buffer
	b.WriteString(header)
	for _, key := range diffSortedKeys(lines) {
		fmt.Fprintf(&b, "%s | %s\n", key, lines[key])
	}
	writeFile(t, path, b.String())
}

// Reasons of the intended differences, given by -update-differences to the
// disagreements whose shape matches; every other one gets a TODO to review.
const (
	diffReasonRefNullable = "nullable: true beside $ref: oasgen honours it (docs/loading.md); kin-openapi ignores keys next to $ref in OAS 3.0"
	diffReasonUntypedNull = "schema without type: in OAS 3.0.3 nullable only adds null to an explicit type, so oasgen accepts null; kin-openapi rejects null unless nullable: true"
)

func diffClassify(c *diffCase) string {
	if reason, ok := strings.CutPrefix(c.hint, "intended: "); ok && c.kind() == "pinned" {
		return reason
	}
	if c.kind() == "null" && c.oasgenOK && !c.kinOK {
		switch c.hint {
		case "ref":
			return diffReasonRefNullable
		case "untyped":
			return diffReasonUntypedNull
		}
	}
	return "TODO: explain this difference, or report the bug and remove the line"
}

func diffSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---- Instances ----

type diffInstance struct {
	id    string // kind:pointer
	value any
	hint  string // what kind of place a null went to, or a pinned instance's note, for -update-differences
}

// diffSlot is a place in the full instance where a mutation can go.
type diffSlot struct {
	path     []string
	schema   *openapi3.Schema
	ref      *openapi3.SchemaRef // what the schema came through, if known
	required bool                // a required property of its object
	present  bool
	property bool // a declared property of an object
	item     bool // an array item or a map value
}

// hint tells which kind of place the slot is: a null sent there is judged
// differently by design (see known-differences.txt) when its schema is
// untyped or a $ref with nullable: true beside it.
func (s diffSlot) hint() string {
	switch {
	case s.schema != nil && diffUntyped(s.schema) && !s.schema.Nullable:
		return "untyped"
	case s.ref != nil && s.ref.Ref != "" && diffSiblingNullable(s.ref):
		return "ref"
	case s.item:
		return "item"
	case len(s.path) == 0:
		return "root"
	}
	return ""
}

func (s diffSlot) pointer() string {
	if len(s.path) == 0 {
		return "/"
	}
	var b strings.Builder
	for _, p := range s.path {
		b.WriteString("/" + strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// diffInstances returns the instances judged for one component schema.
func diffInstances(s *openapi3.Schema) []diffInstance {
	var out []diffInstance
	if s.Example != nil {
		out = append(out, diffInstance{id: "example", value: s.Example})
	}
	b := &diffBuilder{}
	minimal, ok := b.value(s, 0, false)
	if ok {
		out = append(out, diffInstance{id: "valid:minimal", value: minimal})
	}
	full, ok := b.value(s, 0, true)
	if !ok {
		return out
	}
	out = append(out, diffInstance{id: "valid:full", value: full})

	var slots []diffSlot
	var objects []diffSlot
	diffWalk(s, full, nil, &slots, &objects, 0)
	sort.SliceStable(slots, func(i, j int) bool { return len(slots[i].path) < len(slots[j].path) })
	sort.SliceStable(objects, func(i, j int) bool { return len(objects[i].path) < len(objects[j].path) })

	add := func(kind string, picks int, candidates []diffSlot, mutate func(diffSlot) (any, bool, bool)) {
		for _, sl := range diffSpread(candidates, picks) {
			v, set, ok := mutate(sl)
			if !ok {
				continue
			}
			out = append(out, diffInstance{kind + ":" + sl.pointer(), diffMutated(full, sl.path, v, set), sl.hint()})
		}
	}
	filter := func(keep func(diffSlot) bool) []diffSlot {
		var r []diffSlot
		for _, sl := range slots {
			if keep(sl) {
				r = append(r, sl)
			}
		}
		return r
	}
	str := func(sl diffSlot) bool { return sl.schema != nil && diffHasType(sl.schema, "string") }
	num := func(sl diffSlot) bool {
		return sl.schema != nil && (diffHasType(sl.schema, "number") || diffHasType(sl.schema, "integer"))
	}
	arr := func(sl diffSlot) bool {
		return sl.schema != nil && diffHasType(sl.schema, "array") && sl.schema.Items != nil
	}

	add("drop", 3, filter(func(sl diffSlot) bool { return sl.required && sl.present }), func(diffSlot) (any, bool, bool) {
		return nil, false, true
	})
	add("null", 4, filter(func(sl diffSlot) bool { return !sl.property || sl.schema != nil }), func(diffSlot) (any, bool, bool) {
		return nil, true, true
	})
	add("type", 3, filter(func(sl diffSlot) bool { return sl.schema != nil && sl.schema.Type != nil }), func(sl diffSlot) (any, bool, bool) {
		v, ok := diffWrongType(sl.schema)
		return v, true, ok
	})
	add("unknown", 3, objects, func(sl diffSlot) (any, bool, bool) {
		obj, _ := diffLookup(full, sl.path).(map[string]any)
		if obj == nil {
			return nil, false, false
		}
		m := diffClone(obj).(map[string]any)
		m["oasgen_unknown_property"] = "x"
		return m, true, true
	})
	add("minimum", 2, filter(func(sl diffSlot) bool { return num(sl) && sl.schema.Min != nil }), func(sl diffSlot) (any, bool, bool) {
		m := *sl.schema.Min
		if diffExclusive(sl.schema.ExclusiveMin) {
			return m, true, true
		}
		if diffHasType(sl.schema, "integer") {
			return m - 1, true, true
		}
		return m - 0.5, true, true
	})
	add("maximum", 2, filter(func(sl diffSlot) bool { return num(sl) && sl.schema.Max != nil }), func(sl diffSlot) (any, bool, bool) {
		m := *sl.schema.Max
		if diffExclusive(sl.schema.ExclusiveMax) {
			return m, true, true
		}
		if diffHasType(sl.schema, "integer") {
			return m + 1, true, true
		}
		return m + 0.5, true, true
	})
	add("multipleOf", 2, filter(func(sl diffSlot) bool { return num(sl) && sl.schema.MultipleOf != nil && *sl.schema.MultipleOf > 0 }), func(sl diffSlot) (any, bool, bool) {
		m := *sl.schema.MultipleOf
		if diffHasType(sl.schema, "integer") && m == math.Trunc(m) && m > 1 {
			return m + 1, true, true
		}
		return m * 1.5, true, true
	})
	add("minLength", 2, filter(func(sl diffSlot) bool { return str(sl) && sl.schema.MinLength > 0 }), func(sl diffSlot) (any, bool, bool) {
		return strings.Repeat("a", int(sl.schema.MinLength)-1), true, true
	})
	add("maxLength", 2, filter(func(sl diffSlot) bool { return str(sl) && sl.schema.MaxLength != nil }), func(sl diffSlot) (any, bool, bool) {
		return strings.Repeat("a", int(*sl.schema.MaxLength)+1), true, true
	})
	add("enum", 3, filter(func(sl diffSlot) bool { return sl.schema != nil && len(sl.schema.Enum) > 0 }), func(sl diffSlot) (any, bool, bool) {
		if diffHasType(sl.schema, "string") {
			return "oasgen-not-in-enum", true, true
		}
		if num(sl) {
			hi := 0.0
			for _, e := range sl.schema.Enum {
				if f, ok := e.(float64); ok && f > hi {
					hi = f
				}
			}
			return hi + 1000, true, true
		}
		return nil, false, false
	})
	add("pattern", 2, filter(func(sl diffSlot) bool { return str(sl) && sl.schema.Pattern != "" }), func(sl diffSlot) (any, bool, bool) {
		v, ok := diffNotMatching(sl.schema.Pattern)
		return v, true, ok
	})
	add("format", 3, filter(func(sl diffSlot) bool { return str(sl) && diffInvalidFormat[sl.schema.Format] != "" }), func(sl diffSlot) (any, bool, bool) {
		return diffInvalidFormat[sl.schema.Format], true, true
	})
	add("format", 2, filter(func(sl diffSlot) bool {
		return sl.schema != nil && diffHasType(sl.schema, "integer") && (sl.schema.Format == "int32" || sl.schema.Format == "int64")
	}), func(sl diffSlot) (any, bool, bool) {
		if sl.schema.Format == "int32" {
			return float64(math.MaxInt32) + 1, true, true
		}
		return 1e20, true, true
	})
	add("minItems", 2, filter(func(sl diffSlot) bool { return arr(sl) && sl.schema.MinItems > 0 }), func(sl diffSlot) (any, bool, bool) {
		return diffRepeat(b, sl.schema, int(sl.schema.MinItems)-1)
	})
	add("maxItems", 2, filter(func(sl diffSlot) bool { return arr(sl) && sl.schema.MaxItems != nil }), func(sl diffSlot) (any, bool, bool) {
		return diffRepeat(b, sl.schema, int(*sl.schema.MaxItems)+1)
	})
	add("uniqueItems", 2, filter(func(sl diffSlot) bool { return arr(sl) && sl.schema.UniqueItems }), func(sl diffSlot) (any, bool, bool) {
		return diffRepeat(b, sl.schema, max(2, int(sl.schema.MinItems)))
	})
	return out
}

// diffUntyped reports whether s says nothing about a value's type: no
// type, no enum, no combinator.
func diffUntyped(s *openapi3.Schema) bool {
	return s.Type == nil && len(s.Enum) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.AllOf) == 0 && s.Not == nil
}

// diffSiblingNullable reports whether nullable: true was written next to the
// $ref: kin-openapi keeps such keys (and ignores them in OAS 3.0) and writes
// them back when marshalling.
func diffSiblingNullable(r *openapi3.SchemaRef) bool {
	data, err := json.Marshal(r)
	if err != nil {
		return false
	}
	var m map[string]any
	return json.Unmarshal(data, &m) == nil && m["nullable"] == true
}

// diffSpread picks up to n candidates: the first, the last and ones between.
func diffSpread(c []diffSlot, n int) []diffSlot {
	if len(c) <= n {
		return c
	}
	var out []diffSlot
	for i := 0; i < n; i++ {
		out = append(out, c[i*(len(c)-1)/(n-1)])
	}
	return out
}

func diffRepeat(b *diffBuilder, s *openapi3.Schema, n int) (any, bool, bool) {
	item, ok := b.value(s.Items.Value, 3, false)
	if !ok {
		return nil, false, false
	}
	list := make([]any, n)
	for i := range list {
		list[i] = diffClone(item)
	}
	return list, true, true
}

func diffExclusive(b openapi3.ExclusiveBound) bool { return b.Bool != nil && *b.Bool }

func diffHasType(s *openapi3.Schema, t string) bool { return s.Type != nil && s.Type.Includes(t) }

// diffWrongType returns a value whose JSON type the schema's type does not allow.
func diffWrongType(s *openapi3.Schema) (any, bool) {
	for _, c := range []struct {
		t string
		v any
	}{{"string", "wrong type"}, {"integer", 12345.0}, {"boolean", true}, {"object", map[string]any{}}, {"array", []any{}}} {
		allowed := diffHasType(s, c.t) || c.t == "integer" && diffHasType(s, "number")
		if !allowed {
			return c.v, true
		}
	}
	return nil, false
}

// diffNotMatching finds a string the pattern does not match.
func diffNotMatching(pattern string) (string, bool) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return "", false
	}
	for _, s := range []string{"", " ", "!!", "a b", "0", "a", "Z", "-", "zz_oasgen_no_match!!"} {
		if !re.MatchString(s) {
			return s, true
		}
	}
	return "", false
}

// diffWalk lists the places of v (an instance of s at path) where mutations go.
func diffWalk(s *openapi3.Schema, v any, path []string, slots, objects *[]diffSlot, depth int) {
	if depth == 0 {
		*slots = append(*slots, diffSlot{path: path, schema: s})
	}
	if depth > 3 || s == nil {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		*objects = append(*objects, diffSlot{path: path, schema: s})
		sh := diffShapeOf(s)
		for _, name := range sh.order {
			p := sh.props[name]
			child := append(slices.Clone(path), name)
			val, present := x[name]
			*slots = append(*slots, diffSlot{path: child, schema: p.Value, ref: p, required: slices.Contains(sh.required, name), present: present, property: true})
			if present {
				diffWalk(p.Value, val, child, slots, objects, depth+1)
			}
		}
		if val, ok := x[diffExtraProperty]; ok && sh.additional != nil {
			child := append(slices.Clone(path), diffExtraProperty)
			*slots = append(*slots, diffSlot{path: child, schema: sh.additional.Value, ref: sh.additional, present: true, item: true})
			diffWalk(sh.additional.Value, val, child, slots, objects, depth+1)
		}
	case []any:
		if s.Items != nil && s.Items.Value != nil && len(x) > 0 {
			child := append(slices.Clone(path), "0")
			*slots = append(*slots, diffSlot{path: child, schema: s.Items.Value, ref: s.Items, present: true, item: true})
			diffWalk(s.Items.Value, x[0], child, slots, objects, depth+1)
		}
	}
}

// diffShape is an object schema's properties with those of its allOf
// members and of the oneOf/anyOf variant the builder picks.
type diffShape struct {
	order      []string
	props      map[string]*openapi3.SchemaRef
	required   []string
	additional *openapi3.SchemaRef
}

// diffExtraProperty is the additional property full instances get.
const diffExtraProperty = "oasgen_extra"

func diffShapeOf(s *openapi3.Schema) diffShape {
	sh := diffShape{props: map[string]*openapi3.SchemaRef{}}
	var visit func(s *openapi3.Schema, depth int)
	visit = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 8 {
			return
		}
		for _, name := range diffSortedKeys(s.Properties) {
			if p := s.Properties[name]; p != nil && p.Value != nil {
				if _, ok := sh.props[name]; !ok {
					sh.order = append(sh.order, name)
					sh.props[name] = p
				}
			}
		}
		for _, r := range s.Required {
			if !slices.Contains(sh.required, r) {
				sh.required = append(sh.required, r)
			}
		}
		if a := s.AdditionalProperties.Schema; a != nil && a.Value != nil && sh.additional == nil {
			sh.additional = a
		}
		for _, m := range s.AllOf {
			visit(m.Value, depth+1)
		}
		if v := diffVariant(s); v != nil {
			visit(v, depth+1)
		}
	}
	visit(s, 0)
	return sh
}

// diffVariant is the oneOf/anyOf branch instances are built from: the first.
func diffVariant(s *openapi3.Schema) *openapi3.Schema {
	for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		if len(list) > 0 && list[0] != nil {
			return list[0].Value
		}
	}
	return nil
}

// discriminatorValue is the value naming the first oneOf/anyOf variant.
func discriminatorValue(s *openapi3.Schema) (string, string, bool) {
	d := s.Discriminator
	if d == nil {
		return "", "", false
	}
	list := s.OneOf
	if len(list) == 0 {
		list = s.AnyOf
	}
	if len(list) == 0 {
		return "", "", false
	}
	ref := list[0].Ref
	for _, key := range diffSortedKeys(d.Mapping) {
		if d.Mapping[key].Ref == ref {
			return d.PropertyName, key, true
		}
	}
	name := ref[strings.LastIndexAny(ref, "/")+1:]
	return d.PropertyName, strings.TrimSuffix(name, ".yaml"), ref != ""
}

// diffBuilder makes instances that should satisfy a schema.
type diffBuilder struct{}

const diffMaxDepth = 10

// value builds an instance of s. full adds the optional properties of the
// top two levels, an item to arrays and an additional property to maps.
func (b *diffBuilder) value(s *openapi3.Schema, depth int, full bool) (any, bool) {
	if s == nil {
		return "x", true
	}
	if depth > diffMaxDepth {
		return nil, s.Nullable
	}
	for _, e := range s.Enum {
		if e != nil {
			return diffClone(e), true
		}
	}
	if len(s.Enum) > 0 {
		return nil, true
	}
	switch {
	case diffHasType(s, "object") || s.Type == nil && (len(s.Properties) > 0 || len(s.AllOf) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || s.AdditionalProperties.Schema != nil):
		if !diffHasType(s, "object") && len(s.Properties) == 0 && len(s.AllOf) == 0 && s.AdditionalProperties.Schema == nil {
			v, ok := b.value(diffVariant(s), depth+1, full) // a union
			if m, isObj := v.(map[string]any); ok && isObj {
				if prop, value, has := discriminatorValue(s); has {
					m[prop] = value
				}
			}
			return v, ok
		}
		return b.object(s, depth, full)
	case diffHasType(s, "array"):
		n := int(s.MinItems)
		if full && n == 0 {
			n = 1
		}
		list := []any{}
		for i := 0; i < n; i++ {
			var item any = "x"
			if s.Items != nil {
				v, ok := b.value(s.Items.Value, depth+1, false)
				if !ok {
					return nil, false
				}
				item = v
			}
			if s.UniqueItems && i > 0 {
				return nil, false
			}
			list = append(list, item)
		}
		return list, true
	case diffHasType(s, "string"):
		return diffString(s), true
	case diffHasType(s, "integer"), diffHasType(s, "number"):
		return diffNumber(s), true
	case diffHasType(s, "boolean"):
		return false, true
	}
	return "x", true // untyped
}

func (b *diffBuilder) object(s *openapi3.Schema, depth int, full bool) (any, bool) {
	sh := diffShapeOf(s)
	obj := map[string]any{}
	for _, name := range sh.order {
		required := slices.Contains(sh.required, name)
		if !required && !(full && depth <= 1) {
			continue
		}
		v, ok := b.value(sh.props[name].Value, depth+1, full && depth < 1)
		if !ok {
			if required {
				return nil, false
			}
			continue
		}
		obj[name] = v
	}
	for _, name := range sh.required {
		if _, ok := obj[name]; !ok {
			obj[name] = "x" // required but not declared
		}
	}
	if full && depth <= 1 && sh.additional != nil {
		if v, ok := b.value(sh.additional.Value, depth+1, false); ok {
			obj[diffExtraProperty] = v
		}
	}
	var discs []*openapi3.Schema
	for t := s; t != nil; t = diffVariant(t) {
		discs = append(discs, t)
		if len(discs) > 8 {
			break
		}
	}
	for _, t := range discs {
		if prop, value, ok := discriminatorValue(t); ok {
			obj[prop] = value
		}
	}
	return obj, true
}

func diffString(s *openapi3.Schema) string {
	if v, ok := diffValidFormat[s.Format]; ok && s.Pattern == "" {
		return v
	}
	if s.Pattern != "" {
		if ex, ok := s.Example.(string); ok {
			if re, err := regexp.Compile(s.Pattern); err == nil && re.MatchString(ex) {
				return ex
			}
		}
		if v, ok := diffSample(s.Pattern); ok {
			return v
		}
	}
	v := "x"
	if n := int(s.MinLength); n > len(v) {
		v = strings.Repeat("x", n)
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

func diffNumber(s *openapi3.Schema) float64 {
	v := 1.0
	if s.Min != nil {
		v = *s.Min
		if diffExclusive(s.ExclusiveMin) {
			v++
		}
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
		if diffExclusive(s.ExclusiveMax) {
			v--
		}
	}
	if m := s.MultipleOf; m != nil && *m > 0 {
		v = math.Ceil(v / *m) * *m
	}
	return v
}

// diffSample builds a short string the pattern matches.
func diffSample(pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if !diffSampleRegexp(&b, re.Simplify()) {
		return "", false
	}
	if m, err := regexp.Compile(pattern); err != nil || !m.MatchString(b.String()) {
		return "", false
	}
	return b.String(), true
}

func diffSampleRegexp(b *strings.Builder, re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		r := re.Rune[0]
		for _, want := range "a0A" {
			for i := 0; i+1 < len(re.Rune); i += 2 {
				if re.Rune[i] <= want && want <= re.Rune[i+1] {
					r = want
					goto found
				}
			}
		}
	found:
		b.WriteRune(r)
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture, syntax.OpPlus:
		return diffSampleRegexp(b, re.Sub[0])
	case syntax.OpRepeat:
		for i := 0; i < re.Min; i++ {
			if !diffSampleRegexp(b, re.Sub[0]) {
				return false
			}
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !diffSampleRegexp(b, sub) {
				return false
			}
		}
	case syntax.OpAlternate:
		return diffSampleRegexp(b, re.Sub[0])
	}
	return true // empty-width ops, star and quest add nothing
}

// diffClone deep-copies a decoded JSON value.
func diffClone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = diffClone(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = diffClone(e)
		}
		return l
	}
	return v
}

func diffLookup(v any, path []string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			var i int
			fmt.Sscan(p, &i)
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// diffMutated returns a copy of root with the value at path set to v, or
// deleted when set is false.
func diffMutated(root any, path []string, v any, set bool) any {
	if len(path) == 0 {
		return v
	}
	out := diffClone(root)
	parent := diffLookup(out, path[:len(path)-1])
	last := path[len(path)-1]
	switch x := parent.(type) {
	case map[string]any:
		if set {
			x[last] = v
		} else {
			delete(x, last)
		}
	case []any:
		var i int
		fmt.Sscan(last, &i)
		x[i] = v
	}
	return out
}
